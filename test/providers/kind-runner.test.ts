// The kind provider through the real runner (`npm run scenarios -- --provider kind ...`): the
// stand-in `kind` (test/providers/fake-kind) is first on PATH, records every call and serves
// the local cluster as kind-<name>; cucumber runs real scenarios on it through the kubeconfig
// the provider wrote. Outputs go to a scratch directory, never over the user's reports/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { execa } from "execa";
import { buildScenarioImages } from "../../engine/images/build.ts";
import { writeExampleTeamImage } from "../../engine/images/write-archive.ts";
import { cacheDir } from "./runner.ts";
import { assertReachable, cleanEnv, realCluster, type RealCluster } from "./support.ts";
import { repoRoot, runnerPath, runScenarios, scratchDir, waitRunNamespacesGone, type RunnerRun } from "./runner.ts";

const FAKE_KIND_DIR = path.join(repoRoot, "test", "providers", "fake-kind");
const POD_SCENARIO = "kubectl get pods --show-labels shows app=go";
const RUN_SCENARIO = "kubectl run with image, port and pull policy";

interface Call { argv: string[]; KUBECONFIG: string | null; HOME: string | null; at: number }

/** Stand-in kind state, its call log and a HOME whose ~/.kube/config must stay absent. */
function standIn(dir: string, real: RealCluster) {
  const logFile = path.join(dir, "kind-calls.jsonl");
  const home = path.join(dir, "home");
  const env = cleanEnv({
    PATH: runnerPath(FAKE_KIND_DIR),
    HOME: home,
    FAKE_KIND_LOG: logFile,
    FAKE_KIND_STATE: path.join(dir, "kind-state"),
    FAKE_KIND_SOURCE_KUBECONFIG: real.kubeconfig,
    FAKE_KIND_SOURCE_CONTEXT: real.context,
  });
  const calls = (): Call[] => (existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call) : []);
  return { env, home, calls };
}

function runId(): string {
  return `kind-runner-${randomBytes(3).toString("hex")}`;
}

/** The scenario's namespace was deleted by its own cleanup: gone, or terminating. */
async function assertDeletedByScenario(real: RealCluster, run: RunnerRun): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(real.kubeconfig);
  kc.setCurrentContext(real.context);
  const core = kc.makeApiClient(CoreV1Api);
  for (const s of run.scenarios) {
    assert.ok(s.namespace, `scenario "${s.name}" reported its namespace`);
    const ns = await core.readNamespace({ name: s.namespace }).catch(() => undefined);
    assert.ok(!ns || ns.metadata?.deletionTimestamp, `namespace ${s.namespace} must be deleted at the end of its scenario, last saw ${ns?.status?.phase}`);
  }
}

/** mtime of the user's own last-run outputs: a test run must leave them alone. */
function mainReportStamps(): string {
  return ["junit.xml", "messages.ndjson", "cucumber.html", "allure-report/index.html"]
    .map((f) => path.join(repoRoot, "reports", f))
    .map((f) => `${f}:${existsSync(f) ? statSync(f).mtimeMs : "absent"}`)
    .join("\n");
}

