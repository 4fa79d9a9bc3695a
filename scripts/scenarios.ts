// The scenario runner behind `npm run scenarios` (and the acceptance part of `npm test`):
// cluster up → images loaded (the team's; kubecuke's own test images in its own repository) → cucumber → Allure report → cluster down (when this run
// started it). Provider flags (--provider, --cluster-name, ...) are ours; everything else
// goes to cucumber-js, e.g. `npm run scenarios -- --tags @smoke`.
import { spawn } from "node:child_process";
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { execa } from "execa";
import { loadConfiguration, runCucumber } from "@cucumber/cucumber/api";
import { parseProviderFlags, profileSettingsFrom } from "../engine/settings/provider.ts";
import { endingFor, withCluster } from "../engine/cluster/lifecycle.ts";
import { scenarioEnv } from "../engine/cluster/registry.ts";
import { exportToScenarios, inCi, loadSettings, runsInBackground, scenarioInputs } from "../engine/settings/env.ts";
import { loadRunImages, resolveTeamImages } from "../engine/cluster/run-images.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../engine/report/environment.ts";
import { generateAllureReport } from "../engine/report/allure.ts";
import { cucumberPhases, PhaseClock } from "../engine/report/phases.ts";
import { selectedScenarioTags, withSuiteSetup } from "./suite-setup.ts";
import { preflightOnce, profilesIn } from "./run-arguments.ts";
import { nodeArgsFor } from "../engine/package-paths.ts";
import { openHint } from "../engine/report/serve.ts";
import { docsOptions, generateDocs } from "./docs.ts";
import { makeClients } from "../engine/kube/client.ts";
import { RUN_LABEL } from "../engine/kube/labels.ts";
import { INTERRUPTED_EXIT_CODE, Interrupts, onStopSignals, type StopSignal } from "../engine/run/interrupt.ts";
import { makeRunScratchDir, runScratchDir, sweepScratchDirs } from "../engine/run/owner.ts";
import { durationFiles, longestFirstEnv, recordDurations } from "../engine/run/durations.ts";
import { deleteLabelledObjects, endRun, keptNamespaces, sweepDeadRuns } from "../engine/run/sweep.ts";
import { namespaceWait } from "../engine/run/ending.ts";
import { hostname } from "node:os";
import { createReadRole, deleteRunRbac, sweepDeadRunRbac } from "../engine/run/scope-role.ts";

const CUCUMBER_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve("@cucumber/cucumber/package.json")), "bin", "cucumber.js");

const root = process.cwd();
const log = (l: string) => console.error(l);
const argv = process.argv.slice(2);
const { rest: cucumberArgs } = parseProviderFlags(argv);

// Provider settings may also live in the cucumber profile(s) named with -p/--profile (worldParameters.kubecuke).
const profiles = profilesIn(cucumberArgs);
// --help, a bad option, nothing selected, --dry-run: answered here, before any cluster or image work
const pre = await preflightOnce(root, cucumberArgs, profiles, log);
if ("exitCode" in pre) process.exit(pre.exitCode);
const { useConfiguration } = await loadConfiguration({ profiles }, { cwd: root });
const profileName = profiles.join(",") || "default";
const profile = profileSettingsFrom(useConfiguration.worldParameters, profileName);
const settings = loadSettings({ argv, cwd: root, profile, profileName });
// KUBECUKE_REPORTS_DIR moves every output (cucumber.mjs reads it too) and the report history,
// so a run made by a test does not overwrite the user's last report or join its trend.
const reportsDir = path.resolve(root, settings.reports.dir);
/** The parts of the ending this run left running in the background. */
const background: Array<{ what: "report" | "cleanup"; pid: number | undefined; log: string }> = [];

// who waits for the run's end ("auto" ending parts go to the background only for someone at a terminal)
const terminal = { interactive: process.stderr.isTTY === true, ci: inCi() };
const resultsDir = path.join(reportsDir, "allure-results");
const durationsAt = durationFiles(reportsDir, settings.cluster.cacheDir, settings.reports.dirOverridden);

