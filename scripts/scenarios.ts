// The scenario runner behind `npm run scenarios` (and the acceptance part of `npm test`):
// cluster up → test images loaded → cucumber → Allure report → cluster down (when this run
// started it). Provider flags (--provider, --cluster-name, ...) are ours; everything else
// goes to cucumber-js, e.g. `npm run scenarios -- --tags @smoke`.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { loadConfiguration } from "@cucumber/cucumber/api";
import { canLoadImages } from "../engine/cluster/provider.ts";
import { parseProviderFlags, profileSettingsFrom } from "../engine/cluster/config.ts";
import { withCluster } from "../engine/cluster/lifecycle.ts";
import { scenarioEnv } from "../engine/cluster/registry.ts";
import { loadSettings, scenarioInputs } from "../engine/settings/env.ts";
import { buildScenarioImages } from "../engine/images/build.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../engine/report/environment.ts";
import { generateAllureReport } from "../engine/report/allure.ts";
import { withSuiteSetup } from "./suite-setup.ts";

const root = process.cwd();
const log = (l: string) => console.error(l);
const argv = process.argv.slice(2);
const { rest: cucumberArgs } = parseProviderFlags(argv);

// Provider settings may also live in the cucumber profile(s) named with -p/--profile (worldParameters.kubecuke).
const profiles = cucumberArgs.flatMap((a, i) => (a === "-p" || a === "--profile" ? [cucumberArgs[i + 1] ?? ""] : a.startsWith("--profile=") ? [a.slice(10)] : []));
const { useConfiguration } = await loadConfiguration({ profiles }, { cwd: root });
const profileName = profiles.join(",") || "default";
const profile = profileSettingsFrom(useConfiguration.worldParameters, profileName);
const settings = loadSettings({ argv, cwd: root, profile, profileName });
// KUBECUKE_REPORTS_DIR moves every output (cucumber.mjs reads it too) and the report history,
// so a run made by a test does not overwrite the user's last report or join its trend.
const reportsDir = path.resolve(root, settings.reports.dir);
const resultsDir = path.join(reportsDir, "allure-results");

const { value: exitCode } = await withCluster(settings.cluster, async ({ provider, handle }) => {
  if (canLoadImages(provider)) {
    const images = await buildScenarioImages(root, settings.cluster.cacheDir, log);
    await provider.loadImages(images.map((i) => i.archive), { log });
  }
  // Results are per run; history (reports/history) survives for trends.
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  const info = await collectEnvironmentInfo({ kubeconfigPath: handle.kubeconfigPath, context: handle.context, provider: handle.provider });
  await writeEnvironmentProperties(resultsDir, info);

  const runId = settings.cluster.runId;
  const setup = { root, handle, runId, cucumberArgs, resultsDir, log, file: settings.scenarios.setupFile, inputs: scenarioInputs() };
  const code = await withSuiteSetup(setup, async () => {
    const started = Date.now();
    const run = await execa("npx", ["cucumber-js", ...cucumberArgs], {
      cwd: root,
      stdio: "inherit",
      reject: false,
      env: scenarioEnv(handle, runId),
    });
    log(`scenarios finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${run.exitCode}`);
    return run.exitCode ?? 1;
  });

  const outputDir = path.join(reportsDir, "allure-report");
  const historyPath = settings.reports.dirOverridden ? path.join(reportsDir, "history", "history.jsonl") : undefined;
  const summary = await generateAllureReport({ root, resultsDir, outputDir, historyPath, singleFile: settings.reports.singleFile });
  log(`Allure report: ${path.relative(root, path.join(outputDir, "index.html"))} (${summary.results} results: ${JSON.stringify(summary.byStatus)}${summary.retries ? `; ${summary.retries} retried attempts, ${summary.flaky} flaky` : ""})`);
  return code;
}, { log });
process.exitCode = exitCode;
