// The labels that mark what the harness created, in one place: scenario namespaces carry them,
// the existing provider's cleanup selects by them, the local cluster's own objects carry them.
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "kubecuke";
/** Which run created a namespace, so a run's cleanup never touches another run's. */
export const RUN_LABEL = "kubecuke.io/run";
/** Which suite-setup entry (kubecuke.setup.yaml) installed an object. */
export const SETUP_LABEL = "kubecuke.io/setup";
/** Which scenario (by its namespace) created an object outside its namespace. */
export const SCENARIO_LABEL = "kubecuke.io/scenario";
/**
 * On the namespace of a failed scenario kept for debugging (KUBECUKE_KEEP_FAILED): no sweep
 * deletes it, neither its run's nor a later run's; the user does (`kubectl delete namespace`).
 */
export const KEPT_LABEL = "kubecuke.io/kept-for-debugging";

/** Labels of a namespace the harness creates; the run label only when there is a run id. */
export function ownedNamespaceLabels(runId?: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, ...(runId ? { [RUN_LABEL]: runId } : {}) };
}

/** Label selector for the namespaces of one run that its sweeps remove (kept ones excluded). */
export function runNamespaceSelector(runId: string): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${RUN_LABEL}=${runId},!${KEPT_LABEL}`;
}
