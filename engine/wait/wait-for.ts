// waitFor: the one wait of the harness. It watches (watchUntil), judges every version, and ends in
// one of three ways: the awaited state (its value), a verdict that it cannot come, or the end of
// its time. The last two become one failure written from facts (failure.ts): what was awaited,
// for how long, the last state seen, why it cannot come, the list/watch failure going on and the
// relevant events. This is the only place a WaitTimeout becomes a failure.
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/object.ts";
import { secondsSince, secondsText } from "../seconds.ts";
import { recentEvents } from "./events.ts";
import { waitFailure, type WaitEnd, type WaitFacts } from "./failure.ts";
import type { ChangeType } from "./list-watch.ts";
import { describeProblem, WaitFailed, WaitTimeout, watchUntil, type Verdict, type WatchTarget } from "./watch.ts";

/** The object whose events explain a failure (events of a cluster-scoped object are in "default"). */
export interface EventsOf {
  namespace: string;
  kind: string;
  name: string;
}

export interface WaitForSpec<R> {
  /** e.g. "wait", "match", "delete", "keep matching" */
  operation: string;
  /** What is awaited on: `Pod/ns/web Ready`, `ConfigMap -l app=x in the namespace ns`. */
  object: string;
  /** The awaited state in words: `condition Ready=True`. */
  expected: string;
  target: WatchTarget;
  timeoutMs: number;
  evaluate: (objects: Map<string, KubeObject>) => Verdict<R>;
  /** The last state in words, from the objects the watch held at the end. */
  lastSeen: (objects: Map<string, KubeObject>) => string;
  /** Lines after the first line of a failure (each mismatch, each object left), already indented. */
  details?: (objects: Map<string, KubeObject>) => string | undefined;
  /** The objects a failed assertion carries for the report. */
  reportObjects?: (objects: Map<string, KubeObject>) => KubeObject[];
  /** Whose recent events a failure lists; decided from the objects when a function (e.g. the Pod that is stuck). */
  eventsOf?: EventsOf | ((objects: Map<string, KubeObject>) => EventsOf | undefined);
  /** How running out of time counts: a timeout (default), or an assertion that did not hold (a match). */
  timeoutIs?: "timeout" | "assertion";
  /** How a `fail` verdict counts: the state cannot come (default), or a check over time broke. */
  failIs?: "cannot-happen" | "assertion";
  /** How a `fail` verdict reads after `expected …, but`: default `it cannot happen: <reason>`. */
  but?: (reason: string) => string;
  /**
   * A check over a period: when the time runs out and the watch saw every version (listed, no
   * failure going on), this verdict ends the wait instead of a timeout. A watch that could not
   * see every version fails: it cannot vouch for what it missed.
   */
  atTimeout?: (objects: Map<string, KubeObject>) => Verdict<R>;
  signal?: AbortSignal;
  /** See WatchUntilOptions.background. */
  background?: boolean;
  recheckInMs?: (objects: Map<string, KubeObject>) => number | undefined;
  /** See WatchUntilOptions.rejudge. */
  rejudge?: (judgeNow: () => void) => void;
  onChange?: (type: ChangeType, obj: KubeObject) => void;
  backoffMs?: { first: number; max: number };
  /** The wait's start, success and failure, one line each (the scenario's timeline). */
  record?: (summary: string) => void;
}

export async function waitFor<R>(clients: KubeClients, spec: WaitForSpec<R>): Promise<R> {
  const started = Date.now();
  const name = `${spec.operation} ${spec.object}`;
  spec.record?.(`${name}: expecting ${spec.expected} (timeout ${secondsText(spec.timeoutMs)})`);
  let objects = new Map<string, KubeObject>();
  try {
    const r = await watchUntil(clients, spec.target, {
      timeoutMs: spec.timeoutMs,
      signal: spec.signal,
      background: spec.background,
      recheckInMs: spec.recheckInMs,
      rejudge: spec.rejudge,
      onChange: spec.onChange,
      backoffMs: spec.backoffMs,
      evaluate: (objs) => {
        objects = objs;
        return spec.evaluate(objs);
      },
    });
    spec.record?.(`${name}: met after ${secondsSince(started)}`);
    return r.value;
  } catch (err) {
    const timeout = err instanceof WaitTimeout ? err : undefined;
    if (timeout && spec.atTimeout && timeout.synced && !timeout.problem) {
      const v = spec.atTimeout(timeout.objects);
      if (v && "done" in v) {
        spec.record?.(`${name}: held for ${secondsSince(started)}`);
        return v.done;
      }
    }
    if (!timeout && !(err instanceof WaitFailed)) throw err;
    const failure = await failureOf(clients, spec, timeout ?? (err as WaitFailed), timeout?.objects ?? objects, Date.now() - started);
    spec.record?.(failure.message.split("\n")[0]!);
    throw failure;
  }
}

/** The failure of a wait that ended without its state: how it ended, and the facts at that moment. */
async function failureOf<R>(clients: KubeClients, spec: WaitForSpec<R>, err: WaitTimeout | WaitFailed, objects: Map<string, KubeObject>, elapsedMs: number): Promise<Error> {
  const facts: WaitFacts = { operation: spec.operation, object: spec.object, expected: spec.expected, elapsedMs };
  let end: WaitEnd;
  if (err instanceof WaitTimeout) {
    end = spec.atTimeout && (!err.synced || err.problem) ? "watch" : (spec.timeoutIs ?? "timeout");
    // with no list ever answered, "no such Pod" would be a guess: say what is known
    facts.lastSeen = err.synced ? spec.lastSeen(objects) : "nothing (no list has answered)";
    facts.problem = err.problem && describeProblem(err.problem);
    if (end === "watch") facts.but = `it could not watch for the whole ${secondsText(spec.timeoutMs)}, so it cannot vouch for what it missed`;
  } else {
    end = spec.failIs ?? "cannot-happen";
    if (spec.but) {
      // a check's own account of the break says when and what it saw; its lines after the first are details
      const [first, ...rest] = spec.but(err.message).split("\n");
      Object.assign(facts, { but: first, details: rest.join("\n") || undefined, elapsedMs: undefined });
    } else Object.assign(facts, { but: `it cannot happen: ${err.message}`, lastSeen: spec.lastSeen(objects) });
  }
  if (end !== "watch") facts.details ??= spec.details?.(objects);
  const about = typeof spec.eventsOf === "function" ? spec.eventsOf(objects) : spec.eventsOf;
  if (about) facts.events = await recentEvents(clients, about.namespace, about.kind, about.name);
  // a timeout's facts are all in the failure; a fail verdict keeps its reason as the cause
  return waitFailure(end, facts, { objects: spec.reportObjects?.(objects) ?? [], cause: err instanceof WaitFailed ? err : undefined });
}
