// watchUntil: a ListWatch (list-watch.ts) whose objects are judged after the list and after every
// change, until the judgement says done or fail, or the time runs out. No sleeps, no polling.
import { CannotHappenError, TimeoutError, type ErrorFacts, type KubecukeError } from "../errors.ts";
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/object.ts";
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
  /** Stops the wait early (it then rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Backoff after a list/watch failure (tests shorten it). */
  backoffMs?: { first: number; max: number };
  /**
   * After an evaluation without a verdict: in how many ms to evaluate again though nothing
   * changed (a state that becomes decisive with time alone, e.g. unschedulable for 15 s).
   */
  recheckInMs?: (objects: Map<string, KubeObject>) => number | undefined;
}

/** The time ran out. `problem`: the list/watch failure still going on then, if any. */
export class WaitTimeout extends TimeoutError {
  readonly synced: boolean;
  readonly problem: WatchProblem | undefined;
  constructor(message: string, facts: ErrorFacts, synced: boolean, problem: WatchProblem | undefined) {
    super(message, facts);
    this.synced = synced;
    this.problem = problem;
  }
}

/** The evaluation said the awaited state cannot come. */
export class WaitFailed extends CannotHappenError {}

/**
 * Resolves with the evaluation's value; rejects with WaitFailed when the evaluation says fail,
 * with WaitTimeout (naming a failing list/watch) when the time runs out, at once with the
 * ListWatch's error when retrying cannot help (kind not served), and with whatever evaluate throws.
 */
// The waits running now, to end together when the run is interrupted (steps/support/interrupt.ts):
// a step that lost its race to the interrupt must not keep its watch open until its own timeout.
// Waits started afterwards (the scenario's cleanup) get a fresh controller and are not ended.
let runningWaits = new AbortController();

/** Ends every wait in progress with `reason`; waits started later are unaffected. */
export function stopRunningWaits(reason: Error): void {
  runningWaits.abort(reason);
  runningWaits = new AbortController();
}

export async function watchUntil<R>(clients: KubeClients, target: WatchTarget, options: WatchUntilOptions<R>): Promise<{ value: R; objects: Map<string, KubeObject> }> {
  const opts = { ...options, signal: options.signal ? AbortSignal.any([options.signal, runningWaits.signal]) : runningWaits.signal };
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
      opts.signal?.removeEventListener("abort", onAbort);
      controller.abort();
      fn();
    };
    const judge = (): void => {
      if (finished) return;
      let v: Verdict<R>;
      try {
        v = opts.evaluate(lw.objects);
      } catch (e) {
        finish(() => reject(e as Error));
        return;
      }
      if (!v) {
        const ms = opts.recheckInMs?.(lw.objects);
        clearTimeout(recheck);
        if (ms !== undefined) recheck = setTimeout(judge, ms);
        return;
      }
      if ("done" in v) {
        const value = v.done;
        finish(() => resolve({ value, objects: lw.objects }));
      } else {
        const msg = v.fail;
        finish(() => reject(new WaitFailed(msg, { operation: "watch", object: targetText(target) })));
      }
    };
    const lw = new ListWatch(clients, target, {
      signal: controller.signal,
      backoffMs: opts.backoffMs,
      onSynced: judge,
      onChange: (type, obj) => {
        if (finished) return;
        opts.onChange?.(type, obj);
        judge();
      },
      onFatal: (err: KubecukeError) => finish(() => reject(err)),
    });
    const timer = setTimeout(() => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      const problem = lw.problem;
      const why = problem ? `; ${describeProblem(problem)}` : lw.synced ? "" : "; no list has answered yet";
      const facts = { operation: "watch", object: targetText(target), elapsedMs: Date.now() - started };
      finish(() => reject(new WaitTimeout(`watch ${targetText(target)}: no verdict after ${secs} s${why}`, facts, lw.synced, problem)));
    }, opts.timeoutMs);
    const onAbort = (): void => finish(() => reject(opts.signal?.reason));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    void lw.run();
  });
}
