// Errors from a team's own step definitions and hooks are failures of the team's test, not
// kubecuke bugs: an ordinary Error thrown there would reach Allure as "broken" and be filed
// under "Harness errors". Every step definition and hook not registered by kubecuke itself
// (ownCode) is wrapped: an error it throws that is not one of kubecuke's typed errors, not
// already an assertion and not thrown inside kubecuke's own code becomes a TeamStepFailure
// (category "assertion", message and stack kept, the original as its cause), and is redacted.
// hooks.ts registers wrapDefinition with cucumber (setDefinitionFunctionWrapper).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT, ownCodeRoot } from "../../engine/package-paths.ts";
import { ERROR_NAMES, KubecukeError } from "../../engine/errors.ts";
import { redactError } from "../../engine/report/redact.ts";

/** kubecuke's own code, wherever it is installed: engine/ and steps/ under it, or the whole build it runs from. */
export const KUBECUKE_ROOT = ownCodeRoot();

const own = new WeakSet<object>();

/** Marks a step or hook function as kubecuke's own: its errors are categorised by their types alone. */
export function ownCode<F extends (...args: never[]) => unknown>(fn: F): F {
  own.add(fn);
  return fn;
}

/** A failure in a team's own step: reported with the assertions ("failed" in Allure, not "broken"). */
export class TeamStepFailure extends KubecukeError {
  readonly category = "assertion";
}

/** The file of the first stack frame (the place the error was thrown), or undefined. */
export function throwingFile(stack: string | undefined): string | undefined {
  for (const line of (stack ?? "").split("\n").slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):\d+:\d+\)?\s*$/.exec(line.trim());
    if (m?.[1]) return m[1].startsWith("file://") ? fileURLToPath(m[1]) : m[1];
  }
  return undefined;
}

/** Thrown by kubecuke's own code (its engine/ or steps/, not a dependency under its node_modules). */
export function thrownInKubecuke(stack: string | undefined, root = KUBECUKE_ROOT, built = BUILT): boolean {
  const file = throwingFile(stack);
  if (!file) return false;
  const rel = path.relative(root, file);
  return !rel.startsWith("..") && !path.isAbsolute(rel) && (built || /^(engine|steps)[\\/]/.test(rel));
}

/** What a team step's error is reported as: kubecuke's typed errors and assertions as they are, others as a TeamStepFailure. */
export function asTeamFailure(err: unknown, root = KUBECUKE_ROOT): unknown {
  if (!(err instanceof Error) || err instanceof KubecukeError) return err;
  if (err.name === ERROR_NAMES.assertion || err.name.startsWith(`${ERROR_NAMES.assertion} `)) return err;
  if (thrownInKubecuke(err.stack, root)) return err; // kubecuke's code failed under a team step: a harness bug
  const message = err.name === "Error" ? err.message : `${err.name}: ${err.message}`;
  const failure = new TeamStepFailure(message, {}, { cause: err });
  const frames = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  failure.stack = [`${failure.name}: ${message}`, ...frames].join("\n");
  return failure;
}

type Code = (this: unknown, ...args: unknown[]) => unknown;

/** cucumber's definition wrapper: kubecuke's own code unchanged, a team's with its errors as asTeamFailure says (sync, promise or callback style alike). */
export function wrapDefinition(code: Code): Code {
  if (own.has(code)) return code;
  const fail = (e: unknown): never => {
    throw redactError(asTeamFailure(e));
  };
  return function (this: unknown, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = code.apply(this, args);
    } catch (e) {
      return fail(e);
    }
    if (result && typeof (result as PromiseLike<unknown>).then === "function") return Promise.resolve(result).catch(fail);
    return result;
  };
}
