// npm run bench:run [-- --runs K --workers 1,4 --set trivial|tutorial|all --ending background,ci,wait]:
// what a run costs, phase by phase. Runs the scenario runner K times per input set, worker count
// and ending on the running cluster (warm: it must be up already, so the cluster's own start is
// not what is measured) and prints the median and max of every phase the runner reports
// (phases.json). `--ending background`: the report and the namespaces' wait go to the background
// (KUBECUKE_REPORT_IN_BACKGROUND=1, KUBECUKE_CLEANUP_IN_BACKGROUND=1), as for someone at a
// terminal; `ci`: CI=1 and both settings auto, as in CI (the run waits for the report, not for its
// emptied namespaces); `wait`: the run waits for both, as under npm test (default: background,ci).
// Between two runs the bench waits for the background processes of the first (background.json),
// so no run pays for the one before.
// `--set tutorial --compare-chainsaw BIN [--kubeconfig PATH]`: the same five tests as chainsaw
// YAML (bench/chainsaw/) beside kubecuke's, in alternating rounds (scripts/bench-compare.ts).
// Under another Node: bash scripts/with-node.sh 24 npm run bench:run.
// A benchmark, not a test: it prints figures and asserts nothing.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { inheritedEnv } from "../engine/settings/env.ts";
import { isAlive } from "../engine/cluster/local/processes.ts";
import type { Phase } from "../engine/report/phases.ts";
import { BadInputError } from "../engine/errors.ts";
import { chainsawRound, checkChainsaw, comparison, LOCAL_KUBECONFIG, namespacesGone, type Round } from "./bench-compare.ts";

// Scenarios by name, not line: a feature's description may grow (issue 20 moved every line).
const INPUTS: Record<string, Array<{ file: string; scenario?: string }>> = {
  trivial: [{ file: "test/bench/trivial.feature" }],
  // the five tutorial scenarios of issue 11 (bench/chainsaw/ has them as chainsaw tests)
  tutorial: [
    { file: "features/standalone-pod.feature", scenario: "kubectl get -o wide shows the Pod with a node and an IP" },
    { file: "features/controller-pod.feature", scenario: "Deleting one Pod brings a replacement with a new UID" },
    { file: "features/kubectl-run.feature", scenario: "kubectl run with image, port and pull policy" },
    { file: "features/creation-flow.feature", scenario: "From submission to Ready, in order" },
    { file: "features/job.feature", scenario: "A Job runs its Pod to completion and keeps its logs" },
  ],
};

/** `file:line` of each named scenario (the whole file when none is named). */
async function locations(set: string): Promise<string[]> {
  return Promise.all(
    (INPUTS[set] ?? []).map(async ({ file, scenario }) => {
      if (!scenario) return file;
      const lines = (await readFile(file, "utf8")).split("\n");
      const i = lines.findIndex((l) => l.trim() === `Scenario: ${scenario}`);
      if (i < 0) throw new BadInputError(`bench:run --set ${set}: ${file} has no "Scenario: ${scenario}"; update INPUTS in scripts/bench-run.ts (and bench/chainsaw/)`);
      return `${file}:${i + 1}`;
    }),
  );
}

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(opt("--runs", "5"));
const workerCounts = opt("--workers", "1,4").split(",").map(Number);
const ENDINGS = ["background", "ci", "wait"];
const chainsawArg = argv.includes("--compare-chainsaw") ? opt("--compare-chainsaw", "") : undefined;
if (chainsawArg !== undefined && (chainsawArg === "" || chainsawArg.startsWith("--"))) throw new BadInputError("bench:run --compare-chainsaw: name the chainsaw binary, e.g. --compare-chainsaw /tmp/chainsaw");
const chainsaw = chainsawArg === undefined ? undefined : path.resolve(chainsawArg);
const kubeconfig = opt("--kubeconfig", LOCAL_KUBECONFIG);
// the comparison is with CI's ending: chainsaw, too, waits for its cleanup
const endings = opt("--ending", chainsaw ? "ci" : "background,ci").split(",");
for (const e of endings) if (!ENDINGS.includes(e)) throw new BadInputError(`bench:run: unknown --ending ${e}; use ${ENDINGS.join(", ")} or several, comma-separated`);
const sets = opt("--set", "all") === "all" ? Object.keys(INPUTS) : [opt("--set", "trivial")];
for (const s of sets) if (!INPUTS[s]) throw new BadInputError(`bench:run: unknown --set ${s}; use ${Object.keys(INPUTS).join(", ")} or all`);
if (chainsaw && (sets.join() !== "tutorial" || endings.join() !== "ci")) throw new BadInputError("bench:run --compare-chainsaw: only with --set tutorial and the ending ci (bench/chainsaw/ holds the tutorial's five tests)");

