// Assertions on any kind, by name or by label selector, that watch until they hold. A failure is
// an AssertionFailure listing every mismatch (path, expected, last seen) and carrying the objects
// last seen, so the step can attach them. Never a bare timeout.
import { AssertionFailure, BadInputError, categoryOf } from "../errors.ts";
import { apiError, isNotFound } from "../kube/errors.ts";
import { jsonPathText } from "../kube/jsonpath.ts";
import type { ResolvedKind } from "../kube/kinds.ts";
import type { KubeObject } from "../kube/object.ts";
import { describeProblem, WaitTimeout, watchUntil, type Verdict } from "../wait/watch.ts";
import type { WaitEnv } from "../wait/waits.ts";
import type { Expected } from "./expectation.ts";
import { formatMismatches, match, type Mismatch } from "./match.ts";

/** An assertion that did not hold, with the objects it last saw (for the report). */
export class MatchFailure extends AssertionFailure {
  readonly lastSeenObjects: KubeObject[];
  constructor(message: string, facts: AssertionFailure["facts"], lastSeenObjects: KubeObject[]) {
    super(message, facts);
    this.lastSeenObjects = lastSeenObjects;
  }
}

export type Quantity = { kind: "every" } | { kind: "exactly"; n: number } | { kind: "atLeast"; n: number };

const nsOf = (env: WaitEnv, k: ResolvedKind): string => (k.namespaced ? env.namespace : "");
const where = (env: WaitEnv, k: ResolvedKind): string => (k.namespaced ? ` in the namespace ${env.namespace}` : " (cluster-scoped)");
const ref = (env: WaitEnv, k: ResolvedKind, name: string): string => (k.namespaced ? `${k.kind}/${env.namespace}/${name}` : `${k.kind}/${name}`);
const secs = (started: number): string => ((Date.now() - started) / 1000).toFixed(1);
const indent = (text: string): string => text.replace(/^/gm, "  ");
const MAX_LISTED = 10;

/** The first HTTP status in an error's cause chain (ApiException and the list/watch's failures carry one). */
function httpCode(err: unknown): number | undefined {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++, e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "number") return code;
  }
  return undefined;
}

interface Watched<R> {
  value?: R;
  last: Map<string, KubeObject>;
  /** Why the last objects may not be the cluster's ("; watch failing since …"), or "". */
  note: string;
}

/** Watch the kind's objects (by selector, if any) until `judge` says done; no value on timeout. */
async function watchFor<R>(env: WaitEnv, k: ResolvedKind, labels: string | undefined, timeoutMs: number, judge: (objs: Map<string, KubeObject>) => Verdict<R>): Promise<Watched<R>> {
  let last = new Map<string, KubeObject>();
  try {
    const r = await watchUntil(env.clients, { apiVersion: k.apiVersion, kind: k.kind, namespace: nsOf(env, k), labelSelector: labels }, {
      timeoutMs,
      evaluate: (objs) => {
        last = objs;
        return judge(objs);
      },
    });
    return { value: r.value, last, note: "" };
  } catch (err) {
    if (err instanceof WaitTimeout) return { last, note: err.problem ? `; ${describeProblem(err.problem)}` : err.synced ? "" : "; no list has answered yet" };
    if (categoryOf(err) === "timeout") return { last, note: "" };
    if (labels !== undefined && httpCode(err) === 400) {
      const why = err instanceof Error ? err.message : String(err);
      throw new BadInputError(`label selector "${labels}": ${why}; write key=value, key!=value, key in (a,b), key or !key, separated by commas`, { operation: "list", object: k.kind }, { cause: err });
    }
    throw err;
  }
}

function record(env: WaitEnv, k: ResolvedKind, name: string, summary: string): void {
  env.timeline?.record({ type: "WAIT", kind: k.kind, namespace: nsOf(env, k), name, summary });
}

