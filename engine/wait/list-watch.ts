// The one list/watch loop of the harness (waits, the scenario recorder, the providers): list, then
// watch from the list's resourceVersion; when the server closes the stream, watch again from the
// last version seen; on 410 Gone, list again. A failure is not dropped: it is kept (what, since
// when) and retried with backoff, so a wait that runs out of time can say why it saw nothing.
// No polling: every change is handled the moment it arrives.
import http from "node:http";
import https from "node:https";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { BadInputError, HarnessError, type KubecukeError } from "../errors.ts";
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/object.ts";
import { resourceVersionOf } from "../kube/objects.ts";
import { waitFailure } from "./failure.ts";
import { httpFailure, isFatal, RequestFailure, toFailure } from "./request-failure.ts";
import { targetText, type WatchTarget } from "./target.ts";

export { targetText, type WatchTarget } from "./target.ts";

export type ChangeType = "ADDED" | "MODIFIED" | "DELETED";

/** A run of list/watch failures: kept until a list or a watch succeeds again. */
export interface WatchProblem {
  /** When the first failure of the run happened. */
  since: Date;
  /** The latest failure, e.g. `watch Pod/ns: Forbidden: pods is forbidden: ...`. */
  last: string;
  /** Status reason of the latest failure (Forbidden, Expired, ECONNREFUSED, ...). */
  reason: string;
  failures: number;
}

export interface ListWatchOptions {
  signal: AbortSignal;
  /** Every change, including those a re-list finds (objects gone meanwhile come as DELETED). */
  onChange?: (type: ChangeType, obj: KubeObject) => void;
  /** After each list has been applied to `objects`. */
  onSynced?: () => void;
  /** Each failure (the run so far); the loop retries after a backoff. */
  onProblem?: (p: WatchProblem) => void;
  /** The first success after a run of failures. */
  onRecovered?: (p: WatchProblem) => void;
  /** A failure retrying cannot mend (kind not served, selector refused): the loop has stopped. */
  onFatal?: (err: KubecukeError) => void;
  /** Backoff after a failure: first delay, doubled up to max. */
  backoffMs?: { first: number; max: number };
  /** The server ends each watch after this long; the loop resumes it. */
  watchSeconds?: number;
}

export const hhmmss = (d: Date): string => d.toISOString().slice(11, 19);

/** `watch failing since 12:03:04 (3 failures): list Pod/ns: Forbidden: ...` */
export function describeProblem(p: WatchProblem): string {
  return `watch failing since ${hhmmss(p.since)} (${p.failures} failure${p.failures === 1 ? "" : "s"}): ${p.last}`;
}


/** Keeps `objects` (by name) in step with the cluster until the signal aborts. */
export class ListWatch {
  readonly objects = new Map<string, KubeObject>();
  /** The current run of failures; undefined while list and watch work. */
  problem?: WatchProblem;
  /** True once a list has succeeded. */
  synced = false;
  private resourceVersion?: string;
  private readonly firstSync: Promise<void>;
  private settleFirstSync?: (err?: Error) => void;

  private readonly clients: KubeClients;
  readonly target: WatchTarget;
  private readonly opts: ListWatchOptions;

  constructor(clients: KubeClients, target: WatchTarget, opts: ListWatchOptions) {
    this.clients = clients;
    this.target = target;
    this.opts = opts;
    this.firstSync = new Promise<void>((resolve, reject) => {
      this.settleFirstSync = (err) => (err ? reject(err) : resolve());
    });
    this.firstSync.catch(() => undefined); // observed by whoever awaits whenSynced
  }

