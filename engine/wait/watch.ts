// watchUntil: a ListWatch (list-watch.ts) whose objects are judged after the list and after every
// change, until the judgement says done or fail, or the time runs out. No sleeps, no polling.
// Waits call it through waitFor (wait-for.ts), which turns its ends into one failure; the few
// callers outside engine/wait that only need "until" (setup, tests) call it directly.
import { CannotHappenError, TimeoutError, type KubecukeError } from "../errors.ts";
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/object.ts";
import { waitMessage, type WaitFacts } from "./failure.ts";
import { ListWatch, describeProblem, targetText, type ChangeType, type WatchProblem, type WatchTarget } from "./list-watch.ts";

export { describeProblem, type WatchProblem, type WatchTarget } from "./list-watch.ts";

/** What an evaluation decides: keep waiting (undefined), done with a value, or fail now. */
export type Verdict<R> = { done: R } | { fail: string } | undefined;

export interface WatchUntilOptions<R> {
  timeoutMs: number;
  /** Called with every object currently known (by name) after each list and each change. */
  evaluate: (objects: Map<string, KubeObject>) => Verdict<R>;
  /** Called on every change, e.g. to record into the timeline. */
  onChange?: (type: ChangeType, obj: KubeObject) => void;
  /** Ends the wait early (it then rejects with the signal's reason), beside the step's (clients.signal). */
  signal?: AbortSignal;
  /** A watch that outlives the step that started it (a check until the scenario ends): only `signal` ends it. */
  background?: boolean;
  /** Backoff after a list/watch failure (tests shorten it). */
  backoffMs?: { first: number; max: number };
  /**
   * After an evaluation without a verdict: in how many ms to evaluate again though nothing
   * changed (a state that becomes decisive with time alone, e.g. unschedulable for 15 s).
   */
  recheckInMs?: (objects: Map<string, KubeObject>) => number | undefined;
  /**
   * Hands over a function that judges the objects again now (once a list has answered): for a
   * verdict that also depends on other watches (a rollout's Pods).
   */
  rejudge?: (judgeNow: () => void) => void;
}

/**
 * The time ran out without a verdict. `objects`: what the watch held then; `synced`: a list had
 * answered; `problem`: the list/watch failure still going on then, if any.
 */
export class WaitTimeout extends TimeoutError {
  readonly synced: boolean;
  readonly problem: WatchProblem | undefined;
  readonly objects: Map<string, KubeObject>;
  constructor(facts: WaitFacts, lw: { synced: boolean; problem?: WatchProblem; objects: Map<string, KubeObject> }) {
    super(waitMessage(facts), facts);
    this.synced = lw.synced;
    this.problem = lw.problem;
    this.objects = lw.objects;
  }
}

/** The evaluation said the awaited state cannot come; the message is the evaluation's reason. */
export class WaitFailed extends CannotHappenError {}

/** The signals that end a wait: its own and, unless it runs in the background, the step's. */
function cancellation(clients: KubeClients, options: { signal?: AbortSignal; background?: boolean }): AbortSignal | undefined {
  const signals = [options.signal, options.background ? undefined : clients.signal].filter((s): s is AbortSignal => s !== undefined);
  return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

/** Why the watch saw what it saw: a failure going on, or no list yet; "" when it was healthy. */
function watchHealth(lw: { synced: boolean; problem?: WatchProblem }): string | undefined {
  return lw.problem ? describeProblem(lw.problem) : lw.synced ? undefined : "no list has answered yet";
}

/**
 * Resolves with the evaluation's value; rejects with WaitFailed when the evaluation says fail,
 * with WaitTimeout (naming a failing list/watch) when the time runs out, at once with the
 * ListWatch's error when retrying cannot help (kind not served), with whatever evaluate throws,
 * and with the reason of `signal` (or of the step's signal) when it aborts.
 */
export async function watchUntil<R>(clients: KubeClients, target: WatchTarget, options: WatchUntilOptions<R>): Promise<{ value: R; objects: Map<string, KubeObject> }> {
  const signal = cancellation(clients, options);
  const controller = new AbortController();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let finished = false;
    let recheck: NodeJS.Timeout | undefined;
    const finish = (fn: () => void): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(recheck);
      signal?.removeEventListener("abort", onAbort);
      controller.abort();
      fn();
    };
    const judge = (): void => {
      if (finished) return;
      let v: Verdict<R>;
      try {
        v = options.evaluate(lw.objects);
      } catch (e) {
        return finish(() => reject(e as Error));
      }
      clearTimeout(recheck);
      if (!v) {
        const ms = options.recheckInMs?.(lw.objects);
        if (ms !== undefined) recheck = setTimeout(judge, ms);
      } else if ("done" in v) {
        const value = v.done;
        finish(() => resolve({ value, objects: lw.objects }));
      } else {
        const why = v.fail;
        finish(() => reject(new WaitFailed(why, { operation: "watch", object: targetText(target) })));
      }
    };
    const lw = new ListWatch(clients, target, {
      signal: controller.signal,
      backoffMs: options.backoffMs,
      onSynced: judge,
      onChange: (type, obj) => {
        if (finished) return;
        options.onChange?.(type, obj);
        judge();
      },
      onFatal: (err: KubecukeError) => finish(() => reject(err)),
    });
    options.rejudge?.(() => lw.synced && judge());
    const timer = setTimeout(() => {
      const facts: WaitFacts = { operation: "watch", object: targetText(target), expected: "a verdict", lastSeen: `${lw.objects.size} object(s)`, elapsedMs: Date.now() - started, problem: watchHealth(lw) };
      finish(() => reject(new WaitTimeout(facts, lw)));
    }, options.timeoutMs);
    const onAbort = (): void => finish(() => reject(signal?.reason));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    void lw.run();
  });
}
