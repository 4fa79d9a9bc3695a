// The parts of a run's ending that may outlive it (the Allure report, the wait for its namespaces
// to be gone): one of kubecuke's scripts in a detached process, its output in <reports>/<log>,
// listed in the run's background.json so a script may wait for these pids.
import { spawn } from "node:child_process";
import { open } from "node:fs/promises";
import path from "node:path";
import { nodeArgsFor } from "../../package-paths.ts";
import type { BackgroundJob, RunContext } from "./context.ts";

/** kubecuke's own scripts a run leaves running (engine/package-paths.ts finds them, built or not). */
export const BACKGROUND_SCRIPTS = { report: "scripts/report.ts", cleanup: "scripts/await-namespaces.ts" } as const;

/** Starts `what`'s script detached; returns its pid and its log, relative to the user's directory. */
export async function inBackground(run: RunContext, what: BackgroundJob["what"], args: readonly string[], logName: string): Promise<{ pid?: number; logFile: string }> {
  const logFile = path.join(run.reportsDir, logName);
  const out = await open(logFile, "w");
  const child = spawn(process.execPath, nodeArgsFor(BACKGROUND_SCRIPTS[what], args), { cwd: run.root, detached: true, stdio: ["ignore", out.fd, out.fd] });
  child.unref();
  await out.close();
  run.background.push({ what, pid: child.pid, log: logFile });
  return { pid: child.pid, logFile: path.relative(run.root, logFile) };
}
