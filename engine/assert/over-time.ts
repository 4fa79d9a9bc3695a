// Checks over time on any kind: every version of an object the watch sees must match the expected
// document (same partial match as `waitForMatch`). `keepsMatching` watches for N seconds while the
// step waits; an `Invariant` watches in the background from a step until the scenario ends, and
// the end of the scenario asks for its verdict. Both fail at the first version that breaks the
// check, with its time and every mismatch. Built on waitFor/watchUntil: no polling.
import type { ResolvedKind } from "../kube/kinds.ts";
import type { KubeObject } from "../kube/object.ts";
import { resourceVersionOf } from "../kube/objects.ts";
import { secondsText } from "../seconds.ts";
import { waitFailure } from "../wait/failure.ts";
import { waitFor } from "../wait/wait-for.ts";
import { WaitFailed, watchUntil } from "../wait/watch.ts";
import type { WaitEnv } from "../wait/waits.ts";
import type { Expected } from "./expectation.ts";
import { formatMismatches, match } from "./match.ts";
import { getOrUndefined } from "./wait.ts";

/** `12:03:04.123` (UTC, like the timeline). */
export const clockText = (d: Date): string => d.toISOString().slice(11, 23);

/** The first version that broke a check over time. */
export interface Break {
  at: Date;
  /** Since the check started. */
  afterMs: number;
  /** What was wrong with it, e.g. `resourceVersion 812 did not match, 1 mismatch(es):\n  data.mode: …`. */
  problem: string;
  /** The offending version (absent when the object was gone). */
  object?: KubeObject;
}

const indent = (text: string): string => text.replace(/^/gm, "  ");

/** What is wrong with one version (undefined: it matches). `object` undefined: none exists. Pure. */
export function versionProblem(expected: Expected, object: KubeObject | undefined, existedBefore: boolean): string | undefined {
  if (!object) return existedBefore ? "it was deleted" : "it did not exist";
  const mismatches = match(expected, object);
  if (mismatches.length === 0) return undefined;
  const rv = resourceVersionOf(object);
  return `${rv ? `resourceVersion ${rv}` : "a version"} did not match, ${mismatches.length} mismatch(es):\n${indent(formatMismatches(mismatches, "saw"))}`;
}

/** `at 12:03:04.123 (after 3.2 s) resourceVersion 812 did not match, …` Pure. */
export function breakText(b: Break): string {
  return `at ${clockText(b.at)} (after ${secondsText(b.afterMs)}) ${b.problem}`;
}

const ref = (env: WaitEnv, k: ResolvedKind, name: string): string => (k.namespaced ? `${k.kind}/${env.namespace}/${name}` : `${k.kind}/${name}`);
const targetOf = (env: WaitEnv, k: ResolvedKind, name: string) => ({ apiVersion: k.apiVersion, kind: k.kind, namespace: k.namespaced ? env.namespace : "", fieldSelector: `metadata.name=${name}` });

/** Judges each version as the watch delivers it; remembers the first break. */
class VersionJudge {
  broke?: Break;
  last?: KubeObject;
  private existed = false;
  private readonly started = Date.now();
  private readonly expected: Expected;
  constructor(expected: Expected) {
    this.expected = expected;
  }
  judge(object: KubeObject | undefined): Break | undefined {
    if (this.broke) return this.broke;
    const problem = versionProblem(this.expected, object, this.existed);
    this.existed ||= object !== undefined;
    if (object) this.last = object;
    if (problem === undefined) return undefined;
    const at = new Date();
    this.broke = { at, afterMs: at.getTime() - this.started, problem, object };
    return this.broke;
  }
}

/**
 * The object matches now and every version the watch sees for `ms` matches too. Resolves to the
 * last version seen; a MatchFailure names the first that did not, with its time and mismatches.
 */
export async function keepsMatching(env: WaitEnv, k: ResolvedKind, name: string, expected: Expected, ms: number): Promise<KubeObject> {
  const judge = new VersionJudge(expected);
  return waitFor<KubeObject>(env.clients, {
    operation: "keep matching",
    object: ref(env, k, name),
    expected: `every version to match for ${secondsText(ms)}`,
    target: targetOf(env, k, name),
    timeoutMs: ms,
    evaluate: (objs) => {
      const b = judge.judge(objs.get(name));
      return b ? { fail: breakText(b) } : undefined;
    },
    atTimeout: () => (judge.last ? { done: judge.last } : undefined),
    failIs: "assertion",
    but: (reason) => reason,
    lastSeen: () => (judge.last ? `resourceVersion ${resourceVersionOf(judge.last) ?? "?"}, matching` : "nothing"),
    reportObjects: () => (judge.broke?.object ? [judge.broke.object] : []),
    record: (summary) => env.timeline?.record({ type: "WAIT", kind: k.kind, namespace: k.namespaced ? env.namespace : "", name, summary }),
  });
}

