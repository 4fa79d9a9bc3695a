// The process that turns results into an Allure report (allure-generate.mjs), two ways: started
// when the results are ready, with its job on its command line; or started early, while the
// scenarios run, so Node's start and Allure's load (about 0.4 s of CPU) are done by the time the
// results are ready, its job then given on stdin (issue 21: the report is the run's tail).
import { writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { execa } from "execa";
import { CannotHappenError } from "../errors.ts";
import { packageFile } from "../package-paths.ts";

/** One report: absolute paths, and the KUBECUKE_REPORT_* variables our allurerc reads. */
export interface GenerateJob {
  config: string;
  output: string;
  results: string;
  env: Record<string, string>;
}

/** How the generator ended: its exit code (or signal) and its output, stdout and stderr interleaved. */
export interface GeneratorExit {
  exitCode?: number;
  signal?: string;
  all?: string;
}

/** A generator started early, waiting for its one job. */
export interface AllureGenerator {
  readonly pid: number | undefined;
  /** Hands it the job; resolves once it has exited. */
  generate(job: GenerateJob): Promise<GeneratorExit>;
  /** No job will come: ends its stdin, and it exits having done nothing. Idempotent; harmless after generate. */
  close(): void;
}

/** Below the scenarios' processes: while it loads, it takes only CPU cucumber's workers leave. */
const GENERATOR_NICENESS = 10;

function script(): string {
  return packageFile("engine/report/allure-generate.mjs");
}

/**
 * Lowers a process's CPU priority. Linux with autogroups (most desktops and many servers) weighs
 * sessions against each other first and applies a process's niceness only inside its session, so
 * a process of its own session (detached) is lowered through its session's autogroup too.
 * Failures are ignored: the report is only made later, the same.
 */
function lowerPriority(pid: number): void {
  try {
    setPriority(pid, GENERATOR_NICENESS);
    writeFileSync(`/proc/${pid}/autogroup`, String(GENERATOR_NICENESS));
  } catch {
    // not Linux, no autogroups, or the process already gone
  }
}

/**
 * Starts a generator in root (the user's directory, as for a job run at once). In its own process
 * group, like cucumber's workers: the terminal's Ctrl-C reaches the runner alone, and the report
 * of an interrupted run still gets made. Should the runner exit at once, its stdin ends: it exits.
 */
export function startAllureGenerator(root: string): AllureGenerator {
  const child = execa(process.execPath, [script(), "--from-stdin"], { cwd: root, reject: false, all: true, detached: true, env: { NO_COLOR: "1" } });
  if (child.pid !== undefined) lowerPriority(child.pid);
  let sent = false;
  return {
    pid: child.pid,
    async generate(job) {
      if (sent) throw new CannotHappenError("generate Allure report: the generator started early was given a second job");
      sent = true;
      child.stdin?.end(`${JSON.stringify(job)}\n`);
      const r = await child;
      return { exitCode: r.exitCode, signal: r.signal, all: r.all };
    },
    close() {
      child.stdin?.end();
    },
  };
}

/** Runs the job in a generator started now (its command-line form). */
export async function generateNow(root: string, job: GenerateJob): Promise<GeneratorExit> {
  const r = await execa(process.execPath, [script(), job.config, job.output, job.results], { cwd: root, reject: false, all: true, env: job.env });
  return { exitCode: r.exitCode, signal: r.signal, all: r.all };
}
