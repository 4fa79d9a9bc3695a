// Host processes of a local cluster: started detached (they outlive the `up` that started
// them, so scenarios in other processes can use the cluster), logged to a file each,
// remembered by pid file, and stopped by pid with a bounded grace period.
import { spawn } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { InfrastructureError } from "../../errors.ts";
import { inheritedEnv } from "../../settings/env.ts";
import { secondsSince } from "../../seconds.ts";

export interface Component {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export function pidFile(pidsDir: string, name: string): string {
  return path.join(pidsDir, `${name}.pid`);
}

export function logFile(logsDir: string, name: string): string {
  return path.join(logsDir, `${name}.log`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it is not running.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** Kernel start time of a process (clock ticks since boot): with the pid, a unique identity. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** The pid file holds "<pid> <start time>". */
async function readPidFile(pidsDir: string, name: string): Promise<{ pid: number; started?: string } | undefined> {
  try {
    const [pidText, started] = (await readFile(pidFile(pidsDir, name), "utf8")).trim().split(/\s+/);
    const pid = Number(pidText);
    return Number.isInteger(pid) && pid > 0 ? { pid, started } : undefined;
  } catch {
    return undefined;
  }
}

export async function readPid(pidsDir: string, name: string): Promise<number | undefined> {
  return (await readPidFile(pidsDir, name))?.pid;
}

/**
 * The component's pid if it still runs. A pid file can outlive its process (killed session,
 * no `down`) and the number be reused by another program: the start time recorded with the
 * pid must still match, or we would stop a stranger.
 */
export async function runningPid(pidsDir: string, name: string): Promise<number | undefined> {
  const entry = await readPidFile(pidsDir, name);
  if (!entry || !isAlive(entry.pid)) return undefined;
  return entry.started === startTime(entry.pid) ? entry.pid : undefined;
}

/** Starts a component unless it already runs; returns its pid. */
export async function start(c: Component, pidsDir: string, logsDir: string): Promise<number> {
  const existing = await runningPid(pidsDir, c.name);
  if (existing !== undefined) return existing;
  await mkdir(pidsDir, { recursive: true });
  await mkdir(logsDir, { recursive: true });
  const fd = openSync(logFile(logsDir, c.name), "a");
  try {
    const child = spawn(c.command, c.args, {
      detached: true,
      stdio: ["ignore", fd, fd],
      env: { ...inheritedEnv(), ...c.env },
    });
    if (child.pid === undefined) throw new InfrastructureError(`start ${c.name}: could not spawn ${c.command}`);
    child.unref();
    await writeFile(pidFile(pidsDir, c.name), `${child.pid} ${startTime(child.pid) ?? ""}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts a component and waits until ready() says so. A component that exits fails at once,
 * and every failure names the component and quotes the end of its log: the one place a user
 * looks when `up` fails.
 */
export async function startAndWait(c: Component, pidsDir: string, logsDir: string, ready?: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<number> {
  const pid = await start(c, pidsDir, logsDir);
  const started = Date.now();
  const tail = () => `last lines of ${logFile(logsDir, c.name)}:\n${tailLog(logsDir, c.name)}`;
  for (;;) {
    if (!isAlive(pid)) throw new InfrastructureError(`local provider: ${c.name} exited while starting; ${tail()}`);
    if (!ready || (await Promise.resolve(ready()).catch(() => false))) return pid;
    if (Date.now() - started > timeoutMs) {
      throw new InfrastructureError(`local provider: ${c.name} is running but not ready after ${secondsSince(started)}; ${tail()}`);
    }
    await delay(200);
  }
}

/** SIGTERM, then SIGKILL after graceMs. Returns true if it had been running. */
export async function stop(pidsDir: string, name: string, graceMs = 5000): Promise<boolean> {
  const pid = await runningPid(pidsDir, name);
  await rm(pidFile(pidsDir, name), { force: true });
  if (pid === undefined) return false;
  await killAndWait(pid, graceMs);
  return true;
}

export async function killAndWait(pid: number, graceMs: number): Promise<void> {
  signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await delay(50);
  if (isAlive(pid)) {
    signal(pid, "SIGKILL");
    const hard = Date.now() + 5000;
    while (isAlive(pid) && Date.now() < hard) await delay(50);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids of processes whose command line contains `needle` (e.g. the cluster's socket path). */
export async function pidsMatching(needle: string): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, "utf8")).replace(/\0/g, " ");
      if (cmdline.includes(needle)) out.push(Number(entry));
    } catch {
      /* exited while we looked */
    }
  }
  return out;
}

/** The last lines of a component's log, for error messages. */
export function tailLog(logsDir: string, name: string, lines = 20): string {
  const f = logFile(logsDir, name);
  if (!existsSync(f)) return "(no log)";
  return readFileSync(f, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

/** Every process below `roots` in the process tree (children, grandchildren, ...). */
export async function descendants(roots: number[]): Promise<number[]> {
  const parent = new Map<number, number>();
  for (const e of await readdir("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const stat = await readFile(`/proc/${e}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parent.set(Number(e), ppid);
  }
  const out: number[] = [];
  const want = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (want.has(ppid) && !want.has(pid)) {
        want.add(pid);
        out.push(pid);
        grew = true;
      }
    }
  }
  return out;
}
