// What every phase of a run reads (run.ts calls the phases in order): its settings,
// where its outputs go, its phase clock, its interrupts and its log. One value, made once per
// run and passed to each phase: no module-level state.
import path from "node:path";
import { RUN_LABEL } from "../../kube/labels.ts";
import { PhaseClock } from "../../report/phases.ts";
import { inCi, type Settings } from "../../settings/env.ts";
import { INTERRUPTED_EXIT_CODE, Interrupts, onStopSignals } from "../interrupt.ts";
import { runScratchDir } from "../owner.ts";
import { commandText } from "../../commands.ts";
import type { AllureGenerator } from "../../report/allure-generator.ts";

/** A part of the run's ending left running after it (reports/background.json lists them). */
export interface BackgroundJob {
  what: "report" | "cleanup";
  pid: number | undefined;
  log: string;
}

export interface RunContext {
  /** The user's directory: features, fixtures, kubecuke.setup.yaml; relative paths in messages start here. */
  root: string;
  settings: Settings;
  runId: string;
  log: (line: string) => void;
  clock: PhaseClock;
  interrupts: Interrupts;
  /** KUBECUKE_REPORTS_DIR moves every output (cucumber.mjs reads it too) and the report history. */
  reportsDir: string;
  resultsDir: string;
  /** Who waits for the run's end: "auto" ending parts go to the background only for someone at a terminal. */
  terminal: { interactive: boolean; ci: boolean };
  background: BackgroundJob[];
  /** Process groups a stop signal is passed on to: cucumber's, when it runs apart (several workers). */
  children: Set<number>;
  /** The report's generator, started with the scenarios when the report is made in this process (report.ts); `close` closes it. */
  reportGenerator: AllureGenerator | undefined;
}

/**
 * The run's context, with its stop signals handled until `close`. Ctrl-C / SIGTERM: cucumber
 * runs in its own process group (or in this process), so the terminal's signal reaches only
 * this runner, which passes it on once: the running steps stop, each scenario's cleanup runs,
 * then the run's own (phases/ending.ts). A second signal exits at once, naming what is left.
 */
export function openRun(input: { root: string; settings: Settings; log: (line: string) => void }): { run: RunContext; close: () => void } {
  const reportsDir = path.resolve(input.root, input.settings.reports.dir);
  const run: RunContext = {
    ...input,
    runId: input.settings.cluster.runId,
    // the total counts from this process's start, like the first phase
    clock: new PhaseClock(performance.timeOrigin),
    interrupts: new Interrupts(),
    reportsDir,
    resultsDir: path.join(reportsDir, "allure-results"),
    terminal: { interactive: process.stderr.isTTY === true, ci: inCi() },
    background: [],
    children: new Set(),
    reportGenerator: undefined,
  };
  const stopHandling = onStopSignals((signal) => onStop(run, signal));
  return {
    run,
    close: () => {
      stopHandling();
      // a run that ended before its report (an exception): the generator waiting for its job exits
      run.reportGenerator?.close();
      nameWhatHolds(run.log);
    },
  };
}

/** How long after the run's end a process still alive says what holds it. */
export const HOLD_NOTICE_MS = 5000;

/**
 * The run ends by returning: the process exits once nothing is left open. Should step code run
 * in this process (one worker) leave something open (a watch a deadline abandoned, a timer), the
 * process would wait for it silently: this names what holds it instead. Its own timer holds nothing.
 */
function nameWhatHolds(log: (line: string) => void): void {
  const notice = setTimeout(() => {
    const held = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap");
    log(`[kubecuke] the run is over, but this process is still held open by: ${held.join(", ") || "nothing Node names"} (something step code left running; Ctrl-C ends it)`);
  }, HOLD_NOTICE_MS);
  notice.unref();
}

function onStop(run: RunContext, signal: "SIGINT" | "SIGTERM"): void {
  const meaning = run.interrupts.receive(signal);
  if (meaning === "same") return;
  for (const group of run.children) {
    try {
      process.kill(-group, signal);
    } catch {
      // already gone
    }
  }
  if (meaning === "stop") {
    run.log(`[kubecuke] ${signal}: stopping the scenarios; each one's cleanup runs, then the run's (${signal === "SIGINT" ? "Ctrl-C" : signal} again to exit at once)`);
    return;
  }
  run.log(`[kubecuke] ${signal} again: exiting now. Left behind: whatever the scenarios had not cleaned (namespaces labelled ${RUN_LABEL}=${run.runId}), ${runScratchDir(run.runId)}, and the cluster if this run started it; the next run on this machine sweeps the first two (${commandText("cluster down")} stops a local cluster).`);
  // The one exit of the runner: asked for by the user, with the cleanup still running
  process.exit(INTERRUPTED_EXIT_CODE);
}
