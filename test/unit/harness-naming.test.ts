import assert from "node:assert/strict";
import { test } from "node:test";
import { parse, stringify } from "yaml";
import { minifyKubeconfig } from "../../engine/kube/kubeconfig.ts";
import { namespaceFor, slugify } from "../../engine/scenario/naming.ts";

test("namespace names are DNS labels with a slug and a random suffix", () => {
  assert.equal(namespaceFor("Deleting a Pod by file: it is gone!", "abc123"), "kc-deleting-a-pod-by-fi-abc123");
  assert.equal(namespaceFor("创建 Pod 的流程", "abc123"), "kc-pod-abc123");
  assert.equal(namespaceFor("创建", "abc123"), "kc-scenario-abc123");
  const long = namespaceFor("x".repeat(300));
  assert.ok(long.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
  assert.notEqual(namespaceFor("same"), namespaceFor("same"));
  assert.equal(slugify("--A  b--", 20), "a-b");
  assert.equal(slugify("abcdefghij-klmnopqrstuvwxyz", 11), "abcdefghij", "no trailing dash after truncation");
});

const admin = {
  apiVersion: "v1",
  kind: "Config",
  clusters: [{ name: "c1", cluster: { server: "https://127.0.0.1:6443" } }, { name: "c2", cluster: { server: "https://other" } }],
  users: [{ name: "u1", user: { token: "secret-token" } }, { name: "u2", user: {} }],
  contexts: [{ name: "ctx1", context: { cluster: "c1", user: "u1" } }, { name: "ctx2", context: { cluster: "c2", user: "u2" } }],
  "current-context": "ctx2",
};
const scenarioKubeconfig = (doc: object, context: string | undefined, namespace: string) =>
  parse(minifyKubeconfig(stringify(doc), context, "/admin/kubeconfig", { namespace }).text) as typeof admin;

test("scenario kubeconfig keeps only the chosen context, pointed at the namespace", () => {
  const doc = scenarioKubeconfig(admin, "ctx1", "kc-a-1");
  assert.equal(doc["current-context"], "ctx1");
  assert.deepEqual(doc.contexts, [{ name: "ctx1", context: { cluster: "c1", user: "u1", namespace: "kc-a-1" } }]);
  assert.deepEqual(doc.clusters?.map((c) => c.name), ["c1"]);
  assert.deepEqual(doc.users?.map((u) => u.name), ["u1"]);
  assert.equal((admin.contexts[0]?.context as { namespace?: string }).namespace, undefined, "admin doc not mutated");
});

test("scenario kubeconfig defaults to the current context and names what is missing", () => {
  assert.equal(scenarioKubeconfig(admin, undefined, "n").clusters?.[0]?.name, "c2");
  assert.throws(() => scenarioKubeconfig(admin, "nope", "n"), /context "nope" not found \(contexts: ctx1, ctx2\)/);
  assert.throws(() => scenarioKubeconfig({ ...admin, users: [] }, "ctx1", "n"), /user "u1" of context "ctx1" not found/);
});
