// Every operation on the cluster has its own time limit, from one table (chainsaw's
// DefaultTimeouts), scaled by KUBECUKE_TIMEOUT_SCALE (engine/settings/env.ts timeoutSettings).
// The table lives here because engine/kube/ may import only itself: settings import it, scale it,
// and the budgets reach the engine on KubeClients (client.ts) and ScenarioOptions, never read here.
// withDeadline (and its forms withTimeout, Deadline, unlessAborted) is the engine's one deadline
// helper: the raw API's requests (transport.ts), diagnostics and the providers use it.
import { TimeoutError } from "../errors.ts";
import { secondsText as formatSeconds } from "../seconds.ts";

/** Per-operation limits in milliseconds. */
export interface OperationTimeouts {
  /** One server-side apply (and the discovery lookup before it). */
  apply: number;
  /** One read of one object (and a discovery lookup). */
  get: number;
  /** One DELETE request (not the wait for the object to be gone: that is `cleanup`). */
  delete: number;
  /** One command run in a container through the API (exec step). */
  exec: number;
  /** One literal `kubectl …` command. */
  kubectl: number;
  /** Cleanup of one object: its delete and the wait until it is gone. */
  cleanup: number;
  /** All failure diagnostics of one scenario together (describe, events, logs). */
  diagnostics: number;
  /** One HTTP request through the API server's proxy (a "returns N within S seconds" step asks again until S). */
  http: number;
}

/** The defaults, unscaled. Chainsaw's are shorter (apply 5 s, exec 5 s); these allow for a loaded CI machine. */
export const OPERATION_TIMEOUTS_MS: Readonly<OperationTimeouts> = {
  apply: 30_000,
  get: 15_000,
  delete: 30_000,
  exec: 60_000,
  kubectl: 60_000,
  cleanup: 30_000,
  diagnostics: 14_000,
  http: 10_000,
};

/** Every limit times `scale` (KUBECUKE_TIMEOUT_SCALE), rounded to whole milliseconds. */
export function scaleTimeouts(base: Readonly<OperationTimeouts>, scale: number): OperationTimeouts {
  const out = { ...base };
  for (const k of Object.keys(out) as (keyof OperationTimeouts)[]) out[k] = Math.round(base[k] * scale);
  return out;
}


export interface DeadlineOptions {
  /** What was awaited, for the message: "no answer from the API server" unless given. */
  waitingFor?: string;
  /** An outer signal (a step's: its deadline and the interrupt): aborts the work too, and the promise rejects with its reason. */
  signal?: AbortSignal;
  /** The whole message past the limit, instead of `<operation> <object>: <waitingFor> within N s`. */
  message?: string;
}

/**
 * The one deadline helper of the engine. Run `work` with `ms` to finish. Past it: the signal is
 * aborted (so the loser stops where it can: execa's `cancelSignal`, list-watch.ts, the raw API's
 * requests, transport.ts) and the promise rejects with a TimeoutError naming the operation and the
 * object: "apply ConfigMap/ns/x: no answer from the API server within 30 s". Work that cannot take
 * a signal runs on to its own end, ignored. When `opts.signal` aborts first, the work's signal is
 * aborted with its reason and the promise rejects with that reason at once.
 */
export async function withDeadline<T>(operation: string, object: string, ms: number, work: (signal: AbortSignal) => Promise<T>, opts: DeadlineOptions = {}): Promise<T> {
  const outer = opts.signal;
  outer?.throwIfAborted();
  const controller = new AbortController();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let onOuterAbort = (): void => {};
  const ended = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const within = `within ${formatSeconds(ms)}`;
      const message = opts.message ?? `${operation} ${object}: ${opts.waitingFor ?? "no answer from the API server"} ${within}`;
      const err = new TimeoutError(message, { operation, object: object || undefined, expected: `an answer ${within}`, elapsedMs: Date.now() - started });
      controller.abort(err);
      reject(err);
    }, ms);
    onOuterAbort = () => {
      controller.abort(outer?.reason);
      reject(outer?.reason);
    };
    outer?.addEventListener("abort", onOuterAbort, { once: true });
  });
  try {
    return await Promise.race([work(controller.signal), ended]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

/**
 * withDeadline for a call that names only what it does ("list pods in namespace x"): rejects with
 * "<what>: timed out (after N s)". A bare promise, which takes no signal, runs on to its end, ignored.
 */
export function withTimeout<T>(p: Promise<T> | ((signal: AbortSignal) => Promise<T>), ms: number, what: string, signal?: AbortSignal): Promise<T> {
  return withDeadline(what, "", ms, typeof p === "function" ? p : () => p, { message: `${what}: timed out (after ${formatSeconds(ms)})`, signal });
}

/** A shared deadline: each sub-step gets min(its own limit, what is left). */
export class Deadline {
  private readonly end: number;
  private readonly now: () => number;
  constructor(totalMs: number, now: () => number = Date.now) {
    this.now = now;
    this.end = now() + totalMs;
  }
  remaining(): number {
    return Math.max(0, this.end - this.now());
  }
  /** Budget for one sub-step; at least 1 ms so an expired deadline fails fast instead of never. */
  slice(maxMs: number): number {
    return Math.max(1, Math.min(maxMs, this.remaining()));
  }
}

/**
 * `work` as it settles, or the signal's reason as soon as `signal` aborts: for work that cannot
 * take a signal itself (it runs on, ignored) where the caller must stop waiting at once.
 */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
