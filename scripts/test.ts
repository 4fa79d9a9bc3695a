// `npm test`: every check the project has, in order, on one cluster.
// Static checks first (fast, no cluster), then one cluster up for the acceptance suite,
// the report's browser test and the provider tests, then down when this run started it.
// Prints one line per phase with its time, and a closing "N passed, N failed" line.
import { execa } from "execa";
import { withCluster } from "../engine/cluster/lifecycle.ts";
import { scenarioEnv } from "../engine/cluster/registry.ts";
import { loadSettings } from "../engine/settings/env.ts";
import { ensureDebianPackages, hostFacts, PACKAGES } from "../engine/host/debian.ts";
import { INTERRUPTED_EXIT_CODE, Interrupts, onStopSignals } from "../engine/run/interrupt.ts";

const settings = loadSettings({ argv: process.argv.slice(2), cwd: process.cwd() });

interface Phase {
  name: string;
  command: string[];
  needsCluster: boolean;
  env?: Record<string, string>;
}

// The TypeScript entry points run on this same Node; steps/support/register.mjs adds tsx only where Node cannot strip types.
const TS = [process.execPath, "--import", "./steps/support/register.mjs"];

const PHASES: Phase[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"], needsCluster: false },
  { name: "unit tests", command: ["npm", "run", "--silent", "test:unit"], needsCluster: false },
  { name: "no undefined or ambiguous steps", command: [...TS, "scripts/check-steps.ts"], needsCluster: false },
  { name: "step catalog up to date", command: [...TS, "scripts/catalog.ts", "--check"], needsCluster: false },
  { name: "settings doc up to date", command: [...TS, "scripts/settings-doc.ts", "--check"], needsCluster: false },
  { name: "import boundaries", command: [...TS, "scripts/check-boundaries.ts"], needsCluster: false },
  { name: "editor finds every step", command: ["npm", "run", "--silent", "test:editor"], needsCluster: false },
  // 4 workers by default: every run then proves that scenarios are isolated by namespace.
  // The report and the cleanup awaited within the phase: the later phases count on both being done.
  // From the checkout's build, as `npm run scenarios` runs (scripts/built.mjs).
  { name: "acceptance scenarios", command: [process.execPath, "scripts/built.mjs", "scripts/scenarios.ts"], needsCluster: true,
    env: { KUBECUKE_WORKERS: String(settings.scenarios.workers ?? 4), KUBECUKE_REPORT_IN_BACKGROUND: "0", KUBECUKE_CLEANUP_IN_BACKGROUND: "0" } },
  { name: "report in a browser and redaction", command: ["npm", "run", "--silent", "test:report"], needsCluster: true },
  { name: "shards, merged report, retries", command: ["npm", "run", "--silent", "test:shards"], needsCluster: true },
  // npm pack → a fresh project → npm install → kubecuke init → a team's step and image → a green run (Node 24)
  { name: "the package in a team's project", command: ["npm", "run", "--silent", "test:package"], needsCluster: true },
  { name: "cluster providers", command: ["npm", "run", "--silent", "test:providers"], needsCluster: true },
];

const log = (l: string) => console.error(l);
// Whatever the provider, the phases build the test images from Debian's static binaries (unit
// tests included) and open the report in Chromium: on a fresh Debian machine as root they are
// installed first, with apt's progress (elsewhere the missing ones are named with the command).
const host = hostFacts();
if (host.apt) {
  try {
    await ensureDebianPackages([...PACKAGES.testImages, ...PACKAGES.reportBrowser], { why: "npm test (test images, report browser)", log });
  } catch (err) {
    // not root: the message is the exact command to run first
    console.error(`npm test: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
const only = settings.tests.phases;
const phases = PHASES.filter((p) => !only || only.includes(p.name));
const results: Array<{ name: string; ok: boolean; seconds: number }> = [];

// Ctrl-C / SIGTERM: the running phase gets the signal too (and cleans up after itself: the
// scenario runner does); no later phase starts; the cluster's ending runs as usual. A second
// signal exits at once.
const interrupts = new Interrupts();
let phaseChild: ReturnType<typeof execa> | undefined;
onStopSignals((signal) => {
  const meaning = interrupts.receive(signal);
  if (meaning === "same") return;
  phaseChild?.kill(signal);
  if (meaning === "stop") log(`[kubecuke] ${signal}: npm test stops after the running phase has cleaned up (again to exit at once)`);
  else process.exit(INTERRUPTED_EXIT_CODE);
});

async function runPhase(p: Phase, env: Record<string, string>): Promise<void> {
  if (interrupts.interrupted) return;
  console.log(`\n=== ${p.name}: ${p.command.join(" ")}`);
  const t0 = Date.now();
  const [cmd, ...args] = p.command as [string, ...string[]];
  phaseChild = execa(cmd, args, { stdio: "inherit", reject: false, env: { ...env, ...p.env } });
  const r = await phaseChild;
  phaseChild = undefined;
  const seconds = (Date.now() - t0) / 1000;
  results.push({ name: p.name, ok: r.exitCode === 0, seconds });
  console.log(`=== ${p.name}: ${r.exitCode === 0 ? "passed" : `FAILED (exit ${r.exitCode ?? r.signal})`} in ${seconds.toFixed(1)} s`);
}

for (const p of phases.filter((p) => !p.needsCluster)) await runPhase(p, {});

const clusterPhases = phases.filter((p) => p.needsCluster);
if (clusterPhases.length) {
  const t0 = Date.now();
  let upSeconds: number | undefined;
  try {
    const { leftovers } = await withCluster(settings.cluster, async ({ handle }) => {
      upSeconds = (Date.now() - t0) / 1000;
      results.push({ name: "cluster up", ok: true, seconds: upSeconds });
      // The nested runners find this cluster already running and leave it to us.
      const env = scenarioEnv(handle, settings.cluster.runId);
      for (const p of clusterPhases) await runPhase(p, env);
    }, { log, checkLeftovers: true });
    if (leftovers) {
      console.log(leftovers.length ? `after down, left on the machine:\n  ${leftovers.join("\n  ")}` : "after down: no process, mount, netns, iptables chain or bridge left");
      results.push({ name: "cluster down leaves nothing", ok: leftovers.length === 0, seconds: 0 });
    }
  } catch (e) {
    console.error(e);
    results.push({ name: upSeconds === undefined ? "cluster up" : "cluster down", ok: false, seconds: (Date.now() - t0) / 1000 - (upSeconds ?? 0) });
  }
}

console.log("\n=== summary");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(34)} ${r.seconds.toFixed(1).padStart(7)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\nphases: ${results.length - failed} passed, ${failed} failed`);
if (interrupts.interrupted) console.log(`interrupted by ${interrupts.interrupted}: later phases did not run`);
process.exitCode = interrupts.interrupted ? INTERRUPTED_EXIT_CODE : failed ? 1 : 0;
