// Load what the cluster serves (discovery) into a snapshot for kinds.ts, cached per process and
// per API server. A name the snapshot does not know triggers one fresh discovery before failing,
// because a scenario may have just applied the CustomResourceDefinition that serves it.
import { ApisApi, CoreV1Api, CustomObjectsApi, type KubeConfig, type V1APIResource } from "@kubernetes/client-node";
import { BadInputError, InfrastructureError } from "../errors.ts";
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

/**
 * One discovery pass: the core group, then every group in the server's order with its
 * preferred version first (the order kinds.ts relies on). Versions are read in parallel.
 */
export async function discover(kc: KubeConfig): Promise<DiscoverySnapshot> {
  try {
    const core = await kc.makeApiClient(CoreV1Api).getAPIResources();
    const groups = (await kc.makeApiClient(ApisApi).getAPIVersions()).groups;
    const custom = kc.makeApiClient(CustomObjectsApi);
    const lists = groups.flatMap((g) => {
      const preferred = g.preferredVersion?.version;
      const versions = g.versions.map((v) => v.version).sort((a, b) => Number(b === preferred) - Number(a === preferred));
      return versions.map(async (version) => servedKinds(g.name, version, (await custom.getAPIResources({ group: g.name, version })).resources));
    });
    return { kinds: [...servedKinds("", "v1", core.resources), ...(await Promise.all(lists)).flat()] };
  } catch (cause) {
    const f = apiFailure(cause);
    throw new InfrastructureError(`discover the kinds the cluster serves: ${f.reason}: ${f.message}`, { operation: "discovery" }, { cause });
  }
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
