// The run's select phase, the cucumber side of it: `kubecuke run` (scripts/scenarios.ts) reads
// cucumber's configuration and its feature selection here, once, before any cluster or image
// work. Answered here: --help, cucumber's own refusals (an unknown option, a missing profile),
// feature files that do not parse, a selection that matches no scenario, and --dry-run (cucumber
// without a cluster: the step code is loaded, no step runs). Everything else goes on to the run
// (engine/run/phases/run.ts) with the configuration and the selected scenarios' tags.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadConfiguration, loadSources, runCucumber, type IRunConfiguration } from "@cucumber/cucumber/api";
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from "@cucumber/gherkin";
import type { Feature, Tag } from "@cucumber/messages";
import { PROVIDER_FLAGS_HELP } from "../engine/settings/provider.ts";
import { describeError } from "../engine/errors.ts";
import { commandText } from "../engine/commands.ts";
import { inheritedEnv } from "../engine/settings/env.ts";
import type { SelectedScenario } from "../engine/run/phases/select.ts";
import { inShard } from "../engine/run/shard.ts";

/**
 * Who speaks in the run's messages: the command as it was typed, `npm run scenarios` in
 * kubecuke's checkout, else `kubecuke run` (the CLI, from a team's project or a checkout).
 * Commands a message tells the reader to run come from commandText.
 */
export const COMMAND = inheritedEnv().npm_lifecycle_event === "scenarios" ? "npm run scenarios" : "kubecuke run";

export const RUN_USAGE = `usage: ${commandText("run", "[provider flags] [cucumber options] [FEATURE[:LINE]...]")}
Runs the selected scenarios on a cluster: cluster up (unless one is running) → images loaded →
cucumber → Allure report in reports/allure-report → cleanup → cluster down (only one it started).

Provider flags (kubecuke's own; each also a setting):
${PROVIDER_FLAGS_HELP}

Cucumber's options (passed on to cucumber-js; the configuration is cucumber.mjs in this directory):`;

/** What the run goes on with: cucumber's configuration (profiles and arguments merged) and the scenarios it selects. */
export interface Selected {
  runConfiguration: IRunConfiguration;
  /** In the order the run's shard takes them, with the tags each carries (feature, rule, scenario, examples). */
  scenarios: SelectedScenario[];
  /** How long reading the configuration and the selection took (the phase table's "scenario selection"). */
  ms: number;
}

export type Preflight = { exitCode: number } | Selected;

/** The answer for these arguments, when this process checked them already (`kubecuke run` before loading the runner). */
let checked: { args: string; answer: Preflight } | undefined;

/** preflight, once per process for the same arguments. */
export async function preflightOnce(root: string, cucumberArgs: string[], profiles: string[], log: (l: string) => void): Promise<Preflight> {
  const args = JSON.stringify([root, cucumberArgs, profiles]);
  if (checked?.args !== args) checked = { args, answer: await preflight(root, cucumberArgs, profiles, log) };
  return checked.answer;
}

/** The profiles named with -p/--profile (cucumber's, and where provider settings may live). */
export function profilesIn(cucumberArgs: readonly string[]): string[] {
  return cucumberArgs.flatMap((a, i) => (a === "-p" || a === "--profile" ? [cucumberArgs[i + 1] ?? ""] : a.startsWith("--profile=") ? [a.slice(10)] : []));
}

/** The configuration file named with -c/--config: cucumber's command reads it, its API only when told (`file`). */
export function configFileIn(cucumberArgs: readonly string[]): string | undefined {
  let file: string | undefined;
  cucumberArgs.forEach((a, i) => {
    if (a === "-c" || a === "--config") file = cucumberArgs[i + 1];
    else if (a.startsWith("--config=")) file = a.slice(9);
  });
  return file;
}

/**
 * Reads the cucumber arguments the way the run will, without a cluster. Returns an exit code when
 * the command is answered here (help, refusal, nothing selected, dry run), else the configuration
 * and the selection. Cucumber's option parser itself exits on --help, --version and an unknown option.
 */
export async function preflight(root: string, cucumberArgs: string[], profiles: string[], log: (l: string) => void): Promise<Preflight> {
  const started = performance.now();
  if (cucumberArgs.some((a) => a === "--help" || a === "-h")) {
    console.log(RUN_USAGE);
    await loadConfiguration({ provided: ["--help"] }, { cwd: root }); // prints cucumber's help and exits
    return { exitCode: 0 };
  }
  const runConfiguration = await configuration(root, cucumberArgs, profiles, log);
  if (typeof runConfiguration === "number") return { exitCode: runConfiguration };
  // the defined order: the one cucumber's --shard takes its share of (loadSources leaves --shard out)
  const { plan, errors } = await loadSources({ ...runConfiguration.sources, order: "defined" }, { cwd: root });
  if (errors.length) {
    log(`${COMMAND}: these feature files do not parse (no cluster was started):\n  ${errors.map((e) => `${e.uri}${e.location ? `:${e.location.line}` : ""}: ${e.message}`).join("\n  ")}`);
    return { exitCode: 1 };
  }
  let shard: typeof plan;
  try {
    shard = inShard(plan, runConfiguration.sources.shard);
  } catch (err) {
    log(`${COMMAND}: ${describeError(err)} (no cluster was started)`);
    return { exitCode: 2 };
  }
  const nothing = nothingSelected(root, runConfiguration, plan.length, shard.length, log);
  if (nothing !== undefined) return { exitCode: nothing };
  if (runConfiguration.runtime.dryRun) return { exitCode: await dryRun(root, runConfiguration, cucumberArgs, shard.length, log) };
  return { runConfiguration, scenarios: await tagged(root, shard), ms: Math.round(performance.now() - started) };
}