// Ctrl-C / SIGTERM: cucumber runs in its own process group, so the terminal's signal reaches
// only this runner, which passes it on once: the running steps stop, each scenario's cleanup
// runs, then the run's own (below). A second signal exits at once.
const interrupts = new Interrupts();
let cucumberPid: number | undefined;
const toCucumber = (signal: StopSignal) => {
  try {
    if (cucumberPid) process.kill(-cucumberPid, signal);
  } catch {
    // already gone
  }
};
onStopSignals((signal) => {
  const meaning = interrupts.receive(signal);
  if (meaning === "stop") {
    log(`[kubecuke] ${signal}: stopping the scenarios; each one's cleanup runs, then the run's (${signal === "SIGINT" ? "Ctrl-C" : signal} again to exit at once)`);
    toCucumber(signal);
  } else if (meaning === "exit") {
    toCucumber(signal);
    log(`[kubecuke] ${signal} again: exiting now. Left behind: whatever the scenarios had not cleaned (namespaces labelled ${RUN_LABEL}=${settings.cluster.runId}), ${runScratchDir(settings.cluster.runId)}, and the cluster if this run started it; the next run on this machine sweeps the first two (npm run cluster:down stops a local cluster).`);
    process.exit(INTERRUPTED_EXIT_CODE);
  }
});

/**
 * One worker: cucumber in this process (its API, with the same configuration and arguments the
 * CLI would read), so the step code does not pay for a second Node start and a second load of
 * client-node and cucumber. The settings reach it the way they reach a worker: the environment.
 */
async function cucumberHere(env: Record<string, string>): Promise<number> {
  exportToScenarios(env);
  try {
    const { runConfiguration } = await loadConfiguration({ profiles, provided: cucumberArgs }, { cwd: root });
    const { success } = await runCucumber({ ...runConfiguration, runtime: { ...runConfiguration.runtime, parallel: 0 } }, { cwd: root });
    return success ? 0 : 1;
  } catch (err) {
    // a configuration or support-code error, as the CLI reports it (exit code 2)
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 2;
  }
}

/**
 * Several workers: cucumber's own bin on this Node (no npx hop), in its own process group, so
 * the terminal's Ctrl-C reaches only this runner, which passes it on once (see the signals above).
 */
async function cucumberApart(env: Record<string, string>): Promise<number> {
  const child = execa(process.execPath, [CUCUMBER_BIN, ...cucumberArgs], { cwd: root, stdio: "inherit", reject: false, detached: true, env });
  cucumberPid = child.pid;
  const run = await child;
  cucumberPid = undefined;
  return run.exitCode ?? 1;
}

