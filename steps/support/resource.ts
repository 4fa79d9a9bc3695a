// `{resource}`: a kind as the cluster serves it (Pod, deployments.apps, example.com/v1/Widget),
// resolved through discovery when the step runs (engine/kube/kinds.ts, docs/assertions.md).
import { BadInputError } from "../../engine/errors.ts";
import { kindsOf } from "../../engine/kube/discovery.ts";
import type { ResolvedKind } from "../../engine/kube/kinds.ts";
import type { KubeWorld } from "./world.ts";

/** What `{resource}` captures: a name, `name.group`, `plural.version.group` or `group/version/Kind`. */
export const RESOURCE_PATTERN = /[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*(?:\/[A-Za-z0-9.-]+){0,2}/;

/** The kind a step names, from the cluster's discovery (cached per run; an unknown name fails with the closest ones). */
export function kindOf(w: KubeWorld, name: string): Promise<ResolvedKind> {
  return kindsOf(w.ctx.clients.kc).resolve(name);
}

/** The kind a step names, which must be one of `allowed` in the group `group` (apps for workloads). */
export async function kindAmong<K extends string>(w: KubeWorld, name: string, group: string, allowed: readonly K[], why: string): Promise<ResolvedKind & { kind: K }> {
  const k = await kindOf(w, name);
  if (k.group === group && (allowed as readonly string[]).includes(k.kind)) return k as ResolvedKind & { kind: K };
  throw new BadInputError(`"${name}" (${k.apiVersion}/${k.kind}) ${why}: use ${allowed.join(", ")}`);
}