/**
 * cucumber's configuration: the profiles and the arguments merged, as the run uses it; an exit
 * code when cucumber refuses it. Cucumber's parser ends the process on a bad option ("error:
 * unknown option …"): the hint says what to do, and the exit code is 2, as for every bad argument.
 */
async function configuration(root: string, cucumberArgs: string[], profiles: string[], log: (l: string) => void): Promise<IRunConfiguration | number> {
  const hint = (code: number) => {
    if (code === 0) return;
    console.error(`${COMMAND}: cucumber refused the arguments above; \`${commandText("run", "--help")}\` lists kubecuke's flags and cucumber's options. No cluster was started.`);
    process.exitCode = 2;
  };
  process.once("exit", hint);
  try {
    return (await loadConfiguration({ file: configFileIn(cucumberArgs), profiles, provided: cucumberArgs }, { cwd: root })).runConfiguration;
  } catch (err) {
    log(`${COMMAND}: cucumber's configuration: ${err instanceof Error ? err.message : String(err)} (no cluster was started)`);
    return 2;
  } finally {
    process.removeListener("exit", hint);
  }
}

/** The exit code when the selection is empty (and why, logged); undefined when there is something to run. */
function nothingSelected(root: string, c: IRunConfiguration, planned: number, inShard: number, log: (l: string) => void): number | undefined {
  if (inShard > 0) return undefined;
  if (c.sources.shard && planned > 0) {
    log(`${COMMAND}: shard ${c.sources.shard} holds none of the ${planned} selected scenarios; nothing to run (no cluster was started)`);
    return 0;
  }
  log(`${COMMAND}: no scenario matches ${describeSelection(c)}; nothing to run, no cluster was started. Feature files are looked for in ${c.sources.paths.join(", ") || "features/"} (relative to ${root}).`);
  return 1;
}

/** --dry-run: cucumber in this process, steps matched against their definitions, none run. */
async function dryRun(root: string, runConfiguration: IRunConfiguration, cucumberArgs: string[], scenarios: number, log: (l: string) => void): Promise<number> {
  log(`${COMMAND}: --dry-run: ${scenarios} scenario(s), steps matched against their definitions, none run; no cluster is used; the last run's reports are left as they are`);
  // only the formats named on the command line (default: progress): the configuration's would
  // put skipped results into the last run's reports (allure-results, messages, junit)
  const { runConfiguration: given } = await loadConfiguration({ file: false, provided: cucumberArgs }, { cwd: root });
  // cucumber calls a dry run a success whatever it found: undefined and ambiguous steps are counted here
  const problems = { UNDEFINED: 0, AMBIGUOUS: 0 };
  const { success } = await runCucumber({ ...runConfiguration, formats: given.formats, runtime: { ...runConfiguration.runtime, parallel: 0 } }, { cwd: root }, (m) => {
    const status = m.testStepFinished?.testStepResult.status;
    if (status === "UNDEFINED" || status === "AMBIGUOUS") problems[status]++;
  });
  if (problems.UNDEFINED || problems.AMBIGUOUS) {
    log(`${COMMAND}: --dry-run: ${problems.UNDEFINED} undefined and ${problems.AMBIGUOUS} ambiguous step(s) (above: where, and a snippet for each undefined one)`);
    return 1;
  }
  return success ? 0 : 1;
}

/** The planned scenarios with their tags: the suite setup installs what those tags need. */
async function tagged(root: string, plan: ReadonlyArray<{ name: string; uri: string; location: { line: number } }>): Promise<SelectedScenario[]> {
  const byUri = new Map<string, Map<number, string[]>>();
  const out: SelectedScenario[] = [];
  for (const p of plan) {
    if (!byUri.has(p.uri)) byUri.set(p.uri, tagsByLine(await readFile(path.join(root, p.uri), "utf8")));
    out.push({ scenario: p.name, tags: byUri.get(p.uri)?.get(p.location.line) ?? [] });
  }
  return out;
}

/** Each scenario's (and each examples row's) line → the tags it carries, inherited ones included. */
export function tagsByLine(text: string): Map<number, string[]> {
  const doc = new Parser(new AstBuilder(randomUUID), new GherkinClassicTokenMatcher()).parse(text);
  const lines = new Map<number, string[]>();
  const names = (tags: readonly Tag[]): string[] => tags.map((t) => t.name);
  const walk = (children: Feature["children"], inherited: string[]): void => {
    for (const c of children) {
      if (c.rule) walk(c.rule.children, [...inherited, ...names(c.rule.tags)]);
      const s = c.scenario;
      if (!s) continue;
      const own = [...inherited, ...names(s.tags)];
      lines.set(s.location.line, [...own, ...s.examples.flatMap((e) => names(e.tags))]);
      for (const e of s.examples) for (const row of e.tableBody) lines.set(row.location.line, [...own, ...names(e.tags)]);
    }
  };
  if (doc.feature) walk(doc.feature.children, names(doc.feature.tags));
  return lines;
}

function describeSelection(c: IRunConfiguration): string {
  const parts = [
    ...c.sources.paths,
    c.sources.tagExpression ? `--tags ${JSON.stringify(c.sources.tagExpression)}` : "",
    ...c.sources.names.map((n) => `--name ${JSON.stringify(n)}`),
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "the configuration (no feature file found)";
}
