// Run kubectl the way a user would, but always against the scenario's kubeconfig.
// Never throws on a non-zero exit: the exit code is part of what a scenario checks.
import { execa } from "execa";
import { InfrastructureError } from "../errors.ts";
import { parseKubectlCommand } from "./command-line.ts";
import { OPERATION_TIMEOUTS_MS } from "./deadline.ts";
import { secondsText } from "../seconds.ts";

export interface KubectlResult {
  /** The command as the user wrote it. */
  command: string;
  /** argv actually run, after `kubectl`. */
  args: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

export interface KubectlOptions {
  kubeconfigPath: string;
  /** Working directory: the scenario directory, so `-f pod.yaml` finds applied manifests. */
  cwd: string;
  /** Text fed to stdin (for `kubectl exec -i … -- /bin/bash` driven by a doc string). */
  input?: string;
  /** Killed after this long (the scaled `kubectl` limit, KubeClients.timeouts); default deadline.ts's, unscaled. */
  timeoutMs?: number;
  /** Aborting it kills kubectl (a step's deadline). */
  signal?: AbortSignal;
  /** kubectl binary (KUBECUKE_KUBECTL); default "kubectl" from PATH (the runner puts the server-matched one first). */
  bin?: string;
}

export async function runKubectl(commandLine: string, opts: KubectlOptions): Promise<KubectlResult> {
  const inv = parseKubectlCommand(commandLine, opts.input !== undefined);
  const bin = opts.bin ?? "kubectl";
  const args = ["--kubeconfig", opts.kubeconfigPath, ...inv.args];
  const timeoutMs = opts.timeoutMs ?? OPERATION_TIMEOUTS_MS.kubectl;
  const started = Date.now();
  const r = await execa(bin, args, {
    cwd: opts.cwd,
    reject: false,
    timeout: timeoutMs,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    ...(inv.stdin ? { input: opts.input ?? "" } : { stdin: "ignore" as const }),
    // KUBECONFIG would be ignored given --kubeconfig, but keep the environment from leaking a user config
    env: { KUBECONFIG: opts.kubeconfigPath },
    stripFinalNewline: false,
  });
  if (r.failed && r.exitCode === undefined && !r.timedOut) {
    // kubectl did not start at all (not on PATH): that is a harness problem, not a result to check
    throw new InfrastructureError(`run kubectl: could not start "${bin}": ${r.shortMessage}. Put a kubectl on PATH (the runner does) or set KUBECUKE_KUBECTL.`, { operation: "run kubectl", cause: r });
  }
  return {
    command: commandLine,
    args: inv.args,
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout ?? ""),
    // a timeout is a result to check (exit code -1), not an exception; the note names the command and the limit
    stderr: String(r.stderr ?? "") + (r.timedOut ? `\n[kubecuke] kubectl ${JSON.stringify(commandLine)}: killed, not finished within ${secondsText(timeoutMs)} (the kubectl limit; KUBECUKE_TIMEOUT_SCALE multiplies it)` : ""),
    durationMs: Date.now() - started,
    timedOut: r.timedOut,
  };
}

/** One text block a human reads in the report. */
export function formatKubectlResult(r: KubectlResult): string {
  return [
    `$ ${r.command}`,
    `# ran: kubectl --kubeconfig <scenario> ${r.args.join(" ")}`,
    `# exit code ${r.exitCode} after ${r.durationMs} ms`,
    "--- stdout",
    r.stdout.trimEnd(),
    "--- stderr",
    r.stderr.trimEnd(),
  ].join("\n");
}
