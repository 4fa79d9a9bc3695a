// The run's report phase. Before the scenarios: the Allure generator's process, when the report is
// made in this process, so that it has loaded Allure by the time they end. Once cucumber is done:
// the environment (with the phase table so far) into the results, the Allure report generated
// beside the run's cleanup and the cluster's ending (none waits for another; or in a background
// process), the living documentation meanwhile (beside the cleanup too).
// Finished after the ending: the report's line, where the time went, phases.json, background.json.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { generateAllureReport } from "../../report/allure.ts";
import { startAllureGenerator } from "../../report/allure-generator.ts";
import { writeEnvironmentProperties, type EnvironmentInfo } from "../../report/environment.ts";
import { PHASE } from "../../report/phases.ts";
import { openHint } from "../../report/serve.ts";
import { runsInBackground } from "../../settings/env.ts";
import { inBackground } from "./background.ts";
import type { RunContext } from "./context.ts";

/** The Allure report under way: its line for the log once it is done (or started in the background); the documentation being written. */
export interface ReportUnderWay {
  line: Promise<string>;
  documentation: Promise<void>;
}

/** The living documentation from this run's messages (the script's side: scripts/docs.ts); its line for the log. */
export type WriteDocumentation = (run: { runId: string; reportsDir: string; resultsDir: string }) => Promise<string>;

/**
 * Before the scenarios: the report's generator, so Node's start and Allure's load happen while they
 * run; reportHere gives it its job. Not for a report in the background (a process of its own, later).
 */
export function startReportGenerator(run: RunContext): void {
  if (run.reportGenerator || runsInBackground(run.settings.reports.inBackground, run.terminal)) return;
  run.reportGenerator = startAllureGenerator(run.root);
}

export async function startReport(run: RunContext, info: EnvironmentInfo, documentation: WriteDocumentation): Promise<ReportUnderWay> {
  await writeEnvironmentProperties(run.resultsDir, { ...info, "Run id": run.runId, ...run.clock.properties() });
  const outputDir = path.join(run.reportsDir, "allure-report");
  const historyPath = run.settings.reports.dirOverridden ? path.join(run.reportsDir, "history", "history.jsonl") : undefined;
  const line = runsInBackground(run.settings.reports.inBackground, run.terminal) ? reportInBackground(run, outputDir, historyPath) : reportHere(run, outputDir, historyPath);
  line.catch(() => undefined); // awaited by finishReport, after the ending
  // while Allure runs in its own process and the run's cleanup waits on the cluster
  const written = run.clock.time(PHASE.documentation, () => documentation(run).then(run.log, (e: unknown) => run.log(`documentation not written: ${e instanceof Error ? e.message : String(e)}`)));
  return { line, documentation: written };
}

async function reportHere(run: RunContext, outputDir: string, historyPath: string | undefined): Promise<string> {
  const started = Date.now();
  const summary = await generateAllureReport({ root: run.root, resultsDir: run.resultsDir, outputDir, historyPath, singleFile: run.settings.reports.singleFile }, run.reportGenerator);
  run.clock.add(PHASE.report, Date.now() - started);
  const retries = summary.retries ? `; ${summary.retries} retried attempts, ${summary.flaky} flaky` : "";
  return `Allure report: ${path.relative(run.root, path.join(outputDir, "index.html"))} (${summary.results} results: ${JSON.stringify(summary.byStatus)}${retries})`;
}

/** KUBECUKE_REPORT_IN_BACKGROUND: `npm run report` for these results. */
async function reportInBackground(run: RunContext, outputDir: string, historyPath: string | undefined): Promise<string> {
  const args = ["--results", run.resultsDir, "--output", outputDir, ...(historyPath ? ["--history", historyPath] : []), ...(run.settings.reports.singleFile ? ["--single-file"] : [])];
  const { pid, logFile } = await inBackground(run, "report", args, "report.log");
  return `Allure report: ${path.relative(run.root, path.join(outputDir, "index.html"))} is being generated in the background (pid ${pid}; log ${logFile}), ready in a few seconds`;
}

/** After the ending: what the run leaves for the reader, and for scripts (phases.json, background.json). */
export async function finishReport(run: RunContext, report: ReportUnderWay): Promise<void> {
  await report.documentation;
  run.log(await report.line);
  run.log(`where the time went:\n${run.clock.table()}`);
  // the last line: how to look at the report (a browser shows Allure 3's report only when served)
  const output = path.relative(run.root, path.join(run.reportsDir, "allure-report"));
  run.log(run.settings.reports.singleFile ? `the report: ${path.join(output, "index.html")} (one file: open it in a browser)` : `view the report: ${openHint(output)}`);
  await writeFile(path.join(run.reportsDir, "phases.json"), JSON.stringify(run.clock.phases, null, 1));
  // what still runs after this run (empty when it waited for everything): a script may wait for these pids
  await writeFile(path.join(run.reportsDir, "background.json"), JSON.stringify(run.background, null, 1));
  if (run.interrupts.interrupted) run.log(`[kubecuke] interrupted by ${run.interrupts.interrupted}: the run stopped early`);
}
