// `kubecuke <command>`: the command line of an installed kubecuke (bin/kubecuke.js starts it).
// Works from the user's directory (features/, fixtures/, steps/, kubecuke.setup.yaml, reports/);
// kubecuke's own files are found beside this module (engine/package-paths.ts).
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { CHECKOUT, packageFile, scriptIfPresent } from "../engine/package-paths.ts";
import { BAD_INPUT_EXIT_CODE, badInputLine, cliCommand } from "./top-errors.ts";

const USAGE = `usage: kubecuke <command> [arguments]

  init [DIR] [--force]         write a ready project into DIR (default: this directory): package.json scripts,
                               cucumber.mjs, example features (English, Chinese), a fixture, a custom step,
                               kubecuke.setup.yaml, editor settings, a GitHub Actions workflow
  run [flags] [cucumber args]  run the scenarios on a cluster (brought up unless one is running); the Allure
                               report goes to reports/allure-report. \`kubecuke run --help\` lists the flags
  cluster up|down|status       manage a cluster by hand (kept running between runs)
  report [--merge DIR...] [--open]
                               generate the Allure report again, merge shards' results, serve it on 127.0.0.1
  images load ARCHIVE|IMAGE... put the team's images into the cluster
  doctor                       what the chosen provider needs on this machine, what is missing, how to fix it
  docs                         write the living documentation (reports/docs) from the last run
  --help, -h                   this text; \`kubecuke <command> --help\` for one command
  --version, -v                kubecuke's version

Settings (KUBECUKE_PROVIDER, KUBECUKE_WORKERS, KUBECUKE_IMAGES, ...): see the README of the kubecuke package.`;

/** Commands whose module exports main(argv): it gets the arguments after the command word. */
const SCRIPTS: Record<string, string> = {
  init: "scripts/init.ts",
  cluster: "scripts/cluster.ts",
  report: "scripts/report.ts",
  doctor: "scripts/doctor.ts",
  docs: "scripts/docs.ts",
};

/** The files cucumber-js reads its configuration from when no --config is given (its locate_file.js). */
const CUCUMBER_CONFIG_FILES = ["cucumber.mjs", "cucumber.js", "cucumber.cjs", "cucumber.json", "cucumber.yaml", "cucumber.yml"];

type Main = (argv: string[]) => Promise<number>;

async function callMain(script: string, argv: string[], what: string): Promise<number> {
  const file = scriptIfPresent(script);
  if (!file) {
    console.error(`kubecuke ${what}: not available in this build of kubecuke`);
    return 2;
  }
  const mod = (await import(pathToFileURL(file).href)) as { main?: Main };
  if (typeof mod.main !== "function") {
    console.error(`kubecuke ${what}: ${script} has no main(argv): not available in this build of kubecuke`);
    return 2;
  }
  return mod.main(argv);
}

function version(): string {
  return (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
}

/** The team's steps are TypeScript, which Node runs by stripping types (22.18+; 24). */
function nodeCanRunSteps(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript) || CHECKOUT;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "--help":
    case "-h":
    case "help":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    case "--version":
    case "-v":
      console.log(version());
      return 0;
    case "run": {
      if (!nodeCanRunSteps()) {
        console.error(`kubecuke run: Node.js ${process.version} cannot load TypeScript step files; kubecuke needs Node.js 22.18 or later (24 recommended), which strip types by themselves`);
        return 2;
      }
      // --help, bad options, nothing selected, --dry-run: answered before the runner (and the
      // Kubernetes client it loads) is even imported; the runner reuses this answer.
      const { parseProviderFlags } = await import("../engine/settings/provider.ts");
      const { preflightOnce, profilesIn } = await import("./run-arguments.ts");
      let cucumberArgs: string[];
      try {
        cucumberArgs = parseProviderFlags(rest).rest;
      } catch (err) {
        console.error(`kubecuke run: ${err instanceof Error ? err.message : String(err)}`);
        return 2;
      }
      // without a configuration cucumber would load none of kubecuke's steps: every step undefined
      if (!cucumberArgs.some((a) => a === "-c" || a === "--config" || a.startsWith("--config=")) && !CUCUMBER_CONFIG_FILES.some((f) => existsSync(f))) {
        console.error(`kubecuke run: no cucumber configuration in ${process.cwd()} (${CUCUMBER_CONFIG_FILES[0]}): \`npx kubecuke init\` writes one, or export kubecukeConfig() from "kubecuke/cucumber" in your own`);
        return 2;
      }
      const pre = await preflightOnce(process.cwd(), cucumberArgs, profilesIn(cucumberArgs), (l) => console.error(l));
      if ("exitCode" in pre) return pre.exitCode;
      return callMain("scripts/scenarios.ts", rest, "run");
    }
    case "images": {
      if (rest[0] !== "load") {
        console.error("usage: kubecuke images load ARCHIVE|IMAGE...");
        return 2;
      }
      return callMain("scripts/images-load.ts", rest.slice(1), "images load");
    }
    default: {
      const target = SCRIPTS[command];
      if (!target) {
        console.error(`kubecuke: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 2;
      }
      return callMain(target, rest, command);
    }
  }
}

// Bad input (a wrong setting) anywhere in a command, the runner included: one line, exit 2;
// anything else keeps its stack.
const args = process.argv.slice(2);
try {
  process.exitCode = await main(args);
} catch (err) {
  const line = badInputLine(cliCommand(args), err);
  if (!line) throw err;
  console.error(line);
  process.exit(BAD_INPUT_EXIT_CODE); // the runner may have left timers or watches behind
}
