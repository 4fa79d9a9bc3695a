// The scenario runner behind `npm run scenarios` and `kubecuke run` (and the acceptance part of
// `npm test`): reads its arguments, then runs the scenarios as named phases (engine/run/phases/run.ts):
// select → cluster up → images → setup → cucumber → report → ending → cluster down (when this
// run started it). Provider flags (--provider, --cluster-name, ...) are ours; everything else
// goes to cucumber-js, e.g. `npm run scenarios -- --tags @smoke`. This file is also the run's
// cucumber side (the engine imports no cucumber): how cucumber starts, and the documentation.
import { createRequire } from "node:module";
import path from "node:path";
import { runCucumber, type IRunConfiguration } from "@cucumber/cucumber/api";
import { parseProviderFlags, profileSettingsFrom } from "../engine/settings/provider.ts";
import { categoryOf, describeError } from "../engine/errors.ts";
import { runAsEntryPoint } from "../engine/run/entry.ts";
import type { WriteDocumentation } from "../engine/run/phases/report.ts";
import { runScenarios } from "../engine/run/phases/run.ts";
import { secondsText } from "../engine/seconds.ts";
import { loadSettings, type Settings } from "../engine/settings/env.ts";
import { docsOptions, generateDocs } from "./docs.ts";
import { COMMAND, preflightOnce, profilesIn } from "./run-arguments.ts";
import { commandText } from "../engine/commands.ts";

const CUCUMBER_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve("@cucumber/cucumber/package.json")), "bin", "cucumber.js");

/** The run's exit code: 0 passed, 1 failed, 2 bad arguments, 130 interrupted. */
export async function main(argv: string[]): Promise<number> {
  const root = process.cwd();
  const log = (l: string) => console.error(l);
  let cucumberArgs: string[];
  try {
    cucumberArgs = parseProviderFlags(argv).rest;
  } catch (err) {
    return badInput(err, log);
  }
  // provider settings may also live in the cucumber profile(s) named with -p/--profile (worldParameters.kubecuke)
  const profiles = profilesIn(cucumberArgs);
  // --help, a bad option, nothing selected, --dry-run: answered here, before any cluster or image work
  const pre = await preflightOnce(root, cucumberArgs, profiles, log);
  if ("exitCode" in pre) return pre.exitCode;
  const { runConfiguration, scenarios, ms } = pre;
  let settings: Settings;
  try {
    const profileName = profiles.join(",") || "default";
    settings = loadSettings({ argv, cwd: root, profile: profileSettingsFrom(runConfiguration.runtime.worldParameters, profileName), profileName });
  } catch (err) {
    return badInput(err, log);
  }
  return runScenarios({
    root,
    settings,
    log,
    selection: { scenarios, ms, cucumberArgs, order: runConfiguration.sources.order },
    cucumber: { bin: CUCUMBER_BIN, inProcess: () => cucumberHere(root, runConfiguration, log) },
    documentation: (run) => writeDocs(root, run),
  });
}

/** A flag or setting the user got wrong: its message and exit code 2; anything else is not theirs to fix here. */
function badInput(err: unknown, log: (l: string) => void): number {
  if (categoryOf(err) !== "bad-input") throw err;
  log(`${COMMAND}: ${describeError(err)} (no cluster was started; \`${commandText("run", "--help")}\` lists the flags)`);
  return 2;
}

/** One worker: cucumber's API in this process, with the configuration read once by the select phase. */
async function cucumberHere(root: string, runConfiguration: IRunConfiguration, log: (l: string) => void): Promise<number> {
  try {
    const { success } = await runCucumber({ ...runConfiguration, runtime: { ...runConfiguration.runtime, parallel: 0 } }, { cwd: root });
    return success ? 0 : 1;
  } catch (err) {
    // a configuration or support-code error, as the CLI reports it (exit code 2)
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 2;
  }
}

/** reports/docs from reports/messages.ndjson and the feature files (`npm run docs` with its defaults). */
async function writeDocs(root: string, run: Parameters<WriteDocumentation>[0]): Promise<string> {
  const o = docsOptions([], root);
  const s = await generateDocs({ ...o, messages: path.join(run.reportsDir, "messages.ndjson"), out: path.join(run.reportsDir, "docs"), environment: path.join(run.resultsDir, "environment.properties"), report: path.join(run.reportsDir, "allure-report"), runId: run.runId });
  return `documentation: ${path.relative(root, path.join(s.out, "index.html"))} (${s.pages} pages, ${(s.bytes / 1024).toFixed(0)} KiB, ${secondsText(s.ms)})`;
}

await runAsEntryPoint(import.meta.url, main);
