// Deleting exactly one object (by UID) and waiting until it is gone: what cleanup does outside a
// scenario's namespace and what the suite setup's removal does, so both say the same on failure.
import { TimeoutError } from "../errors.ts";
import { deleteExactObject, refText, type ExactDeleteOutcome, type ObjectRef } from "../kube/apply.ts";
import type { KubeClients } from "../kube/client.ts";
import { secondsText } from "../seconds.ts";
import type { KubeObject } from "../kube/object.ts";
import { watchUntil } from "./watch.ts";

/** Resolves once no object with this UID is left under the name; the timeout names its finalizers. */
export async function waitUntilGone(clients: KubeClients, ref: ObjectRef, uid: string, timeoutMs: number): Promise<void> {
  let last: KubeObject | undefined;
  try {
    await watchUntil(clients, { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace ?? "", fieldSelector: `metadata.name=${ref.name}` }, {
      timeoutMs,
      evaluate: (objs) => {
        last = objs.get(ref.name);
        return last?.metadata?.uid === uid ? undefined : { done: true };
      },
    });
  } catch (cause) {
    const m = last?.metadata;
    const seen = `deletionTimestamp=${String(m?.deletionTimestamp ?? "<none>")} finalizers=${JSON.stringify(m?.finalizers ?? [])}`;
    throw new TimeoutError(`delete ${refText(ref)}: expected it gone within ${secondsText(timeoutMs)}, last saw ${seen}`, { operation: "delete", object: refText(ref), expected: `gone within ${secondsText(timeoutMs)}`, lastSeen: seen, elapsedMs: timeoutMs }, { cause });
  }
}

/** deleteExactObject, then (when something was deleted) waitUntilGone. */
export async function deleteAndWait(clients: KubeClients, ref: ObjectRef, uid: string, timeoutMs: number, gracePeriodSeconds?: number): Promise<ExactDeleteOutcome> {
  const outcome = await deleteExactObject(clients, ref, uid, gracePeriodSeconds);
  if (outcome === "deleted") await waitUntilGone(clients, ref, uid, timeoutMs);
  return outcome;
}
