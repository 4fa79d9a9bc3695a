// Soak: the acceptance suite K times on the running local cluster, to find what only repetition
// shows: a scenario that fails now and then, and anything left behind. Not part of `npm test`.
//   npm run soak                                   20 runs of features/, 4 workers
//   npm run soak -- --runs 2 --features features/standalone-pod.feature
//   npm run soak -- --runs 20 --cpu-load 2         with 2 busy processes beside the runs
// Per run it prints pass/fail, the scenarios that failed, leftovers (this run's namespaces still
// there, processes/mounts/network namespaces of the cluster beyond those at the start, new
// /tmp/kubecuke-* scenario directories) and the RSS of the cluster's processes.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { START_ORDER } from "../engine/cluster/local/components.ts";
import { mountsUnder } from "../engine/cluster/local/host.ts";
import { localPlacement } from "../engine/cluster/registry.ts";
import { loadSettings } from "../engine/settings/env.ts";
import { LocalProvider } from "../engine/cluster/local/index.ts";
import { descendants, isAlive, pidsMatching, runningPid } from "../engine/cluster/local/processes.ts";
import { makeClients } from "../engine/kube/client.ts";
import { RUN_LABEL, runNamespaceSelector } from "../engine/kube/labels.ts";
import { namespacePhaseOf } from "../engine/kube/objects.ts";
import { watchUntil } from "../engine/wait/watch.ts";

const argv = process.argv.slice(2);
const option = (name: string): string[] => argv.flatMap((a, i) => (a === name ? [argv[i + 1] ?? ""] : a.startsWith(`${name}=`) ? [a.slice(name.length + 1)] : []));
const runs = Number(option("--runs")[0] ?? 20);
const features = option("--features").flatMap((f) => f.split(","));
const workers = option("--workers")[0] ?? "4";
if (!Number.isInteger(runs) || runs < 1) throw new Error(`soak: --runs ${option("--runs")[0]}: expected a whole number of runs, at least 1`);
const cpuLoad = Number(option("--cpu-load")[0] ?? 0);
if (!Number.isInteger(cpuLoad) || cpuLoad < 0) throw new Error(`soak: --cpu-load ${option("--cpu-load")[0]}: expected a whole number of busy processes, 0 or more`);

const provider = new LocalProvider(localPlacement(loadSettings().cluster));
const l = provider.layout;
if (!(await provider.status()).running) throw new Error(`soak: the local cluster is not running (${(await provider.status()).detail}); start it with npm run cluster:up — soak measures a cluster it did not start`);
const clients = makeClients(l.kubeconfig, l.context);
const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15).toLowerCase();
const outDir = path.resolve(".kubecuke", "soak", stamp);

interface Snapshot {
  processes: Map<number, string>;
  mounts: Set<string>;
  netns: Set<string>;
  tmpDirs: Set<string>;
}

