import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ManifestError, parseManifests, rebaseNamespace } from "../../engine/kube/manifest.ts";

const seed = (f: string): string => readFileSync(new URL(`../../fixtures/manifests/seed-as-printed/${f}`, import.meta.url), "utf8");

test("the seed Pod as printed fails at the over-indented ports line, naming file:line:col", () => {
  assert.throws(
    () => parseManifests(seed("pod-try-go.yaml"), "fixtures/manifests/seed-as-printed/pod-try-go.yaml"),
    (e: unknown) => {
      assert.ok(e instanceof ManifestError);
      assert.equal(e.line, 12);
      assert.equal(e.col, 7, "points at `ports:`, the first non-blank character, not column 1");
      assert.match(e.message, /^fixtures\/manifests\/seed-as-printed\/pod-try-go\.yaml:12:7: All mapping items must start at the same column\. Fix the indentation/);
      assert.match(e.message, /12 \|\s+ports:/);
      return true;
    },
  );
});

test("the seed Deployment as printed fails at the container item", () => {
  assert.throws(() => parseManifests(seed("pod-try-go-controller.yaml"), "x/ctl.yaml"), /x\/ctl\.yaml:19:15: .*Fix the indentation/);
});

test("the fixed seed Pod parses into one object", () => {
  const text = readFileSync(new URL("../../fixtures/manifests/pod-try-go.yaml", import.meta.url), "utf8");
  const [pod, ...rest] = parseManifests(text, "pod-try-go.yaml");
  assert.equal(rest.length, 0);
  assert.equal(pod?.kind, "Pod");
  assert.deepEqual((pod?.spec as { containers: { ports: unknown }[] }).containers[0]?.ports, [{ containerPort: 8080 }]);
});

test("multi-document manifests keep order and skip empty documents", () => {
  const objs = parseManifests("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n---\n", "m.yaml");
  assert.deepEqual(objs.map((o) => o.kind), ["Service", "Pod"]);
});

test("a document without kind names its position and the missing key", () => {
  assert.throws(() => parseManifests("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n", "m.yaml"), /m\.yaml:5:1: the document has no kind/);
});

test("a list instead of an object is refused", () => {
  assert.throws(() => parseManifests("- a\n- b\n", "m.yaml"), /expected a Kubernetes object.*got a list/);
});

test("rebasing moves default and missing namespaces of namespaced kinds, keeps others and cluster-scoped kinds", () => {
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" } };
  const moved = rebaseNamespace(pod, "kc-x", false, true);
  assert.equal(moved.metadata?.namespace, "kc-x");
  assert.equal(pod.metadata.namespace, "default", "input not mutated");
  assert.equal(rebaseNamespace({ kind: "Deployment", metadata: { name: "d" } }, "kc-x", false, true).metadata?.namespace, "kc-x");
  assert.equal(rebaseNamespace({ kind: "Pod", metadata: { name: "p", namespace: "other" } }, "kc-x", false, true).metadata?.namespace, "other");
  assert.equal(rebaseNamespace({ kind: "Namespace", metadata: { name: "n" } }, "kc-x", false, false).metadata?.namespace, undefined);
  assert.equal(rebaseNamespace(pod, "kc-x", true, true).metadata?.namespace, "default", "@keep-namespace keeps it");
});

test("a CRD in the same manifest gives its custom kind's scope before discovery serves it", async () => {
  const { scopeFromCrds } = await import("../../engine/kube/manifest.ts");
  const crd = (scope: string) => ({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "gadgets.example.com" }, spec: { group: "example.com", scope, names: { kind: "Gadget", plural: "gadgets" }, versions: [{ name: "v1" }] } });
  assert.equal(scopeFromCrds([crd("Cluster")], "example.com/v1", "Gadget"), false);
  assert.equal(scopeFromCrds([crd("Namespaced")], "example.com/v1", "Gadget"), true);
  assert.equal(scopeFromCrds([crd("Cluster")], "example.com/v2", "Gadget"), undefined, "another version is not defined by it");
  assert.equal(scopeFromCrds([crd("Cluster")], "other.io/v1", "Gadget"), undefined);
  assert.equal(scopeFromCrds([], "example.com/v1", "Gadget"), undefined);
});

test("documents keep the line they start on; discovery's scope decides rebasing when given", async () => {
  const { parseManifestDocuments } = await import("../../engine/kube/manifest.ts");
  const docs = parseManifestDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# note\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n", "m.yaml");
  assert.deepEqual(docs.map((d) => [d.object.kind, d.line]), [["ConfigMap", 1], ["Widget", 6]]);
  const widget = docs[1]?.object ?? {};
  assert.equal(rebaseNamespace(widget, "kc-x", false, false).metadata?.namespace, undefined, "a cluster-scoped custom kind is not rebased");
  assert.equal(rebaseNamespace(widget, "kc-x", false, true).metadata?.namespace, "kc-x", "a namespaced custom kind is");
});
