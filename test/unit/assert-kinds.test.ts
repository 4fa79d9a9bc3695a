import assert from "node:assert/strict";
import { test } from "node:test";
import { KindResolver, type DiscoveryReads } from "../../engine/kube/discovery.ts";
import { closestKinds, editDistance, findServed, resolveKind, type DiscoverySnapshot, type ServedKind } from "../../engine/kube/kinds.ts";
import { BadInputError, InfrastructureError } from "../../engine/errors.ts";

/** `group/version Kind plural short,names scope` — the shape of a real 1.34 discovery, trimmed. */
const k = (gv: string, kind: string, plural: string, short: string, scope: "ns" | "cluster"): ServedKind => {
  const [group, version] = gv.includes("/") ? gv.split("/") : ["", gv];
  return { group: group!, version: version!, kind, plural, singular: kind.toLowerCase(), shortNames: short ? short.split(",") : [], namespaced: scope === "ns" };
};
const snapshot: DiscoverySnapshot = {
  kinds: [
    k("v1", "Pod", "pods", "po", "ns"),
    k("v1", "Event", "events", "ev", "ns"),
    k("v1", "Namespace", "namespaces", "ns", "cluster"),
    k("v1", "Node", "nodes", "no", "cluster"),
    k("v1", "ConfigMap", "configmaps", "cm", "ns"),
    k("apps/v1", "Deployment", "deployments", "deploy", "ns"),
    k("apps/v1", "StatefulSet", "statefulsets", "sts", "ns"),
    k("events.k8s.io/v1", "Event", "events", "ev", "ns"),
    k("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "hpa", "ns"),
    k("autoscaling/v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "hpa", "ns"),
    k("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", "crd,crds", "cluster"),
    k("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", "", "cluster"),
    k("example.com/v1", "Widget", "widgets", "wd", "ns"),
    k("example.com/v1alpha1", "Widget", "widgets", "wd", "ns"),
    k("example.com/v1", "Gadget", "gadgets", "", "cluster"),
    k("other.io/v1", "Gadget", "gadgets", "", "ns"),
  ],
};
const r = (name: string): string => {
  const x = resolveKind(snapshot, name);
  return `${x.apiVersion} ${x.kind} ${x.plural} ${x.namespaced ? "namespaced" : "cluster-scoped"}`;
};
const fails = (name: string, re: RegExp): void => assert.throws(() => resolveKind(snapshot, name), (e: unknown) => e instanceof BadInputError && re.test(e.message));

test("built-in kinds by Kind, plural, singular and short name, any case", () => {
  for (const n of ["Deployment", "deployment", "deployments", "deploy", "DEPLOYMENT"]) assert.equal(r(n), "apps/v1 Deployment deployments namespaced");
  assert.equal(r("Pod"), "v1 Pod pods namespaced");
  assert.equal(r("po"), "v1 Pod pods namespaced");
});
test("scope comes from discovery: Namespace, Node, ClusterRole and a cluster-scoped CRD are not namespaced", () => {
  assert.equal(r("Namespace"), "v1 Namespace namespaces cluster-scoped");
  assert.equal(r("Node"), "v1 Node nodes cluster-scoped");
  assert.equal(r("ClusterRole"), "rbac.authorization.k8s.io/v1 ClusterRole clusterroles cluster-scoped");
  assert.equal(r("crd"), "apiextensions.k8s.io/v1 CustomResourceDefinition customresourcedefinitions cluster-scoped");
  assert.equal(r("gadgets.example.com"), "example.com/v1 Gadget gadgets cluster-scoped");
});
test("a custom kind by Kind, short name and plural.group", () => {
  assert.equal(r("Widget"), "example.com/v1 Widget widgets namespaced");
  assert.equal(r("wd"), "example.com/v1 Widget widgets namespaced");
  assert.equal(r("widgets.example.com"), "example.com/v1 Widget widgets namespaced");
  assert.equal(r("Widget.example.com"), "example.com/v1 Widget widgets namespaced");
});
test("several versions of one group: the preferred (first listed) one, unless a version is named", () => {
  assert.equal(r("hpa"), "autoscaling/v2 HorizontalPodAutoscaler horizontalpodautoscalers namespaced");
  assert.equal(r("autoscaling/v1/HorizontalPodAutoscaler"), "autoscaling/v1 HorizontalPodAutoscaler horizontalpodautoscalers namespaced");
  assert.equal(r("widgets.v1alpha1.example.com"), "example.com/v1alpha1 Widget widgets namespaced");
  assert.equal(r("example.com/v1alpha1/Widget"), "example.com/v1alpha1 Widget widgets namespaced");
});
test("group/version/Kind and version/Kind for the core group", () => {
  assert.equal(r("apps/v1/Deployment"), "apps/v1 Deployment deployments namespaced");
  assert.equal(r("v1/Pod"), "v1 Pod pods namespaced");
  assert.equal(r("events.k8s.io/v1/Event"), "events.k8s.io/v1 Event events namespaced");
});
test("the core group wins over another group serving the same name (kubectl's Event)", () => {
  assert.equal(r("Event"), "v1 Event events namespaced");
  assert.equal(r("ev"), "v1 Event events namespaced");
  assert.equal(r("events.events.k8s.io"), "events.k8s.io/v1 Event events namespaced");
});
test("a kind served by two non-core groups is ambiguous and the error lists the qualified names", () =>
  fails("Gadget", /kind "Gadget" is ambiguous: the cluster serves it in 2 groups; name one of example\.com\/v1\/Gadget, other\.io\/v1\/Gadget/));
test("the qualified name settles an ambiguity", () => assert.equal(r("other.io/v1/Gadget"), "other.io/v1 Gadget gadgets namespaced"));
test("an unknown kind fails with the closest served names", () => {
  fails("Wigdet", /unknown kind "Wigdet": the cluster serves no kind, resource or short name "Wigdet"; closest: Widget \(example\.com\/v1\/Widget, widgets\.example\.com\)\. For a custom resource, apply its CustomResourceDefinition first/);
  fails("Deploymnet", /closest: Deployment \(apps\/v1\/Deployment, deployments\.apps\)/);
  fails("statefulset.apps.v1", /unknown kind.*the cluster serves no API group "apps\.v1"/);
});
test("an unknown name with a served group looks for close names in that group only", () =>
  fails("widget.other.io", /no kind, resource or short name "widget" in the group other\.io; closest: Gadget \(other\.io\/v1\/Gadget, gadgets\.other\.io\)/));
test("a name nothing is close to lists no 'closest'", () => fails("Zzzzzzzzzzzz", /unknown kind "Zzzzzzzzzzzz": the cluster serves no kind, resource or short name "Zzzzzzzzzzzz"\. For a custom/));
test("a version that is not served", () => fails("apps/v2/Deployment", /unknown kind "apps\/v2\/Deployment".*closest: Deployment \(apps\/v1\/Deployment/));
test("malformed names are bad input", () => {
  fails("", /is not a kind/);
  fails("a/b/c/d", /is not a kind/);
});
test("findServed: exact apiVersion and kind as in a manifest", () => {
  assert.equal(findServed(snapshot, "example.com/v1", "Gadget")?.namespaced, false);
  assert.equal(findServed(snapshot, "v1", "Namespace")?.namespaced, false);
  assert.equal(findServed(snapshot, "apps/v1", "Pod"), undefined);
});
test("closestKinds and editDistance", () => {
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("", "abc"), 3);
  assert.deepEqual(closestKinds(snapshot.kinds, "pod", 2).map((x) => x.kind), ["Pod", "Node"]);
});

test("KindResolver: discovers once, rediscovers once for an unknown name (a CRD applied since)", async () => {
  let loads = 0;
  const resolver = new KindResolver(async () => {
    loads++;
    return loads === 1 ? { kinds: snapshot.kinds.filter((x) => x.group !== "other.io") } : snapshot;
  });
  assert.equal((await resolver.resolve("Pod")).apiVersion, "v1");
  assert.equal((await resolver.resolve("deploy")).apiVersion, "apps/v1");
  assert.equal(loads, 1);
  assert.equal((await resolver.resolve("gadgets.other.io")).namespaced, true);
  assert.equal(loads, 2);
  await assert.rejects(resolver.resolve("Nope"), /unknown kind "Nope"/);
  assert.equal(loads, 3);
  assert.equal((await resolver.lookup("v1", "Node"))?.namespaced, false);
  assert.equal(loads, 3);
});
test("KindResolver: a failed discovery is not cached and is not reported as an unknown kind", async () => {
  let loads = 0;
  const resolver = new KindResolver(async () => {
    if (++loads === 1) throw new InfrastructureError("discover: connection refused");
    return snapshot;
  });
  await assert.rejects(resolver.resolve("Pod"), InfrastructureError);
  assert.equal((await resolver.resolve("Pod")).kind, "Pod");
  assert.equal(loads, 2);
});

test("discover: core first, then each group with its preferred version first; subresources left out", async () => {
  const { discoverWith } = await import("../../engine/kube/discovery.ts");
  const res = (name: string, kind: string, namespaced = true, shortNames?: string[]) => ({ name, kind, namespaced, singularName: "", shortNames, verbs: ["get"] });
  const apis = {
    CoreV1Api: { getAPIResources: async () => ({ resources: [res("pods", "Pod", true, ["po"]), res("pods/log", "Pod"), res("nodes", "Node", false)] }) },
    ApisApi: {
      getAPIVersions: async () => ({
        groups: [
          { name: "apps", versions: [{ version: "v1" }], preferredVersion: { version: "v1" } },
          { name: "autoscaling", versions: [{ version: "v1" }, { version: "v2" }], preferredVersion: { version: "v2" } },
        ],
      }),
    },
    CustomObjectsApi: {
      getAPIResources: async ({ group }: { group: string; version: string }) => ({
        resources: group === "apps" ? [res("deployments", "Deployment", true, ["deploy"]), res("deployments/scale", "Scale")] : [res("horizontalpodautoscalers", "HorizontalPodAutoscaler")],
      }),
    },
  };
  // the three reads discoveryReads makes (through client.ts apiClient, each within the get limit)
  const snap = await discoverWith({
    core: async () => (await apis.CoreV1Api.getAPIResources()).resources,
    groups: async () => (await apis.ApisApi.getAPIVersions()).groups,
    resources: async (group, version) => (await apis.CustomObjectsApi.getAPIResources({ group, version })).resources,
  } as DiscoveryReads);
  assert.deepEqual(
    snap.kinds.map((x) => `${x.group || "core"}/${x.version} ${x.kind} ${x.plural} ${x.singular} [${x.shortNames}] ${x.namespaced}`),
    ["core/v1 Pod pods pod [po] true", "core/v1 Node nodes node [] false", "apps/v1 Deployment deployments deployment [deploy] true", "autoscaling/v2 HorizontalPodAutoscaler horizontalpodautoscalers horizontalpodautoscaler [] true", "autoscaling/v1 HorizontalPodAutoscaler horizontalpodautoscalers horizontalpodautoscaler [] true"],
  );
  const refused = async () => Promise.reject(new Error("connect ECONNREFUSED"));
  await assert.rejects(discoverWith({ core: refused, groups: refused, resources: refused }), (e: unknown) => e instanceof InfrastructureError && /discover the kinds the cluster serves: .*ECONNREFUSED/.test(e.message));
});

test("discover: a group version that vanishes mid-read (its CRD deleted: 404) or whose aggregated API is down (503) is left out; another failure still fails", async () => {
  const { discoverWith } = await import("../../engine/kube/discovery.ts");
  const { ApiException } = await import("@kubernetes/client-node");
  const res = (name: string, kind: string) => ({ name, kind, namespaced: true, singularName: "", verbs: ["get"] });
  const groups = [
    ["apps", "v1"],
    ["gone.example.com", "v1"],
    ["metrics.k8s.io", "v1beta1"],
    ["kept.example.com", "v1"],
  ].map(([name, version]) => ({ name: name!, versions: [{ groupVersion: `${name}/${version}`, version: version! }] }));
  const failWith = new Map<string, unknown>([
    ["gone.example.com", new ApiException(404, "Unknown API Status Code!", "404 page not found", {})],
    ["metrics.k8s.io", new ApiException(503, "Unknown API Status Code!", '{"kind":"Status","code":503,"reason":"ServiceUnavailable","message":"the server is currently unable to handle the request"}', {})],
  ]);
  const reads = {
    core: async () => [res("pods", "Pod")],
    groups: async () => groups,
    resources: async (group: string) => {
      const f = failWith.get(group);
      if (f) throw f;
      return [res(group === "apps" ? "deployments" : "widgets", group === "apps" ? "Deployment" : "Widget")];
    },
  };
  const snap = await discoverWith(reads);
  assert.deepEqual(snap.kinds.map((x) => `${x.group || "core"}/${x.version} ${x.kind}`), ["core/v1 Pod", "apps/v1 Deployment", "kept.example.com/v1 Widget"]);
  failWith.set("gone.example.com", new ApiException(500, "Unknown API Status Code!", '{"kind":"Status","code":500,"reason":"InternalError","message":"etcd is sad"}', {}));
  await assert.rejects(discoverWith(reads), (e: unknown) => e instanceof InfrastructureError && /discover the kinds the cluster serves: InternalError: etcd is sad/.test(e.message));
});
