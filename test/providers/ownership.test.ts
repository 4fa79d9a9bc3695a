// The harness changes and deletes only what it created, checked from outside the run:
// 1. a team's objects made before the run (another namespace, cluster-scoped) survive scenarios
//    that try to overwrite them (a manifest) or delete them (a literal kubectl, which acts as the
//    scenario's own ServiceAccount), with their data and resourceVersion; one changed under
//    @allow-shared-changes is put back, and under it a literal kubectl may delete; what a
//    scenario created outside its namespace is gone, the run's ClusterRoles and Bindings too;
// 2. a snapshot of every object of every served kind (Events and Leases aside) before the whole
//    acceptance suite and after it, run with the existing provider: nothing that existed before
//    is changed or missing, and nothing of the run is left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { execa } from "execa";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_LABEL } from "../../engine/kube/labels.ts";
import { assertReachable, cleanEnv, realCluster, type RealCluster } from "./support.ts";
import { runnerPath, runScenarios, scratchDir, waitRunNamespacesGone } from "./runner.ts";

async function kubectl(c: RealCluster, args: string[], input?: string): Promise<string> {
  const r = await execa("kubectl", ["--kubeconfig", c.kubeconfig, "--context", c.context, ...args], {
    env: cleanEnv({ PATH: runnerPath() }),
    extendEnv: false,
    reject: false,
    ...(input === undefined ? {} : { input }),
  });
  if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(" ")}: exit ${r.exitCode}: ${r.stderr}`);
  return r.stdout;
}

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid: string; resourceVersion: string; labels?: Record<string, string>; managedFields?: Array<{ manager?: string }> };
  data?: Record<string, string>;
}

async function getJson(c: RealCluster, args: string[]): Promise<Obj> {
  return JSON.parse(await kubectl(c, [...args, "-o", "json", "--show-managed-fields"])) as Obj;
}

function runnerArgs(c: RealCluster, runId: string, runDir: string, features: string[]): string[] {
  return ["--provider", "existing", "--existing-kubeconfig", c.kubeconfig, "--existing-context", c.context, "--run-id", runId, "--run-dir", runDir, ...features];
}

const TEAM_OBJECTS = `apiVersion: v1
kind: ConfigMap
metadata: {name: kubecuke-test-precious, namespace: kube-system}
data: {owner: team-a}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: kubecuke-test-precious}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kubecuke-test-shared, namespace: kube-public}
data: {mode: production}
---
apiVersion: v1
kind: Namespace
metadata: {name: kubecuke-test-team-prod}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: team-settings, namespace: kubecuke-test-team-prod}
data: {owner: team-a}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kubecuke-test-deletable, namespace: kube-system}
data: {owner: team-a}
---
apiVersion: v1
kind: Namespace
metadata: {name: kubecuke-test-team-gone}
`;

test("a team's objects survive the run unchanged, literal kubectl deletes included; @allow-shared-changes restores, and lets a literal kubectl delete; created objects are gone", async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const dir = scratchDir("kubecuke-ownership-");
  const id = `ownership-${randomBytes(3).toString("hex")}`;
  await kubectl(c, ["apply", "-f", "-"], TEAM_OBJECTS);
  try {
    const cmBefore = await getJson(c, ["get", "configmap", "kubecuke-test-precious", "-n", "kube-system"]);
    const roleBefore = await getJson(c, ["get", "clusterrole", "kubecuke-test-precious"]);
    const teamNsBefore = await getJson(c, ["get", "namespace", "kubecuke-test-team-prod"]);
    const teamCmBefore = await getJson(c, ["get", "configmap", "team-settings", "-n", "kubecuke-test-team-prod"]);

    const run = await runScenarios(runnerArgs(c, id, path.join(dir, "run"), ["test/providers/features/preexisting.feature"]), cleanEnv({ PATH: runnerPath() }), path.join(dir, "reports"));
    t.diagnostic(`runner wall time ${run.seconds.toFixed(1)} s`);
    assert.equal(run.exitCode, 0, run.output);
    assert.equal(run.scenarios.length, 6, run.output);
    assert.ok(run.scenarios.every((s) => s.status === "PASSED"), run.output);

    const cmAfter = await getJson(c, ["get", "configmap", "kubecuke-test-precious", "-n", "kube-system"]);
    assert.equal(cmAfter.metadata.uid, cmBefore.metadata.uid, "the same ConfigMap, not a re-created one");
    assert.equal(cmAfter.metadata.resourceVersion, cmBefore.metadata.resourceVersion, "the ConfigMap was not written to");
    assert.deepEqual(cmAfter.data, { owner: "team-a" });
    const roleAfter = await getJson(c, ["get", "clusterrole", "kubecuke-test-precious"]);
    assert.equal(roleAfter.metadata.uid, roleBefore.metadata.uid);
    assert.equal(roleAfter.metadata.resourceVersion, roleBefore.metadata.resourceVersion, "the ClusterRole was not written to");

    // the literal deletes without the opt-in were refused: the namespace and its ConfigMap are untouched
    const teamNsAfter = await getJson(c, ["get", "namespace", "kubecuke-test-team-prod"]);
    assert.equal(teamNsAfter.metadata.uid, teamNsBefore.metadata.uid, "the team's namespace was not deleted");
    assert.equal((teamNsAfter as Obj & { status?: { phase?: string } }).status?.phase, "Active", "the team's namespace is not being deleted");
    const teamCmAfter = await getJson(c, ["get", "configmap", "team-settings", "-n", "kubecuke-test-team-prod"]);
    assert.equal(teamCmAfter.metadata.uid, teamCmBefore.metadata.uid);
    assert.equal(teamCmAfter.metadata.resourceVersion, teamCmBefore.metadata.resourceVersion, "the team's ConfigMap was not written to");
    // with the opt-in they were deleted (a literal command's changes are not restored)
    assert.equal((await kubectl(c, ["get", "configmap", "kubecuke-test-deletable", "-n", "kube-system", "--ignore-not-found", "-o", "name"])).trim(), "", "deleted under @allow-shared-changes");
    const gone = await kubectl(c, ["get", "namespace", "kubecuke-test-team-gone", "--ignore-not-found", "-o", "jsonpath={.metadata.deletionTimestamp}"]);
    assert.ok(gone.trim() === "" || /^\d{4}-/.test(gone.trim()), `the namespace deleted under @allow-shared-changes is gone or going: ${gone}`);
    const left = await kubectl(c, ["get", "clusterrole,clusterrolebinding", "-l", `${RUN_LABEL}=${id}`, "-o", "name"]);
    assert.equal(left.trim(), "", "the run's read ClusterRole and its scenarios' ClusterRoleBindings are gone");

    const shared = await getJson(c, ["get", "configmap", "kubecuke-test-shared", "-n", "kube-public"]);
    assert.deepEqual(shared.data, { mode: "production" }, "the shared ConfigMap is back to its data");
    assert.ok(!(shared.metadata.managedFields ?? []).some((m) => m.manager === "kubecuke"), `no field of it is owned by kubecuke any more: ${JSON.stringify(shared.metadata.managedFields)}`);

    const inDefault = await kubectl(c, ["get", "configmap", "kubecuke-test-in-default", "-n", "default", "--ignore-not-found", "-o", "name"]);
    assert.equal(inDefault.trim(), "", "the ConfigMap the @keep-namespace scenario created in default is deleted");
  } finally {
    // waited for: a namespace still terminating would be "missing" from the next test's snapshot of what existed
    await kubectl(c, ["delete", "-f", "-", "--ignore-not-found", "--timeout=60s"], TEAM_OBJECTS).catch(() => undefined);
  }
});

/** Kinds that change on their own while anything runs: not the harness's doing. */
const VOLATILE = new Set(["events", "events.events.k8s.io", "leases.coordination.k8s.io"]);

/**
 * Every object of every listable kind, keyed by kind/namespace/name, with a digest of what a
 * change would touch. Other harness runs' objects (their namespaces and what they labelled) are
 * left out: on a shared cluster they come and go on their own; this run's are all in.
 */
async function snapshot(c: RealCluster, runId: string): Promise<Map<string, { uid: string; digest: string; rv: string }>> {
  const kinds = (await kubectl(c, ["api-resources", "--verbs=list", "-o", "name"])).split("\n").map((s) => s.trim()).filter((k) => k && !VOLATILE.has(k));
  const list = JSON.parse(await kubectl(c, ["get", kinds.join(","), "--all-namespaces", "-o", "json", "--show-managed-fields"])) as { items: Array<Obj & Record<string, unknown>> };
  const foreign = (o: Obj): boolean => o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && o.metadata.labels?.[RUN_LABEL] !== undefined && o.metadata.labels[RUN_LABEL] !== runId;
  const foreignNamespaces = new Set(list.items.filter((o) => o.kind === "Namespace" && foreign(o)).map((o) => o.metadata.name));
  const out = new Map<string, { uid: string; digest: string; rv: string }>();
  for (const o of list.items) {
    if (foreign(o) || foreignNamespaces.has(o.metadata.namespace ?? "")) continue;
    const { status: _status, metadata, ...rest } = o;
    const { resourceVersion, managedFields, ...meta } = metadata;
    // status is the controllers' and kubelet's to update; who manages fields is part of a change
    const managers = [...new Set((managedFields ?? []).map((m) => m.manager ?? ""))].sort();
    const digest = createHash("sha256").update(JSON.stringify({ rest, meta, managers })).digest("hex").slice(0, 16);
    out.set(`${o.kind}/${metadata.namespace ?? ""}/${metadata.name}`, { uid: metadata.uid, digest, rv: resourceVersion });
  }
  return out;
}

test("the whole acceptance suite on an existing cluster: nothing that existed is changed or missing, nothing of the run is left", async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const dir = scratchDir("kubecuke-snapshot-");
  const id = `snapshot-${randomBytes(3).toString("hex")}`;
  const before = await snapshot(c, id);
  t.diagnostic(`${before.size} objects before the run`);
  const run = await runScenarios(runnerArgs(c, id, path.join(dir, "run"), ["features", "--tags", "not @slow"]), cleanEnv({ PATH: runnerPath(), KUBECUKE_WORKERS: "4" }), path.join(dir, "reports"));
  t.diagnostic(`runner wall time ${run.seconds.toFixed(1)} s, ${run.scenarios.length} scenarios`);
  assert.equal(run.exitCode, 0, run.output.slice(-4000));
  assert.ok(run.scenarios.length > 60, `the whole suite (but the @slow scenario) ran: ${run.scenarios.length} scenarios`);
  // the run emptied its namespaces; Kubernetes removes them after its fixed 5 s
  assert.doesNotMatch(run.output, /LEFT IN THE CLUSTER/);
  await waitRunNamespacesGone(c, id, 60_000);
  const after = await snapshot(c, id);
  const missing = [...before.keys()].filter((k) => after.get(k)?.uid !== before.get(k)?.uid);
  const changed = [...before.keys()].filter((k) => after.has(k) && after.get(k)?.uid === before.get(k)?.uid && after.get(k)?.digest !== before.get(k)?.digest);
  const added = [...after.keys()].filter((k) => !before.has(k));
  t.diagnostic(`${after.size} objects after; resourceVersion moved on ${[...before.keys()].filter((k) => after.get(k)?.rv !== before.get(k)?.rv).length} (status updates included)`);
  assert.deepEqual(missing, [], "every object that existed before still exists, with the same UID");
  assert.deepEqual(changed, [], "no object that existed before was changed (status aside)");
  assert.deepEqual(added, [], "nothing the run made is left");
});
