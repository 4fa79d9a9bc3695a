// Running a provider's command-line tool: one function, injectable, so unit tests can stand in
// for the tool and every error names the tool, its arguments and what it wrote to stderr.
import { execa } from "execa";
import { InfrastructureError } from "../errors.ts";
import { secondsText } from "../seconds.ts";

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ToolOptions {
  /** The child's whole environment (not merged: callers decide what it sees). */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Each stderr line as it arrives (kind reports progress there). */
  onStderrLine?: (line: string) => void;
  /** Kills the tool when it aborts; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type ToolRunner = (file: string, args: readonly string[], options: ToolOptions) => Promise<ToolResult>;

/** Thrown when the tool cannot be started at all (not on PATH, not executable): the machine lacks it. */
export class ToolMissingError extends InfrastructureError {}

export const runTool: ToolRunner = async (file, args, options) => {
  const onLine = options.onStderrLine;
  const result = await execa(file, args, {
    env: options.env,
    extendEnv: false,
    reject: false,
    timeout: options.timeoutMs,
    cancelSignal: options.signal,
    stdin: "ignore",
    // A generator sees each line and yields it on, so stderr is still buffered for errors.
    stderr: onLine
      ? [
          function* (line: unknown) {
            onLine(String(line));
            yield line;
          },
        ]
      : "pipe",
  });
  if (result.isCanceled && options.signal?.aborted) throw options.signal.reason;
  if (result.failed && result.exitCode === undefined && !result.timedOut) {
    const code = (result as { code?: string }).code;
    throw new ToolMissingError(`${file}: cannot run it (${code ?? result.shortMessage})`, { cause: result });
  }
  if (result.timedOut) {
    return { exitCode: 124, stdout: String(result.stdout ?? ""), stderr: `${String(result.stderr ?? "")}\n(timed out after ${secondsText(options.timeoutMs)})` };
  }
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? "") };
};

/** The last lines of a tool's stderr: enough to see the cause, short enough for a report. */
export function tail(text: string, lines = 12): string {
  const all = text.trimEnd().split("\n");
  return (all.length > lines ? ["…", ...all.slice(-lines)] : all).join("\n");
}
