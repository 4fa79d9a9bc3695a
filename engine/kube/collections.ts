// Every collection a namespace can hold objects in (pods, configmaps, widgets.example.com, …), as
// API paths: what the run's end empties (engine/run/empty.ts). Read in one round trip per root
// with aggregated discovery (apidiscovery.k8s.io/v2, Kubernetes 1.30+), where discover() asks
// each group version apart (some 25 requests); an older API server gets discover()'s answer.
import type { KubeConfig } from "@kubernetes/client-node";
import { discover } from "./discovery.ts";
import type { RawObjectApi } from "./raw-api.ts";

/** One namespaced resource in its preferred version; `deletable`: it takes a DELETE of the whole collection. */
export interface NamespacedCollection {
  group: string;
  version: string;
  kind: string;
  plural: string;
  deletable: boolean;
}

const AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

interface DiscoveryV2 {
  kind?: string;
  items?: Array<{
    metadata?: { name?: string };
    versions?: Array<{ version: string; resources?: Array<{ resource: string; responseKind?: { kind?: string }; scope?: string; verbs?: string[] }> }>;
  }>;
}

/** The namespaced collections of an aggregated discovery answer, each resource once, in its preferred (first) version. */
export function collectionsOf(lists: readonly DiscoveryV2[]): NamespacedCollection[] {
  const out: NamespacedCollection[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const g of list.items ?? []) {
      const group = g.metadata?.name ?? "";
      for (const v of g.versions ?? []) {
        for (const r of v.resources ?? []) {
          const key = `${group}/${r.resource}`;
          if (r.scope !== "Namespaced" || !r.verbs?.includes("list") || seen.has(key)) continue;
          seen.add(key);
          out.push({ group, version: v.version, kind: r.responseKind?.kind ?? r.resource, plural: r.resource, deletable: r.verbs.includes("deletecollection") });
        }
      }
    }
  }
  return out;
}

/** The API path of a collection in a namespace: /api/v1/namespaces/ns/pods, /apis/apps/v1/namespaces/ns/deployments. */
export function collectionPath(c: Pick<NamespacedCollection, "group" | "version" | "plural">, namespace: string): string {
  return `/${c.group ? `apis/${c.group}` : "api"}/${c.version}/namespaces/${encodeURIComponent(namespace)}/${c.plural}`;
}

/** What the cluster serves, namespaced; throws when discovery fails (the caller cannot tell what a namespace holds). */
export async function namespacedCollections(kc: KubeConfig, objects: RawObjectApi): Promise<NamespacedCollection[]> {
  const answers = await Promise.all(["/api", "/apis"].map((p) => objects.rawGet(p, `${AGGREGATED},application/json`)));
  const lists = answers.map((a) => (a.status === 200 ? (JSON.parse(a.body) as DiscoveryV2) : {}));
  if (lists.every((l) => l.kind === "APIGroupDiscoveryList")) return collectionsOf(lists);
  // before Kubernetes 1.30 (or with aggregated discovery off): one request per group version
  const seen = new Set<string>();
  return (await discover(kc)).kinds
    .filter((k) => k.namespaced && !seen.has(`${k.group}/${k.plural}`) && seen.add(`${k.group}/${k.plural}`))
    .map((k) => ({ group: k.group, version: k.version, kind: k.kind, plural: k.plural, deletable: true }));
}
