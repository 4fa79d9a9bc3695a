// The one failure of a wait, written from its facts: what was awaited (operation, object,
// expected), for how long, the last state seen, why it cannot come (when the wait ended early),
// the list/watch failure going on, the details (each mismatch, each object left) and the
// relevant events. Every wait in the harness ends in waitFailure; no wait writes its own text.
import { AssertionFailure, CannotHappenError, failureMessage, InfrastructureError, TimeoutError, type ErrorFacts, type KubecukeError } from "../errors.ts";
import type { KubeObject } from "../kube/object.ts";

/** ErrorFacts and what only a wait knows. */
export interface WaitFacts extends ErrorFacts {
  /** How the awaited state cannot come any more, or how a check over time broke: `expected …, but <but>`. */
  but?: string;
  /** The list/watch failure going on when the wait ended (`watch failing since …`), or that no list answered. */
  problem?: string;
  /** Lines after the first (each mismatch, each object left), indented by the caller. */
  details?: string;
}

/** `<operation> <object>: expected …[, but …], last saw … (after N s)`, then the problem, the details and the events. */
export function waitMessage(f: WaitFacts): string {
  const head = failureMessage({ operation: f.operation, object: f.object, expected: f.but === undefined ? f.expected : `${f.expected}, but ${f.but}`, lastSeen: f.lastSeen, elapsedMs: f.elapsedMs });
  const events = f.events?.length ? `recent events:\n  ${f.events.join("\n  ")}` : undefined;
  return [head, f.problem, f.details, events].filter((part) => part !== undefined && part !== "").join("\n");
}

/**
 * How a wait ended, which decides the report's category:
 * - timeout: the time ran out (broken: the cluster was slow or the state never came);
 * - cannot-happen: the wait saw that the state can no longer come (a stuck Pod, a failed Job);
 * - assertion: a check on the system under test did not hold (a match, a check over time);
 * - watch: the wait could not watch for the whole time, so it cannot vouch for what it missed.
 */
export type WaitEnd = "timeout" | "cannot-happen" | "assertion" | "watch";

/** An assertion on objects that did not hold, with the objects it last saw (the step attaches them). */
export class MatchFailure extends AssertionFailure {
  readonly lastSeenObjects: KubeObject[];
  constructor(message: string, facts: ErrorFacts, lastSeenObjects: KubeObject[] = [], options?: { cause?: unknown }) {
    super(message, facts, options);
    this.lastSeenObjects = lastSeenObjects;
  }
}

/** The failure of a wait: its class says how it ended, its message is waitMessage(facts). */
export function waitFailure(end: WaitEnd, facts: WaitFacts, options: { objects?: KubeObject[]; cause?: unknown } = {}): KubecukeError {
  const message = waitMessage(facts);
  const cause = options.cause === undefined ? undefined : { cause: options.cause };
  if (end === "assertion") return new MatchFailure(message, facts, options.objects, cause);
  if (end === "cannot-happen") return new CannotHappenError(message, facts, cause);
  if (end === "watch") return new InfrastructureError(message, facts, cause);
  return new TimeoutError(message, facts, cause);
}
