// What a run leaves in its cluster, found by the labels every harness-made object carries
// (engine/kube/labels.ts) and removed: at the end of a run (its own namespaces, awaited, and
// anything left named with why), and at the start of a run (earlier runs on this machine whose
// runner is gone, engine/run/owner.ts). Only objects labelled managed-by=kubecuke with a run
// id are ever touched, and only with their UID as a delete precondition.
import type { KubeClients } from "../kube/client.ts";
import { deleteExactObject, refText, type ObjectRef } from "../kube/apply.ts";
import { withDeadline } from "../kube/deadline.ts";
import { discover } from "../kube/discovery.ts";
import { KEPT_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_LABEL, runNamespaceSelector } from "../kube/labels.ts";
import type { KubeObject } from "../kube/object.ts";
import { describeError } from "../errors.ts";
import { waitFor } from "../wait/wait-for.ts";
import { ownerFrom, ownerIsDead, THIS_MACHINE, type Liveness } from "./owner.ts";
import { emptyNamespaces } from "./empty.ts";

export interface SweepReport {
  /** One line per object deleted (or found already going). */
  cleaned: string[];
  /** One line per object still there at the end, with why (finalizers, remaining content). */
  left: string[];
}

/** Namespace lines: `Namespace/x`, or with why it has not gone (its status conditions, finalizers). */
export function whyNotGone(ns: KubeObject): string {
  const status = ns.status as { phase?: string; conditions?: Array<{ type?: string; status?: string; message?: string }> } | undefined;
  const reasons = (status?.conditions ?? []).filter((c) => c.status === "True" && c.message).map((c) => `${c.type}: ${c.message}`);
  const spec = ns.spec as { finalizers?: string[] } | undefined;
  const finalizers = [...((ns.metadata?.finalizers as string[] | undefined) ?? []), ...(spec?.finalizers ?? [])];
  const facts = [
    `phase ${status?.phase ?? "unknown"}`,
    ns.metadata?.deletionTimestamp ? `deleting since ${String(ns.metadata.deletionTimestamp)}` : "not being deleted",
    finalizers.length ? `finalizers ${finalizers.join(", ")}` : "",
    ...reasons,
  ].filter(Boolean);
  return `Namespace/${ns.metadata?.name ?? "?"}: ${facts.join("; ")}`;
}

const NAMESPACES = { apiVersion: "v1", kind: "Namespace", namespace: "" };

async function listNamespaces(clients: KubeClients, labelSelector: string): Promise<KubeObject[]> {
  return (await withDeadline("list", `Namespace -l ${labelSelector}`, clients.timeouts.get, () => clients.objects.listRaw("v1", "Namespace", "", { labelSelector }))).items;
}

/**
 * Deletes these namespaces (by UID; those already being deleted are not asked again) and waits,
 * with one watch, up to timeoutMs for all of them to be gone. Never throws for a namespace that
 * will not go: it is in `left`, with why.
 */
export async function deleteNamespacesAndWait(clients: KubeClients, namespaces: KubeObject[], timeoutMs: number): Promise<SweepReport> {
  const { deleted, failed, going } = await deleteNamespaces(clients, namespaces);
  const still = going.size > 0 ? await stillThere(clients, going, timeoutMs) : new Map<string, string>();
  return { cleaned: [...deleted].filter(([name]) => !still.has(name)).map(([, line]) => line), left: [...failed, ...still.values()] };
}

/** Deletes these namespaces (by UID) without waiting; `going`: name → uid of each one now being deleted. */
export async function deleteNamespaces(clients: KubeClients, namespaces: KubeObject[]): Promise<{ deleted: Map<string, string>; failed: string[]; going: Map<string, string> }> {
  const deleted = new Map<string, string>(); // name → the outcome line, if it goes
  const failed: string[] = [];
  const going = new Map<string, string>(); // name → uid
  for (const ns of namespaces) {
    const name = ns.metadata?.name ?? "";
    const uid = ns.metadata?.uid ?? "";
    const ref: ObjectRef = { apiVersion: "v1", kind: "Namespace", name };
    if (ns.metadata?.deletionTimestamp) {
      going.set(name, uid); // its scenario deleted it: only the waiting is left to do
      continue;
    }
    try {
      const outcome = await deleteExactObject(clients, ref, uid);
      if (outcome === "deleted") going.set(name, uid);
      deleted.set(name, `${refText(ref)}: ${outcome}`);
    } catch (err) {
      failed.push(`${refText(ref)}: delete failed: ${describeError(err)}`);
    }
  }
  return { deleted, failed, going };
}