  /** Runs the loop until the signal aborts (or a fatal failure). Never rejects. */
  async run(): Promise<void> {
    const { signal } = this.opts;
    const backoff = this.opts.backoffMs ?? { first: 250, max: 4000 };
    let relist = true;
    let delay = 0;
    while (!signal.aborted) {
      if (delay > 0 && !(await sleep(delay, true, { signal }).catch(() => false))) break;
      try {
        if (relist) await this.list();
        relist = false;
        const opened = Date.now();
        const outcome = await this.watchOnce();
        relist = outcome === "expired";
        // a server that ends watches at once must not be hammered
        delay = outcome === "closed" && Date.now() - opened < 1000 ? Math.max(delay, backoff.first) : 0;
      } catch (err) {
        if (signal.aborted) break;
        const f = err instanceof RequestFailure ? err : toFailure(relist ? "list" : "watch", this.target, err);
        if (isFatal(f)) {
          const fatal = f.code === 404 || f.reason === "NotServed" ? new BadInputError(f.message, { operation: "watch", object: targetText(this.target) }, { cause: f }) : new HarnessError(f.message, { operation: "watch", object: targetText(this.target) }, { cause: f });
          this.settleFirstSync?.(fatal);
          this.opts.onFatal?.(fatal);
          return;
        }
        if (f.code === 410) {
          // our version is too old to resume from: the normal way back is a fresh list
          relist = true;
          delay = 0;
          continue;
        }
        this.fail(f);
        delay = delay === 0 ? backoff.first : Math.min(delay * 2, backoff.max);
      }
    }
    this.settleFirstSync?.(new Error(`list ${targetText(this.target)}: stopped before the first list succeeded`));
  }

