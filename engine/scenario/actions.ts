// Operations a step performs in one call, composed from kube access and waits.
// Steps stay thin: parse, call one of these, assert.
import { deleteObject, getObject, refText, type ObjectRef } from "../kube/apply.ts";
import { AssertionFailure, BadInputError } from "../errors.ts";
import { apiError } from "../kube/errors.ts";
import type { ResolvedKind } from "../kube/kinds.ts";
import type { KubeObject } from "../kube/object.ts";
import { matchLabelsOf, matchLabelsSelector, nodeOf, replicasOf } from "../kube/objects.ts";
import type { KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { isPodReady, nodeName, ownedBy } from "../wait/pod-state.ts";
import * as waits from "../wait/waits.ts";
import type { ScenarioContext } from "./context.ts";

function env(ctx: ScenarioContext): waits.WaitEnv {
  return { clients: ctx.clients, namespace: ctx.namespace, timeline: ctx.timeline };
}

/** A v1 list within the `get` limit (and the step's signal), its failure wrapped once with what was listed. */
async function listV1(clients: KubeClients, kind: string, namespace: string, labelSelector?: string): Promise<KubeObject[]> {
  const what = `${kind}s${labelSelector ? ` ${labelSelector}` : ""}${namespace ? ` in ${namespace}` : ""}`;
  try {
    const list = await withDeadline("list", what, clients.timeouts.get, () => clients.objects.listRaw("v1", kind, namespace, labelSelector ? { labelSelector } : {}), { signal: clients.signal });
    return list.items;
  } catch (cause) {
    throw apiError(cause, { operation: "list", object: what });
  }
}

/** What a step names: a kind as discovery resolved it (engine/kube/kinds.ts). */
export type KindRef = Pick<ResolvedKind, "apiVersion" | "kind" | "namespaced">;

const POD: KindRef = { apiVersion: "v1", kind: "Pod", namespaced: true };

/** The object a step names: in the scenario's namespace when the kind is namespaced, cluster-wide otherwise. */
export function refTo(ctx: Pick<ScenarioContext, "namespace">, k: KindRef, name: string): ObjectRef {
  return { apiVersion: k.apiVersion, kind: k.kind, ...(k.namespaced ? { namespace: ctx.namespace } : {}), name };
}

/** `Kind/namespace/name` (`Kind/name` when cluster-scoped) of the scenario's object, for messages. */
export function objectText(ctx: Pick<ScenarioContext, "namespace">, k: KindRef, name: string): string {
  return refText(refTo(ctx, k, name));
}

export interface Removed {
  kind: string;
  name: string;
  uid: string;
}

/**
 * Delete by kind and name through the API; resolves to what was deleted (with its UID). A
 * cluster-scoped object is deleted only when this scenario created it: the cluster is shared.
 */
export async function deleteNamed(ctx: ScenarioContext, k: KindRef, name: string): Promise<Removed> {
  const ref = refTo(ctx, k, name);
  const obj = await getObject(ctx.clients, ref);
  const uid = obj.metadata?.uid ?? "";
  if (!k.namespaced && !ctx.createdByScenario(uid)) {
    throw new BadInputError(`delete ${refText(ref)}: it is cluster-scoped and this scenario did not create it; kubecuke deletes outside the scenario's namespace only what the scenario created`, { operation: "delete", object: refText(ref) });
  }
  const deleted = await deleteObject(ctx.clients, ref);
  // gone between the get and the delete: something else deleted what the step names
  if (!deleted) throw AssertionFailure.of({ operation: "delete", object: refText(ref), expected: "it to exist", lastSeen: "NotFound" });
  ctx.timeline.record({ type: "STEP", kind: k.kind, namespace: ref.namespace ?? "", name, summary: `deleted uid=${uid}` });
  return { kind: k.kind, name, uid };
}

/** `k=v,k2=v2` from a workload's spec.selector.matchLabels. */
export function selectorOf(workload: KubeObject): string {
  const sel = matchLabelsSelector(workload);
  if (!sel) throw new BadInputError(`${workload.kind}/${workload.metadata?.namespace}/${workload.metadata?.name}: spec.selector.matchLabels is empty`);
  return sel;
}

export interface DeletedOfWorkload extends Removed {
  owner: { kind: string; name: string; selector: string; replicas: number };
}

/** Delete one ready Pod (the first by name) of a Deployment, ReplicaSet or StatefulSet. */
export async function deleteOnePodOf(ctx: ScenarioContext, k: KindRef, name: string): Promise<DeletedOfWorkload> {
  const kind = k.kind;
  const workload = await getObject(ctx.clients, refTo(ctx, k, name));
  const selector = selectorOf(workload);
  const replicas = replicasOf(workload);
  const pods = await listV1(ctx.clients, "Pod", ctx.namespace, selector);
  const ready = pods.filter(isPodReady).sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  const victim = ready[0];
  if (!victim?.metadata?.name) {
    throw AssertionFailure.of({ operation: "delete one Pod of", object: `${kind}/${ctx.namespace}/${name}`, expected: `a ready Pod matching ${selector}`, lastSeen: `${pods.length} Pods, none ready` });
  }
  const removed = await deleteNamed(ctx, POD, victim.metadata.name);
  return { ...removed, owner: { kind, name, selector, replicas } };
}

export async function waitForReplacement(ctx: ScenarioContext, deleted: DeletedOfWorkload, n: number, timeoutMs: number): Promise<KubeObject> {
  return waits.waitForReplacement(env(ctx), deleted.owner.selector, new Set([deleted.uid]), n, timeoutMs, { kind: deleted.owner.kind, name: deleted.owner.name });
}

/**
 * DaemonSet ready, then checked against the nodes: exactly one of its Pods on every
 * schedulable node. Resolves to `node → Pod` lines.
 */
export async function daemonSetOnEveryNode(ctx: ScenarioContext, name: string, timeoutMs: number): Promise<string[]> {
  await waits.waitForDaemonSetReady(env(ctx), name, timeoutMs);
  const nodes = (await listV1(ctx.admin, "Node", "")).filter((n) => !nodeOf(n).spec?.unschedulable);
  const pods = (await listV1(ctx.clients, "Pod", ctx.namespace)).filter((p) => ownedBy(p, "DaemonSet", name) && !p.metadata?.deletionTimestamp);
  const lines: string[] = [];
  const problems: string[] = [];
  for (const node of nodes) {
    const nn = node.metadata?.name ?? "";
    const on = pods.filter((p) => nodeName(p) === nn);
    lines.push(`${nn} → ${on.map((p) => `${p.metadata?.name}${isPodReady(p) ? " (ready)" : " (not ready)"}`).join(", ") || "none"}`);
    if (on.length !== 1 || !on.every(isPodReady)) problems.push(`node ${nn} has ${on.length} Pods of the DaemonSet (${on.filter(isPodReady).length} ready)`);
  }
  if (problems.length > 0 || nodes.length === 0) {
    throw AssertionFailure.of({ operation: "check", object: `DaemonSet/${ctx.namespace}/${name}`, expected: `exactly one ready Pod on each of ${nodes.length} schedulable nodes`, lastSeen: problems.join("; ") || "no nodes" });
  }
  return lines;
}

/** A Job created by the CronJob appears and completes, both inside one time budget. Resolves to the Job's name. */
export async function cronJobRunCompletes(ctx: ScenarioContext, cronJob: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  const job = await waits.waitForJobOf(env(ctx), cronJob, timeoutMs);
  await waits.waitForJobComplete(env(ctx), job, Math.max(1000, timeoutMs - (Date.now() - started)));
  return job;
}

/** Value of a label or annotation; throws listing what the object has. */
export async function metadataValue(ctx: ScenarioContext, k: KindRef, name: string, field: "labels" | "annotations", key: string): Promise<string> {
  const ref = refTo(ctx, k, name);
  const obj = await getObject(ctx.clients, ref);
  const map: Record<string, string> = obj.metadata?.[field] ?? {};
  const v = map[key];
  if (v === undefined) {
    throw AssertionFailure.of({ operation: "get", object: refText(ref), expected: `${field} to have "${key}"`, lastSeen: JSON.stringify(map) });
  }
  return v;
}

/** One label of a workload's spec.selector.matchLabels; throws listing the selector. */
export async function selectorValue(ctx: ScenarioContext, k: KindRef, name: string, key: string): Promise<string> {
  const ref = refTo(ctx, k, name);
  const obj = await getObject(ctx.clients, ref);
  const ml = matchLabelsOf(obj);
  const v = ml[key];
  if (v === undefined) {
    throw AssertionFailure.of({ operation: "get", object: refText(ref), expected: `spec.selector.matchLabels to have "${key}"`, lastSeen: JSON.stringify(ml) });
  }
  return v;
}
