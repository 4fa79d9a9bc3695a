// Restarting one component of a running local cluster, for fault tests: the API server or the
// kubelet goes away for a moment while scenarios run, and comes back with the same command line.
// A marker file says a restart is under way, so an `up` meanwhile waits instead of taking the
// missing process for a crashed cluster and tearing it down (see LocalProvider.up).
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { BadInputError } from "../../errors.ts";
import { commandText } from "../../commands.ts";
import type { LocalLayout } from "./layout.ts";
import { runningPid, startAndWait, stop, type Component } from "./processes.ts";
import { apiReady, portOpen } from "./ready.ts";

export type RestartableComponent = "kube-apiserver" | "kubelet";

export interface Restarted {
  name: RestartableComponent;
  oldPid: number;
  newPid: number;
  /** When it was stopped and when it answered again (epoch ms). */
  stoppedAt: number;
  readyAt: number;
}

export function restartMarker(l: LocalLayout): string {
  return path.join(l.pids, "restarting");
}

export function restartInProgress(l: LocalLayout): boolean {
  return existsSync(restartMarker(l));
}

/** Stop `name`, leave it down for `downMs`, start it with its usual flags and wait until it answers. */
export async function restartComponent(l: LocalLayout, name: RestartableComponent, downMs = 2000): Promise<Restarted> {
  const oldPid = await runningPid(l.pids, name);
  if (oldPid === undefined) throw new BadInputError(`restart ${name} of cluster ${l.name}: it is not running; start the cluster with ${commandText("cluster up")}`);
  // the same command line as the running process: the flags `up` gave it, whatever they were
  const argv = (await readFile(`/proc/${oldPid}/cmdline`, "utf8")).split("\0").filter(Boolean);
  const comp: Component = { name, command: argv[0]!, args: argv.slice(1) };
  const pki = { ca: path.join(l.pki, "ca.crt"), cert: path.join(l.pki, "admin.crt"), key: path.join(l.pki, "admin.key") };
  const ready = name === "kube-apiserver" ? () => apiReady(l.ports.apiserver, pki) : () => portOpen(l.ports.kubeletHealthz);
  await writeFile(restartMarker(l), name);
  try {
    const stoppedAt = Date.now();
    await stop(l.pids, name);
    await new Promise((r) => setTimeout(r, downMs));
    const newPid = await startAndWait(comp, l.pids, l.logs, ready, 60_000);
    return { name, oldPid, newPid, stoppedAt, readyAt: Date.now() };
  } finally {
    await rm(restartMarker(l), { force: true });
  }
}
