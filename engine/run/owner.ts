// Who owns what a run leaves in a cluster and on disk: the run id, the machine and the runner's
// pid. A later run on the same machine sweeps what belongs to a runner that is gone (killed,
// crashed, SIGKILLed past its cleanup), and never touches a run whose runner is alive: two
// runs may share a cluster. Runs on other machines are never swept from here (their pids mean
// nothing on this one).
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";

export const OWNER_HOST_ANNOTATION = "kubecuke.io/runner-host";
export const OWNER_PID_ANNOTATION = "kubecuke.io/runner-pid";

export interface RunOwner {
  runId: string;
  host: string;
  pid: number;
}

export function ownerAnnotations(owner: Pick<RunOwner, "host" | "pid">): Record<string, string> {
  return { [OWNER_HOST_ANNOTATION]: owner.host, [OWNER_PID_ANNOTATION]: String(owner.pid) };
}

/** The owner written on an object, when both annotations are there and the pid is a number. */
export function ownerFrom(annotations: Record<string, string> | undefined, runId: string): RunOwner | undefined {
  const host = annotations?.[OWNER_HOST_ANNOTATION];
  const pid = Number(annotations?.[OWNER_PID_ANNOTATION]);
  return host && Number.isInteger(pid) && pid > 0 ? { runId, host, pid } : undefined;
}

/** Whether a process with this pid exists on this machine (EPERM: it does, as another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface Liveness {
  host: string;
  alive: (pid: number) => boolean;
}

export const THIS_MACHINE: Liveness = { host: hostname(), alive: processAlive };

/**
 * Dead: recorded on this machine and its runner is gone. Another machine's run, or one without
 * an owner record, is never called dead: it may be running.
 */
export function ownerIsDead(owner: RunOwner | undefined, here: Liveness = THIS_MACHINE): boolean {
  return owner !== undefined && owner.host === here.host && !here.alive(owner.pid);
}

// Every scenario's temporary directory (its kubeconfig copy: a credential) lives under one
// directory per run, so the runner removes them all at once, and a sweep finds a dead run's.
const SCRATCH_PREFIX = "kubecuke-run-";
const OWNER_FILE = "owner.json";

export function runScratchDir(runId: string, base = tmpdir()): string {
  return path.join(base, `${SCRATCH_PREFIX}${runId}`);
}

/** Made by the runner before cucumber starts, with the owner record in it. */
export async function makeRunScratchDir(owner: RunOwner, base = tmpdir()): Promise<string> {
  const dir = runScratchDir(owner.runId, base);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path.join(dir, OWNER_FILE), JSON.stringify(owner));
  return dir;
}

/** A scenario directory made without a run's directory (cucumber started by hand, or an older kubecuke). */
const LOOSE_SCENARIO_PREFIX = "kubecuke-kc-";
/** Such a directory has no owner record: it is swept only once it is this old. */
export const LOOSE_DIR_MAX_AGE_MS = 24 * 3600_000;

/**
 * Removes the scratch directories of dead runs on this machine, and loose scenario directories
 * older than a day; returns the removed paths. Both hold kubeconfigs with admin credentials.
 */
export async function sweepScratchDirs(here: Liveness = THIS_MACHINE, base = tmpdir(), now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(base).catch(() => [] as string[])) {
    const dir = path.join(base, name);
    if (name.startsWith(SCRATCH_PREFIX)) {
      const owner = await readFile(path.join(dir, OWNER_FILE), "utf8").then((t) => JSON.parse(t) as RunOwner, () => undefined);
      if (!ownerIsDead(owner, here)) continue;
    } else if (name.startsWith(LOOSE_SCENARIO_PREFIX)) {
      const modified = await stat(dir).then((s) => s.mtimeMs, () => now);
      if (now - modified < LOOSE_DIR_MAX_AGE_MS) continue;
    } else continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
