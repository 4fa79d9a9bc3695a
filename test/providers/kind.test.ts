// The kind provider end to end, through a stand-in `kind` first on PATH (test/providers/fake-kind)
// that records each call and serves the real local cluster's kubeconfig as context kind-<name>.
// Scenarios run for real on that cluster through the kubeconfig the provider wrote.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { parse } from "yaml";
import { resolveProviderSettings } from "../../engine/settings/provider.ts";
import { providerFor } from "../../engine/cluster/registry.ts";
import { canLoadImages } from "../../engine/cluster/provider.ts";
import { buildScenarioImages } from "../../engine/images/build.ts";
import { assertReachable, cleanEnv, realCluster, runPodScenario } from "./support.ts";
import { inheritedEnv } from "../../engine/settings/env.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const FAKE_KIND_DIR = path.join(here, "fake-kind");

interface Recorded { argv: string[]; KUBECONFIG: string | null; HOME: string | null }

/** A sandbox per test: fake kind state, call log, a HOME whose ~/.kube/config must stay absent. */
function sandbox(extraEnv: NodeJS.ProcessEnv) {
  const real = realCluster();
  const dir = mkdtempSync(path.join(tmpdir(), "kubecuke-kind-test-"));
  // Kubeconfigs in here carry the real cluster's admin key: nothing is left behind.
  after(() => rmSync(dir, { recursive: true, force: true }));
  const logFile = path.join(dir, "kind-calls.jsonl");
  const home = path.join(dir, "home");
  const env = cleanEnv({
    PATH: `${FAKE_KIND_DIR}${path.delimiter}${inheritedEnv().PATH ?? ""}`,
    HOME: home,
    FAKE_KIND_LOG: logFile,
    FAKE_KIND_STATE: path.join(dir, "kind-state"),
    FAKE_KIND_SOURCE_KUBECONFIG: real.kubeconfig,
    FAKE_KIND_SOURCE_CONTEXT: real.context,
    ...extraEnv,
  });
  const calls = (): Recorded[] =>
    existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Recorded) : [];
  const lines: string[] = [];
  return { real, dir, env, calls, home, lines, log: (l: string) => lines.push(l) };
}

test("kind lifecycle: create, kubeconfig in the run dir, load images, a real scenario, delete", async (t) => {
  const sb = sandbox({ KUBECUKE_PROVIDER: "kind" });
  await assertReachable(sb.real);
  const settings = resolveProviderSettings({ env: sb.env, cwd: repoRoot, argv: ["--run-dir", path.join(sb.dir, "run")] });
  const { provider, choice } = await providerFor(settings, { env: sb.env, log: sb.log });
  assert.equal(choice.reason, "kind: set by KUBECUKE_PROVIDER");
  const name = settings.clusterName;
  const kubeconfig = path.join(settings.runDir, "kubeconfig");

  let t0 = Date.now();
  const handle = await provider.up({ log: sb.log });
  t.diagnostic(`up (get clusters + create) ${Date.now() - t0} ms`);
  assert.deepEqual(handle, { provider: "kind", name, kubeconfigPath: kubeconfig, context: `kind-${name}`, dir: settings.runDir, owned: true });
  const written = parse(readFileSync(kubeconfig, "utf8")) as { contexts: Array<{ name: string }> };
  assert.deepEqual(written.contexts.map((c) => c.name), [`kind-${name}`]);

  assert.ok(canLoadImages(provider), "kind can load images");
  const images = await buildScenarioImages(repoRoot, settings.cacheDir, sb.log);
  t0 = Date.now();
  await provider.loadImages(images.map((i) => i.archive), { log: sb.log });
  t.diagnostic(`loadImages (${images.length} archives) ${Date.now() - t0} ms`);

  const scenario = await runPodScenario(handle.kubeconfigPath, handle.context, settings.runId, false);
  t.diagnostic(`scenario through ${handle.context}: namespace ${scenario.namespace}, Pod Running in ${scenario.seconds.toFixed(1)} s`);

  assert.equal((await provider.status()).running, true);
  t0 = Date.now();
  await provider.down({ log: sb.log });
  t.diagnostic(`down (delete) ${Date.now() - t0} ms`);
  assert.equal((await provider.status()).running, false);

  const calls = sb.calls();
  assert.deepEqual(calls.map((c) => c.argv.join(" ")), [
    "get clusters",
    `create cluster --name ${name} --wait 120s --kubeconfig ${kubeconfig}`,
    ...images.map((i) => `load image-archive ${i.archive} --name ${name}`),
    "get clusters",
    `delete cluster --name ${name} --kubeconfig ${kubeconfig}`,
    "get clusters",
  ]);
  assert.ok(calls.every((c) => c.KUBECONFIG === kubeconfig), `every kind call must see KUBECONFIG=${kubeconfig}`);
  assert.ok(!existsSync(path.join(sb.home, ".kube")), "~/.kube must never be written");
  assert.ok(!existsSync(kubeconfig), "the run's kubeconfig (a client key) is removed with the cluster");
  t.diagnostic(`${calls.length} kind calls`);
});