// the total counts from this process's start, like the first phase
const clock = new PhaseClock(performance.timeOrigin);
clock.add("start (settings, profile)", Math.round(performance.now()));
const clusterStart = Date.now();
let report: Promise<string> | undefined;
let fnEnd = 0;
// the team's images are checked before any cluster work: a wrong path needs no cluster to be found
await resolveTeamImages(settings.cluster.images, root, settings.cluster.provider, settings.cluster.imagesSource).catch((err: unknown) => {
  log(`[kubecuke] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
const { value: exitCode } = await withCluster(settings.cluster, async ({ provider, handle }) => {
  clock.add("cluster up", Date.now() - clusterStart);
  // the team's images (KUBECUKE_IMAGES), and kubecuke's own test images in its own repository only
  await clock.time("images", () => loadRunImages({ provider, root, cacheDir: settings.cluster.cacheDir, images: settings.cluster.images, imagesSource: settings.cluster.imagesSource, log }));
  // Results are per run; history (reports/history) survives for trends. The logs of an earlier
  // run's background ending go too: this run writes its own, or none when it waits.
  await rm(resultsDir, { recursive: true, force: true });
  for (const f of ["report.log", "cleanup.log", "background.json"]) await rm(path.join(reportsDir, f), { force: true });
  await mkdir(resultsDir, { recursive: true });
  const info = await clock.time("environment info", () => collectEnvironmentInfo({ kubeconfigPath: handle.kubeconfigPath, context: handle.context, provider: handle.provider, timeoutScale: settings.timeouts.scale }));
  // the run id beside the cluster's facts: the documentation names the run that verified each step
  await writeEnvironmentProperties(resultsDir, { ...info, "Run id": settings.cluster.runId });

  const runId = settings.cluster.runId;
  const admin = makeClients(handle.kubeconfigPath, handle.context, settings.timeouts.operations);
  await clock.time("sweep of dead runs", async () => {
    const swept = await sweepDeadRuns(admin, settings.timeouts.operations.cleanup);
    const rbac = await sweepDeadRunRbac(admin);
    const dirs = await sweepScratchDirs();
    if (swept.runs.length || rbac.cleaned.length || dirs.length) {
      log(`swept what earlier runs on this machine left (their runner is gone: ${swept.runs.join(", ") || "-"}):\n  ${[...swept.cleaned, ...rbac.cleaned, ...dirs.map((d) => `${d}: removed`)].join("\n  ")}`);
    }
    if (swept.left.length || rbac.left.length) log(`could not remove (fix by hand):\n  ${[...swept.left, ...rbac.left].join("\n  ")}`);
  });
  const scratch = await makeRunScratchDir({ runId, host: hostname(), pid: process.pid });
  const selected = await clock.time("scenario selection", () => selectedScenarioTags(root, cucumberArgs));
  // no more workers than scenarios: each worker loads the step code before the first one runs
  const workers = Math.max(1, Math.min(settings.scenarios.workers ?? 1, selected.length));
  const setup = { root, handle, runId, cucumberArgs, resultsDir, log, file: settings.scenarios.setupFile, inputs: scenarioInputs(), tags: selected, clock };
  const code = await withSuiteSetup(setup, async () => {
    if (interrupts.interrupted) return INTERRUPTED_EXIT_CODE;
    // after the suite setup, so its kinds are readable too; removed in the run cleanup below
    const readRole = await clock.time("scenario read role", () => createReadRole(admin, { runId, host: hostname(), pid: process.pid }));
    const started = Date.now();
    // cucumber's own --parallel on the command line: its processes, as the user asked
    const here = workers === 1 && !cucumberArgs.some((a) => a === "--parallel" || a.startsWith("--parallel="));
    // several workers: the longest scenarios of earlier runs first (engine/run/durations.ts)
    const env = { ...scenarioEnv(handle, runId), KUBECUKE_WORKERS: String(workers), KUBECUKE_SCENARIO_READ_ROLE: readRole, ...(here ? {} : await longestFirstEnv(durationsAt, cucumberArgs, useConfiguration.order)) };
    const exitCode = here ? await cucumberHere(env) : await cucumberApart(env);
    const ended = Date.now();
    const messages = await readFile(path.join(reportsDir, "messages.ndjson"), "utf8").catch(() => "");
    for (const p of cucumberPhases(messages, started, ended)) clock.add(p.name, p.ms);
    if (!interrupts.interrupted) await recordDurations(durationsAt, messages).catch((err: unknown) => log(`could not keep the scenarios' durations: ${String(err)}`));
    log(`scenarios finished in ${((ended - started) / 1000).toFixed(1)} s with exit code ${exitCode} (${selected.length} selected, ${workers} worker${workers === 1 ? "" : "s"}${here ? ", in the runner's process" : ""})`);
    return exitCode;
  });

  await writeEnvironmentProperties(resultsDir, { ...info, "Run id": runId, ...clock.properties() });
  const outputDir = path.join(reportsDir, "allure-report");
  const historyPath = settings.reports.dirOverridden ? path.join(reportsDir, "history", "history.jsonl") : undefined;
  // generated beside the run's cleanup and the cluster's ending: none waits for another
  const reportStart = Date.now();
  report = runsInBackground(settings.reports.inBackground, terminal)
    ? reportInBackground(outputDir, historyPath)
    : generateAllureReport({ root, resultsDir, outputDir, historyPath, singleFile: settings.reports.singleFile }).then((summary) => {
        clock.add("report (beside the ending)", Date.now() - reportStart);
        return `Allure report: ${path.relative(root, path.join(outputDir, "index.html"))} (${summary.results} results: ${JSON.stringify(summary.byStatus)}${summary.retries ? `; ${summary.retries} retried attempts, ${summary.flaky} flaky` : ""})`;
      });
  report.catch(() => undefined); // awaited below, after the ending
  // the living documentation from this run's messages (scripts/docs.ts), while Allure runs in its own process
  await clock.time("documentation", () => writeDocs(runId).then(log, (e: unknown) => log(`documentation not written: ${e instanceof Error ? e.message : String(e)}`)));

  // Everything in this run's namespaces is deleted and awaited before the run ends, and what will
  // not go is named (engine/run/empty.ts). The namespaces themselves go after Kubernetes' fixed
  // 5 s: namespaceWait says who waits for that (engine/run/ending.ts). Nothing when the cluster
  // goes down at the end: nothing of it stays.
  const goesDown = endingFor(provider, handle, settings.cluster).down && handle.owned;
  const wait = namespaceWait({ goesDown, interrupted: interrupts.interrupted !== undefined, existing: handle.provider === "existing", setting: settings.scenarios.cleanupInBackground, terminal });
  await clock.time(wait === "background" ? "run cleanup (deletes; waits apart)" : "run cleanup", async () => {
    const kept = await keptNamespaces(admin, runId).catch(() => []);
    // the kubeconfig that outlives the run: an existing cluster's run copy goes at its end
    const lasting = handle.provider === "existing" ? (settings.cluster.existing.kubeconfig ?? handle.kubeconfigPath) : handle.kubeconfigPath;
    if (kept.length) log(`kept for debugging (KUBECUKE_KEEP_FAILED): ${kept.map((n) => `Namespace/${n}`).join(", ")}; no sweep deletes them: kubectl --kubeconfig ${lasting} --context ${handle.context} delete namespace ${kept.join(" ")}`);
    if (wait !== "none") {
      const own = await endRun(admin, runId, settings.timeouts.operations.cleanup, { awaitNamespaces: wait === "run" });
      // an interrupt may have stopped a scenario between creating something outside its namespace and recording it
      const elsewhere = interrupts.interrupted ? await deleteLabelledObjects(admin, [runId]) : { cleaned: [], left: [] };
      const cleaned = [...own.cleaned, ...elsewhere.cleaned];
      const left = [...own.left, ...elsewhere.left];
      if (cleaned.length) log(`run cleanup: removed what the scenarios had not:\n  ${cleaned.join("\n  ")}`);
      if (left.length) log(`LEFT IN THE CLUSTER by this run (fix by hand):\n  ${left.join("\n  ")}`);
      else if (interrupts.interrupted) log("run cleanup: nothing of this run is left in the cluster");
      if (wait === "background" && own.going.size) log(await awaitNamespacesInBackground(own.going, handle));
      if (wait === "later" && own.going.size && !left.length) log(`run cleanup: nothing is left in this run's ${own.going.size} namespace(s) (${own.found} objects deleted and awaited); Kubernetes removes them after its fixed 5 s, and a later run on this machine names any still there after the cleanup limit (KUBECUKE_CLEANUP_IN_BACKGROUND=0 waits here)`);
    }
    // the read role and any scenario binding left (kept or interrupted scenarios); nothing to do on a cluster that goes down
    if (!goesDown) {
      const rbac = await deleteRunRbac(admin, runId);
      if (rbac.left.length) log(`LEFT IN THE CLUSTER by this run (fix by hand):\n  ${rbac.left.join("\n  ")}`);
    }
    await rm(scratch, { recursive: true, force: true });
  });
  fnEnd = Date.now();
  return code;
}, { log });
if (fnEnd) clock.add("cluster ending", Date.now() - fnEnd);