  /** Resolves after the first successful list; rejects with a TimeoutError naming the failure. */
  async whenSynced(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const why = this.problem ? describeProblem(this.problem) : "no answer";
        reject(waitFailure("timeout", { operation: "list", object: targetText(this.target), expected: "a list", lastSeen: why, elapsedMs: timeoutMs }));
      }, timeoutMs);
    });
    try {
      await Promise.race([this.firstSync, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(f: RequestFailure): void {
    const now = new Date();
    this.problem = { since: this.problem?.since ?? now, last: f.message, reason: f.reason, failures: (this.problem?.failures ?? 0) + 1 };
    this.opts.onProblem?.(this.problem);
  }

  private healthy(): void {
    const p = this.problem;
    if (!p) return;
    this.problem = undefined;
    this.opts.onRecovered?.(p);
  }

  private withKind(o: KubeObject): KubeObject {
    // list items and watch objects may lack kind/apiVersion; callers print refs from them
    return { apiVersion: this.target.apiVersion, kind: this.target.kind, ...o };
  }

  private async list(): Promise<void> {
    const t = this.target;
    const selectors = { labelSelector: t.labelSelector, fieldSelector: t.fieldSelector };
    const list = t.path ? await this.clients.objects.listAt(withQuery(t.path, selectors)) : await this.clients.objects.listRaw(t.apiVersion, t.kind, t.namespace, selectors);
    this.healthy();
    const fresh = new Map<string, KubeObject>();
    for (const item of list.items) if (item.metadata?.name) fresh.set(item.metadata.name, this.withKind(item));
    // a re-list replaces what the watch had: the difference is reported as changes, but only once
    // the whole list is in: a listener that judges the objects (watchUntil) must never see half a
    // list, where "none left" or "exactly 2" would be true for a moment that never was
    const changes: Array<[ChangeType, KubeObject]> = [];
    for (const [name, old] of this.objects) {
      if (fresh.has(name)) continue;
      this.objects.delete(name);
      changes.push(["DELETED", old]);
    }
    for (const [name, obj] of fresh) {
      const old = this.objects.get(name);
      this.objects.set(name, obj);
      if (old && old.metadata?.uid !== obj.metadata?.uid) changes.push(["DELETED", old]); // recreated under the same name
      if (!old || old.metadata?.uid !== obj.metadata?.uid) changes.push(["ADDED", obj]);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) changes.push(["MODIFIED", obj]);
    }
    this.resourceVersion = list.metadata?.resourceVersion;
    this.synced = true;
    this.settleFirstSync?.();
    for (const [type, obj] of changes) this.opts.onChange?.(type, obj);
    this.opts.onSynced?.();
  }

  /** One watch request, from the last version seen. "expired": list again (410 in the stream). */
  private async watchOnce(): Promise<"closed" | "expired"> {
    const res = await this.openWatch();
    this.healthy();
    const state: { expired: boolean; error?: RequestFailure } = { expired: false };
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    const ended = new Promise<void>((resolve) => {
      // readline re-emits the response's errors: both must be heard, once
      const onError = (cause: unknown): void => void (state.error ??= state.expired || this.opts.signal.aborted ? undefined : toFailure("watch", this.target, cause));
      res.on("error", onError);
      lines.on("error", onError);
      res.on("close", resolve);
    });
    lines.on("line", (line) => {
      if (!line.trim() || state.expired || state.error) return;
      const outcome = this.onLine(line);
      if (outcome === "more") return;
      if (outcome === "expired") state.expired = true;
      else state.error = outcome;
      res.destroy();
    });
    await ended;
    if (this.opts.signal.aborted) return "closed";
    if (state.error) throw state.error;
    return state.expired ? "expired" : "closed";
  }

  /** The watch request, answered 200; any other answer is a RequestFailure. */
  private async openWatch(): Promise<http.IncomingMessage> {
    const t = this.target;
    const seconds = this.opts.watchSeconds ?? 300;
    const path = t.path ?? (await this.clients.objects.collectionPath(t.apiVersion, t.kind, t.namespace || undefined));
    const server = this.clients.kc.getCurrentCluster()?.server;
    if (!server) throw new RequestFailure(`watch ${targetText(t)}: the kubeconfig has no current cluster`, undefined, "NoCluster");
    const url = new URL(server.replace(/\/$/, "") + path);
    const query = { watch: "true", allowWatchBookmarks: "true", resourceVersion: this.resourceVersion, labelSelector: t.labelSelector, fieldSelector: t.fieldSelector, timeoutSeconds: String(seconds) };
    for (const [k, v] of Object.entries(query)) if (v) url.searchParams.set(k, v);
    const reqOpts: https.RequestOptions = {};
    await this.clients.kc.applyToHTTPSOptions(reqOpts);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = (url.protocol === "https:" ? https : http).request(url, { ...reqOpts, method: "GET", signal: this.opts.signal }, resolve);
      req.setTimeout((seconds + 30) * 1000, () => req.destroy(new Error(`no data for ${seconds + 30} s`)));
      req.on("error", reject);
      req.end();
    }).catch((cause: unknown) => {
      throw toFailure("watch", t, cause);
    });
    if (res.statusCode !== 200) throw await httpFailure(t, res);
    return res;
  }

  /** One line of the watch stream applied: "more" to read on, "expired" (410), or the stream's failure. */
  private onLine(line: string): "more" | "expired" | RequestFailure {
    const t = this.target;
    let ev: { type?: string; object?: KubeObject & { code?: number; reason?: string; message?: string } };
    try {
      ev = JSON.parse(line) as typeof ev;
    } catch {
      return new RequestFailure(`watch ${targetText(t)}: unreadable event: ${line.slice(0, 200)}`, undefined, "BadEvent");
    }
    const obj = ev.object;
    if (ev.type === "ERROR") {
      // the server's Status: 410 means our version is too old to resume from
      if (obj?.code === 410) return "expired";
      return new RequestFailure(`watch ${targetText(t)}: ${obj?.reason ?? "Error"}: ${obj?.message ?? line}`, obj?.code, obj?.reason ?? "Error");
    }
    if (!obj?.metadata) return "more";
    this.resourceVersion = resourceVersionOf(obj) || this.resourceVersion;
    const name = obj.metadata.name;
    if (ev.type === "BOOKMARK" || !name) return "more";
    const type = ev.type as ChangeType;
    if (type === "DELETED") this.objects.delete(name);
    else this.objects.set(name, this.withKind(obj));
    this.opts.onChange?.(type, this.withKind(obj));
    return "more";
  }
}

/** `path?labelSelector=…&fieldSelector=…` with the selectors that are set. */
function withQuery(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
  const text = q.toString();
  return text ? `${path}?${text}` : path;
}