/** Wait until the named object exists and matches; resolves to it. */
export async function waitForMatch(env: WaitEnv, k: ResolvedKind, name: string, expected: Expected, timeoutMs: number): Promise<KubeObject> {
  const started = Date.now();
  const what = `match ${ref(env, k, name)}`;
  record(env, k, name, `${what}: waiting up to ${timeoutMs / 1000} s`);
  let mismatches: Mismatch[] = [];
  const { value, last, note } = await watchFor(env, k, undefined, timeoutMs, (objs) => {
    const obj = objs.get(name);
    mismatches = obj ? match(expected, obj) : [];
    return obj && mismatches.length === 0 ? { done: obj } : undefined;
  });
  if (value) {
    record(env, k, name, `${what}: matched after ${secs(started)} s`);
    return value;
  }
  const obj = last.get(name);
  const head = obj
    ? `${what}: expected the fields to match within ${timeoutMs / 1000} s, ${mismatches.length} mismatch(es)${note} (after ${secs(started)} s):\n${indent(formatMismatches(mismatches))}`
    : `${what}: expected it to exist and match, last saw no ${k.kind} named "${name}"${where(env, k)}${others(last)}${note} (after ${secs(started)} s)`;
  record(env, k, name, head.split("\n")[0]!);
  throw new MatchFailure(head, { operation: "match", object: ref(env, k, name), lastSeen: obj ? formatMismatches(mismatches) : "absent", elapsedMs: Date.now() - started }, obj ? [obj] : []);
}

/** Wait until a kubectl JSONPath template prints `value` for the named object (kubectl wait --for=jsonpath). */
export async function waitForJsonPath(env: WaitEnv, k: ResolvedKind, name: string, template: string, value: string, timeoutMs: number): Promise<KubeObject> {
  jsonPathText({}, template); // bad syntax is bad input before any waiting
  const started = Date.now();
  const what = `jsonpath ${ref(env, k, name)} ${template}`;
  let printed = "";
  const { value: done, last, note } = await watchFor(env, k, undefined, timeoutMs, (objs) => {
    const obj = objs.get(name);
    printed = obj ? jsonPathText(obj, template) : "";
    return obj && printed === value ? { done: obj } : undefined;
  });
  if (done) return done;
  const obj = last.get(name);
  const seen = obj ? JSON.stringify(printed) : `no ${k.kind} named "${name}"${where(env, k)}${others(last)}`;
  throw new MatchFailure(`${what}: expected ${JSON.stringify(value)}, last saw ${seen}${note} (after ${secs(started)} s)`, { operation: "jsonpath", object: ref(env, k, name), expected: value, lastSeen: seen, elapsedMs: Date.now() - started }, obj ? [obj] : []);
}

function others(objs: Map<string, KubeObject>): string {
  const names = [...objs.keys()].sort();
  if (names.length === 0) return "";
  return ` (it has ${names.slice(0, MAX_LISTED).join(", ")}${names.length > MAX_LISTED ? ", …" : ""})`;
}

function quantityText(q: Quantity): string {
  return q.kind === "every" ? "every one (and at least one)" : q.kind === "exactly" ? `exactly ${q.n}` : `at least ${q.n}`;
}

export function holds(q: Quantity, total: number, matching: number): boolean {
  return q.kind === "every" ? total > 0 && matching === total : q.kind === "exactly" ? matching === q.n : matching >= q.n;
}

/** Wait until the objects with the labels match in the quantity asked; resolves to the matching ones. */
export async function waitForSelection(env: WaitEnv, k: ResolvedKind, labels: string, expected: Expected, q: Quantity, timeoutMs: number): Promise<KubeObject[]> {
  const started = Date.now();
  const what = `match ${k.kind} with labels ${labels}${where(env, k)}`;
  record(env, k, labels, `${what}: waiting up to ${timeoutMs / 1000} s for ${quantityText(q)} to match`);
  let verdicts: [string, Mismatch[]][] = [];
  const { value, last, note } = await watchFor(env, k, labels, timeoutMs, (objs) => {
    verdicts = [...objs].map(([n, o]) => [n, match(expected, o)] as [string, Mismatch[]]).sort(([a], [b]) => a.localeCompare(b));
    const matching = verdicts.filter(([, m]) => m.length === 0);
    return holds(q, verdicts.length, matching.length) ? { done: matching.map(([n]) => objs.get(n)!) } : undefined;
  });
  if (value) return value;
  const matching = verdicts.filter(([, m]) => m.length === 0).map(([n]) => n);
  const failing = verdicts.filter(([, m]) => m.length > 0);
  const lines = failing.slice(0, MAX_LISTED).map(([n, m]) => `${n}:\n${indent(formatMismatches(m))}`);
  if (failing.length > MAX_LISTED) lines.push(`… and ${failing.length - MAX_LISTED} more that do not match`);
  const seen = verdicts.length === 0 ? `no ${k.kind} with these labels` : `${verdicts.length} with these labels, ${matching.length} matching${matching.length ? ` (${matching.join(", ")})` : ""}`;
  const head = `${what}: expected ${quantityText(q)} to match, last saw ${seen}${note} (after ${secs(started)} s)${lines.length ? `\n${indent(lines.join("\n"))}` : ""}`;
  record(env, k, labels, head.split("\n")[0]!);
  throw new MatchFailure(head, { operation: "match", object: `${k.kind} -l ${labels}`, expected: quantityText(q), lastSeen: seen, elapsedMs: Date.now() - started }, [...last.values()]);
}