/** One of our scripts in a detached process that outlives this run, its output in <reports>/<log>; listed in background.json. */
async function inBackground(what: "report" | "cleanup", script: string, args: string[], log: string): Promise<{ pid?: number; logFile: string }> {
  const logFile = path.join(reportsDir, log);
  const out = await open(logFile, "w");
  const child = spawn(process.execPath, nodeArgsFor(script, args), { cwd: root, detached: true, stdio: ["ignore", out.fd, out.fd] });
  child.unref();
  await out.close();
  background.push({ what, pid: child.pid, log: logFile });
  return { pid: child.pid, logFile: path.relative(root, logFile) };
}

/** KUBECUKE_CLEANUP_IN_BACKGROUND: scripts/await-namespaces.ts waits for these namespaces (name → uid) and writes what stays to cleanup.log. */
async function awaitNamespacesInBackground(going: ReadonlyMap<string, string>, h: { kubeconfigPath: string; context: string }): Promise<string> {
  const { pid, logFile } = await inBackground("cleanup", "scripts/await-namespaces.ts", ["--kubeconfig", h.kubeconfigPath, ...(h.context ? ["--context", h.context] : []),
    "--run-id", settings.cluster.runId, "--timeout-ms", String(settings.timeouts.operations.cleanup), ...[...going].map(([name, uid]) => `${name}=${uid}`)], "cleanup.log");
  return `run cleanup: ${going.size} namespace(s) of this run are being deleted; a background process (pid ${pid}) waits for them and names any that stay in ${logFile} (KUBECUKE_CLEANUP_IN_BACKGROUND=0 waits here)`;
}

