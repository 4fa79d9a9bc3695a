// A scenario's scoped credentials: the run's read rules, the objects of a scenario's identity,
// its kubeconfig, the note on a refused kubectl and the flags refused up front. Pure, no cluster.
import assert from "node:assert/strict";
import test from "node:test";
import { parse } from "yaml";
import { deadRunRbac, NOBODY, readBindingObject, readRoleName, readRoleObject, readRules } from "../../engine/run/scope-role.ts";
import { forbiddenHint, identityObjects, joinPatch, refuseOtherCredentials, scenarioUser } from "../../engine/scenario/scope.ts";
import { withTokenUser } from "../../engine/kube/kubeconfig.ts";
import { OWNER_HOST_ANNOTATION, OWNER_PID_ANNOTATION } from "../../engine/run/owner.ts";

const list = ["get", "list", "watch"];

test("read rules: every listable kind per group, Secrets and the subresources that run or reach a process left out", () => {
  const rules = readRules([
    {
      group: "",
      resources: [
        { name: "pods", verbs: ["create", "delete", "get", "list", "watch"] },
        { name: "pods/log", verbs: ["get"] },
        { name: "pods/exec", verbs: ["create", "get"] },
        { name: "pods/portforward", verbs: ["create", "get"] },
        { name: "pods/proxy", verbs: ["get"] },
        { name: "nodes/proxy", verbs: ["get"] },
        { name: "secrets", verbs: ["get", "list", "watch"] },
        { name: "nodes", verbs: ["get", "list", "watch"] },
        { name: "bindings", verbs: ["create"] },
        { name: "namespaces", verbs: ["get", "list", "watch"] },
      ],
    },
    { group: "apps", resources: [{ name: "deployments", verbs: ["list"] }, { name: "deployments/scale", verbs: ["get"] }] },
    // two versions of one group: one rule
    { group: "apiextensions.k8s.io", resources: [{ name: "customresourcedefinitions", verbs: ["list"] }] },
    { group: "apiextensions.k8s.io", resources: [{ name: "customresourcedefinitions", verbs: ["list"] }] },
    { group: "authorization.k8s.io", resources: [{ name: "selfsubjectaccessreviews", verbs: ["create"] }] },
  ]);
  assert.deepEqual(rules, [
    { apiGroups: [""], resources: ["namespaces", "nodes", "pods", "pods/log"], verbs: list },
    { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: list },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: list },
  ]);
  // a Secret of the same name in another group is another kind
  assert.deepEqual(readRules([{ group: "example.com", resources: [{ name: "secrets", verbs: ["list"] }] }]), [{ apiGroups: ["example.com"], resources: ["secrets"], verbs: list }]);
});

test("the run's read role and its one binding are labelled with the run and annotated with its runner; the binding starts with nobody", () => {
  const owner = { runId: "r1", host: "h", pid: 42 };
  const role = readRoleObject(owner, []);
  const binding = readBindingObject(owner);
  assert.equal(readRoleName("r1"), "kubecuke-scenario-read-r1");
  for (const o of [role, binding]) {
    assert.equal(o.metadata?.name, "kubecuke-scenario-read-r1");
    assert.deepEqual(o.metadata?.labels, { "app.kubernetes.io/managed-by": "kubecuke", "kubecuke.io/run": "r1" });
    assert.deepEqual(o.metadata?.annotations, { [OWNER_HOST_ANNOTATION]: "h", [OWNER_PID_ANNOTATION]: "42" });
  }
  assert.equal(binding.kind, "ClusterRoleBinding");
  assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubecuke-scenario-read-r1" });
  // a Group no authenticator issues: the list exists for scenarios to append to, and grants nobody anything
  assert.deepEqual(binding.subjects, [NOBODY]);
  assert.deepEqual(NOBODY, { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "kubecuke.io:no-one" });
});

test("a dead run's RBAC is swept; a live runner's, another machine's and an unannotated one are not", () => {
  const obj = (run: string, host?: string, pid?: number) => ({
    object: { metadata: { name: run, labels: { "kubecuke.io/run": run }, annotations: host ? { [OWNER_HOST_ANNOTATION]: host, [OWNER_PID_ANNOTATION]: String(pid) } : undefined } },
  });
  const here = { host: "me", alive: (pid: number) => pid === 1 };
  const found = [obj("dead", "me", 2), obj("alive", "me", 1), obj("elsewhere", "other", 2), obj("unknown")];
  assert.deepEqual(deadRunRbac(found, here).map((f) => f.object.metadata.name), ["dead"]);
});