/** Wait until no object has the labels (deleted, finalizers done); fails listing what is left. */
export async function waitForNone(env: WaitEnv, k: ResolvedKind, labels: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  const { value, last, note } = await watchFor(env, k, labels, timeoutMs, (objs) => (objs.size === 0 ? { done: true } : undefined));
  if (value) return;
  const left = [...last.values()].map((o) => `${o.metadata?.name} (deletionTimestamp=${String(o.metadata?.deletionTimestamp ?? "<none>")}, finalizers=${JSON.stringify(o.metadata?.finalizers ?? [])})`);
  const head = `expect no ${k.kind} with labels ${labels}${where(env, k)}: expected none within ${timeoutMs / 1000} s, last saw ${left.length}: ${left.join(", ")}${note} (after ${secs(started)} s)`;
  throw new MatchFailure(head, { operation: "expect none", object: `${k.kind} -l ${labels}`, expected: "none", lastSeen: left.join(", "), elapsedMs: Date.now() - started }, [...last.values()]);
}

/** The object as stored now, or undefined when there is none. */
export async function getOrUndefined(env: WaitEnv, k: ResolvedKind, name: string): Promise<KubeObject | undefined> {
  try {
    return await env.clients.objects.getRaw(k.apiVersion, k.kind, nsOf(env, k) || undefined, name);
  } catch (cause) {
    if (isNotFound(cause)) return undefined;
    throw apiError(cause, { operation: "get", object: ref(env, k, name) });
  }
}

/** The named object does not exist now (one read; a wait would be `waitForNone`). */
export async function expectAbsent(env: WaitEnv, k: ResolvedKind, name: string): Promise<void> {
  const obj = await getOrUndefined(env, k, name);
  if (!obj) return;
  const deleting = obj.metadata?.deletionTimestamp
    ? `; it is being deleted (finalizers ${JSON.stringify(obj.metadata.finalizers ?? [])}): to wait for it, use a step like no ${k.kind} with labels "…" exists within 30 seconds`
    : "";
  throw new MatchFailure(`expect no ${ref(env, k, name)}: expected it not to exist, last saw it (uid ${obj.metadata?.uid})${deleting}`, { operation: "expect absent", object: ref(env, k, name), lastSeen: "it exists" }, [obj]);
}

/** The named object exists and differs from `expected` in at least one field (one read). */
export async function expectNoMatch(env: WaitEnv, k: ResolvedKind, name: string, expected: Expected): Promise<Mismatch[]> {
  const obj = await getOrUndefined(env, k, name);
  // a missing object would "not match" anything: refuse, so a misspelt name cannot pass
  if (!obj) throw new MatchFailure(`expect ${ref(env, k, name)} not to match: it does not exist${where(env, k)}; the check needs the object`, { operation: "expect no match", object: ref(env, k, name), lastSeen: "absent" }, []);
  const mismatches = match(expected, obj);
  if (mismatches.length > 0) return mismatches;
  throw new MatchFailure(`expect ${ref(env, k, name)} not to match: expected at least one field to differ, last saw every field as given`, { operation: "expect no match", object: ref(env, k, name), lastSeen: "all fields match" }, [obj]);
}

/** What a report shows of an object: no managedFields or last-applied copy (redaction is the writer's). */
export function trimForReport(obj: KubeObject): KubeObject {
  const { managedFields: _m, ...metadata } = obj.metadata ?? {};
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
  return { ...obj, metadata: { ...metadata, ...(metadata.annotations ? { annotations } : {}) } };
}