/** reports/docs from reports/messages.ndjson and the feature files (`npm run docs` with its defaults). */
async function writeDocs(runId: string): Promise<string> {
  const o = docsOptions([], root);
  const s = await generateDocs({ ...o, messages: path.join(reportsDir, "messages.ndjson"), out: path.join(reportsDir, "docs"), environment: path.join(resultsDir, "environment.properties"), report: path.join(reportsDir, "allure-report"), runId });
  return `documentation: ${path.relative(root, path.join(s.out, "index.html"))} (${s.pages} pages, ${(s.bytes / 1024).toFixed(0)} KiB, ${(s.ms / 1000).toFixed(1)} s)`;
}

/** KUBECUKE_REPORT_IN_BACKGROUND: `npm run report` for these results. */
async function reportInBackground(outputDir: string, historyPath: string | undefined): Promise<string> {
  const { pid, logFile } = await inBackground("report", "scripts/report.ts", ["--results", resultsDir, "--output", outputDir, ...(historyPath ? ["--history", historyPath] : []), ...(settings.reports.singleFile ? ["--single-file"] : [])], "report.log");
  return `Allure report: ${path.relative(root, path.join(outputDir, "index.html"))} is being generated in the background (pid ${pid}; log ${logFile}), ready in a few seconds`;
}
if (report) log(await report);
log(`where the time went:\n${clock.table()}`);
// the last line: how to look at the report (a browser shows Allure 3's report only when served)
if (report) log(settings.reports.singleFile ? `the report: ${path.relative(root, path.join(reportsDir, "allure-report", "index.html"))} (one file: open it in a browser)` : `view the report: ${openHint(path.relative(root, path.join(reportsDir, "allure-report")))}`);
await writeFile(path.join(reportsDir, "phases.json"), JSON.stringify(clock.phases, null, 1));
// what still runs after this run (empty when it waited for everything): a script may wait for these pids
await writeFile(path.join(reportsDir, "background.json"), JSON.stringify(background, null, 1));
if (interrupts.interrupted) log(`[kubecuke] interrupted by ${interrupts.interrupted}: the run stopped early`);
// at once: step code run in this process may hold a connection or timer past its step (a watch
// a deadline abandoned); nothing of the run is left to finish (the report is written already,
// or by its own detached process)
process.exit(interrupts.interrupted ? INTERRUPTED_EXIT_CODE : exitCode);
