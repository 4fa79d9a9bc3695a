// A run of the scenarios, as named phases, each a function of its own module in this folder,
// each timed for the phase table (engine/report/phases.ts):
//   select    select.ts    workers, team images checked (the selection itself is read once, by
//                          the script's side of the run: scripts/run-arguments.ts)
//   cluster   cluster.ts   up (or found running) … ended the way engine/cluster/lifecycle.ts decided
//   images    cluster.ts   the team's images, kubecuke's own test images
//   setup     setup.ts     results reset, environment, sweep of dead runs, suite setup
//   cucumber  cucumber.ts  the read role, cucumber here or apart, its phases, durations
//   report    report.ts    Allure and the documentation beside the ending; the table at the end
//   ending    ending.ts    the run's own cleanup, before the cluster's ending
// This folder is the top of the engine: it uses engine/run's pieces (sweeps, owner records,
// interrupts, durations), which the cluster and scenario folders use too; nothing imports it but
// the runner script. The run returns its exit code; the caller sets process.exitCode (no
// process.exit: the process ends because nothing is left open; the one exit is the second
// Ctrl-C, context.ts).
import type { ClusterSession } from "../../cluster/lifecycle.ts";
import type { Settings } from "../../settings/env.ts";
import { loadImages, onCluster } from "./cluster.ts";
import { openRun, type RunContext } from "./context.ts";
import { cucumberPhase, type CucumberSide } from "./cucumber.ts";
import { cleanUpRun } from "./ending.ts";
import { INTERRUPTED_EXIT_CODE } from "../interrupt.ts";
import { finishReport, startReport, startReportGenerator, type ReportUnderWay, type WriteDocumentation } from "./report.ts";
import { select, type Chosen, type Selection } from "./select.ts";
import { prepare, withSuiteSetup } from "./setup.ts";

export interface RunInput {
  /** The user's directory (features, fixtures, kubecuke.setup.yaml, reports). */
  root: string;
  settings: Settings;
  /** cucumber's configuration and selection, read once (scripts/run-arguments.ts). */
  selection: Selection;
  /** How cucumber starts (the engine does not import cucumber). */
  cucumber: CucumberSide;
  documentation: WriteDocumentation;
  log: (line: string) => void;
}

/** The whole run; its exit code (130 when interrupted). */
export async function runScenarios(input: RunInput): Promise<number> {
  const { run, close } = openRun(input);
  try {
    const chosen = await select(run, input.selection);
    if ("exitCode" in chosen) return chosen.exitCode;
    const { code, report } = await onCluster(run, (session) => onTheCluster(run, session, chosen, input));
    await finishReport(run, report);
    return run.interrupts.interrupted ? INTERRUPTED_EXIT_CODE : code;
  } finally {
    close();
  }
}

/** The phases inside the cluster phase, in order; the report is under way when the cluster's ending starts. */
async function onTheCluster(run: RunContext, session: ClusterSession, chosen: Chosen, input: RunInput): Promise<{ code: number; report: ReportUnderWay }> {
  await loadImages(run, session);
  const prepared = await prepare(run, session);
  const code = await withSuiteSetup(run, session, prepared.admin, chosen.scenarios, () => {
    if (run.interrupts.interrupted) return Promise.resolve(INTERRUPTED_EXIT_CODE);
    startReportGenerator(run); // Allure loads while the scenarios run
    return cucumberPhase(run, session, prepared.admin, chosen, input.cucumber);
  });
  const report = await startReport(run, prepared.info, input.documentation);
  const left = await cleanUpRun(run, session, prepared);
  // nothing may be left behind: a green run that left objects in the cluster fails (docs/providers.md)
  if (left.length && !run.interrupts.interrupted) {
    run.log(`run failed: ${left.length} object(s) of this run are left in the cluster (above)`);
    return { code: code || 1, report };
  }
  return { code, report };
}
