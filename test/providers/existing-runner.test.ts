// The existing provider through the real runner, on the local cluster used as somebody's
// "existing" one: refused unless named, and when named it runs a real scenario, leaves every
// namespace that was there before and none of its own. Outputs go to a scratch directory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { ownedNamespaceLabels, RUN_LABEL } from "../../engine/kube/labels.ts";
import { assertReachable, cleanEnv, namespaceNames, realCluster, type RealCluster } from "./support.ts";
import { runnerPath, runScenarios, scratchDir, waitRunNamespacesGone } from "./runner.ts";

const RUN_SCENARIO = "kubectl run with image, port and pull policy";

function core(c: RealCluster): { kc: KubeConfig; core: CoreV1Api } {
  const kc = new KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  kc.setCurrentContext(c.context);
  return { kc, core: kc.makeApiClient(CoreV1Api) };
}

async function runNamespaces(c: RealCluster, runId: string): Promise<string[]> {
  const list = await core(c).core.listNamespace({ labelSelector: `${RUN_LABEL}=${runId}` });
  return list.items.map((n) => n.metadata?.name ?? "");
}

test("runner refuses an existing kubeconfig unless --provider existing is named; nothing starts", async (t) => {
  const real = realCluster();
  await assertReachable(real);
  const dir = scratchDir("kubecuke-existing-refuse-");
  const id = `existing-refuse-${randomBytes(3).toString("hex")}`;
  const runDir = path.join(dir, "run");
  const common = ["--run-id", id, "--run-dir", runDir, "features/kubectl-run.feature"];
  const cases = [
    { source: "command line --existing-kubeconfig and command line --existing-context are", args: ["--existing-kubeconfig", real.kubeconfig, "--existing-context", real.context, ...common], env: {} },
    { source: "KUBECUKE_EXISTING_KUBECONFIG and KUBECUKE_EXISTING_CONTEXT are", args: common, env: { KUBECUKE_EXISTING_KUBECONFIG: real.kubeconfig, KUBECUKE_EXISTING_CONTEXT: real.context } },
    // the runner's own variable, documented as an alias: refused the same way (issue 9)
    { source: "KUBECUKE_KUBECONFIG is", args: common, env: { KUBECUKE_KUBECONFIG: real.kubeconfig } },
  ];
  for (const c of cases) {
    const run = await runScenarios(c.args, cleanEnv({ PATH: runnerPath(), ...c.env }), path.join(dir, "reports"));
    t.diagnostic(`${c.source}: refused in ${run.seconds.toFixed(1)} s`);
    assert.notEqual(run.exitCode, 0, run.output);
    assert.ok(
      run.output.includes(
        `${c.source} set but no provider is named: the harness uses an existing cluster only when told to. Set KUBECUKE_PROVIDER=existing (or --provider existing) to use ${real.kubeconfig}`,
      ),
      run.output,
    );
    assert.doesNotMatch(run.output, /Using existing cluster|cluster ready in/, "no provider was started");
    assert.deepEqual(run.scenarios, [], "no scenario ran");
  }
  assert.ok(!existsSync(runDir), "no run directory (no kubeconfig copy) was made");
  assert.deepEqual(await runNamespaces(real, id), []);
});

test("runner --provider existing: a real scenario; every namespace from before remains, none of the run's", async (t) => {
  const real = realCluster();
  await assertReachable(real);
  const { kc, core: api } = core(real);
  const dir = scratchDir("kubecuke-existing-runner-");
  const id = `existing-runner-${randomBytes(3).toString("hex")}`;
  const runDir = path.join(dir, "run");
  // Another run's namespace (harness labels, other run id): the run's down must leave it.
  const bystander = `kc-bystander-${randomBytes(3).toString("hex")}`;
  await api.createNamespace({ body: { metadata: { name: bystander, labels: ownedNamespaceLabels(`other-${id}`) } } });
  try {
    // Other runs' scenario namespaces come and go on a shared cluster: compare the stable ones.
    const before = await namespaceNames(real, true);
    before.add(bystander);

    const run = await runScenarios(
      ["--provider", "existing", "--existing-kubeconfig", real.kubeconfig, "--existing-context", real.context, "--run-id", id, "--run-dir", runDir, "features/kubectl-run.feature"],
      cleanEnv({ PATH: runnerPath() }),
      path.join(dir, "reports"),
    );
    t.diagnostic(`runner wall time ${run.seconds.toFixed(1)} s`);
    assert.equal(run.exitCode, 0, run.output);
    assert.deepEqual(run.scenarios.map((s) => [s.name, s.status]), [[RUN_SCENARIO, "PASSED"]], run.output);
    // The dry check names the cluster before anything runs.
    const server = kc.getCurrentCluster()?.server;
    const check = run.output.indexOf(`Using existing cluster ${server} (context ${real.context}, kubeconfig ${real.kubeconfig})`);
    assert.ok(check >= 0 && check < run.output.indexOf("cluster ready in"), run.output);

    const after = await namespaceNames(real);
    const missing = [...before].filter((n) => !after.has(n));
    assert.deepEqual(missing, [], "every namespace that existed before still exists");
    const ns = run.scenarios[0]?.namespace ?? "";
    assert.match(ns, /^kc-/, "the scenario reported its namespace");
    // the run emptied its namespace and left the rest to Kubernetes (its fixed 5 s, then removal)
    assert.doesNotMatch(run.output, /LEFT IN THE CLUSTER/);
    await waitRunNamespacesGone(real, id, 60_000);
    assert.ok(!(await namespaceNames(real)).has(ns), `the scenario's namespace ${ns} is gone`);
    assert.deepEqual(await runNamespaces(real, id), [], "no namespace labelled with the run is left");
    assert.ok(!existsSync(path.join(runDir, "kubeconfig")), "the run's kubeconfig copy (credentials) is removed");
  } finally {
    await api.deleteNamespace({ name: bystander }).catch(() => undefined);
  }
});
