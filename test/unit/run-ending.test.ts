import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { ApiException, KubeConfig } from "@kubernetes/client-node";
import type { KubeClients } from "../../engine/kube/client.ts";
import { collectionPath, collectionsOf } from "../../engine/kube/collections.ts";
import { OPERATION_TIMEOUTS_MS } from "../../engine/kube/deadline.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { emptyNamespaces } from "../../engine/run/empty.ts";
import { namespaceWait } from "../../engine/run/ending.ts";

const resource = (resource: string, kind: string, scope: string, verbs = ["list", "delete", "deletecollection"]) => ({ resource, responseKind: { kind }, scope, verbs });

/** Aggregated discovery as the API server answers /api and /apis. */
const DISCOVERY = [
  { kind: "APIGroupDiscoveryList", items: [{ metadata: { name: "" }, versions: [{ version: "v1", resources: [resource("pods", "Pod", "Namespaced"), resource("configmaps", "ConfigMap", "Namespaced"), resource("bindings", "Binding", "Namespaced", ["create"]), resource("nodes", "Node", "Cluster")] }] }] },
  { kind: "APIGroupDiscoveryList", items: [
    { metadata: { name: "autoscaling" }, versions: [{ version: "v2", resources: [resource("horizontalpodautoscalers", "HorizontalPodAutoscaler", "Namespaced")] }, { version: "v1", resources: [resource("horizontalpodautoscalers", "HorizontalPodAutoscaler", "Namespaced")] }] },
    { metadata: { name: "example.com" }, versions: [{ version: "v1", resources: [resource("widgets", "Widget", "Namespaced", ["list", "delete"])] }] },
  ] },
];

test("the collections a namespace can hold: namespaced and listable, each resource once in its preferred version", () => {
  assert.deepEqual(collectionsOf(DISCOVERY).map((c) => `${c.group}/${c.version}/${c.plural}${c.deletable ? "" : " (one by one)"}`), ["/v1/pods", "/v1/configmaps", "autoscaling/v2/horizontalpodautoscalers", "example.com/v1/widgets (one by one)"]);
  assert.equal(collectionPath({ group: "", version: "v1", plural: "pods" }, "kc-a"), "/api/v1/namespaces/kc-a/pods");
  assert.equal(collectionPath({ group: "apps", version: "v1", plural: "deployments" }, "kc-a"), "/apis/apps/v1/namespaces/kc-a/deployments");
});

const obj = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ metadata: { name, namespace: "kc-a", uid: `uid-${name}`, ...extra } });

/** Where the waits' watches go: each one is answered and kept open, no change ever comes. */
async function quietWatches(): Promise<{ kc: KubeConfig; close: () => Promise<void> }> {
  const server = createServer((_req, res) => void res.writeHead(200, { "Content-Type": "application/json" }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "fake", server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "fake", cluster: "fake", user: "u" }],
    currentContext: "fake",
  });
  return { kc, close: () => (server.closeAllConnections(), new Promise((r) => server.close(() => r()))) };
}
const watches = await quietWatches();
after(() => watches.close());

/** A fake API server: each collection path holds objects; a DELETE of a collection removes those without finalizers. */
function fakeCluster(contents: Record<string, KubeObject[]>, failing: Record<string, Error> = {}) {
  const calls: string[] = [];
  const store = new Map(Object.entries(contents));
  const objects = {
    rawGet: async (path: string) => ({ status: 200, body: JSON.stringify(DISCOVERY[path === "/api" ? 0 : 1]) }),
    listAt: async (path: string) => {
      calls.push(`GET ${path}`);
      if (path.endsWith("/widgets") && failing.list) throw failing.list;
      return { items: store.get(path) ?? [] };
    },
    deleteCollectionAt: async (path: string, grace?: number) => {
      calls.push(`DELETE ${path}${grace === undefined ? "" : ` grace ${grace}`}`);
      if (failing[path]) throw failing[path];
      const items = store.get(path) ?? [];
      store.set(path, items.filter((o) => o.metadata?.finalizers).map((o) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: "2026-12-06T09:00:00Z" } })));
      return { items };
    },
    deleteExact: async (ref: { name: string }) => {
      calls.push(`DELETE widget ${ref.name}`);
      store.set("/apis/example.com/v1/namespaces/kc-a/widgets", []);
    },
  };
  return { clients: { objects, kc: watches.kc, timeouts: OPERATION_TIMEOUTS_MS } as unknown as KubeClients, calls };
}

