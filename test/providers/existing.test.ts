// The existing provider against the local cluster used as somebody's "existing" one: refused
// unless named, then scenarios run on it, and afterwards every namespace that was there before
// is still there while none of the run's own remains.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { parse } from "yaml";
import { resolveProviderSettings } from "../../engine/settings/provider.ts";
import { providerFor } from "../../engine/cluster/registry.ts";
import { canLoadImages } from "../../engine/cluster/provider.ts";
import { assertOwnedNamespace } from "../../engine/cluster/existing.ts";
import { ownedNamespaceLabels, RUN_LABEL } from "../../engine/kube/labels.ts";
import { assertReachable, cleanEnv, namespaceNames, realCluster, runPodScenario, type RealCluster } from "./support.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A run directory removed after the tests: a kubeconfig copy in it carries credentials. */
function tempRunDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kubecuke-existing-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function admin(c: RealCluster): { kc: KubeConfig; core: CoreV1Api } {
  const kc = new KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  kc.setCurrentContext(c.context);
  return { kc, core: kc.makeApiClient(CoreV1Api) };
}

test("refused without the explicit choice, and with it but without a context; nothing is touched", async () => {
  const real = realCluster();
  await assertReachable(real);
  const before = await namespaceNames(real, true);
  const runDir = tempRunDir();

  const unnamed = cleanEnv({ KUBECUKE_EXISTING_KUBECONFIG: real.kubeconfig, KUBECUKE_EXISTING_CONTEXT: real.context, KUBECUKE_RUN_DIR: runDir });
  await assert.rejects(
    providerFor(resolveProviderSettings({ env: unnamed, cwd: repoRoot })),
    /^KubecukeBadInputError: KUBECUKE_EXISTING_KUBECONFIG and KUBECUKE_EXISTING_CONTEXT are set but no provider is named: the harness uses an existing cluster only when told to\. Set KUBECUKE_PROVIDER=existing/,
  );
  const noContext = cleanEnv({ KUBECUKE_PROVIDER: "existing", KUBECUKE_EXISTING_KUBECONFIG: real.kubeconfig, KUBECUKE_RUN_DIR: runDir });
  await assert.rejects(providerFor(resolveProviderSettings({ env: noContext, cwd: repoRoot })), /refusing to guess which cluster to use; set KUBECUKE_EXISTING_CONTEXT=<context name>/);
  const nothing = cleanEnv({ KUBECUKE_PROVIDER: "existing", KUBECUKE_RUN_DIR: runDir });
  await assert.rejects(providerFor(resolveProviderSettings({ env: nothing, cwd: repoRoot })), /set KUBECUKE_EXISTING_KUBECONFIG=<path> \(or --existing-kubeconfig\) and KUBECUKE_EXISTING_CONTEXT/);

  const after = await namespaceNames(real);
  for (const ns of before) assert.ok(after.has(ns), `namespace ${ns} must still exist`);
});

