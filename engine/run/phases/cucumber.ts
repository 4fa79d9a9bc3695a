// The run's cucumber phase: the scenarios' read role, then cucumber with the cluster's settings
// in its environment, in this process (one worker) or as cucumber's own command in its own
// process group (several workers). Its part of the phase table comes from its message stream;
// the scenarios' durations are kept for the next run's longest-first order. The engine does not
// import cucumber: the script's side of the run (scripts/scenarios.ts) says how to start it.
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { execa } from "execa";
import type { ClusterSession } from "../../cluster/lifecycle.ts";
import { scenarioEnv } from "../../cluster/registry.ts";
import type { KubeClients } from "../../kube/client.ts";
import { cucumberPhases, PHASE } from "../../report/phases.ts";
import { secondsSince } from "../../seconds.ts";
import { exportToScenarios } from "../../settings/env.ts";
import type { RunContext } from "./context.ts";
import { durationFiles, longestFirstEnv, recordDurations } from "../durations.ts";
import { createReadRole } from "../scope-role.ts";
import type { Chosen } from "./select.ts";

/** How cucumber is started: given by the script, which may import cucumber. */
export interface CucumberSide {
  /**
   * One worker: cucumber's API in this process, with the configuration the run loaded once, so
   * the step code pays for no second Node start and no second load of client-node and cucumber.
   * The settings reach it the way they reach a worker: the environment (exported before). Its
   * result is the exit code cucumber's command would give (2: a configuration or support-code error).
   */
  inProcess(): Promise<number>;
  /** Several workers: the file of cucumber's own command, run on this Node (no npx hop). */
  bin: string;
}

/** The cucumber phase: its exit code. */
export async function cucumberPhase(run: RunContext, session: ClusterSession, admin: KubeClients, chosen: Chosen, cucumber: CucumberSide): Promise<number> {
  // after the suite setup, so its kinds are readable too; removed by the run's cleanup
  const readRole = await run.clock.time(PHASE.readRole, () => createReadRole(admin, { runId: run.runId, host: hostname(), pid: process.pid }));
  const started = Date.now();
  const env = { ...scenarioEnv(session.handle, run.runId), KUBECUKE_WORKERS: String(chosen.workers), KUBECUKE_SCENARIO_READ_ROLE: readRole };
  let exitCode: number;
  if (chosen.here) {
    exportToScenarios(env);
    exitCode = await cucumber.inProcess();
  } else {
    // several workers: the longest scenarios of earlier runs first (engine/run/durations.ts)
    exitCode = await apart(run, cucumber.bin, chosen.cucumberArgs, { ...env, ...(await longestFirstEnv(durationsAt(run), chosen.cucumberArgs, chosen.order)) });
  }
  const ended = Date.now();
  const messages = await readFile(path.join(run.reportsDir, "messages.ndjson"), "utf8").catch(() => "");
  for (const p of cucumberPhases(messages, started, ended)) run.clock.add(p.name, p.ms);
  if (!run.interrupts.interrupted) await recordDurations(durationsAt(run), messages).catch((err: unknown) => run.log(`could not keep the scenarios' durations: ${String(err)}`));
  run.log(`scenarios finished in ${secondsSince(started, ended)} with exit code ${exitCode} (${chosen.scenarios.length} selected, ${chosen.workers} worker${chosen.workers === 1 ? "" : "s"}${chosen.here ? ", in the runner's process" : ""})`);
  return exitCode;
}

function durationsAt(run: RunContext): string[] {
  return durationFiles(run.reportsDir, run.settings.cluster.cacheDir, run.settings.reports.dirOverridden);
}

/** cucumber's command in its own process group: the terminal's Ctrl-C reaches only the runner, which passes it on once (context.ts). */
async function apart(run: RunContext, bin: string, args: readonly string[], env: Record<string, string>): Promise<number> {
  const child = execa(process.execPath, [bin, ...args], { cwd: run.root, stdio: "inherit", reject: false, detached: true, env });
  const group = child.pid;
  if (group) run.children.add(group);
  try {
    return (await child).exitCode ?? 1;
  } finally {
    if (group) run.children.delete(group);
  }
}
