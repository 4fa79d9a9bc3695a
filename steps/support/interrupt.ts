// Ctrl-C / SIGTERM inside cucumber (the main process and every worker load this file): the
// first signal ends the running step at once (InterruptedError), the scenario's After hook
// cleans up as after any failure, and the scenarios not yet started are skipped, so cucumber
// finishes normally and the report says what happened. A later signal exits at once, naming
// what the open scenarios leave behind. Without this, Node's default would kill the process
// mid-step and leave the scenario's namespace and temporary kubeconfig behind.
import { INTERRUPTED_EXIT_CODE, Interrupts, onStopSignals } from "../../engine/run/interrupt.ts";

export const interrupts = new Interrupts();

/** What each running scenario would leave if the process exited now (set by the hooks). */
export const openScenarios = new Map<string, string>();

/** Steps running now (define.steps.ts counts them): their waits end with the interrupt, cleanup's do not. */
export const running = { steps: 0 };

onStopSignals((signal) => {
  const meaning = interrupts.receive(signal);
  // the running steps' waits end through the step's signal (KubeClients.signal), which helper S's branch aborts here
  if (meaning !== "exit") return;
  const left = [...openScenarios.values()];
  console.error(`[kubecuke] ${signal} again: exiting now${left.length ? `; left behind: ${left.join("; ")} (the runner's sweep removes them)` : ""}`);
  process.exit(INTERRUPTED_EXIT_CODE);
});
