// What a scenario may change and delete: pure decisions, no cluster.
import assert from "node:assert/strict";
import test from "node:test";
import { decideApply, ownershipLabels, recreateBody, restoreBody, withOwnershipLabels, type DecideInput } from "../../engine/scenario/ownership.ts";

const base = (over: Partial<DecideInput>): DecideInput => ({
  target: { kind: "ConfigMap", namespace: "kube-system", name: "users-precious" },
  scenarioNamespace: "kc-x-abc123",
  createdUids: new Set(),
  runId: "run-1",
  allowSharedChanges: false,
  ...over,
});
const existing = (uid: string, labels: Record<string, string> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "users-precious", namespace: "kube-system", uid, labels } });

test("objects in the scenario namespace are the scenario's, existing or not", () => {
  assert.deepEqual(decideApply(base({ target: { kind: "Pod", namespace: "kc-x-abc123", name: "p" }, existing: existing("u") })), { action: "apply", why: "scenario namespace" });
});

test("a new object outside the namespace is created (and so deleted later)", () => {
  assert.equal(decideApply(base({})).action, "create");
  assert.equal(decideApply(base({ target: { kind: "ClusterRole", name: "r" } })).action, "create");
});

test("a pre-existing object in another namespace is refused with a message that says what to do", () => {
  const d = decideApply(base({ existing: existing("theirs") }));
  assert.equal(d.action, "refuse");
  assert.ok(d.action === "refuse");
  assert.match(d.message, /^ConfigMap kube-system\/users-precious exists and was not created by this run; kubecuke will not change it\./);
  assert.match(d.message, /Rename it, move it into the scenario's namespace/);
  assert.match(d.message, /@allow-shared-changes/);
});

test("a pre-existing cluster-scoped object is refused and named as cluster-scoped", () => {
  const d = decideApply(base({ target: { kind: "ClusterRole", name: "view-all" }, existing: existing("theirs") }));
  assert.ok(d.action === "refuse");
  assert.match(d.message, /^ClusterRole view-all \(cluster-scoped\) exists and was not created by this run/);
});

test("an object `default` would hold under @keep-namespace is outside the scenario namespace", () => {
  const d = decideApply(base({ target: { kind: "ConfigMap", namespace: "default", name: "x" }, existing: existing("theirs") }));
  assert.equal(d.action, "refuse");
});

test("re-applying what this scenario created updates it", () => {
  assert.deepEqual(decideApply(base({ existing: existing("mine"), createdUids: new Set(["mine"]) })), { action: "apply", why: "created by this scenario" });
});

test("an object another scenario of this run created (both labels) may be updated, not one of another run", () => {
  const ours = { "app.kubernetes.io/managed-by": "kubecuke", "kubecuke.io/run": "run-1" };
  assert.deepEqual(decideApply(base({ existing: existing("other", ours) })), { action: "apply", why: "created by another scenario of this run" });
  assert.equal(decideApply(base({ existing: existing("other", { ...ours, "kubecuke.io/run": "run-2" }) })).action, "refuse");
  assert.equal(decideApply(base({ existing: existing("other", { "kubecuke.io/run": "run-1" }) })).action, "refuse", "the run label alone is not enough");
  assert.equal(decideApply(base({ runId: undefined, existing: existing("other", ours) })).action, "refuse", "no run id: nothing counts as this run's");
});

test("@allow-shared-changes lets a pre-existing object be changed, to be restored", () => {
  assert.deepEqual(decideApply(base({ existing: existing("theirs"), allowSharedChanges: true })), { action: "apply-and-restore", why: "allowed by @allow-shared-changes" });
});

test("ownership labels name the run and the scenario, and never drop the manifest's labels", () => {
  const labels = ownershipLabels("kc-x-abc123", "run-1");
  assert.deepEqual(labels, { "app.kubernetes.io/managed-by": "kubecuke", "kubecuke.io/scenario": "kc-x-abc123", "kubecuke.io/run": "run-1" });
  const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { app: "web" } } };
  const labelled = withOwnershipLabels(obj, labels);
  assert.equal(labelled.metadata?.labels?.app, "web");
  assert.equal(labelled.metadata?.labels?.["kubecuke.io/run"], "run-1");
  assert.deepEqual(obj.metadata.labels, { app: "web" }, "input not mutated");
});

test("restoring puts the saved object back, conditional on the current resourceVersion", () => {
  const saved = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "n", uid: "u1", resourceVersion: "10", creationTimestamp: "t", managedFields: [{ manager: "kubectl" }] }, data: { k: "v" }, status: { x: 1 } };
  const body = restoreBody(saved, "42");
  assert.equal(body.metadata?.resourceVersion, "42");
  assert.equal(body.metadata?.uid, "u1", "the UID is kept: a PUT must not hit a re-created object");
  assert.deepEqual(body.metadata?.managedFields, [{ manager: "kubectl" }], "field ownership is restored too");
  assert.equal(body.metadata?.creationTimestamp, undefined);
  assert.equal(body.status, undefined);
  assert.deepEqual(body.data, { k: "v" });
  const again = recreateBody(saved);
  assert.equal(again.metadata?.uid, undefined);
  assert.equal(again.metadata?.resourceVersion, undefined);
  assert.equal(again.metadata?.managedFields, undefined);
  assert.deepEqual(again.data, { k: "v" });
});

test("what the suite setup installed is refused to a scenario (every scenario shares it), unless it opts in to restore it", () => {
  const setupLabels = { "app.kubernetes.io/managed-by": "kubecuke", "kubecuke.io/run": "run-1", "kubecuke.io/setup": "gizmos" };
  const d = decideApply(base({ target: { kind: "CustomResourceDefinition", name: "gizmos.example.com" }, existing: existing("setup-uid", setupLabels) }));
  assert.ok(d.action === "refuse");
  assert.match(d.message, /^CustomResourceDefinition gizmos\.example\.com \(cluster-scoped\) was installed by the suite setup "gizmos" and is shared by every scenario of the run/);
  assert.equal(decideApply(base({ existing: existing("setup-uid", setupLabels), allowSharedChanges: true })).action, "apply-and-restore");
  assert.equal(decideApply(base({ existing: existing("setup-uid", { ...setupLabels, "kubecuke.io/run": "run-0" }) })).action, "refuse", "another run's setup object is not this run's at all");
});
