// Every step ends by our own deadline, never by Cucumber's ("function timed out, ensure the
// promise resolves within 180000 milliseconds" names neither the step nor what it waited on).
// A step that says "N seconds" gets N plus a margin: its own wait times out first and reports
// the last state it saw; the deadline only catches what hangs outside a wait. Steps register
// with Cucumber's timeout off (-1), so a 200-second wait is not cut at 180 s.
// KUBECUKE_TIMEOUT_SCALE multiplies it all here, in one place: stepMs() is where a step's
// seconds become milliseconds, and budgetOf() scales the deadline around them.
import { AssertionFailure, BadInputError, TimeoutError } from "../../engine/errors.ts";
import { withDeadline } from "../../engine/kube/deadline.ts";
import type { Interrupts } from "../../engine/run/interrupt.ts";
import { timeoutSettings } from "../../engine/settings/env.ts";
import { parameterNames, type StepSpec } from "./registry.ts";
import type { StepLimit } from "./world.ts";

/** KUBECUKE_TIMEOUT_SCALE, read once per worker (the runner set it before starting cucumber). */
export const TIMEOUT_SCALE = timeoutSettings().scale;

/** A step's "within N seconds" as the milliseconds its wait gets: N s times the timeout scale. */
export function stepMs(seconds: number, scale = TIMEOUT_SCALE): number {
  return Math.round(seconds * 1000 * scale);
}

/** " (times the timeout scale 3)" when there is one, for messages. */
function scaleNote(scale: number): string {
  return scale === 1 ? "" : `, times the timeout scale ${scale}`;
}

/** Time a step has beyond its "N seconds" (reading objects after the wait, writing the report). */
export const MARGIN_MS = 10_000;
/** Time a step that runs a quoted step has beyond that step's deadline, so the quoted one ends first. */
export const RUNS_STEP_MARGIN_MS = 2_000;
/** For a step that names no time (kubectl has its own 60 s, API calls are short). */
export const DEFAULT_STEP_MS = 180_000;

/** `@step-timeout:30`: this scenario's steps that name no time get 30 s instead of 180 s. */
export const STEP_TIMEOUT_TAG = "@step-timeout:";

/** The limit of a scenario's steps that name no time (unscaled), and why, for the message. */
export type { StepLimit } from "./world.ts";

/**
 * The limit set by a @step-timeout:N tag among these (feature, rule, scenario, examples order:
 * the last, most specific, wins); undefined without one. `where` names the tag's file and line.
 */
export function stepLimitOf(tags: ReadonlyArray<{ name: string; where: string }>): StepLimit | undefined {
  const tag = tags.filter((t) => t.name.startsWith(STEP_TIMEOUT_TAG)).at(-1);
  if (!tag) return undefined;
  const value = tag.name.slice(STEP_TIMEOUT_TAG.length);
  if (!/^[1-9]\d{0,4}$/.test(value)) {
    throw new BadInputError(`${tag.where}: tag ${tag.name}: expected a whole number of seconds from 1 to 99999, e.g. ${STEP_TIMEOUT_TAG}30`);
  }
  return { ms: Number(value) * 1000, why: `this scenario's ${tag.name}` };
}

/** Position (among the English pattern's parameters) of the `{int}` followed by " seconds", if any. */
export function secondsParameter(pattern: string): number | undefined {
  const plain = pattern.replace(/\\[{}]/g, "");
  const at = plain.search(/\{int\} seconds\b/);
  return at < 0 ? undefined : parameterNames(plain.slice(0, at)).length;
}

/** The least "N seconds" a step takes: below it a wait ends before one list from the API server can answer. */
export const MIN_STEP_SECONDS = 1;

/**
 * Why the step's "N seconds" cannot work, or undefined: 0 (or less) gives its wait no time for
 * even one answer from the API server, so it would fail with "last saw nothing" whatever the
 * cluster does. English-order arguments.
 */
