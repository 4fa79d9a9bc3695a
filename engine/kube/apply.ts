// Apply and delete arbitrary objects through the API (server-side apply), with errors
// that name the object and carry the API server's reason.
import { BadInputError, InfrastructureError, KubecukeError } from "../errors.ts";
import type { KubeClients } from "./client.ts";
import { withDeadline } from "./deadline.ts";
import { apiError, apiFailure, isNotFound } from "./errors.ts";
import { refOf } from "./manifest.ts";
import type { KubeObject } from "./object.ts";
import type { Applied } from "./raw-api.ts";

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function refFromObject(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion ?? "v1",
    kind: obj.kind ?? "",
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? "",
  };
}

export function refText(r: ObjectRef): string {
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

/** Apply one object; resolves to the object as stored by the API server. */
export async function applyObject(clients: KubeClients, obj: KubeObject): Promise<KubeObject> {
  return (await applyObjectOutcome(clients, obj)).object;
}

/** Apply one object; resolves to the object as stored and whether this apply created it. */
export async function applyObjectOutcome(clients: KubeClients, obj: KubeObject): Promise<Applied> {
  const where = refOf(obj);
  const apiVersion = obj.apiVersion ?? "v1";
  const kind = obj.kind ?? "";
  await scopeOf(clients, apiVersion, kind, `apply ${where}`, clients.timeouts.apply);
  if (!obj.metadata?.name) {
    throw new BadInputError(`apply ${where}: metadata.name is missing. Give the object a name.`, { operation: "apply", object: where });
  }
  try {
    return await withDeadline("apply", where, clients.timeouts.apply, () => clients.objects.apply(obj));
  } catch (cause) {
    throw apiError(cause, { operation: "apply", object: where });
  }
}

/**
 * Whether a kind is namespaced, from API discovery (client-node caches it per apiVersion).
 * A kind the cluster does not serve is bad input; `what` starts the message.
 */
export async function scopeOf(clients: KubeClients, apiVersion: string, kind: string, what: string, timeoutMs = clients.timeouts.get): Promise<{ namespaced: boolean }> {
  let served;
  try {
    served = await withDeadline("discovery", `${apiVersion}/${kind}`, timeoutMs, () => clients.objects.served(apiVersion, kind), { waitingFor: `no answer from the API server's discovery (for ${what})` });
  } catch (cause) {
    if (cause instanceof KubecukeError) throw cause;
    const f = apiFailure(cause);
    throw new InfrastructureError(`${what}: discovery of ${apiVersion} failed: ${f.reason}: ${f.message}`, { operation: "discovery", object: `${apiVersion}/${kind}` }, { cause });
  }
  if (!served) {
    throw new BadInputError(
      `${what}: kind "${kind}" is not served by the cluster under apiVersion "${apiVersion}" (no such resource in API discovery). Check kind and apiVersion.`,
      { operation: "discovery", object: `${apiVersion}/${kind}` },
    );
  }
  return { namespaced: served.namespaced };
}

/** The object as stored now, or undefined when it does not exist. */
export async function findObject(clients: KubeClients, ref: ObjectRef): Promise<KubeObject | undefined> {
  try {
    return await readObject(clients, ref);
  } catch (cause) {
    if (isNotFound(cause)) return undefined;
    throw apiError(cause, { operation: "get", object: refText(ref) });
  }
}

/** Apply several objects in order (a multi-document manifest); stops at the first failure. */
export async function applyObjects(clients: KubeClients, objects: KubeObject[]): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const obj of objects) applied.push(await applyObject(clients, obj));
  return applied;
}

/** One GET within the `get` limit (its request ends there too: transport.ts). */
function readObject(clients: KubeClients, ref: ObjectRef): Promise<KubeObject> {
  return withDeadline("get", refText(ref), clients.timeouts.get, () => clients.objects.getRaw(ref.apiVersion, ref.kind, ref.namespace, ref.name));
}

export async function getObject(clients: KubeClients, ref: ObjectRef): Promise<KubeObject> {
  try {
    return await readObject(clients, ref);
  } catch (cause) {
    throw apiError(cause, { operation: "get", object: refText(ref) });
  }
}

/**
 * Delete with background propagation. Resolves to false when the object was already gone
 * (NotFound is not an error for cleanup), true when a delete was issued.
 */
export async function deleteObject(clients: KubeClients, ref: ObjectRef, gracePeriodSeconds?: number): Promise<boolean> {
  try {
    await withDeadline("delete", refText(ref), clients.timeouts.delete, () =>
      clients.objects.delete(
        { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } },
        undefined,
        undefined,
        gracePeriodSeconds,
        undefined,
        "Background",
      ),
    );
    return true;
  } catch (cause) {
    if (isNotFound(cause)) return false;
    throw apiError(cause, { operation: "delete", object: refText(ref) });
  }
}

export type ExactDeleteOutcome = "deleted" | "already gone" | "replaced by another object";

/**
 * Delete exactly the object with this UID. A same-named object that is not it (the API server
 * answers 409 Conflict to the UID precondition) is left alone.
 */
export async function deleteExactObject(clients: KubeClients, ref: ObjectRef, uid: string, gracePeriodSeconds?: number): Promise<ExactDeleteOutcome> {
  try {
    await withDeadline("delete", refText(ref), clients.timeouts.delete, () => clients.objects.deleteExact(ref, uid, gracePeriodSeconds));
    return "deleted";
  } catch (cause) {
    if (isNotFound(cause)) return "already gone";
    if (apiFailure(cause).code === 409) return "replaced by another object";
    throw apiError(cause, { operation: "delete", object: refText(ref) });
  }
}
