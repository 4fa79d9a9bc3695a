// The command printed beside what a run left in the cluster. The ConfigMap command was run once
// on the local cluster against a ConfigMap held by example.com/hold: it went (see the commit).
import { test } from "node:test";
import assert from "node:assert/strict";
import { finalizerFix, leftInClusterText } from "../../engine/run/leftover-fix.ts";

const cluster = { kubeconfig: "/var/lib/kubecuke/local/kubeconfig", context: "kubecuke-local" };
const PATCH = `--type merge -p '{"metadata":{"finalizers":null}}'`;

test("an object held by a finalizer gets the kubectl patch that removes its finalizers", () => {
  assert.equal(
    finalizerFix("ConfigMap/kc-h1-038d8a/held: deleting since 2026-12-06T11:46:35Z; finalizers example.com/hold", cluster),
    `kubectl --kubeconfig /var/lib/kubecuke/local/kubeconfig --context kubecuke-local -n kc-h1-038d8a patch configmap held ${PATCH}`,
  );
  assert.equal(finalizerFix("Widget/ns/w: deleting since x; finalizers a.example.com/x, b", { kubeconfig: "/k c/config" }), `kubectl --kubeconfig '/k c/config' -n ns patch widget w ${PATCH}`);
});

test("a namespace: only a finalizer of its own, never the namespace controller's `kubernetes`", () => {
  assert.equal(
    finalizerFix("Namespace/kc-x: phase Terminating; deleting since t; finalizers example.com/keep, kubernetes; NamespaceFinalizersRemaining: x", cluster),
    `kubectl --kubeconfig /var/lib/kubecuke/local/kubeconfig --context kubecuke-local patch namespace kc-x ${PATCH}`,
  );
  assert.equal(finalizerFix("Namespace/kc-x: phase Terminating; deleting since t; finalizers kubernetes; NamespaceContentRemaining: 1 ConfigMap", cluster), undefined);
});

test("lines without finalizers (a collection that could not be listed, an object not being deleted, RBAC) get no command", () => {
  assert.equal(finalizerFix("ConfigMap/ns/x: not being deleted", cluster), undefined);
  assert.equal(finalizerFix("ClusterRole/kubecuke-read-x: delete failed: Forbidden", cluster), undefined);
  assert.equal(
    leftInClusterText(["ConfigMap/ns/held: deleting since t; finalizers example.com/hold", "ConfigMap/ns/x: not being deleted"], cluster),
    `LEFT IN THE CLUSTER by this run (fix by hand):\n  ConfigMap/ns/held: deleting since t; finalizers example.com/hold\n    fix (once nothing needs what the finalizer waits for): kubectl --kubeconfig /var/lib/kubecuke/local/kubeconfig --context kubecuke-local -n ns patch configmap held ${PATCH}\n  ConfigMap/ns/x: not being deleted`,
  );
});