test("emptying a run's namespace: each collection deleted whole (Pods at once), watched until nothing is left; kinds without a collection DELETE one by one", async () => {
  const { clients, calls } = fakeCluster({
    "/api/v1/namespaces/kc-a/pods": [obj("web")],
    "/api/v1/namespaces/kc-a/configmaps": [obj("kube-root-ca.crt"), obj("settings")],
    "/apis/example.com/v1/namespaces/kc-a/widgets": [obj("w1")],
  });
  assert.deepEqual(await emptyNamespaces(clients, ["kc-a"], 5_000), { found: 4, left: [] });
  assert.ok(calls.includes("DELETE /api/v1/namespaces/kc-a/pods grace 0"), calls.join("\n"));
  assert.ok(calls.includes("DELETE /api/v1/namespaces/kc-a/configmaps"));
  assert.ok(calls.includes("DELETE widget w1"));
  // listed again only where something was: pods, configmaps, widgets (and widgets listed once to find w1)
  assert.deepEqual(calls.filter((c) => c.startsWith("GET")).sort(), ["/api/v1/namespaces/kc-a/configmaps", "/api/v1/namespaces/kc-a/pods", "/apis/example.com/v1/namespaces/kc-a/widgets", "/apis/example.com/v1/namespaces/kc-a/widgets"].map((p) => `GET ${p}`));
  assert.deepEqual(await emptyNamespaces(clients, [], 5_000), { found: 0, left: [] });
});

test("what will not go is named with its finalizers after the limit; a collection that cannot be deleted is named with why", async () => {
  const { clients } = fakeCluster(
    { "/api/v1/namespaces/kc-a/configmaps": [obj("held", { finalizers: ["example.com/hold"] })], "/api/v1/namespaces/kc-a/pods": [obj("web")] },
    { "/api/v1/namespaces/kc-a/pods": new ApiException(403, "Forbidden", { kind: "Status", code: 403, reason: "Forbidden", message: "pods is forbidden" }, {}) },
  );
  const started = Date.now();
  const r = await emptyNamespaces(clients, ["kc-a"], 400);
  assert.ok(Date.now() - started < 2_000);
  assert.equal(r.found, 1);
  assert.deepEqual(r.left.sort(), [
    "ConfigMap/kc-a/held: deleting since 2026-12-06T09:00:00Z; finalizers example.com/hold",
    "Pod in Namespace/kc-a: could not delete what it holds: Forbidden (HTTP 403): pods is forbidden",
    "Pod/kc-a/web: not being deleted",
  ]);
});

test("kinds that answer 405 to a collection DELETE or a list hold nothing", async () => {
  const notAllowed = () => new ApiException(405, "MethodNotAllowed", { kind: "Status", code: 405, reason: "MethodNotAllowed" }, {});
  const { clients } = fakeCluster({}, { "/api/v1/namespaces/kc-a/pods": notAllowed(), list: notAllowed() });
  assert.deepEqual(await emptyNamespaces(clients, ["kc-a"], 1_000), { found: 0, left: [] });
});

test("who waits for the emptied namespaces to go", () => {
  const at = (over: Partial<Parameters<typeof namespaceWait>[0]>) => namespaceWait({ goesDown: false, interrupted: false, existing: false, setting: "auto", terminal: { interactive: false, ci: true }, ...over });
  assert.equal(at({ goesDown: true, setting: false }), "none", "the cluster goes with the run");
  assert.equal(at({}), "later", "CI: nobody now; a later run's sweep names a namespace that stays");
  assert.equal(at({ terminal: { interactive: true, ci: false } }), "background");
  assert.equal(at({ terminal: { interactive: true, ci: false }, existing: true }), "later", "an existing cluster's run leaves no process behind");
  assert.equal(at({ setting: true }), "background");
  assert.equal(at({ setting: false }), "run");
  assert.equal(at({ setting: true, interrupted: true }), "run", "after an interrupt the run says what is left before it ends");
});