/** The cluster's processes (components, shims, containers), mounts, Pod network namespaces, scenario directories. */
async function snapshot(): Promise<Snapshot> {
  const containerd = await runningPid(l.pids, "containerd");
  const shims = (await pidsMatching(l.containerdSocket)).filter((p) => p !== containerd);
  const pids = new Set([...(await pidsMatching(l.dir)), ...(await pidsMatching(l.runDir)), ...shims, ...(await descendants(shims))]);
  const processes = new Map<number, string>();
  for (const pid of pids) {
    if (isAlive(pid)) processes.set(pid, (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replace(/\0/g, " ").trim().slice(0, 100));
  }
  const netns = existsSync("/run/netns") ? (await readdir("/run/netns")).filter((n) => n.startsWith("cni-")) : [];
  const tmpDirs = (await readdir(tmpdir())).filter((n) => n.startsWith("kubecuke-"));
  return { processes, mounts: new Set(await mountsUnder([l.dir, l.runDir])), netns: new Set(netns), tmpDirs: new Set(tmpDirs) };
}

const added = <T>(now: Iterable<T>, before: { has(x: T): boolean }): T[] => [...now].filter((x) => !before.has(x));

/** RSS (MiB) of each component, and of all shims and containers together. */
async function memory(): Promise<Array<[string, number]>> {
  const rss = async (pid: number): Promise<number> => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8").catch(() => ""))?.[1] ?? 0) / 1024;
  const out: Array<[string, number]> = [];
  for (const name of START_ORDER) {
    const pid = await runningPid(l.pids, name);
    out.push([name, pid ? await rss(pid) : 0]);
  }
  const containerd = await runningPid(l.pids, "containerd");
  const shims = (await pidsMatching(l.containerdSocket)).filter((p) => p !== containerd);
  let pods = 0;
  for (const pid of [...shims, ...(await descendants(shims))]) pods += await rss(pid);
  out.push(["shims+containers", pods]);
  return out;
}

interface Outcome {
  name: string;
  failed: boolean;
  namespace?: string;
}

/** Per scenario: failed or not, and its namespace (from the "scenario" attachment). */
async function outcomes(messages: string): Promise<Outcome[]> {
  if (!existsSync(messages)) return [];
  const names = new Map<string, string>();
  const cases = new Map<string, string>();
  const byAttempt = new Map<string, Outcome>();
  for (const line of (await readFile(messages, "utf8")).split("\n").filter(Boolean)) {
    const m = JSON.parse(line) as Envelope;
    if (m.pickle) names.set(m.pickle.id, m.pickle.name);
    if (m.testCase) cases.set(m.testCase.id, m.testCase.pickleId);
    if (m.testCaseStarted) byAttempt.set(m.testCaseStarted.id, { name: names.get(cases.get(m.testCaseStarted.testCaseId) ?? "") ?? "?", failed: false });
    const o = byAttempt.get(m.testStepFinished?.testCaseStartedId ?? m.attachment?.testCaseStartedId ?? "");
    if (o && m.testStepFinished && m.testStepFinished.testStepResult.status !== "PASSED") o.failed = true;
    if (o && m.attachment && /^scenario(\.txt)?$/.test(m.attachment.fileName ?? "")) o.namespace = /^namespace: (\S+)/m.exec(m.attachment.body)?.[1];
  }
  return [...byAttempt.values()];
}

interface Envelope {
  pickle?: { id: string; name: string };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string } };
  attachment?: { testCaseStartedId?: string; fileName?: string; body: string };
}

/**
 * This run's namespaces still there once those being deleted have had a minute to go (deletion
 * goes on after the scenario ends); "name (Terminating)" for those still on their way out.
 */
async function runNamespaces(runId: string): Promise<string[]> {
  let left: string[] = [];
  await watchUntil(clients, { apiVersion: "v1", kind: "Namespace", namespace: "", labelSelector: runNamespaceSelector(runId) }, {
    timeoutMs: 60_000,
    evaluate: (objs) => {
      left = [...objs.values()].map((n) => `${n.metadata?.name}${namespacePhaseOf(n) === "Terminating" ? " (Terminating)" : ""}`);
      return objs.size === 0 ? { done: true } : undefined;
    },
  }).catch(() => undefined); // what is left after the minute is the answer
  return left;
}

/** This run's ClusterRoles and ClusterRoleBindings (the scenarios' scoped credentials) still there. */
async function runRbac(runId: string): Promise<string[]> {
  const selector = `${RUN_LABEL}=${runId}`;
  const kinds = ["ClusterRole", "ClusterRoleBinding"];
  const lists = await Promise.all(kinds.map((k) => clients.objects.listRaw("rbac.authorization.k8s.io/v1", k, "", { labelSelector: selector }).then((r) => r.items.map((o) => `${k}/${o.metadata?.name}`))));
  return lists.flat();
}

const list = (xs: string[], max = 5): string => (xs.length === 0 ? "0" : `${xs.length}: ${xs.slice(0, max).join(", ")}${xs.length > max ? ", …" : ""}`);

/**
 * --cpu-load N: N processes that keep a core busy beside the runs, as a machine still building or
 * a shared CI runner would. Each spins in a shell loop that ends as soon as this process is gone
 * (`kill -0` fails), so even a SIGKILLed soak leaves none; the exit handler ends them at once.
 */