const endingEnv = (ending: string): Record<string, string> => {
  if (ending === "ci") return { CI: "1", KUBECUKE_REPORT_IN_BACKGROUND: "auto", KUBECUKE_CLEANUP_IN_BACKGROUND: "auto" };
  const v = ending === "background" ? "1" : "0";
  return { KUBECUKE_REPORT_IN_BACKGROUND: v, KUBECUKE_CLEANUP_IN_BACKGROUND: v };
};
const endingText = (ending: string): string => ({ background: "in the background", ci: "as in CI", wait: "waited for" })[ending] ?? ending;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const secs = (ms: number): string => (ms / 1000).toFixed(2).padStart(6);

/** Waits for the processes a run left in the background (its background.json), so the next run starts on a quiet machine. */
async function backgroundDone(dir: string): Promise<void> {
  const left = JSON.parse(await readFile(path.join(dir, "background.json"), "utf8").catch(() => "[]")) as Array<{ pid?: number }>;
  for (const { pid } of left) {
    while (pid && isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  }
}

/** One `npm run scenarios` of a set, timed from the shell as users run it (through npm), with the phases it reports. */
async function kubecukeRound(scenarios: string[], workers: number, ending: string, runId: string): Promise<Round & { phases: Phase[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-bench-run-"));
  const t = Date.now();
  const r = await execa("npm", ["run", "--silent", "scenarios", "--", ...scenarios], {
    env: { ...inheritedEnv(), KUBECUKE_WORKERS: String(workers), KUBECUKE_REPORTS_DIR: dir, KUBECUKE_RUN_ID: runId, ...endingEnv(ending) },
    reject: false,
    all: true,
  });
  const ms = Date.now() - t;
  const load = loadavg()[0] ?? 0;
  const phases = JSON.parse(await readFile(path.join(dir, "phases.json"), "utf8").catch(() => "[]")) as Phase[];
  await backgroundDone(dir);
  await rm(dir, { recursive: true, force: true });
  return { ok: r.exitCode === 0, ms, load, phases, ...(r.exitCode === 0 ? {} : { tail: `exit ${r.exitCode}:\n${String(r.all).split("\n").slice(-15).join("\n")}` }) };
}

function phaseTable(rounds: Array<{ phases: Phase[]; ms: number }>): string[] {
  const samples = new Map<string, number[]>();
  for (const r of rounds) for (const p of r.phases) samples.set(p.name, [...(samples.get(p.name) ?? []), p.ms]);
  const walls = rounds.map((r) => r.ms);
  return [
    `  ${"phase".padEnd(36)} median    max`,
    ...[...samples].map(([name, xs]) => `  ${name.padEnd(36)} ${secs(median(xs))} ${secs(Math.max(...xs))}`),
    `  ${"wall (npm run scenarios)".padEnd(36)} ${secs(median(walls))} ${secs(Math.max(...walls))}`,
  ];
}

const loads = (rounds: Round[]): string => rounds.map((r) => `${(r.ms / 1000).toFixed(1)} s at ${r.load.toFixed(1)}`).join(", ");
const stamp = `bench-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}-${process.pid}`;
const chainsawVersion = chainsaw ? await checkChainsaw(chainsaw, process.cwd(), kubeconfig) : undefined;
console.log(`bench:run: ${runs} runs per input, worker count and ending; node ${process.version}; ${cpus().length} CPUs; load average at start ${loadavg().map((l) => l.toFixed(2)).join(" ")}${chainsaw ? `; against ${chainsaw} (${chainsawVersion}) on ${kubeconfig}` : ""}`);
let round = 0;
for (const set of sets) for (const ending of endings) {
  const scenarios = await locations(set);
  console.log(`\n${set}: ${scenarios.join(" ")}`);
  for (const workers of workerCounts) {
    const kubecuke: Array<Round & { phases: Phase[] }> = [];
    const other: Round[] = [];
    for (let i = 0; i < runs; i++) {
      const runId = `${stamp}-${++round}`;
      const k = await kubecukeRound(scenarios, workers, ending, runId);
      kubecuke.push(k);
      if (k.tail) console.log(`  kubecuke run ${i + 1} failed (${k.tail})`);
      if (!chainsaw) continue;
      await namespacesGone(kubeconfig, runId);
      const c = await chainsawRound(chainsaw, process.cwd(), kubeconfig, workers);
      other.push(c);
      if (c.tail) console.log(`  chainsaw run ${i + 1} failed:\n${c.tail}`);
    }
    const passed = kubecuke.filter((r) => r.ok).length;
    console.log(`\n${set}, ${workers} worker${workers === 1 ? "" : "s"}, ending ${endingText(ending)}: ${passed}/${runs} passed; load average now ${loadavg()[0]?.toFixed(2)}; each run: ${loads(kubecuke)}`);
    for (const l of phaseTable(kubecuke)) console.log(l);
    if (chainsaw) for (const l of comparison(workers, kubecuke, other)) console.log(l);
  }
}
