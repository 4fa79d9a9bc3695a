// Every operation on the cluster has its own time limit, from one table (chainsaw's
// DefaultTimeouts), scaled by KUBECUKE_TIMEOUT_SCALE (engine/settings/env.ts timeoutSettings).
// The table lives here because engine/kube/ may import only itself: settings import it, scale it,
// and the budgets reach the engine on KubeClients (client.ts) and ScenarioOptions, never read here.
import { TimeoutError } from "../errors.ts";

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

/** Seconds as messages show them: one decimal below ten, whole above. */
export function secondsText(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? String(Math.round(s * 10) / 10) : String(Math.round(s));
}

/**
 * Run `work` with `ms` to finish. Past it: the signal is aborted (so the loser stops where it can:
 * execa's `cancelSignal`, list-watch.ts, fetch) and the promise rejects with a TimeoutError naming
 * the operation and the object: "apply ConfigMap/ns/x: no answer from the API server within 30 s".
 * Work that cannot take a signal (client-node's generated API requests, RawObjectApi's included:
 * its RequestContext has no signal to set in client-node 1.3) runs on to its own end, ignored.
 * An outer `signal` (a step's deadline) aborts the work too, with the outer reason.
 */
export async function withDeadline<T>(
  operation: string,
  object: string,
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  opts: { waitingFor?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const controller = new AbortController();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const onOuterAbort = (): void => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TimeoutError(`${operation} ${object}: ${opts.waitingFor ?? "no answer from the API server"} within ${secondsText(ms)} s`, {
        operation,
        object,
        expected: `an answer within ${secondsText(ms)} s`,
        elapsedMs: Date.now() - started,
      });
      controller.abort(err);
      reject(err);
    }, ms);
  });
  try {
    if (opts.signal?.aborted) throw opts.signal.reason;
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }
}