function startCpuLoad(n: number): number[] {
  const pids: number[] = [];
  for (let i = 0; i < n; i++) {
    const child = spawn("sh", ["-c", `while kill -0 ${process.pid} 2>/dev/null; do :; done`], { stdio: "ignore" });
    child.unref();
    if (child.pid) pids.push(child.pid);
  }
  process.on("exit", () => {
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
  return pids;
}
const busy = startCpuLoad(cpuLoad);

const start = await snapshot();
const firstMemory = await memory();
console.log(`soak: ${runs} runs of ${features.join(" ") || "features/"} with ${workers} workers on cluster ${l.name}; CPU load: ${cpuLoad === 0 ? "none" : `${cpuLoad} busy process${cpuLoad === 1 ? "" : "es"} (pids ${busy.join(", ")})`}; outputs in ${path.relative(process.cwd(), outDir)}`);
console.log(`at start: ${start.processes.size} processes, ${start.mounts.size} mounts, ${start.netns.size} Pod network namespaces, ${start.tmpDirs.size} /tmp/kubecuke-* entries; memory ${firstMemory.map(([n, m]) => `${n} ${m.toFixed(0)}`).join(", ")} MiB`);
let bad = 0;
let lastMemory = firstMemory;
for (let i = 1; i <= runs; i++) {
  const runId = `soak-${stamp}-${i}`;
  const reports = path.join(outDir, `run-${i}`);
  const t0 = Date.now();
  // --provider local: it finds the cluster running and leaves it (and its namespaces) as they are
  const r = await execa("npx", ["tsx", "scripts/scenarios.ts", "--provider", "local", "--run-id", runId, "--run-dir", path.join(reports, "run"), ...features], {
    env: { KUBECUKE_WORKERS: workers, KUBECUKE_REPORTS_DIR: reports, NO_COLOR: "1" },
    reject: false,
    all: true,
  });
  const seconds = (Date.now() - t0) / 1000;
  const scenarios = await outcomes(path.join(reports, "messages.ndjson"));
  const failed = scenarios.filter((s) => s.failed);
  const now = await snapshot();
  const ours = new Set(scenarios.map((s) => s.namespace).filter(Boolean));
  const leftovers = {
    namespaces: await runNamespaces(runId),
    rbac: await runRbac(runId),
    processes: added(now.processes.keys(), start.processes).map((p) => `${p} ${now.processes.get(p)}`),
    mounts: added(now.mounts, start.mounts),
    netns: added(now.netns, start.netns),
    tmpDirs: added(now.tmpDirs, start.tmpDirs).filter((d) => [...ours].some((ns) => d.startsWith(`kubecuke-${ns}-`))),
  };
  lastMemory = await memory();
  const ok = r.exitCode === 0 && failed.length === 0 && scenarios.length > 0;
  const clean = leftovers.namespaces.length + leftovers.rbac.length + leftovers.tmpDirs.length === 0;
  if (!ok || !clean) bad++;
  console.log(`run ${i}/${runs}: ${ok ? "PASS" : "FAIL"} ${scenarios.length - failed.length}/${scenarios.length} scenarios in ${seconds.toFixed(0)} s (exit ${r.exitCode})`);
  if (failed.length) console.log(`  failed: ${failed.map((s) => `${s.name} [${s.namespace ?? "?"}]`).join("; ")}`);
  if (!ok && scenarios.length === 0) console.log(`  runner output:\n${String(r.all ?? "").split("\n").slice(-15).map((x) => `    ${x}`).join("\n")}`);
  console.log(`  left by this run: namespaces ${list(leftovers.namespaces)}; ClusterRoles/Bindings ${list(leftovers.rbac)}; /tmp dirs ${list(leftovers.tmpDirs)}`);
  console.log(`  on the cluster beyond the start (other users' runs count too): processes ${list(leftovers.processes, 3)}; mounts ${leftovers.mounts.length}; netns ${list(leftovers.netns, 3)}`);
  console.log(`  memory (RSS MiB): ${lastMemory.map(([n, m]) => `${n} ${m.toFixed(0)}`).join(", ")}; total ${lastMemory.reduce((a, [, m]) => a + m, 0).toFixed(0)}`);
}
const total = (m: Array<[string, number]>): number => m.reduce((a, [, x]) => a + x, 0);
console.log(`soak: ${runs - bad}/${runs} runs passed and left nothing; cluster memory ${total(firstMemory).toFixed(0)} → ${total(lastMemory).toFixed(0)} MiB`);
process.exitCode = bad === 0 ? 0 : 1;
