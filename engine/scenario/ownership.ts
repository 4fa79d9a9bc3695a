// What a scenario may change and delete. The scenario's own namespace is the harness's: it
// created it empty, so everything in it belongs to the scenario. Outside it (another namespace,
// or a cluster-scoped object) the harness changes only what this run created, and deletes only
// what this scenario created, identified by UID (from the create response) and by its labels.
// A pre-existing object is never changed, unless the scenario opts in with the tag
// @allow-shared-changes; then its previous state is saved and put back after the scenario.
// Pure decisions here (unit tested); the cluster calls are in apply.ts.
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_LABEL, SCENARIO_LABEL, SETUP_LABEL } from "../kube/labels.ts";
import type { KubeObject } from "../kube/object.ts";

/** The tag that lets a scenario change objects it did not create (restored afterwards). */
export const ALLOW_SHARED_CHANGES_TAG = "@allow-shared-changes";

export interface TargetObject {
  kind: string;
  /** undefined for cluster-scoped objects */
  namespace?: string;
  name: string;
}

export type ApplyDecision =
  /** In the scenario's namespace: the harness's own. */
  | { action: "apply"; why: "scenario namespace" }
  /** Outside, and it does not exist: create it, labelled, and delete it after the scenario. */
  | { action: "create"; why: "new object" }
  /** Outside, and this scenario (or another scenario of this run) created it: update it. */
  | { action: "apply"; why: "created by this scenario" | "created by another scenario of this run" }
  /** Outside, pre-existing, and the scenario opted in: save its state, change it, restore it after. */
  | { action: "apply-and-restore"; why: "allowed by @allow-shared-changes" }
  | { action: "refuse"; message: string };

/** A decision that lets the apply go ahead. */
export type AllowedApply = Exclude<ApplyDecision, { action: "refuse" }>;

export interface DecideInput {
  target: TargetObject;
  scenarioNamespace: string;
  /** The object as it is now, or undefined when it does not exist. */
  existing?: KubeObject;
  /** UIDs of the objects this scenario created. */
  createdUids: ReadonlySet<string>;
  runId?: string;
  allowSharedChanges: boolean;
}

export function describeTarget(t: TargetObject): string {
  return t.namespace ? `${t.kind} ${t.namespace}/${t.name}` : `${t.kind} ${t.name} (cluster-scoped)`;
}

export function decideApply(input: DecideInput): ApplyDecision {
  const { target, existing } = input;
  if (target.namespace !== undefined && target.namespace === input.scenarioNamespace) return { action: "apply", why: "scenario namespace" };
  if (!existing) return { action: "create", why: "new object" };
  const uid = existing.metadata?.uid;
  if (uid && input.createdUids.has(uid)) return { action: "apply", why: "created by this scenario" };
  const labels = existing.metadata?.labels ?? {};
  const ours = input.runId !== undefined && labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && labels[RUN_LABEL] === input.runId;
  // what the suite setup installed is shared by every scenario of the run, running in parallel
  if (ours && labels[SETUP_LABEL] && !input.allowSharedChanges) {
    return {
      action: "refuse",
      message:
        `${describeTarget(target)} was installed by the suite setup "${labels[SETUP_LABEL]}" and is shared by every scenario of the run; a scenario does not change it. ` +
        `Change it in the setup file, or apply a copy under another name (tag the scenario ${ALLOW_SHARED_CHANGES_TAG} to change it and have it restored after the scenario).`,
    };
  }
  if (ours && !labels[SETUP_LABEL]) {
    return { action: "apply", why: "created by another scenario of this run" };
  }
  if (input.allowSharedChanges) return { action: "apply-and-restore", why: "allowed by @allow-shared-changes" };
  return {
    action: "refuse",
    message:
      `${describeTarget(target)} exists and was not created by this run; kubecuke will not change it. ` +
      `Rename it, move it into the scenario's namespace (leave metadata.namespace out, or set it to default), ` +
      `or tag the scenario ${ALLOW_SHARED_CHANGES_TAG} to change it and have it restored after the scenario.`,
  };
}

/** Labels put on objects a scenario creates outside its namespace, so a sweep can find them. */
export function ownershipLabels(scenarioNamespace: string, runId?: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [SCENARIO_LABEL]: scenarioNamespace, ...(runId ? { [RUN_LABEL]: runId } : {}) };
}

/** The object with the ownership labels added (a copy). */
export function withOwnershipLabels(obj: KubeObject, labels: Record<string, string>): KubeObject {
  return { ...obj, metadata: { ...(obj.metadata ?? {}), labels: { ...(obj.metadata?.labels ?? {}), ...labels } } };
}

/**
 * The body that puts a saved object back: the saved object with the current resourceVersion
 * (so the PUT fails rather than overwrite a change made meanwhile by someone else); read-only
 * and server-set fields are left to the server.
 */
export function restoreBody(saved: KubeObject, currentResourceVersion: string): KubeObject {
  const { status: _status, ...rest } = saved;
  const metadata = { ...(saved.metadata ?? {}) };
  for (const k of ["creationTimestamp", "generation", "selfLink"]) delete metadata[k];
  metadata.resourceVersion = currentResourceVersion;
  return { ...rest, metadata };
}

/** The body that re-creates a saved object that was deleted meanwhile. */
export function recreateBody(saved: KubeObject): KubeObject {
  const { status: _status, ...rest } = saved;
  const metadata = { ...(saved.metadata ?? {}) };
  for (const k of ["creationTimestamp", "generation", "selfLink", "uid", "resourceVersion", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds"]) delete metadata[k];
  return { ...rest, metadata };
}
