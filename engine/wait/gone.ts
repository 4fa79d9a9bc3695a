// Deleting exactly one object (by UID) and waiting until it is gone: what cleanup does outside a
// scenario's namespace and what the suite setup's removal does, so both say the same on failure.
import { deleteExactObject, refText, type ExactDeleteOutcome, type ObjectRef } from "../kube/apply.ts";
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/object.ts";
import { secondsText } from "../seconds.ts";
import { waitFor } from "./wait-for.ts";

/** Resolves once no object with this UID is left under the name; the timeout names its finalizers. */
export async function waitUntilGone(clients: KubeClients, ref: ObjectRef, uid: string, timeoutMs: number): Promise<void> {
  const mine = (objs: Map<string, KubeObject>): KubeObject | undefined => {
    const o = objs.get(ref.name);
    return o?.metadata?.uid === uid ? o : undefined;
  };
  await waitFor(clients, {
    operation: "delete",
    object: refText(ref),
    expected: `it gone within ${secondsText(timeoutMs)}`,
    target: { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace ?? "", fieldSelector: `metadata.name=${ref.name}` },
    timeoutMs,
    evaluate: (objs) => (mine(objs) ? undefined : { done: true }),
    lastSeen: (objs) => {
      const m = mine(objs)?.metadata;
      return `deletionTimestamp=${String(m?.deletionTimestamp ?? "<none>")} finalizers=${JSON.stringify(m?.finalizers ?? [])}`;
    },
  });
}

/** deleteExactObject, then (when something was deleted) waitUntilGone. */
export async function deleteAndWait(clients: KubeClients, ref: ObjectRef, uid: string, timeoutMs: number, gracePeriodSeconds?: number): Promise<ExactDeleteOutcome> {
  const outcome = await deleteExactObject(clients, ref, uid, gracePeriodSeconds);
  if (outcome === "deleted") await waitUntilGone(clients, ref, uid, timeoutMs);
  return outcome;
}