/**
 * A check from now until the scenario ends: a watch started by `start` judges every version;
 * `verdict` (at the end, or when a step asks) catches up with the object as stored now and
 * answers the first break, if any. `stop` ends the watch.
 */
export class Invariant {
  readonly object: string;
  private readonly judge: VersionJudge;
  private readonly controller = new AbortController();
  /** resourceVersions of the object the watch has delivered, for catching up with a read. */
  private readonly seen = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private failure?: unknown;

  private readonly env: WaitEnv;
  private readonly kind: ResolvedKind;
  private readonly name: string;

  constructor(env: WaitEnv, kind: ResolvedKind, name: string, expected: Expected) {
    this.env = env;
    this.kind = kind;
    this.name = name;
    this.object = ref(env, kind, name);
    this.judge = new VersionJudge(expected);
  }

  /** Resolves once the watch has judged the current version; a MatchFailure when that one already breaks it. */
  async start(timeoutMs: number): Promise<KubeObject> {
    void watchUntil<never>(this.env.clients, targetOf(this.env, this.kind, this.name), {
      timeoutMs: 2 ** 31 - 1, // until stop(): the end of the scenario, however long it runs
      signal: this.controller.signal,
      background: true, // it outlives the step that starts it
      evaluate: (objs) => {
        const obj = objs.get(this.name);
        const rv = obj ? resourceVersionOf(obj) : undefined;
        if (rv) this.seen.add(rv);
        const b = this.judge.judge(obj);
        for (const w of this.waiters) w();
        return b ? { fail: breakText(b) } : undefined;
      },
    }).catch((err: unknown) => {
      // the first break ends the watch (WaitFailed); anything else is a failure to watch
      if (!(err instanceof WaitFailed) && !this.controller.signal.aborted) this.failure = err;
      for (const w of this.waiters) w();
    });
    try {
      await this.until(() => this.judge.last !== undefined || this.judge.broke !== undefined || this.failure !== undefined, timeoutMs);
      if (this.failure) throw this.failure;
    } catch (err) {
      this.stop();
      throw err;
    }
    const b = this.judge.broke;
    if (b) {
      this.stop();
      const [first, ...rest] = breakText(b).split("\n");
      const facts = { operation: "always match", object: this.object, expected: "it to match from this step on", but: `the version at the step does not: ${first}`, details: rest.join("\n") };
      throw waitFailure("assertion", facts, { objects: b.object ? [b.object] : [] });
    }
    return this.judge.last!;
  }

  /**
   * The first break so far, or undefined: first the watch catches up with the object as stored
   * now (one read), so a change the last step made is judged too.
   */
  async verdict(timeoutMs: number): Promise<Break | undefined> {
    if (this.judge.broke) return this.judge.broke;
    if (this.failure) throw this.failure;
    const now = await getOrUndefined(this.env, this.kind, this.name);
    const rv = now ? resourceVersionOf(now) : undefined;
    // gone: the watch delivers the deletion, which is a break
    await this.until(() => this.judge.broke !== undefined || this.failure !== undefined || (rv !== undefined && this.seen.has(rv)), timeoutMs);
    if (this.failure) throw this.failure;
    return this.judge.broke;
  }

  stop(): void {
    this.controller.abort();
  }

  /** The failure of a check that ran from `from` (a step's file:line) to the end of the scenario. */
  failureText(b: Break, from: string): string {
    return `${this.object}: expected every version to match from ${from} to the end of the scenario; ${breakText(b)}`;
  }

  /** Resolves when `done()` holds (checked on every version judged); a TimeoutError after `timeoutMs`. */
  private async until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return;
    let timer: NodeJS.Timeout | undefined;
    let waiter: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        waiter = () => done() && resolve();
        this.waiters.add(waiter);
        const facts = { operation: "always match", object: this.object, expected: "the watch to catch up with the object as stored now", lastSeen: this.judge.last ? `resourceVersion ${resourceVersionOf(this.judge.last) ?? "?"}` : "no version", elapsedMs: timeoutMs };
        timer = setTimeout(() => reject(waitFailure("timeout", facts)), timeoutMs);
      });
    } finally {
      clearTimeout(timer);
      if (waiter) this.waiters.delete(waiter);
    }
  }
}
