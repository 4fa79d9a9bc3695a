// Which kind a step means, from what the cluster serves (a discovery snapshot): `Pod`,
// `deployments`, `deploy`, `Widget`, `widgets.example.com`, `deployments.v1.apps`,
// `example.com/v1/Widget`, `v1/Pod`. Namespaced or cluster-scoped comes from discovery too.
// Pure: the snapshot is loaded by discovery.ts; unit tests use a fixture.
import { BadInputError } from "../errors.ts";

/** One resource the API server serves in one group/version (subresources excluded). */
export interface ServedKind {
  /** "" for the core group */
  group: string;
  version: string;
  kind: string;
  /** Resource name, lowercase plural: `deployments` */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
}

/**
 * What discovery said, in the server's order of preference: groups as the server lists them
 * (core first, built-in groups before custom ones), within a group the preferred version first.
 */
export interface DiscoverySnapshot {
  kinds: ServedKind[];
}

export interface ResolvedKind extends ServedKind {
  /** `v1`, `apps/v1`, `example.com/v1` */
  apiVersion: string;
}

export const apiVersionOfServed = (k: Pick<ServedKind, "group" | "version">): string => (k.group ? `${k.group}/${k.version}` : k.version);
/** The unambiguous spelling a step can always use: `example.com/v1/Widget`, `v1/Pod`. */
export const qualifiedName = (k: ServedKind): string => `${apiVersionOfServed(k)}/${k.kind}`;

const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/** What a name asks for: a resource word, and maybe a group and a version. */
interface Wanted {
  word: string;
  group?: string;
  version?: string;
}

/** Every reading of a name; `a.b.c` may be `plural.group` or `plural.version.group`. */
function readings(name: string): Wanted[] {
  const slash = name.split("/");
  if (slash.length === 3) return [{ group: slash[0]!, version: slash[1]!, word: slash[2]! }];
  if (slash.length === 2) return [{ group: "", version: slash[0]!, word: slash[1]! }];
  if (slash.length > 3) return [];
  const dot = name.indexOf(".");
  if (dot < 0) return [{ word: name }];
  const word = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  const out: Wanted[] = [{ word, group: rest }];
  const [maybeVersion, ...group] = rest.split(".");
  if (maybeVersion && VERSION.test(maybeVersion) && group.length > 0) out.push({ word, version: maybeVersion, group: group.join(".") });
  return out;
}

function names(k: ServedKind): string[] {
  return [k.kind.toLowerCase(), k.plural, k.singular, ...k.shortNames].filter((n) => n !== "");
}

function fits(k: ServedKind, w: Wanted): boolean {
  if (w.group !== undefined && k.group !== w.group) return false;
  if (w.version !== undefined && k.version !== w.version) return false;
  return names(k).includes(w.word.toLowerCase());
}

/**
 * Resolve a name to the kind the cluster serves. Several versions of one group: the
 * preferred one. Several groups: the core group wins (as in kubectl: `Event` is v1, not
 * events.k8s.io); otherwise the name is ambiguous and the error lists the qualified names.
 * Unknown: the error lists the closest served names.
 */
export function resolveKind(snapshot: DiscoverySnapshot, name: string): ResolvedKind {
  const trimmed = name.trim();
  const wanted = readings(trimmed);
  if (trimmed === "" || wanted.length === 0) {
    throw new BadInputError(`"${name}" is not a kind: write a kind (Deployment), a resource (deployments.apps) or group/version/Kind (apps/v1/Deployment)`);
  }
  const found = snapshot.kinds.filter((k) => wanted.some((w) => fits(k, w)));
  const byGroup = new Map<string, ServedKind>();
  for (const k of found) if (!byGroup.has(k.group)) byGroup.set(k.group, k); // first = preferred version
  const groups = [...byGroup.values()];
  const pick = groups.length === 1 ? groups[0] : byGroup.get("");
  if (pick) return { ...pick, apiVersion: apiVersionOfServed(pick) };
  if (groups.length > 1) {
    throw new BadInputError(`kind "${name}" is ambiguous: the cluster serves it in ${groups.length} groups; name one of ${groups.map(qualifiedName).join(", ")}`);
  }
  throw unknownKind(snapshot, trimmed, wanted);
}

/** The served kind for an object's apiVersion and kind (exact, as in a manifest); undefined if not served. */
export function findServed(snapshot: DiscoverySnapshot, apiVersion: string, kind: string): ResolvedKind | undefined {
  const k = snapshot.kinds.find((s) => apiVersionOfServed(s) === apiVersion && s.kind === kind);
  return k ? { ...k, apiVersion } : undefined;
}

function unknownKind(snapshot: DiscoverySnapshot, name: string, wanted: Wanted[]): BadInputError {
  const w = wanted[0]!;
  const groupServed = w.group === undefined || snapshot.kinds.some((k) => k.group === w.group);
  const pool = groupServed && w.group !== undefined ? snapshot.kinds.filter((k) => k.group === w.group) : snapshot.kinds;
  const closest = closestKinds(pool, w.word, 3);
  const near = closest.length > 0 ? `; closest: ${closest.map((k) => `${k.kind} (${qualifiedName(k)}, ${k.plural}${k.group ? `.${k.group}` : ""})`).join(", ")}` : "";
  const what = groupServed ? `the cluster serves no kind, resource or short name "${w.word}"${w.group ? ` in the group ${w.group || "core"}` : ""}` : `the cluster serves no API group "${w.group}"`;
  return new BadInputError(
    `unknown kind "${name}": ${what}${near}. For a custom resource, apply its CustomResourceDefinition first and wait until it is Established`,
    { operation: "resolve kind", expected: "a kind the cluster serves" },
  );
}

/** Served kinds nearest to a word by edit distance over all their names, best first. */
export function closestKinds(kinds: ServedKind[], word: string, n: number): ServedKind[] {
  const w = word.toLowerCase();
  const scored = new Map<string, { k: ServedKind; d: number }>();
  for (const k of kinds) {
    const d = Math.min(...names(k).map((x) => editDistance(w, x)));
    const key = `${k.group}/${k.kind}`; // one entry per group and kind, whatever the version
    const prev = scored.get(key);
    if (!prev || d < prev.d) scored.set(key, { k, d });
  }
  const limit = Math.max(2, Math.ceil(w.length / 2)); // beyond this a "closest" name only distracts
  return [...scored.values()]
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((s) => s.k);
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