/**
 * Waits until no namespace of `uids` (name → uid) is left; returns name → line for each one still
 * there (whyNotGone), or for each one when the watch itself failed (then nothing is known).
 */
async function stillThere(clients: KubeClients, uids: ReadonlyMap<string, string>, timeoutMs: number): Promise<Map<string, string>> {
  const mine = (objs: Map<string, KubeObject>): KubeObject[] => [...objs.values()].filter((o) => uids.get(o.metadata?.name ?? "") === o.metadata?.uid);
  try {
    const left = await waitFor(clients, {
      operation: "delete",
      object: [...uids.keys()].map((name) => `Namespace/${name}`).join(", "),
      expected: "them gone",
      target: NAMESPACES,
      timeoutMs,
      evaluate: (objs) => (mine(objs).length === 0 ? { done: [] } : undefined),
      // the time is up: what is left is the answer, each with why (never a failure of the run's end)
      atTimeout: (objs) => ({ done: mine(objs) }),
      lastSeen: (objs) => mine(objs).map((n) => n.metadata?.name).join(", "),
    });
    return new Map(left.map((n) => [n.metadata?.name ?? "", whyNotGone(n)]));
  } catch (err) {
    return new Map([...uids.keys()].map((name) => [name, `Namespace/${name}: could not tell whether it is gone: ${describeError(err)}`]));
  }
}

/**
 * The end of a run on a cluster that stays up: its namespaces still there deleted (a scenario's
 * cleanup did not run), everything in them deleted and awaited (engine/run/empty.ts), and a
 * namespace that a finalizer of its own would hold named. `going` (name → uid): the namespaces
 * Kubernetes now removes, after its fixed 5 s; with `awaitNamespaces` they are awaited here too
 * (up to timeoutMs), otherwise that is for a background process or a later run's sweep.
 */
export async function endRun(clients: KubeClients, runId: string, timeoutMs: number, opts: { awaitNamespaces: boolean }): Promise<SweepReport & { going: Map<string, string>; found: number }> {
  const namespaces = await listNamespaces(clients, runNamespaceSelector(runId));
  const { deleted, failed, going } = await deleteNamespaces(clients, namespaces);
  const emptied = await emptyNamespaces(clients, [...going.keys()], timeoutMs);
  // Kubernetes' own finalizer is spec.finalizers; one in metadata holds the namespace until someone removes it
  const held = opts.awaitNamespaces ? [] : namespaces.filter((n) => going.has(n.metadata?.name ?? "") && ((n.metadata?.finalizers as string[] | undefined)?.length ?? 0) > 0).map(whyNotGone);
  const still = opts.awaitNamespaces && going.size > 0 ? await stillThere(clients, going, timeoutMs) : new Map<string, string>();
  return { cleaned: [...deleted].filter(([name]) => !still.has(name)).map(([, line]) => line), left: [...failed, ...emptied.left, ...held, ...still.values()], going, found: emptied.found };
}

/** The namespaces of a run kept for debugging (KUBECUKE_KEEP_FAILED): no sweep touches them. */
export async function keptNamespaces(clients: KubeClients, runId: string): Promise<string[]> {
  const items = await listNamespaces(clients, `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${RUN_LABEL}=${runId},${KEPT_LABEL}`);
  return items.map((n) => n.metadata?.name ?? "");
}

/** Waits (one watch) for the namespaces of run `runId` to be gone; a line for each one still there. */
export async function runNamespacesGone(clients: KubeClients, runId: string, timeoutMs: number): Promise<string[]> {
  return waitNamespacesGone(clients, await listNamespaces(clients, runNamespaceSelector(runId)), timeoutMs);
}

/** Waits for namespaces already being deleted; returns a line for each one still there. */
export async function waitNamespacesGone(clients: KubeClients, namespaces: KubeObject[], timeoutMs: number): Promise<string[]> {
  return [...(await stillThere(clients, new Map(namespaces.map((n) => [n.metadata?.name ?? "", n.metadata?.uid ?? ""])), timeoutMs)).values()];
}

/**
 * Objects of these runs outside their namespaces (cluster-scoped, or in a namespace they did not
 * create): every kind the cluster serves is listed by the run label. Used for dead runs and after
 * an interrupt, not on every run: it costs one list per kind.
 */
