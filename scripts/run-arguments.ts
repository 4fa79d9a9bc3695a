// What `kubecuke run` (scripts/scenarios.ts) answers before any cluster or image work: --help,
// cucumber's own refusals (an unknown option, a missing profile), feature files that do not
// parse, a selection that matches no scenario, and --dry-run (cucumber without a cluster: the
// step code is loaded, no step runs). Everything else goes on to the cluster.
import { loadConfiguration, loadSources, runCucumber, type IRunConfiguration } from "@cucumber/cucumber/api";
import { PROVIDER_FLAGS_HELP } from "../engine/settings/provider.ts";
import { BUILT } from "../engine/package-paths.ts";

const COMMAND = BUILT ? "kubecuke run" : "npm run scenarios --";

export const RUN_USAGE = `usage: ${COMMAND} [provider flags] [cucumber options] [FEATURE[:LINE]...]
Runs the selected scenarios on a cluster: cluster up (unless one is running) → images loaded →
cucumber → Allure report in reports/allure-report → cleanup → cluster down (only one it started).

Provider flags (kubecuke's own; each also a setting):
${PROVIDER_FLAGS_HELP}

Cucumber's options (passed on to cucumber-js; the configuration is cucumber.mjs in this directory):`;

export type Preflight = { exitCode: number } | { runConfiguration: IRunConfiguration; scenarios: number };

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

/**
 * Reads the cucumber arguments the way the run will, without a cluster. Returns an exit code when
 * the command is answered here (help, refusal, nothing selected, dry run), else the configuration.
 * Cucumber's option parser itself exits on --help, --version and an unknown option.
 */
export async function preflight(root: string, cucumberArgs: string[], profiles: string[], log: (l: string) => void): Promise<Preflight> {
  if (cucumberArgs.some((a) => a === "--help" || a === "-h")) {
    console.log(RUN_USAGE);
    await loadConfiguration({ provided: ["--help"] }, { cwd: root }); // prints cucumber's help and exits
    return { exitCode: 0 };
  }
  // cucumber's parser ends the process on a bad option (exit 1, "error: unknown option …"): say what to do
  const hint = (code: number) => {
    if (code !== 0) console.error(`${COMMAND}: cucumber refused the arguments above; \`${COMMAND} --help\` lists kubecuke's flags and cucumber's options. No cluster was started.`);
  };
  process.once("exit", hint);
  let runConfiguration: IRunConfiguration;
  try {
    ({ runConfiguration } = await loadConfiguration({ profiles, provided: cucumberArgs }, { cwd: root }));
  } catch (err) {
    log(`${COMMAND}: cucumber's configuration: ${err instanceof Error ? err.message : String(err)} (no cluster was started)`);
    return { exitCode: 2 };
  } finally {
    process.removeListener("exit", hint);
  }
  const { plan, errors } = await loadSources(runConfiguration.sources, { cwd: root });
  if (errors.length) {
    log(`${COMMAND}: these feature files do not parse (no cluster was started):\n  ${errors.map((e) => `${e.uri}${e.location ? `:${e.location.line}` : ""}: ${e.message}`).join("\n  ")}`);
    return { exitCode: 1 };
  }
  const shard = runConfiguration.sources.shard;
  const scenarios = shard ? inShard(plan.length, shard) : plan.length;
  if (scenarios === 0) {
    const what = describeSelection(runConfiguration);
    if (shard && plan.length > 0) {
      log(`${COMMAND}: shard ${shard} holds none of the ${plan.length} selected scenarios; nothing to run (no cluster was started)`);
      return { exitCode: 0 };
    }
    log(`${COMMAND}: no scenario matches ${what}; nothing to run, no cluster was started. Feature files are looked for in ${runConfiguration.sources.paths.join(", ") || "features/"} (relative to ${root}).`);
    return { exitCode: 1 };
  }
  if (runConfiguration.runtime.dryRun) {
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
      return { exitCode: 1 };
    }
    return { exitCode: success ? 0 : 1 };
  }
  return { runConfiguration, scenarios };
}

/** How many of `total` pickles cucumber's --shard i/n keeps (every n-th, from the i-th). */
export function inShard(total: number, shard: string): number {
  const [i, n] = shard.split("/").map((x) => Number.parseInt(x, 10));
  if (!i || !n) return total;
  let count = 0;
  for (let k = 0; k < total; k++) if (k % n === i - 1) count++;
  return count;
}

function describeSelection(c: IRunConfiguration): string {
  const parts = [
    ...c.sources.paths,
    c.sources.tagExpression ? `--tags ${JSON.stringify(c.sources.tagExpression)}` : "",
    ...c.sources.names.map((n) => `--name ${JSON.stringify(n)}`),
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "the configuration (no feature file found)";
}
