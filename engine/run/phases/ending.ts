// The run's ending phase: its own cleanup on the cluster, before the cluster's ending (which
// withCluster does, the way it decided: engine/cluster/lifecycle.ts). Everything in this run's
// namespaces is deleted and awaited, and what will not go is named (engine/run/empty.ts); who
// confirms the namespaces themselves are gone (after Kubernetes' fixed 5 s) is namespaceWait's
// answer (engine/run/ending.ts).
import { rm } from "node:fs/promises";
import type { ClusterSession } from "../../cluster/lifecycle.ts";
import type { ClusterHandle } from "../../cluster/provider.ts";
import type { KubeClients } from "../../kube/client.ts";
import { PHASE } from "../../report/phases.ts";
import { inBackground } from "./background.ts";
import { clusterGoes } from "./cluster.ts";
import type { RunContext } from "./context.ts";
import { namespaceWait, type NamespaceWait } from "../ending.ts";
import { leftInClusterText } from "../leftover-fix.ts";
import { deleteRunRbac } from "../scope-role.ts";
import type { Prepared } from "./setup.ts";
import { deleteLabelledObjects, endRun, keptNamespaces } from "../sweep.ts";

/** The ending phase: the run's cleanup ("run cleanup" in the phase table). Returns what it left in the cluster (named in the log with the fix). */
export async function cleanUpRun(run: RunContext, session: ClusterSession, { admin, scratch }: Prepared): Promise<string[]> {
  const goesDown = clusterGoes(session);
  const { handle } = session;
  const wait = namespaceWait({ goesDown, interrupted: run.interrupts.interrupted !== undefined, existing: handle.provider === "existing", setting: run.settings.scenarios.cleanupInBackground, terminal: run.terminal });
  return run.clock.time(wait === "background" ? PHASE.runCleanupApart : PHASE.runCleanup, async () => {
    await nameKept(run, admin, handle);
    const left = wait === "none" ? [] : await emptyRunNamespaces(run, admin, handle, wait);
    // the read role and any scenario binding left (kept or interrupted scenarios); nothing to do on a cluster that goes down
    if (!goesDown) left.push(...(await deleteRunRbac(admin, run.runId)).left);
    if (left.length) run.log(leftInClusterText(left, { kubeconfig: lastingKubeconfig(run, handle), context: handle.context }));
    await rm(scratch, { recursive: true, force: true });
    return left;
  });
}

/** The kubeconfig that outlives the run: an existing cluster's run copy goes at its end. */
function lastingKubeconfig(run: RunContext, handle: ClusterHandle): string {
  return handle.provider === "existing" ? (run.settings.cluster.existing.kubeconfig ?? handle.kubeconfigPath) : handle.kubeconfigPath;
}

/** KUBECUKE_KEEP_FAILED: the namespaces kept for debugging, and how to delete them (no sweep does). */
async function nameKept(run: RunContext, admin: KubeClients, handle: ClusterHandle): Promise<void> {
  const kept = await keptNamespaces(admin, run.runId).catch(() => []);
  if (!kept.length) return;
  run.log(`kept for debugging (KUBECUKE_KEEP_FAILED): ${kept.map((n) => `Namespace/${n}`).join(", ")}; no sweep deletes them: kubectl --kubeconfig ${lastingKubeconfig(run, handle)} --context ${handle.context} delete namespace ${kept.join(" ")}`);
}

/** Empties the run's namespaces; returns what would not go. */
async function emptyRunNamespaces(run: RunContext, admin: KubeClients, handle: ClusterHandle, wait: Exclude<NamespaceWait, "none">): Promise<string[]> {
  const own = await endRun(admin, run.runId, run.settings.timeouts.operations.cleanup, { awaitNamespaces: wait === "run" });
  // an interrupt may have stopped a scenario between creating something outside its namespace and recording it
  const elsewhere = run.interrupts.interrupted ? await deleteLabelledObjects(admin, [run.runId]) : { cleaned: [], left: [] };
  const cleaned = [...own.cleaned, ...elsewhere.cleaned];
  const left = [...own.left, ...elsewhere.left];
  if (cleaned.length) run.log(`run cleanup: removed what the scenarios had not:\n  ${cleaned.join("\n  ")}`);
  if (!left.length && run.interrupts.interrupted) run.log("run cleanup: nothing of this run is left in the cluster");
  if (wait === "background" && own.going.size) run.log(await awaitNamespacesInBackground(run, own.going, handle));
  if (wait === "later" && own.going.size && !left.length) {
    run.log(`run cleanup: nothing is left in this run's ${own.going.size} namespace(s) (${own.found} objects deleted and awaited); Kubernetes removes them after its fixed 5 s, and a later run on this machine names any still there after the cleanup limit (KUBECUKE_CLEANUP_IN_BACKGROUND=0 waits here)`);
  }
  return left;
}

/** KUBECUKE_CLEANUP_IN_BACKGROUND: scripts/await-namespaces.ts waits for these namespaces (name → uid) and writes what stays to cleanup.log. */
async function awaitNamespacesInBackground(run: RunContext, going: ReadonlyMap<string, string>, h: Pick<ClusterHandle, "kubeconfigPath" | "context">): Promise<string> {
  const args = ["--kubeconfig", h.kubeconfigPath, ...(h.context ? ["--context", h.context] : []), "--run-id", run.runId, "--timeout-ms", String(run.settings.timeouts.operations.cleanup), ...[...going].map(([name, uid]) => `${name}=${uid}`)];
  const { pid, logFile } = await inBackground(run, "cleanup", args, "cleanup.log");
  return `run cleanup: ${going.size} namespace(s) of this run are being deleted; a background process (pid ${pid}) waits for them and names any that stay in ${logFile} (KUBECUKE_CLEANUP_IN_BACKGROUND=0 waits here)`;
}