export async function deleteLabelledObjects(clients: KubeClients, runIds: string[], skipNamespaces: ReadonlySet<string> = new Set()): Promise<SweepReport> {
  const cleaned: string[] = [];
  const left: string[] = [];
  if (runIds.length === 0) return { cleaned, left };
  const selector = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${RUN_LABEL} in (${runIds.join(",")})`;
  const { kinds } = await discover(clients.kc);
  const seen = new Set<string>();
  const lists = kinds
    .filter((k) => k.kind !== "Namespace" && !seen.has(`${k.group}/${k.plural}`) && seen.add(`${k.group}/${k.plural}`))
    .map(async (k) => {
      const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
      // kinds that cannot be listed (reviews, bindings) answer 404/405: nothing of ours there
      const list = withDeadline("list", `${k.kind} -l ${selector}`, clients.timeouts.get, () => clients.objects.listRaw(apiVersion, k.kind, "", { labelSelector: selector }));
      const items = await list.then((l) => l.items, () => [] as KubeObject[]);
      return items.map((o) => ({ apiVersion, kind: k.kind, object: o }));
    });
  for (const { apiVersion, kind, object } of (await Promise.all(lists)).flat()) {
    const ref: ObjectRef = { apiVersion, kind, namespace: object.metadata?.namespace, name: object.metadata?.name ?? "" };
    // inside one of the runs' own namespaces: that namespace's deletion takes it
    if (ref.namespace && skipNamespaces.has(ref.namespace)) continue;
    try {
      const outcome = await deleteExactObject(clients, ref, object.metadata?.uid ?? "");
      cleaned.push(`${refText(ref)}: ${outcome}`);
    } catch (err) {
      left.push(`${refText(ref)}: delete failed: ${describeError(err)}`);
    }
  }
  return { cleaned, left };
}

const runOf = (n: KubeObject): string => n.metadata?.labels?.[RUN_LABEL] ?? "";

/**
 * Of the run namespaces, those of runs whose runner is gone, kept ones (KEPT_LABEL) aside:
 * `undeleted` ones (their cleanup never ran), `stuck` ones (being deleted for timeoutMs or more),
 * and the `runs` whose cleanup did not run (their objects elsewhere are to be looked for).
 */
export function deadRunPlan(namespaces: KubeObject[], here: Liveness, now: number, timeoutMs: number): { undeleted: KubeObject[]; stuck: KubeObject[]; runs: string[] } {
  const ownerDead = namespaces.filter((n) => !n.metadata?.labels?.[KEPT_LABEL] && ownerIsDead(ownerFrom(n.metadata?.annotations, runOf(n)), here));
  const deletingFor = (n: KubeObject) => (n.metadata?.deletionTimestamp ? now - Date.parse(String(n.metadata.deletionTimestamp)) : undefined);
  const undeleted = ownerDead.filter((n) => deletingFor(n) === undefined);
  const stuck = ownerDead.filter((n) => (deletingFor(n) ?? 0) >= timeoutMs);
  return { undeleted, stuck, runs: [...new Set(undeleted.map(runOf))] };
}

/**
 * Earlier runs on this machine whose runner is gone and whose cleanup did not finish: their
 * namespaces not yet being deleted (deleted now, awaited) and their objects elsewhere. A run's
 * namespaces that are being deleted for less than timeoutMs are Kubernetes' to finish (a run
 * that ended without waiting for them, KUBECUKE_CLEANUP_IN_BACKGROUND) and are not waited for;
 * those being deleted for longer are named in `left`, with why, and not waited for either.
 * Runs whose runner lives, runs of other machines, kept namespaces and namespaces without an
 * owner record are left alone.
 */
export async function sweepDeadRuns(clients: KubeClients, timeoutMs: number, here: Liveness = THIS_MACHINE, now = Date.now()): Promise<SweepReport & { runs: string[] }> {
  const all = await listNamespaces(clients, `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${RUN_LABEL}`);
  const { undeleted, stuck, runs } = deadRunPlan(all, here, now, timeoutMs);
  const stuckLines = stuck.map((n) => `${whyNotGone(n)} (of run ${runOf(n)}, whose runner is gone)`);
  if (runs.length === 0) return { runs, cleaned: [], left: stuckLines };
  // what is inside a run's namespace (kept ones too) goes with it, or stays with it
  const elsewhere = await deleteLabelledObjects(clients, runs, new Set(all.map((n) => n.metadata?.name ?? "")));
  const own = await deleteNamespacesAndWait(clients, undeleted, timeoutMs);
  return { runs, cleaned: [...elsewhere.cleaned, ...own.cleaned], left: [...elsewhere.left, ...own.left, ...stuckLines] };
}
