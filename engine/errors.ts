// The harness's error model. Every error the engine throws on purpose is a KubecukeError with a
// category (what kind of failure it is, for the report) and the facts a reader needs (operation,
// object, expected, last seen, elapsed, events). Reports categorise on the type, never on wording.
// Imports only the seconds formatter (itself import-free): every layer may use it.
import { secondsText } from "./seconds.ts";

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
  /** the run was stopped (SIGINT, SIGTERM) while this was running: nothing to fix */
  | "interrupted"
  /** the harness itself failed: a bug to report */
  | "harness";

export const ERROR_CATEGORIES: readonly ErrorCategory[] = ["timeout", "cannot-happen", "bad-input", "infrastructure", "assertion", "interrupted", "harness"];

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

/**
 * The name every error of a category carries: reports see it first in the stack ("Name: message")
 * and categorise on it, so it is derived from the category and subclasses cannot change it.
 * Assertions keep the name AssertionError: Allure calls those "failed" (the product misbehaved)
 * and everything else "broken".
 */
export const ERROR_NAMES: Readonly<Record<ErrorCategory, string>> = {
  timeout: "KubecukeTimeoutError",
  "cannot-happen": "KubecukeCannotHappenError",
  "bad-input": "KubecukeBadInputError",
  infrastructure: "KubecukeInfrastructureError",
  assertion: "AssertionError",
  interrupted: "KubecukeInterruptedError",
  harness: "KubecukeHarnessError",
};

export abstract class KubecukeError extends Error {
  abstract readonly category: ErrorCategory;
  readonly facts: ErrorFacts;

  /** `new X(message, { cause })` works as for any Error; facts may carry the cause too. */
  constructor(message: string, facts: ErrorFacts & { cause?: unknown } = {}, options?: { cause?: unknown }) {
    const { cause, ...rest } = facts;
    const why = options && "cause" in options ? options.cause : cause;
    super(message, why === undefined ? undefined : { cause: why });
    this.facts = rest;
  }

  /** An error whose message is built from its facts (failureMessage), so the two never disagree. */
  static of<T extends KubecukeError>(this: new (message: string, facts: ErrorFacts) => T, facts: ErrorFacts, todo?: string): T {
    return new this(failureMessage(facts, todo), facts);
  }

  // A getter, not a field: `override name = …` in a subclass is then a compile error (TS2610),
  // which keeps the report's categories right. V8 formats the stack lazily, after construction.
  override get name(): string {
    return ERROR_NAMES[this.category];
  }
}

/** A wait ran out of time. Message: what was awaited, the last state seen, events. */
export class TimeoutError extends KubecukeError {
  readonly category = "timeout";
}

/** A wait stopped early: the awaited state cannot come any more (ErrImageNeverPull, a failed Job). */
export class CannotHappenError extends KubecukeError {
  readonly category = "cannot-happen";
}

/** The user's input (feature, manifest, step text, setting) is wrong; the message says what to change. */
export class BadInputError extends KubecukeError {
  readonly category = "bad-input";
}

/** The cluster or the machine failed. */
export class InfrastructureError extends KubecukeError {
  readonly category = "infrastructure";
}

/** A check did not hold: the system under test did not do what the scenario says. */
export class AssertionFailure extends KubecukeError {
  readonly category = "assertion";
}

/** The run was interrupted (Ctrl-C, SIGTERM) while this step ran; its cleanup runs next. */
export class InterruptedError extends KubecukeError {
  readonly category = "interrupted";
}

/** The harness failed (a bug): anything unexpected ends up here. */
export class HarnessError extends KubecukeError {
  readonly category = "harness";
}

/**
 * The house message from facts: `<operation> <object>: expected …, last saw … (after N s)`,
 * then what to do. Parts that are not known are left out, never invented.
 */
export function failureMessage(facts: ErrorFacts, todo?: string): string {
  const head = [facts.operation, facts.object].filter(Boolean).join(" ");
  const body = [facts.expected !== undefined ? `expected ${facts.expected}` : "", facts.lastSeen !== undefined ? `last saw ${facts.lastSeen}` : ""].filter(Boolean).join(", ");
  const after = facts.elapsedMs !== undefined ? ` (after ${secondsText(facts.elapsedMs)})` : "";
  const events = facts.events?.length ? `\nrecent events:\n  ${facts.events.join("\n  ")}` : "";
  return `${head}${head && body ? ": " : ""}${body}${after}${todo ? `. ${todo}` : ""}${events}`;
}

/** The category of any thrown value: KubecukeErrors say theirs; anything else is a harness error. */
export function categoryOf(err: unknown): ErrorCategory {
  return err instanceof KubecukeError ? err.category : "harness";
}

/**
 * The one way to describe any thrown value in a sentence: its message, then its causes'
 * messages when they add something. A client-node ApiException (code + Status body) is shown
 * by the Status's reason and message, not the HTTP headers its own message carries.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && depth < 6; depth++) {
    const { text, core } = messageOf(cur);
    // a wrapper usually quotes its cause already: add only what is new
    if (core && !parts.some((p) => p.includes(core))) parts.push(text);
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return parts.join(": ");
}

/** `core` is the part a wrapper would have quoted: the Status message of an API failure. */
function messageOf(err: unknown): { text: string; core: string } {
  if (!(err instanceof Error)) return { text: String(err), core: String(err) };
  const status = apiStatusOf(err);
  if (status?.message) return { text: `${status.reason} (HTTP ${status.code}): ${status.message}`, core: status.message };
  return { text: err.message, core: err.message };
}

/** The API server's reason names for status codes, used when a Status body carries no reason. */
const REASON_BY_CODE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Expired",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/**
 * The Status an HTTP failure from the API carries (client-node's ApiException: a numeric `code`
 * and the response `body`), duck-typed because this file imports nothing. The one reader of
 * Status bodies: describeError and kube/errors.ts's apiFailure both use it.
 */
export function apiStatusOf(err: unknown): { code: number; reason: string; message?: string } | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, body } = err as Error & { code?: unknown; body?: unknown };
  if (typeof code !== "number") return undefined;
  let status: unknown = body;
  if (typeof body === "string") {
    try {
      status = JSON.parse(body);
    } catch {
      status = { message: body.trim() }; // a proxy's plain-text answer
    }
  }
  const s = (status && typeof status === "object" ? status : {}) as { reason?: unknown; message?: unknown };
  return {
    code,
    reason: typeof s.reason === "string" && s.reason ? s.reason : (REASON_BY_CODE[code] ?? `HTTP ${code}`),
    message: typeof s.message === "string" && s.message ? s.message : undefined,
  };
}