test("a scenario's identity: a ServiceAccount, cluster-admin in its namespace only, and a subject appended to the run's binding", () => {
  const o = identityObjects({ namespace: "kc-a-1", namespaceUid: "ns-uid", readBinding: "kubecuke-scenario-read-r1", labels: { l: "v" }, annotations: { a: "b" } });
  const subject = { kind: "ServiceAccount", name: "kubecuke-scenario", namespace: "kc-a-1" };
  assert.deepEqual(o.serviceAccount.metadata, { labels: { l: "v" }, annotations: { a: "b" }, name: "kubecuke-scenario", namespace: "kc-a-1" });
  assert.equal(o.roleBinding.kind, "RoleBinding");
  assert.equal(o.roleBinding.metadata?.namespace, "kc-a-1");
  assert.deepEqual(o.roleBinding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
  assert.deepEqual(o.roleBinding.subjects, [subject]);
  assert.deepEqual(o.subject, subject);
  // appended, never a whole list: parallel scenarios do not overwrite one another
  assert.deepEqual(joinPatch(subject), [{ op: "add", path: "/subjects/-", value: subject }]);
});

test("the scenario's kubeconfig keeps the cluster and namespace and carries only the token", () => {
  const minified = `apiVersion: v1
kind: Config
clusters:
  - name: c
    cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: Q0E=}
contexts:
  - name: ctx
    context: {cluster: c, user: admin, namespace: kc-a-1}
users:
  - name: admin
    user: {client-certificate-data: Y2VydA==, client-key-data: a2V5}
current-context: ctx
`;
  const doc = parse(withTokenUser(minified, scenarioUser("kc-a-1"), "tok")) as Record<string, unknown>;
  assert.deepEqual(doc["users"], [{ name: "system:serviceaccount:kc-a-1:kubecuke-scenario", user: { token: "tok" } }]);
  assert.deepEqual(doc["contexts"], [{ name: "ctx", context: { cluster: "c", user: "system:serviceaccount:kc-a-1:kubecuke-scenario", namespace: "kc-a-1" } }]);
  assert.deepEqual(doc["clusters"], [{ name: "c", cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": "Q0E=" } }]);
  assert.equal(doc["current-context"], "ctx");
});

test("a kubectl refused for the scenario's identity gets a note naming the command and the opt-in", () => {
  const stderr = `Error from server (Forbidden): configmaps "precious2" is forbidden: User "system:serviceaccount:kc-a-1:kubecuke-scenario" cannot delete resource "configmaps" in API group "" in the namespace "kube-system"\n`;
  const hint = forbiddenHint("kubectl -n kube-system delete configmap precious2", stderr, "kc-a-1", 1);
  assert.match(hint ?? "", /^\[kubecuke\] kubectl "kubectl -n kube-system delete configmap precious2": refused by the API server: a scenario's kubectl acts as system:serviceaccount:kc-a-1:kubecuke-scenario, which may change only the scenario's namespace \(kc-a-1\) and only read elsewhere\. .*tag the scenario @allow-shared-changes/);
  assert.equal(forbiddenHint("kubectl get pod x", "Error from server (NotFound): pods \"x\" not found", "kc-a-1", 1), undefined);
  assert.equal(forbiddenHint("kubectl auth can-i", stderr, "kc-a-1", 0), undefined, "a command that succeeded gets no note");
  // another user's Forbidden (a ServiceAccount the scenario acts as, in its own Pod) is not ours to explain
  assert.equal(forbiddenHint("kubectl get pods", stderr.replace("kubecuke-scenario", "default"), "kc-a-1", 1), undefined);
});

test("flags that would replace the scenario's credentials are refused up front; after -- they belong to the container's command", () => {
  for (const line of ["kubectl --kubeconfig /var/lib/kubecuke/kubecuke/kubeconfig delete ns x", "kubectl get pods --as=system:admin", "kubectl --token abc get pods", "kubectl get pods --client-key=k"]) {
    assert.throws(() => refuseOtherCredentials(line), /^KubecukeBadInputError: kubectl ".*": --[a-z-]+ would replace the scenario's credentials; .*@allow-shared-changes/, line);
  }
  refuseOtherCredentials("kubectl create rolebinding r --clusterrole=view --user=bob");
  refuseOtherCredentials("kubectl exec p -- kubectl --kubeconfig /k get pods");
  refuseOtherCredentials("kubectl get pods");
});