test("reuse: a cluster kept by one run is reused by the next and deleted by neither", async (t) => {
  const sb = sandbox({ KUBECUKE_PROVIDER: "kind", KUBECUKE_REUSE: "1" });
  await assertReachable(sb.real);
  const runs: string[] = [];
  for (const run of ["first", "second"]) {
    const settings = resolveProviderSettings({ env: sb.env, cwd: repoRoot, argv: ["--run-dir", path.join(sb.dir, run)] });
    assert.equal(settings.clusterName, "kubecuke");
    const { provider } = await providerFor(settings, { env: sb.env, log: sb.log });
    const handle = await provider.up({ log: sb.log });
    assert.equal(handle.owned, run === "first", `${run} run: owned`);
    const scenario = await runPodScenario(handle.kubeconfigPath, handle.context, settings.runId, false);
    t.diagnostic(`${run} run: Pod Running in ${scenario.seconds.toFixed(1)} s`);
    await provider.down({ log: sb.log });
    runs.push(settings.runDir);
  }
  const [first, second] = runs.map((d) => path.join(d ?? "", "kubeconfig"));
  assert.deepEqual(sb.calls().map((c) => c.argv.join(" ")), [
    "get clusters",
    `create cluster --name kubecuke --wait 120s --kubeconfig ${first}`,
    "get clusters",
    "get kubeconfig --name kubecuke",
  ]);
  assert.ok(sb.lines.some((l) => l.startsWith("Keeping kind cluster kubecuke")), sb.lines.join("\n"));
  assert.ok(sb.lines.some((l) => l.startsWith("Leaving kind cluster kubecuke running: this run did not create it")), sb.lines.join("\n"));
  assert.ok(existsSync(first ?? ""), "the keeping run leaves its kubeconfig for the user");
  assert.ok(!existsSync(second ?? ""), "the reusing run removes its copy");
  const listed = await execa("kind", ["get", "clusters"], { env: sb.env, extendEnv: false });
  assert.equal(listed.stdout, "kubecuke");
});

test("a name someone else created is reused, never deleted, even without KUBECUKE_REUSE", async () => {
  const sb = sandbox({ KUBECUKE_PROVIDER: "kind", KUBECUKE_CLUSTER_NAME: "team-cluster" });
  await assertReachable(sb.real);
  await execa("kind", ["create", "cluster", "--name", "team-cluster", "--kubeconfig", path.join(sb.dir, "theirs")], { env: sb.env, extendEnv: false });
  const settings = resolveProviderSettings({ env: sb.env, cwd: repoRoot, argv: ["--run-dir", path.join(sb.dir, "run")] });
  const { provider } = await providerFor(settings, { env: sb.env });
  const handle = await provider.up({ log: sb.log });
  assert.equal(handle.owned, false);
  await provider.down({ log: sb.log });
  const argvs = sb.calls().map((c) => c.argv[0]);
  assert.deepEqual(argvs, ["create", "get", "get"], "ours: get clusters, get kubeconfig; no create, no delete");
});

test("npm run cluster:up / status / down by hand with --provider kind: a stable cluster that a later down deletes", async () => {
  const sb = sandbox({});
  await assertReachable(sb.real);
  // As `npm run cluster:*` runs it, from a working directory of the test's own (state goes to .kubecuke/clusters/ there).
  const tsx = import.meta.resolve("tsx");
  const cli = (...args: string[]) =>
    execa(process.execPath, ["--import", tsx, path.join(repoRoot, "scripts/cluster.ts"), ...args, "--provider", "kind"], { cwd: sb.dir, env: sb.env, extendEnv: false, reject: false, all: true });

  const up = await cli("up");
  assert.equal(up.exitCode, 0, up.all);
  const kubeconfig = path.join(sb.dir, ".kubecuke", "clusters", "kubecuke", "kubeconfig");
  assert.match(up.stdout, new RegExp(`^export KUBECONFIG=${kubeconfig}$`, "m"));
  const status = await cli("status");
  assert.equal(status.exitCode, 0, status.all);
  assert.match(status.stdout, /kind cluster kubecuke is running \(created by this run\)/);
  // a second process: the state directory tells it that cluster:up created the cluster
  const down = await cli("down");
  assert.equal(down.exitCode, 0, down.all);
  assert.deepEqual(sb.calls().filter((c) => ["create", "delete"].includes(c.argv[0] ?? "")).map((c) => c.argv.slice(0, 4).join(" ")), ["create cluster --name kubecuke", "delete cluster --name kubecuke"]);
  assert.equal(existsSync(kubeconfig), false, "the kubeconfig (a client key) goes with the cluster");
  const gone = await cli("status");
  assert.equal(gone.exitCode, 1, "status exits 1 when no cluster runs");
});
