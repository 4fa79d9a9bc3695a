// Assertions on any kind, by name or by label selector, that watch until they hold. A failure is
// an AssertionFailure listing every mismatch (path, expected, last seen) and carrying the objects
// last seen, so the step can attach them. Never a bare timeout.
import { BadInputError } from "../errors.ts";
import { withDeadline } from "../kube/deadline.ts";
import { apiError, isNotFound } from "../kube/errors.ts";
import { jsonPathText } from "../kube/jsonpath.ts";
import type { ResolvedKind } from "../kube/kinds.ts";
import type { KubeObject } from "../kube/object.ts";
import { secondsText } from "../seconds.ts";
import { MatchFailure, waitFailure } from "../wait/failure.ts";
import { waitFor, type WaitForSpec } from "../wait/wait-for.ts";
import type { WaitEnv } from "../wait/waits.ts";
import type { Expected } from "./expectation.ts";
import { formatMismatches, match, type Mismatch } from "./match.ts";

export { MatchFailure } from "../wait/failure.ts";

export type Quantity = { kind: "every" } | { kind: "exactly"; n: number } | { kind: "atLeast"; n: number };

const nsOf = (env: WaitEnv, k: ResolvedKind): string => (k.namespaced ? env.namespace : "");
const where = (env: WaitEnv, k: ResolvedKind): string => (k.namespaced ? ` in the namespace ${env.namespace}` : " (cluster-scoped)");
const ref = (env: WaitEnv, k: ResolvedKind, name: string): string => (k.namespaced ? `${k.kind}/${env.namespace}/${name}` : `${k.kind}/${name}`);
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

type Check<R> = Pick<WaitForSpec<R>, "operation" | "object" | "expected" | "evaluate" | "lastSeen" | "details" | "reportObjects">;

/**
 * Watch the kind's objects (by selector, if any) until the check holds; running out of time is
 * an assertion that did not hold (MatchFailure, with the objects last seen).
 */
async function assertWithin<R>(env: WaitEnv, k: ResolvedKind, labels: string | undefined, timeoutMs: number, check: Check<R>): Promise<R> {
  const name = labels ?? check.object;
  try {
    return await waitFor(env.clients, {
      ...check,
      target: { apiVersion: k.apiVersion, kind: k.kind, namespace: nsOf(env, k), labelSelector: labels },
      timeoutMs,
      timeoutIs: "assertion",
      reportObjects: check.reportObjects ?? ((objs) => [...objs.values()]),
      record: (summary) => env.timeline?.record({ type: "WAIT", kind: k.kind, namespace: nsOf(env, k), name, summary }),
    });
  } catch (err) {
    if (labels !== undefined && httpCode(err) === 400 && !(err instanceof MatchFailure)) {
      const why = err instanceof Error ? err.message : String(err);
      throw new BadInputError(`label selector "${labels}": ${why}; write key=value, key!=value, key in (a,b), key or !key, separated by commas`, { operation: "list", object: k.kind }, { cause: err });
    }
    throw err;
  }
}

/** `no Pod named "x" in the namespace ns (it has a, b)` */
function absent(env: WaitEnv, k: ResolvedKind, name: string, objs: Map<string, KubeObject>): string {
  return `no ${k.kind} named "${name}"${where(env, k)}${others(objs)}`;
}

/** Wait until the named object exists and matches; resolves to it. */
export async function waitForMatch(env: WaitEnv, k: ResolvedKind, name: string, expected: Expected, timeoutMs: number): Promise<KubeObject> {
  const mismatches = (objs: Map<string, KubeObject>): Mismatch[] | undefined => {
    const obj = objs.get(name);
    return obj ? match(expected, obj) : undefined;
  };
  return assertWithin(env, k, undefined, timeoutMs, {
    operation: "match",
    object: ref(env, k, name),
    expected: `it to exist and match within ${secondsText(timeoutMs)}`,
    evaluate: (objs) => (mismatches(objs)?.length === 0 ? { done: objs.get(name)! } : undefined),
    lastSeen: (objs) => {
      const m = mismatches(objs);
      return m ? `${m.length} mismatch(es)` : absent(env, k, name, objs);
    },
    details: (objs) => {
      const m = mismatches(objs);
      return m ? indent(formatMismatches(m)) : undefined;
    },
    reportObjects: (objs) => [objs.get(name)].filter((o): o is KubeObject => o !== undefined),
  });
}

