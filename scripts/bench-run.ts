// npm run bench:run [-- --runs K --workers 1,4 --set trivial|tutorial|all --ending background,ci,wait]:
// what a run costs, phase by phase. Runs the scenario runner K times per input set, worker count
// and ending on the running cluster (warm: it must be up already, so the cluster's own start is
// not what is measured) and prints the median and max of every phase the runner reports
// (phases.json). `--ending background`: the report and the namespaces' wait go to the background
// (KUBECUKE_REPORT_IN_BACKGROUND=1, KUBECUKE_CLEANUP_IN_BACKGROUND=1), as for someone at a
// terminal; `ci`: CI=1 and both settings auto, as in CI (the run waits for the report, not for its
// emptied namespaces); `wait`: the run waits for both, as under npm test (default: background,ci).
// Between two runs the bench waits for the
// background processes of the first (background.json), so no run pays for the one before.
// Under another Node: bash scripts/with-node.sh 24 npm run bench:run.
// A benchmark, not a test: it prints figures and asserts nothing.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { inheritedEnv } from "../engine/settings/env.ts";
import { isAlive } from "../engine/cluster/local/processes.ts";
import type { Phase } from "../engine/report/phases.ts";

const INPUTS: Record<string, string[]> = {
  trivial: ["test/bench/trivial.feature"],
  // the five tutorial scenarios of issue 11: standalone Pod, Deployment self-heal, kubectl run, creation flow, Job
  tutorial: [
    "features/standalone-pod.feature:13",
    "features/controller-pod.feature:22",
    "features/kubectl-run.feature:3",
    "features/creation-flow.feature:6",
    "features/job.feature:3",
  ],
};

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(opt("--runs", "5"));
const workerCounts = opt("--workers", "1,4").split(",").map(Number);
const ENDINGS = ["background", "ci", "wait"];
const endings = opt("--ending", "background,ci").split(",");
for (const e of endings) if (!ENDINGS.includes(e)) throw new Error(`bench:run: unknown --ending ${e}; use ${ENDINGS.join(", ")} or several, comma-separated`);
const sets = opt("--set", "all") === "all" ? Object.keys(INPUTS) : [opt("--set", "trivial")];
for (const s of sets) if (!INPUTS[s]) throw new Error(`bench:run: unknown --set ${s}; use ${Object.keys(INPUTS).join(", ")} or all`);

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

console.log(`bench:run: ${runs} runs per input, worker count and ending; node ${process.version}; ${cpus().length} CPUs; load average at start ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const set of sets) for (const ending of endings) {
  for (const workers of workerCounts) {
    const samples = new Map<string, number[]>();
    const walls: number[] = [];
    let failures = 0;
    for (let i = 0; i < runs; i++) {
      const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-bench-run-"));
      const t = Date.now();
      // as users run it: through npm
      const r = await execa("npm", ["run", "--silent", "scenarios", "--", ...(INPUTS[set] ?? [])], {
        env: { ...inheritedEnv(), KUBECUKE_WORKERS: String(workers), KUBECUKE_REPORTS_DIR: dir, ...endingEnv(ending) },
        reject: false,
        all: true,
      });
      walls.push(Date.now() - t);
      if (r.exitCode !== 0) {
        failures++;
        console.log(`  run ${i + 1} failed (exit ${r.exitCode}):\n${String(r.all).split("\n").slice(-15).join("\n")}`);
      }
      const phases = JSON.parse(await readFile(path.join(dir, "phases.json"), "utf8").catch(() => "[]")) as Phase[];
      for (const p of phases) samples.set(p.name, [...(samples.get(p.name) ?? []), p.ms]);
      await backgroundDone(dir);
      await rm(dir, { recursive: true, force: true });
    }
    console.log(`\n${set}, ${workers} worker${workers === 1 ? "" : "s"}, ending ${endingText(ending)}: ${runs - failures}/${runs} passed; load average now ${loadavg()[0]?.toFixed(2)}`);
    console.log(`  ${"phase".padEnd(36)} median    max`);
    for (const [name, xs] of samples) console.log(`  ${name.padEnd(36)} ${secs(median(xs))} ${secs(Math.max(...xs))}`);
    console.log(`  ${"wall (npm run scenarios)".padEnd(36)} ${secs(median(walls))} ${secs(Math.max(...walls))}`);
  }
}
