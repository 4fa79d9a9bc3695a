// Who confirms that a run's namespaces are gone, once the run has emptied them (engine/run/empty.ts):
// nobody when the cluster goes down with the run; the run itself (KUBECUKE_CLEANUP_IN_BACKGROUND=0,
// after an interrupt); a background process (=1, or auto at a terminal, on a cluster kubecuke
// started: an existing cluster's run kubeconfig goes with the run); else a later run's sweep, which
// names a namespace of a dead run still being deleted after the cleanup limit.
import { runsInBackground, type Background } from "../settings/env.ts";

export type NamespaceWait = "none" | "run" | "background" | "later";

export function namespaceWait(facts: { goesDown: boolean; interrupted: boolean; existing: boolean; setting: Background; terminal: { interactive: boolean; ci: boolean } }): NamespaceWait {
  if (facts.goesDown) return "none";
  if (facts.interrupted || facts.setting === false) return "run";
  if (runsInBackground(facts.setting, facts.terminal) && !facts.existing) return "background";
  return "later";
}