test("scenarios run on the existing cluster; before's namespaces all remain, the run's own are gone", async (t) => {
  const real = realCluster();
  await assertReachable(real);
  const { kc, core } = admin(real);
  const suffix = randomBytes(3).toString("hex");
  // Bystanders: another run's namespace (harness label, other run id) and a user's unlabelled one.
  const otherRun = `kc-other-run-${suffix}`;
  const users = `qa-team-${suffix}`;
  await core.createNamespace({ body: { metadata: { name: otherRun, labels: ownedNamespaceLabels(`other-${suffix}`) } } });
  await core.createNamespace({ body: { metadata: { name: users } } });
  try {
    const before = await namespaceNames(real, true);
    before.add(otherRun); // another run's namespace, ours to watch: it must survive
    const env = cleanEnv({ KUBECUKE_PROVIDER: "existing", KUBECUKE_EXISTING_KUBECONFIG: real.kubeconfig, KUBECUKE_EXISTING_CONTEXT: real.context });
    const settings = resolveProviderSettings({ env, cwd: repoRoot, argv: ["--run-dir", tempRunDir()] });
    const lines: string[] = [];
    const { provider, choice } = await providerFor(settings, { log: (l) => lines.push(l) });
    assert.equal(choice.reason, "existing: set by KUBECUKE_PROVIDER");
    assert.equal(canLoadImages(provider), false, "existing takes registry images, it loads none");

    let t0 = Date.now();
    const handle = await provider.up({ log: (l) => lines.push(l) });
    t.diagnostic(`up (dry check + kubeconfig copy) ${Date.now() - t0} ms`);
    const server = kc.getCurrentCluster()?.server;
    assert.equal(lines[1], `Using existing cluster ${server} (context ${real.context}, kubeconfig ${real.kubeconfig})`);
    assert.match(lines[2] ?? "", /^existing cluster answers: Kubernetes v1\.\d+\.\d+/);
    assert.deepEqual(
      { ...handle, kubeconfigPath: path.dirname(handle.kubeconfigPath) },
      { provider: "existing", name: real.context, kubeconfigPath: settings.runDir, context: real.context, dir: settings.runDir, owned: false },
    );
    const copy = parse(readFileSync(handle.kubeconfigPath, "utf8")) as { contexts: unknown[]; "current-context": string };
    assert.deepEqual([copy.contexts.length, copy["current-context"]], [1, real.context]);
    assert.equal(statSync(handle.kubeconfigPath).mode & 0o777, 0o600);

    // A nested runner of the same run (npm test runs scripts/scenarios.ts inside its run) leaves the copy alone.
    const nested = (await providerFor(settings, {})).provider;
    await nested.up({ log: () => {} });
    await nested.down({ log: () => {} });
    assert.ok(existsSync(handle.kubeconfigPath), "a nested runner must not remove the run's kubeconfig copy");

    const cleaned = await runPodScenario(handle.kubeconfigPath, handle.context, settings.runId, false);
    const leftover = await runPodScenario(handle.kubeconfigPath, handle.context, settings.runId, true);
    t.diagnostic(`scenarios: Pod Running in ${cleaned.seconds.toFixed(1)} s and ${leftover.seconds.toFixed(1)} s`);
    const left = await core.readNamespace({ name: leftover.namespace });
    assert.equal(left.metadata?.labels?.[RUN_LABEL], settings.runId, "scenario namespaces carry the run label");
    await assertOwnedNamespace(kc, leftover.namespace, settings.runId);

    t0 = Date.now();
    await provider.down({ log: (l) => lines.push(l) });
    t.diagnostic(`down (leftovers deleted and gone) ${Date.now() - t0} ms`);
    assert.ok(lines.includes(`deleted leftover namespace ${leftover.namespace} (run ${settings.runId})`), lines.join("\n"));

    assert.ok(!existsSync(handle.kubeconfigPath), "the run's kubeconfig copy (credentials) is removed at down");
    const after = await namespaceNames(real);
    for (const ns of before) assert.ok(after.has(ns), `namespace ${ns} existed before and must still exist`);
    for (const ns of [cleaned.namespace, leftover.namespace]) assert.ok(!after.has(ns), `the run's namespace ${ns} must be gone`);
    const mine = await core.listNamespace({ labelSelector: `${RUN_LABEL}=${settings.runId}` });
    assert.deepEqual(mine.items.map((n) => n.metadata?.name), []);
  } finally {
    for (const name of [otherRun, users]) await core.deleteNamespace({ name }).catch(() => undefined);
  }
});

test("assertOwnedNamespace refuses what is not the harness's, or not this run's", async () => {
  const real = realCluster();
  const { kc, core } = admin(real);
  await assert.rejects(assertOwnedNamespace(kc, "default"), /^KubecukeHarnessError: refusing to touch Namespace\/\/default: namespace default is not the harness's: expected label app.kubernetes.io\/managed-by=kubecuke, last saw no such label/);
  await assert.rejects(assertOwnedNamespace(kc, "kube-system", "r1"), /refusing to touch Namespace\/\/kube-system/);
  await assert.rejects(assertOwnedNamespace(kc, `absent-${randomBytes(3).toString("hex")}`), /^KubecukeInfrastructureError: assert owned Namespace\/\/absent-.*: cannot read it/);
  const name = `kc-owned-check-${randomBytes(3).toString("hex")}`;
  await core.createNamespace({ body: { metadata: { name, labels: ownedNamespaceLabels("run-a") } } });
  try {
    await assertOwnedNamespace(kc, name, "run-a");
    await assertOwnedNamespace(kc, name);
    await assert.rejects(assertOwnedNamespace(kc, name, "run-b"), /belongs to another run: expected label kubecuke.io\/run=run-b, last saw run-a/);
  } finally {
    await core.deleteNamespace({ name });
  }
});
