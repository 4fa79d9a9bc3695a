// The end of a run without Kubernetes' fixed 5 s: what is inside the run's namespaces is deleted
// and awaited here (a watch on each collection that held something: no polling). Kubernetes' namespace controller starts on a deleted namespace only 5 s after
// its deletion, then does the same (delete each collection, wait until nothing is left); once
// the namespaces are empty, what it has left to do is remove them, and awaiting that proves
// nothing more about the run's objects.
import { ApiException } from "@kubernetes/client-node";
import type { KubeClients } from "../kube/client.ts";
import { deleteExactObject } from "../kube/apply.ts";
import { collectionPath, namespacedCollections, type NamespacedCollection } from "../kube/collections.ts";
import { withDeadline } from "../kube/deadline.ts";
import { apiFailure } from "../kube/errors.ts";
import type { KubeObject } from "../kube/object.ts";
import { describeError } from "../errors.ts";
import { waitFor } from "../wait/wait-for.ts";

export interface Emptied {
  /** How many objects were in the namespaces when the run's end came to them. */
  found: number;
  /** One line per object still there at the end, with why (finalizers), or per collection that could not be read or deleted. */
  left: string[];
}

interface Target {
  collection: NamespacedCollection;
  namespace: string;
  path: string;
}

const where = (t: Target): string => `${t.collection.kind} in Namespace/${t.namespace}`;
/** A kind that cannot be listed or deleted as a collection (reviews, bindings) answers 404 or 405: it holds nothing. */
function notServed(err: unknown): boolean {
  // an API failure, or a watch's that carries one as its cause
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 4; e = e instanceof Error ? e.cause : undefined, depth++) {
    if ([404, 405].includes(apiFailure(e).code ?? (e instanceof ApiException ? e.code : 0))) return true;
  }
  return false;
}

/** Requests at once: a whole suite's last namespaces times some 30 kinds would pass the API server's limit of 200 mutating requests in flight (429). */
const AT_ONCE = 32;

/** fn over every item, at most AT_ONCE at a time. */
async function inPool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
}

/** `Kind/ns/name: deleting since …; finalizers …` for an object that has not gone. */
export function whyStill(kind: string, o: KubeObject): string {
  const finalizers = (o.metadata?.finalizers as string[] | undefined) ?? [];
  const deleting = o.metadata?.deletionTimestamp ? `deleting since ${String(o.metadata.deletionTimestamp)}` : "not being deleted";
  return `${kind}/${o.metadata?.namespace ?? "?"}/${o.metadata?.name ?? "?"}: ${deleting}${finalizers.length ? `; finalizers ${finalizers.join(", ")}` : ""}`;
}

async function list(clients: KubeClients, t: Target): Promise<KubeObject[]> {
  try {
    return (await withDeadline("list", where(t), clients.timeouts.get, () => clients.objects.listAt(t.path))).items;
  } catch (err) {
    if (notServed(err)) return [];
    throw err;
  }
}

/** Deletes what a collection holds: the whole collection in one request (Pods at once), else one by one. Answers what was there. */
async function deleteAll(clients: KubeClients, t: Target): Promise<KubeObject[]> {
  const c = t.collection;
  if (c.deletable) {
    // a Pod at once: its grace period would hold the namespace (as the scenario's own cleanup does)
    const grace = c.group === "" && c.plural === "pods" ? 0 : undefined;
    try {
      return (await withDeadline("delete", `every ${where(t)}`, clients.timeouts.delete, () => clients.objects.deleteCollectionAt(t.path, grace))).items;
    } catch (err) {
      if (!notServed(err)) throw err;
    }
  }
  const items = await list(clients, t);
  const apiVersion = c.group ? `${c.group}/${c.version}` : c.version;
  for (const o of items) await deleteExactObject(clients, { apiVersion, kind: c.kind, namespace: t.namespace, name: o.metadata?.name ?? "" }, o.metadata?.uid ?? "");
  return items;
}

/**
 * Deletes everything in these namespaces (being deleted: the API server lets nothing new into
 * them) and waits up to timeoutMs until nothing is left in them, watching each collection that
 * held something. Never throws: what stays is in `left`, with why.
 */
export async function emptyNamespaces(clients: KubeClients, namespaces: readonly string[], timeoutMs: number): Promise<Emptied> {
  if (namespaces.length === 0) return { found: 0, left: [] };
  const deadline = Date.now() + timeoutMs;
  let collections: NamespacedCollection[];
  try {
    collections = await withDeadline("discover", "the kinds the cluster serves", clients.timeouts.get, () => namespacedCollections(clients.kc, clients.objects));
  } catch (err) {
    return { found: 0, left: namespaces.map((ns) => `Namespace/${ns}: could not tell what is in it: ${describeError(err)}`) };
  }
  const targets = namespaces.flatMap((namespace) => collections.map((collection) => ({ collection, namespace, path: collectionPath(collection, namespace) })));
  let found = 0;
  // the collections that held something, or could not be deleted (with why): awaited until empty
  const holding = new Map<Target, string | undefined>();
  await inPool(targets, async (t) => {
    try {
      const items = await deleteAll(clients, t);
      found += items.length;
      if (items.length > 0) holding.set(t, undefined);
    } catch (err) {
      holding.set(t, `${where(t)}: could not delete what it holds: ${describeError(err)}`);
    }
  });
  const left = await Promise.all([...holding].map(async ([t, refused]) => {
    const still = await untilEmpty(clients, t, Math.max(1, deadline - Date.now()));
    // a collection that emptied anyway (its objects went with their owners) leaves nothing to name
    return still.length > 0 && refused ? [refused, ...still] : still;
  }));
  return { found, left: left.flat() };
}

/** Watches the collection until it is empty; at the limit, a line for each object still in it (or why it could not tell). */
async function untilEmpty(clients: KubeClients, t: Target, timeoutMs: number): Promise<string[]> {
  const c = t.collection;
  try {
    const items = await waitFor<KubeObject[]>(clients, {
      operation: "empty",
      object: where(t),
      expected: "nothing left",
      target: { apiVersion: c.group ? `${c.group}/${c.version}` : c.version, kind: c.kind, namespace: t.namespace, path: t.path },
      timeoutMs,
      evaluate: (objs) => (objs.size === 0 ? { done: [] } : undefined),
      // the limit is reached: what is left is the answer, each with why
      atTimeout: (objs) => ({ done: [...objs.values()] }),
      lastSeen: (objs) => `${objs.size} object(s)`,
    });
    return items.map((o) => whyStill(c.kind, o));
  } catch (err) {
    if (notServed(err)) return [];
    return [`${where(t)}: could not tell whether it is empty: ${describeError(err)}`];
  }
}