test("runner --provider kind: create, load every scenario image (not our pause image), a real scenario, delete, nothing left", async (t) => {
  const real = realCluster();
  await assertReachable(real);
  const dir = scratchDir("kubecuke-kind-runner-");
  const kind = standIn(dir, real);
  const id = runId();
  const runDir = path.join(dir, "run");
  const kubeconfig = path.join(runDir, "kubeconfig");
  const name = `kubecuke-${id}`;
  // Cached by input hash: the runner gets the same archives back.
  const images = await buildScenarioImages(repoRoot, cacheDir());
  const teamImage = await writeExampleTeamImage(cacheDir());
  const stamps = mainReportStamps();

  const run = await runScenarios(
    ["--provider", "kind", "--run-id", id, "--run-dir", runDir, "features/standalone-pod.feature", "--name", `^${POD_SCENARIO}$`],
    kind.env,
    path.join(dir, "reports"),
  );
  t.diagnostic(`runner wall time ${run.seconds.toFixed(1)} s`);
  assert.equal(run.exitCode, 0, run.output);
  assert.deepEqual(run.scenarios.map((s) => [s.name, s.status]), [[POD_SCENARIO, "PASSED"]], run.output);

  const calls = kind.calls();
  for (const c of calls) t.diagnostic(`kind ${c.argv.join(" ")}`);
  assert.deepEqual(calls.map((c) => c.argv.join(" ")), [
    "get clusters",
    `create cluster --name ${name} --wait 120s --kubeconfig ${kubeconfig}`,
    ...images.map((i) => `load image-archive ${i.archive} --name ${name}`),
    // kubecuke's own repository loads its example team image (features/team-image.feature) as a team's run loads KUBECUKE_IMAGES
    `load image-archive ${teamImage} --name ${name}`,
    `delete cluster --name ${name} --kubeconfig ${kubeconfig}`,
  ]);
  assert.ok(calls.every((c) => !c.argv.join(" ").includes("pause")), "the node keeps its own pause image");
  // The scenario ran on the cluster after its images were loaded and before it was deleted.
  const started = run.scenarios[0]?.startedAt ?? 0;
  assert.ok((calls.at(-2)?.at ?? Infinity) < started && started < (calls.at(-1)?.at ?? 0), "load image-archive → scenario → delete cluster");
  assert.ok(calls.every((c) => c.KUBECONFIG === kubeconfig && c.HOME === kind.home), `every kind call sees KUBECONFIG=${kubeconfig}`);
  assert.ok(!existsSync(path.join(kind.home, ".kube", "config")), "~/.kube/config is never written");
  assert.ok(!existsSync(kubeconfig), "the run's kubeconfig (a client key) goes with the cluster");
  assert.equal((await execa("kind", ["get", "clusters"], { env: kind.env, extendEnv: false })).stderr, "No kind clusters found.");
  assert.match(run.output, new RegExp(`kind cluster ${name} deleted in`));

  await assertDeletedByScenario(real, run);
  t.diagnostic(`run's namespaces gone ${await waitRunNamespacesGone(real, id, 120_000)} ms after the runner exited`);
  assert.equal(mainReportStamps(), stamps, "reports/ of the user's last run is untouched");
});

test("runner --provider kind --reuse: an existing cluster is used, no create, no delete", async (t) => {
  const real = realCluster();
  await assertReachable(real);
  const dir = scratchDir("kubecuke-kind-reuse-");
  const kind = standIn(dir, real);
  const id = runId();
  const runDir = path.join(dir, "run");
  // A cluster kept by an earlier run (or made by hand) under the reuse name.
  await execa("kind", ["create", "cluster", "--name", "kubecuke", "--kubeconfig", path.join(dir, "earlier-kubeconfig")], { env: kind.env, extendEnv: false });
  const before = kind.calls().length;
  const images = await buildScenarioImages(repoRoot, cacheDir());
  const teamImage = await writeExampleTeamImage(cacheDir());

  const run = await runScenarios(["--provider", "kind", "--reuse", "--run-id", id, "--run-dir", runDir, "features/kubectl-run.feature"], kind.env, path.join(dir, "reports"));
  t.diagnostic(`runner wall time ${run.seconds.toFixed(1)} s`);
  assert.equal(run.exitCode, 0, run.output);
  assert.deepEqual(run.scenarios.map((s) => [s.name, s.status]), [[RUN_SCENARIO, "PASSED"]], run.output);

  const calls = kind.calls().slice(before);
  for (const c of calls) t.diagnostic(`kind ${c.argv.join(" ")}`);
  assert.deepEqual(calls.map((c) => c.argv.join(" ")), [
    "get clusters",
    "get kubeconfig --name kubecuke",
    ...images.map((i) => `load image-archive ${i.archive} --name kubecuke`),
    `load image-archive ${teamImage} --name kubecuke`,
  ]);
  assert.match(run.output, /Reusing kind cluster kubecuke: not created by this run, it will not be deleted/);
  assert.match(run.output, /Leaving kind cluster kubecuke running: this run did not create it/);
  assert.equal((await execa("kind", ["get", "clusters"], { env: kind.env, extendEnv: false })).stdout, "kubecuke");
  assert.ok(!existsSync(path.join(runDir, "kubeconfig")), "the run removes the kubeconfig copy it wrote (a client key)");
  assert.ok(!existsSync(path.join(kind.home, ".kube", "config")), "~/.kube/config is never written");

  await assertDeletedByScenario(real, run);
  t.diagnostic(`run's namespaces gone ${await waitRunNamespacesGone(real, id, 120_000)} ms after the runner exited`);
});