/** Wait until a kubectl JSONPath template prints `value` for the named object (kubectl wait --for=jsonpath). */
export async function waitForJsonPath(env: WaitEnv, k: ResolvedKind, name: string, template: string, value: string, timeoutMs: number): Promise<KubeObject> {
  jsonPathText({}, template); // bad syntax is bad input before any waiting
  return assertWithin(env, k, undefined, timeoutMs, {
    operation: "jsonpath",
    object: `${ref(env, k, name)} ${template}`,
    expected: JSON.stringify(value),
    evaluate: (objs) => {
      const obj = objs.get(name);
      return obj && jsonPathText(obj, template) === value ? { done: obj } : undefined;
    },
    lastSeen: (objs) => {
      const obj = objs.get(name);
      return obj ? JSON.stringify(jsonPathText(obj, template)) : absent(env, k, name, objs);
    },
    reportObjects: (objs) => [objs.get(name)].filter((o): o is KubeObject => o !== undefined),
  });
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

/** Each object's mismatches, by name. */
function verdicts(expected: Expected, objs: Map<string, KubeObject>): [string, Mismatch[]][] {
  return [...objs].map(([n, o]) => [n, match(expected, o)] as [string, Mismatch[]]).sort(([a], [b]) => a.localeCompare(b));
}

/** Wait until the objects with the labels match in the quantity asked; resolves to the matching ones. */
export async function waitForSelection(env: WaitEnv, k: ResolvedKind, labels: string, expected: Expected, q: Quantity, timeoutMs: number): Promise<KubeObject[]> {
  return assertWithin(env, k, labels, timeoutMs, {
    operation: "match",
    object: `${k.kind} with labels ${labels}${where(env, k)}`,
    expected: `${quantityText(q)} to match`,
    evaluate: (objs) => {
      const all = verdicts(expected, objs);
      const matching = all.filter(([, m]) => m.length === 0);
      return holds(q, all.length, matching.length) ? { done: matching.map(([n]) => objs.get(n)!) } : undefined;
    },
    lastSeen: (objs) => {
      const all = verdicts(expected, objs);
      const matching = all.filter(([, m]) => m.length === 0).map(([n]) => n);
      return all.length === 0 ? `no ${k.kind} with these labels` : `${all.length} with these labels, ${matching.length} matching${matching.length ? ` (${matching.join(", ")})` : ""}`;
    },
    details: (objs) => {
      const failing = verdicts(expected, objs).filter(([, m]) => m.length > 0);
      const lines = failing.slice(0, MAX_LISTED).map(([n, m]) => `${n}:\n${indent(formatMismatches(m))}`);
      if (failing.length > MAX_LISTED) lines.push(`… and ${failing.length - MAX_LISTED} more that do not match`);
      return lines.length ? indent(lines.join("\n")) : undefined;
    },
  });
}

/** Wait until no object has the labels (deleted, finalizers done); fails listing what is left. */
export async function waitForNone(env: WaitEnv, k: ResolvedKind, labels: string, timeoutMs: number): Promise<void> {
  const left = (objs: Map<string, KubeObject>): string[] =>
    [...objs.values()].map((o) => `${o.metadata?.name} (deletionTimestamp=${String(o.metadata?.deletionTimestamp ?? "<none>")}, finalizers=${JSON.stringify(o.metadata?.finalizers ?? [])})`);
  await assertWithin(env, k, labels, timeoutMs, {
    operation: "expect no",
    object: `${k.kind} with labels ${labels}${where(env, k)}`,
    expected: `none within ${secondsText(timeoutMs)}`,
    evaluate: (objs) => (objs.size === 0 ? { done: true } : undefined),
    lastSeen: (objs) => `${objs.size}: ${left(objs).join(", ")}`,
  });
}

/** The object as stored now, or undefined when there is none. */
export async function getOrUndefined(env: WaitEnv, k: ResolvedKind, name: string): Promise<KubeObject | undefined> {
  try {
    return await withDeadline("get", ref(env, k, name), env.clients.timeouts.get, () => env.clients.objects.getRaw(k.apiVersion, k.kind, nsOf(env, k) || undefined, name));
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
    ? `it is being deleted (finalizers ${JSON.stringify(obj.metadata.finalizers ?? [])}): to wait for it, use a step like no ${k.kind} with labels "…" exists within 30 seconds`
    : undefined;
  throw waitFailure("assertion", { operation: "expect no", object: ref(env, k, name), expected: "it not to exist", lastSeen: `it (uid ${obj.metadata?.uid})`, details: deleting }, { objects: [obj] });
}

/** The named object exists and differs from `expected` in at least one field (one read). */
export async function expectNoMatch(env: WaitEnv, k: ResolvedKind, name: string, expected: Expected): Promise<Mismatch[]> {
  const obj = await getOrUndefined(env, k, name);
  const facts = { operation: "expect no match", object: ref(env, k, name), expected: "at least one field to differ" };
  // a missing object would "not match" anything: refuse, so a misspelt name cannot pass
  if (!obj) throw waitFailure("assertion", { ...facts, lastSeen: `no such ${k.kind}${where(env, k)}; the check needs the object` });
  const mismatches = match(expected, obj);
  if (mismatches.length > 0) return mismatches;
  throw waitFailure("assertion", { ...facts, lastSeen: "every field as given" }, { objects: [obj] });
}

/** What a report shows of an object: no managedFields or last-applied copy (redaction is the writer's). */
export function trimForReport(obj: KubeObject): KubeObject {
  const { managedFields: _m, ...metadata } = obj.metadata ?? {};
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
  return { ...obj, metadata: { ...metadata, ...(metadata.annotations ? { annotations } : {}) } };
}
