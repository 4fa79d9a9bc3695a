// The scenario runner behind `npm run scenarios` (and the acceptance part of `npm test`):
// cluster up → test images loaded → cucumber → Allure report → cluster down (when this run
// started it). Provider flags (--provider, --cluster-name, ...) are ours; everything else
// goes to cucumber-js, e.g. `npm run scenarios -- --tags @smoke`.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { canLoadImages } from "../engine/cluster/provider.ts";
import { loadConfiguration } from "@cucumber/cucumber/api";
import { parseProviderFlags, profileSettingsFrom, resolveProviderSettings } from "../engine/cluster/config.ts";
import { providerFor, scenarioEnv } from "../engine/cluster/registry.ts";
import { buildScenarioImages } from "../engine/images/build.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../engine/report/environment.ts";
import { generateAllureReport } from "../engine/report/allure.ts";

const root = process.cwd();
const log = (l: string) => console.error(l);
const argv = process.argv.slice(2);
const { rest: cucumberArgs } = parseProviderFlags(argv);
// KUBECUKE_REPORTS_DIR moves every output (cucumber.mjs reads it too) and the report history,
// so a run made by a test does not overwrite the user's last report or join its trend.
const reportsOverride = process.env.KUBECUKE_REPORTS_DIR;
const reportsDir = path.resolve(root, reportsOverride ?? "reports");
const resultsDir = path.join(reportsDir, "allure-results");

// Provider settings may also live in the cucumber profile(s) named with -p/--profile (worldParameters.kubecuke).
const profiles = cucumberArgs.flatMap((a, i) => (a === "-p" || a === "--profile" ? [cucumberArgs[i + 1] ?? ""] : a.startsWith("--profile=") ? [a.slice(10)] : []));
const { useConfiguration } = await loadConfiguration({ profiles }, { cwd: root });
const profileName = profiles.join(",") || "default";
const profile = profileSettingsFrom(useConfiguration.worldParameters, profileName);
const settings = resolveProviderSettings({ argv, env: process.env, cwd: root, profile, profileName });
const { provider } = await providerFor(settings, { log });
const t0 = Date.now();
const handle = await provider.up({ log });
log(`cluster ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${handle.provider} ${handle.name})`);

let exitCode = 1;
try {
  if (canLoadImages(provider)) {
    const images = await buildScenarioImages(root, log);
    await provider.loadImages(images.map((i) => i.archive), { log });
  }
  // Results are per run; history (reports/history) survives for trends.
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  const info = await collectEnvironmentInfo({ kubeconfigPath: handle.kubeconfigPath, context: handle.context, provider: handle.provider });
  await writeEnvironmentProperties(resultsDir, info);

  const started = Date.now();
  const run = await execa("npx", ["cucumber-js", ...cucumberArgs], {
    cwd: root,
    stdio: "inherit",
    reject: false,
    env: scenarioEnv(handle, settings.runId),
  });
  exitCode = run.exitCode ?? 1;
  log(`scenarios finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${exitCode}`);

  const outputDir = path.join(reportsDir, "allure-report");
  const historyPath = reportsOverride ? path.join(reportsDir, "history", "history.jsonl") : undefined;
  const summary = await generateAllureReport({ root, resultsDir, outputDir, historyPath, singleFile: process.env.KUBECUKE_REPORT_SINGLE_FILE === "1" });
  log(`Allure report: ${path.relative(root, path.join(outputDir, "index.html"))} (${summary.results} results: ${JSON.stringify(summary.byStatus)}${summary.retries ? `; ${summary.retries} retried attempts, ${summary.flaky} flaky` : ""})`);
} finally {
  if (handle.owned && !settings.keep && !settings.reuse) {
    await provider.down({ log });
  } else if (handle.provider === "existing" || handle.provider === "kind") {
    // Their down decides for itself: existing deletes only this run's leftover namespaces; kind
    // leaves a cluster it did not create (or was told to keep) and removes the kubeconfig copy it wrote.
    await provider.down({ log });
  } else {
    log(`leaving cluster ${handle.name} running (${handle.owned ? "keep/reuse requested" : "it was running before this run"})`);
  }
}
process.exitCode = exitCode;
