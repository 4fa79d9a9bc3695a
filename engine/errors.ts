// The harness's error model. Every error the engine throws on purpose is a KubecukeError with a
// category (what kind of failure it is, for the report) and the facts a reader needs (operation,
// object, expected, last seen, elapsed, events). Reports categorise on the type, never on wording.
// Imports nothing: every layer may use it.

export type ErrorCategory =
  /** a wait's time ran out */
  | "timeout"
  /** a wait gave up early because the awaited state can no longer come (ErrImageNeverPull, a failed Job) */
  | "cannot-happen"
  /** the feature, a manifest, a step's text or a setting is wrong: the user must change it */
  | "bad-input"
  /** the cluster or the machine failed (unreachable API, Forbidden, a tool missing) */
  | "infrastructure"
  /** the system under test did not behave as the scenario says */
  | "assertion"
  /** the harness itself failed: a bug to report */
  | "harness";

export const ERROR_CATEGORIES: readonly ErrorCategory[] = ["timeout", "cannot-happen", "bad-input", "infrastructure", "assertion", "harness"];

/** What a reader needs to act on a failure; every field optional, none invented. */
export interface ErrorFacts {
  /** e.g. "apply", "wait", "delete", "exec" */
  operation?: string;
  /** `Kind/namespace/name` or `Kind/name` */
  object?: string;
  expected?: string;
  lastSeen?: string;
  elapsedMs?: number;
  /** Recent events of the object, one line each, oldest first. */
  events?: string[];
}

export abstract class KubecukeError extends Error {
  abstract readonly category: ErrorCategory;
  readonly facts: ErrorFacts;

  constructor(message: string, facts: ErrorFacts = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.facts = facts;
  }
}

/** A wait ran out of time. Message: what was awaited, the last state seen, events. */
export class TimeoutError extends KubecukeError {
  readonly category = "timeout";
  override name = "KubecukeTimeoutError";
}

/** A wait stopped early: the awaited state cannot come any more. */
export class CannotHappenError extends KubecukeError {
  readonly category = "cannot-happen";
  override name = "KubecukeCannotHappenError";
}

/** The user's input (feature, manifest, step text, setting) is wrong; the message says what to change. */
export class BadInputError extends KubecukeError {
  readonly category = "bad-input";
  override name = "KubecukeBadInputError";
}

/** The cluster or the machine failed. */
export class InfrastructureError extends KubecukeError {
  readonly category = "infrastructure";
  override name = "KubecukeInfrastructureError";
}

/**
 * A check did not hold. Named AssertionError so reports (Allure) count the scenario as failed —
 * the product misbehaved — rather than broken, which they keep for everything else.
 */
export class AssertionFailure extends KubecukeError {
  readonly category = "assertion";
  override name = "AssertionError";
}

/** The harness failed (a bug): anything unexpected ends up here. */
export class HarnessError extends KubecukeError {
  readonly category = "harness";
  override name = "KubecukeHarnessError";
}

/** The category of any thrown value: KubecukeErrors say theirs; anything else is a harness error. */
export function categoryOf(err: unknown): ErrorCategory {
  return err instanceof KubecukeError ? err.category : "harness";
}

/** The message of any thrown value, with its causes' messages when they add something. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [err.message];
  let cause: unknown = err.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    const m = cause instanceof Error ? cause.message : String(cause);
    if (m && !parts.some((p) => p.includes(m))) parts.push(m);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return parts.join(": ");
}
