// Load what the cluster serves (discovery) into a snapshot for kinds.ts, cached per process and
// per API server. A name the snapshot does not know triggers one fresh discovery before failing,
// because a scenario may have just applied the CustomResourceDefinition that serves it.
import { ApisApi, CoreV1Api, CustomObjectsApi, type KubeConfig, type V1APIGroup, type V1APIResource } from "@kubernetes/client-node";
import { BadInputError, InfrastructureError } from "../errors.ts";
import { apiClient } from "./client.ts";
import { apiFailure } from "./errors.ts";
import { findServed, resolveKind, type DiscoverySnapshot, type ResolvedKind, type ServedKind } from "./kinds.ts";

function servedKinds(group: string, version: string, resources: V1APIResource[]): ServedKind[] {
  return resources
    .filter((r) => !r.name.includes("/")) // pods/log, deployments/scale: subresources
    .map((r) => ({
      group,
      version,
      kind: r.kind,
      plural: r.name,
      singular: r.singularName || r.kind.toLowerCase(),
      shortNames: r.shortNames ?? [],
      namespaced: r.namespaced,
    }));
}

/** The three reads a discovery pass makes, apart so a unit test can fake a cluster whose groups come and go. */
export interface DiscoveryReads {
  core(): Promise<V1APIResource[]>;
  groups(): Promise<V1APIGroup[]>;
  resources(group: string, version: string): Promise<V1APIResource[]>;
}

/** Each read within the `get` limit (client.ts apiClient). */
export function discoveryReads(kc: KubeConfig): DiscoveryReads {
  const custom = apiClient(kc, CustomObjectsApi);
  return {
    core: async () => (await apiClient(kc, CoreV1Api).getAPIResources()).resources,
    groups: async () => (await apiClient(kc, ApisApi).getAPIVersions()).groups,
    resources: async (group, version) => (await custom.getAPIResources({ group, version })).resources,
  };
}

/**
 * A group version that stopped answering between the group list and its own read: 404 when its
 * CustomResourceDefinition was deleted meanwhile (another scenario's), 503 when an aggregated
 * API is down. kubectl then goes on with a partial result; so does discovery: the group is left
 * out, and a step naming one of its kinds rediscovers once before it is told the kind is unknown.
 */
function vanished(cause: unknown): boolean {
  const code = apiFailure(cause).code;
  return code === 404 || code === 503;
}

/**
 * One discovery pass: the core group, then every group in the server's order with its
 * preferred version first (the order kinds.ts relies on). Versions are read in parallel; one
 * that vanished meanwhile is skipped (see vanished).
 */
export async function discoverWith(reads: DiscoveryReads): Promise<DiscoverySnapshot> {
  try {
    const core = await reads.core();
    const groups = await reads.groups();
    const lists = groups.flatMap((g) => {
      const preferred = g.preferredVersion?.version;
      const versions = g.versions.map((v) => v.version).sort((a, b) => Number(b === preferred) - Number(a === preferred));
      return versions.map((version) =>
        reads.resources(g.name, version).then(
          (resources) => servedKinds(g.name, version, resources),
          (cause: unknown) => {
            if (vanished(cause)) return [];
            throw cause;
          },
        ),
      );
    });
    return { kinds: [...servedKinds("", "v1", core), ...(await Promise.all(lists)).flat()] };
  } catch (cause) {
    const f = apiFailure(cause);
    throw new InfrastructureError(`discover the kinds the cluster serves: ${f.reason}: ${f.message}`, { operation: "discovery" }, { cause });
  }
}

export function discover(kc: KubeConfig): Promise<DiscoverySnapshot> {
  return discoverWith(discoveryReads(kc));
}

/** Resolves kind names against a cached snapshot, rediscovering once when a name is unknown. */
export class KindResolver {
  private snapshot?: Promise<DiscoverySnapshot>;

  private readonly load: () => Promise<DiscoverySnapshot>;

  constructor(load: () => Promise<DiscoverySnapshot>) {
    this.load = load;
  }

  private current(): Promise<DiscoverySnapshot> {
    this.snapshot ??= this.load().catch((e: unknown) => {
      this.snapshot = undefined; // a failed discovery is not cached
      throw e;
    });
    return this.snapshot;
  }

  /** Forget the snapshot: the next lookup rediscovers (e.g. after applying a CRD). */
  refresh(): void {
    this.snapshot = undefined;
  }

  /** A step's kind name (see kinds.ts for the forms); BadInputError with the closest names if unknown. */
  async resolve(name: string): Promise<ResolvedKind> {
    try {
      return resolveKind(await this.current(), name);
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      this.refresh();
      return resolveKind(await this.current(), name);
    }
  }

  /** An object's apiVersion + kind as served (for namespaced vs cluster-scoped); undefined if not served. */
  async lookup(apiVersion: string, kind: string): Promise<ResolvedKind | undefined> {
    const hit = findServed(await this.current(), apiVersion, kind);
    if (hit) return hit;
    this.refresh();
    return findServed(await this.current(), apiVersion, kind);
  }
}

const resolvers = new Map<string, KindResolver>();

/** The process-wide resolver for the cluster a KubeConfig points at (one discovery per server and user). */
export function kindsOf(kc: KubeConfig): KindResolver {
  const key = `${kc.getCurrentCluster()?.server ?? "?"} ${kc.getCurrentUser()?.name ?? "?"}`;
  let r = resolvers.get(key);
  if (!r) {
    r = new KindResolver(() => discover(kc));
    resolvers.set(key, r);
  }
  return r;
}
