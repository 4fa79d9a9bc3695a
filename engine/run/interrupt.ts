// Ctrl-C and SIGTERM, handled the same way in every process of a run (the runner, cucumber and
// its workers): the first stops the work and lets cleanup run; a later one means "exit now".
// Signals that arrive together count once: npm forwards the terminal's SIGINT to the script it
// runs, so a single Ctrl-C often reaches a process twice within a few milliseconds.
import { InterruptedError } from "../errors.ts";

export type StopSignal = "SIGINT" | "SIGTERM";
export const STOP_SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];
/** Signals within this long of the first are the same interrupt. */
export const SAME_INTERRUPT_MS = 1000;
/** The exit code of a run stopped by a signal (128 + SIGINT's 2, as shells report it). */
export const INTERRUPTED_EXIT_CODE = 130;

/** What a received signal means: the first interrupt, a duplicate of it, or "exit at once". */
export type SignalMeaning = "stop" | "same" | "exit";

export class Interrupts {
  private readonly controller = new AbortController();
  private first?: { signal: StopSignal; at: number };
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Aborted at the first interrupt; its reason is an InterruptedError. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The signal that interrupted the run, if one did. */
  get interrupted(): StopSignal | undefined {
    return this.first?.signal;
  }

  receive(signal: StopSignal): SignalMeaning {
    const at = this.now();
    if (!this.first) {
      this.first = { signal, at };
      this.controller.abort(new InterruptedError(`interrupted by ${signal}`));
      return "stop";
    }
    return at - this.first.at < SAME_INTERRUPT_MS ? "same" : "exit";
  }

  /** Rejects with an InterruptedError naming `what` once interrupted; never resolves. */
  rejection(what: string): { promise: Promise<never>; dispose: () => void } {
    let onAbort: () => void = () => {};
    const promise = new Promise<never>((_, reject) => {
      onAbort = () => reject(new InterruptedError(`${what}: interrupted by ${this.interrupted ?? "a signal"} while it ran; the scenario's cleanup runs next`, { operation: "interrupt", object: what }));
      if (this.signal.aborted) onAbort();
      else this.signal.addEventListener("abort", onAbort, { once: true });
    });
    promise.catch(() => undefined); // only ever raced: an unraced rejection is not an error
    return { promise, dispose: () => this.signal.removeEventListener("abort", onAbort) };
  }
}

/** Calls `handler` on SIGINT and SIGTERM instead of Node's default exit; returns the uninstaller. */
export function onStopSignals(handler: (signal: StopSignal) => void): () => void {
  const listeners = STOP_SIGNALS.map((s) => [s, () => handler(s)] as const);
  for (const [s, l] of listeners) process.on(s, l);
  return () => {
    for (const [s, l] of listeners) process.off(s, l);
  };
}
