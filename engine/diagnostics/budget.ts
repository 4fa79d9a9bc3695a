// Time and size bounds for failure diagnostics: a broken cluster must not turn a failed
// scenario into a hung one, and a chatty container must not turn the report into gigabytes.
import { TimeoutError } from "../errors.ts";

/**
 * Rejects after ms with a message naming what timed out. Work given as a function gets a signal
 * that is aborted then, so it stops where it can (kubectl is killed); a bare promise, or a
 * client-node request (they take no signal), runs on to its end, ignored.
 */
export function withTimeout<T>(p: Promise<T> | ((signal: AbortSignal) => Promise<T>), ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const controller = new AbortController();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TimeoutError(`${what}: timed out (after ${round(ms / 1000)} s)`, { operation: what, elapsedMs: ms });
      controller.abort(err);
      reject(err);
    }, ms);
  });
  const work = typeof p === "function" ? p(controller.signal) : p;
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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

/** Keeps the *end* of text (where crashes are) within maxBytes, with a note saying what was cut. */
export function truncateTail(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, "utf8");
  if (buf.length <= maxBytes) return text;
  // Cut at a line start so the first kept line is whole; decoding may drop a split UTF-8 char.
  let kept = buf.subarray(buf.length - maxBytes).toString("utf8");
  const nl = kept.indexOf("\n");
  if (nl >= 0 && nl < kept.length - 1) kept = kept.slice(nl + 1);
  const keptBytes = Buffer.byteLength(kept, "utf8");
  return `[… truncated: showing the last ${keptBytes} of ${buf.length} bytes]\n${kept}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