export function tooShortLimit(spec: StepSpec, args: unknown[]): string | undefined {
  const i = secondsParameter(spec.en);
  const n = i === undefined ? undefined : Number(args[i]);
  if (n === undefined || !Number.isFinite(n) || n >= MIN_STEP_SECONDS) return undefined;
  return `${n} seconds is too short: a wait needs at least ${MIN_STEP_SECONDS} second for one answer from the API server; write the time the state may really take (e.g. 30 seconds; the Pod examples in docs/steps.md use 30 to 60)`;
}

export interface StepBudget {
  ms: number;
  /** Why this much, for the message. */
  why: string;
}

/**
 * The deadline of one step run with these (English-order) arguments, times the timeout scale;
 * `limit` (a @step-timeout tag) replaces the 180 s of a step that names no time.
 */
export function budgetOf(spec: StepSpec, args: unknown[], scale = TIMEOUT_SCALE, limit?: StepLimit): StepBudget {
  const i = secondsParameter(spec.en);
  const n = i === undefined ? undefined : Number(args[i]);
  const ms = (base: number) => Math.round(base * scale);
  if (n !== undefined && Number.isFinite(n)) return { ms: ms(n * 1000 + MARGIN_MS), why: `its ${n} seconds + ${MARGIN_MS / 1000} s${scaleNote(scale)}` };
  if (spec.timeoutMs) return { ms: ms(spec.timeoutMs), why: `this step's own limit${scaleNote(scale)}` };
  if (limit) return { ms: ms(limit.ms), why: `${limit.why}${scaleNote(scale)}` };
  return { ms: ms(DEFAULT_STEP_MS), why: `the limit for steps without "within N seconds"${scaleNote(scale)}` };
}

/**
 * The step's one signal: aborted when its `budget` has passed (a TimeoutError naming the step) or
 * as soon as `stop` (Ctrl-C, SIGTERM) is signalled (an InterruptedError). `work` gets it (and
 * define.steps.ts puts it on the scenario's clients, so every request and wait of the step ends
 * with it); the promise resolves as `work` does, or rejects with the signal's reason at once.
 */
export async function withStepDeadline<T>(work: Promise<T> | ((signal: AbortSignal) => Promise<T>), budget: StepBudget, step: string, stop?: Interrupts): Promise<T> {
  const interrupted = stop ? interruptOf(stop, step) : undefined;
  const message = `step ${step}: expected it to finish within ${budget.ms / 1000} s (${budget.why}), it was still running: something outside its wait hangs (an API call, a stream); the step's attachments show how far it got`;
  try {
    return await withDeadline("step", step, budget.ms, typeof work === "function" ? work : () => work, { message, signal: interrupted?.signal });
  } finally {
    interrupted?.dispose();
  }
}

/** A signal aborted with the step's own InterruptedError (naming it) when `stop` is signalled. */
function interruptOf(stop: Interrupts, step: string): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const { promise, dispose } = stop.rejection(`step ${step}`);
  promise.catch((reason: unknown) => controller.abort(reason));
  return { signal: controller.signal, dispose };
}

/**
 * `fn` must fail by itself (fail fast) within `seconds`: its own wait is given exactly that much
 * (times the timeout scale, like every wait). Resolves to the error message; a wait that merely
 * ran out of time is an assertion failure.
 */
export async function expectFailureWithin(fn: (timeoutMs: number) => Promise<unknown>, what: string, seconds: number, scale = TIMEOUT_SCALE): Promise<string> {
  try {
    await fn(stepMs(seconds, scale));
  } catch (err) {
    if (err instanceof TimeoutError) {
      const lastSeen = err.facts.lastSeen ?? err.message;
      const events = err.facts.events?.length ? `\nrecent events:\n  ${err.facts.events.join("\n  ")}` : "";
      throw new AssertionFailure(`${what}: did not fail by itself within ${seconds} s${scale === 1 ? "" : ` (times the timeout scale ${scale}: ${stepMs(seconds, scale) / 1000} s)`}; last saw ${lastSeen}${events}`, { ...err.facts, operation: "wait", expected: `a failure within ${seconds} s` }, { cause: err });
    }
    return (err as Error).message;
  }
  throw new AssertionFailure(`${what}: expected it to fail within ${seconds} s, but it succeeded`, { operation: "wait" });
}
