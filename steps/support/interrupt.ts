// Ctrl-C / SIGTERM inside cucumber (the main process and every worker load this file): the
// first signal aborts `interrupts.signal`, which every running step's signal follows
// (support/deadline.ts withStepDeadline; define.steps.ts puts it on the scenario's clients), so
// the step and its requests and waits end at once (InterruptedError). The scenario's After hook
// cleans up as after any failure, under no step's signal (the interrupt does not end it), and
// the scenarios not yet started are skipped, so cucumber finishes normally and the report says
// what happened. A later signal exits at once, naming
// what the open scenarios leave behind. Without this, Node's default would kill the process
// mid-step and leave the scenario's namespace and temporary kubeconfig behind.
import { INTERRUPTED_EXIT_CODE, Interrupts, onStopSignals } from "../../engine/run/interrupt.ts";

export const interrupts = new Interrupts();

/** What each running scenario would leave if the process exited now (set by the hooks). */
export const openScenarios = new Map<string, string>();

onStopSignals((signal) => {
  const meaning = interrupts.receive(signal);
  if (meaning !== "exit") return;
  const left = [...openScenarios.values()];
  console.error(`[kubecuke] ${signal} again: exiting now${left.length ? `; left behind: ${left.join("; ")} (the runner's sweep removes them)` : ""}`);
  process.exit(INTERRUPTED_EXIT_CODE);
});
