// npm run bench:cli [-- --runs N --project DIR]: how long the commands that must not touch a
// cluster take, from an installed kubecuke: `kubecuke --help`, `kubecuke run --dry-run` and
// `kubecuke run --tags @nothing` (selects nothing), each N times (default 5), median and max,
// as the process the project's npm scripts start (node_modules/.bin/kubecuke), and `npx kubecuke
// --help` once more for npx's own share. Target: well under 1 s. Without --project it packs this
// repository (npm pack), installs the tarball into a fresh directory and runs `kubecuke init` there.
// No cluster is used: the settings name an existing cluster whose kubeconfig does not exist, so
// any cluster work would fail the command. Under Node 24: bash scripts/with-node.sh 24 npm run bench:cli.
// Wall and CPU time (GNU time, when /usr/bin/time exists). A benchmark, not a test: it prints
// figures (a command that fails is named).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { PACKAGE_ROOT } from "../engine/package-paths.ts";
import { inheritedEnv } from "../engine/settings/env.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, project: { type: "string" } } });
const runs = Number(values.runs);
const env = {
  ...Object.fromEntries(Object.entries(inheritedEnv()).filter(([k]) => !k.toLowerCase().startsWith("npm_"))),
  KUBECUKE_PROVIDER: "existing",
  KUBECUKE_EXISTING_KUBECONFIG: "/nonexistent/kubecuke-bench-cli/kubeconfig",
};

let project = values.project ? path.resolve(values.project) : "";
let scratch: string | undefined;
if (!project) {
  scratch = await mkdtemp(path.join(tmpdir(), "kubecuke-bench-cli-"));
  project = path.join(scratch, "project");
  await mkdir(project);
  console.error("bench:cli: npm pack, npm install <tarball>, kubecuke init in a fresh directory ...");
  const packed = await execa("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: PACKAGE_ROOT, env, extendEnv: false });
  const tarball = path.join(scratch, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
  await execa("npm", ["init", "-y"], { cwd: project, env, extendEnv: false });
  await execa("npm", ["install", "--save-dev", "--no-audit", "--no-fund", tarball], { cwd: project, env, extendEnv: false });
  await execa(path.join(project, "node_modules/.bin/kubecuke"), ["init"], { cwd: project, env, extendEnv: false });
}

const bin = path.join(project, "node_modules/.bin/kubecuke");
const commands: Array<{ name: string; cmd: string; args: string[]; expect: number }> = [
  { name: "kubecuke --help", cmd: bin, args: ["--help"], expect: 0 },
  { name: "kubecuke run --dry-run", cmd: bin, args: ["run", "--dry-run", "--format", "summary"], expect: 0 },
  { name: "kubecuke run --tags @nothing", cmd: bin, args: ["run", "--tags", "@nothing"], expect: 1 },
  { name: "npx kubecuke --help", cmd: "npx", args: ["kubecuke", "--help"], expect: 0 },
];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`bench:cli: Node ${process.version}, ${runs} runs each, load ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")}, project ${project}`);
// CPU time (user + system) as GNU time reports it: on a machine shared with other work, the
// wall time says more about the load than about kubecuke
const TIME = "/usr/bin/time";
const withTime = existsSync(TIME);
for (const c of commands) {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const [cmd, args] = withTime ? [TIME, ["-f", "KUBECUKE-BENCH-CPU %U %S", c.cmd, ...c.args]] : [c.cmd, c.args];
    const r = await execa(cmd, args, { cwd: project, env, extendEnv: false, reject: false, all: true });
    ms.push(performance.now() - t0);
    const used = /KUBECUKE-BENCH-CPU ([\d.]+) ([\d.]+)/.exec(String(r.all));
    if (used) cpu.push((Number(used[1]) + Number(used[2])) * 1000);
    if (r.exitCode !== c.expect) {
      console.log(`  ${c.name}: exit ${r.exitCode}, expected ${c.expect}:\n${String(r.all).slice(-2000)}`);
      break;
    }
  }
  const cpuText = cpu.length ? `   CPU median ${(median(cpu) / 1000).toFixed(2)} s` : "";
  console.log(`  ${c.name.padEnd(30)} wall median ${(median(ms) / 1000).toFixed(2)} s  max ${(Math.max(...ms) / 1000).toFixed(2)} s${cpuText}`);
}
if (scratch) await rm(scratch, { recursive: true, force: true });
