// Partial match of an expected document against an object: maps as subsets, lists as "contains"
// (in any order) unless `!exact`, scalars by value and type, and the value matchers. Returns
// every mismatch with its field path, what was expected and what was there. Pure.
import { ExactList, Matcher, type Expected } from "./expectation.ts";

export interface Mismatch {
  /** Field path, e.g. `status.conditions[1].status`, `metadata.labels["app.kubernetes.io/name"]`. */
  path: string;
  expected: string;
  lastSeen: string;
  /** Why a look-alike value did not match, or which list item was the closest. */
  hint?: string;
}

/** Marks a field that does not exist in the actual object (as opposed to one that is null). */
const ABSENT: unique symbol = Symbol("absent");
type Actual = unknown;
type Seg = string | number;

/** Every way `actual` differs from `expected`; empty when it matches. */
export function match(expected: Expected, actual: unknown): Mismatch[] {
  const out: Mismatch[] = [];
  walk(expected, actual === undefined ? ABSENT : actual, [], out);
  return out;
}

export function matches(expected: Expected, actual: unknown): boolean {
  return match(expected, actual).length === 0;
}

function walk(exp: Expected, act: Actual, path: Seg[], out: Mismatch[]): void {
  if (exp instanceof Matcher) return matchValue(exp, act, path, out);
  if (exp instanceof ExactList) return matchExact(exp, act, path, out);
  if (Array.isArray(exp)) return matchContains(exp, act, path, out);
  if (exp !== null && typeof exp === "object") return matchMap(exp, act, path, out);
  if (exp === null) {
    if (act !== ABSENT && act !== null) out.push(miss(path, "absent or null", act));
    return;
  }
  if (act !== exp) out.push({ ...miss(path, show(exp), act), ...typeHint(exp, act) });
}

function matchMap(exp: { [key: string]: Expected }, act: Actual, path: Seg[], out: Mismatch[]): void {
  if (!isMap(act)) {
    out.push(miss(path, `a map like ${show(exp)}`, act));
    return;
  }
  for (const [key, value] of Object.entries(exp)) {
    walk(value, Object.hasOwn(act, key) ? act[key] : ABSENT, [...path, key], out);
  }
}

function matchExact(exp: ExactList, act: Actual, path: Seg[], out: Mismatch[]): void {
  if (!Array.isArray(act)) {
    out.push(miss(path, `exactly the list ${show(exp.items)}`, act));
    return;
  }
  if (act.length !== exp.items.length) {
    out.push({ ...miss(path, `exactly ${exp.items.length} item(s) in order`, act), hint: `the list has ${act.length} item(s)` });
    return;
  }
  exp.items.forEach((item, i) => walk(item, act[i], [...path, i], out));
}

/**
 * Each expected item must match its own actual item, in any order (a maximum bipartite
 * matching, so `[{type: A}, {type: A}]` needs two such items). An unmatched item is reported
 * through the closest actual item's mismatches, which is what a reader needs to fix it.
 */
function matchContains(exp: Expected[], act: Actual, path: Seg[], out: Mismatch[]): void {
  if (!Array.isArray(act)) {
    out.push(miss(path, `a list containing ${show(exp)}`, act));
    return;
  }
  const diffs = exp.map((e) => act.map((a) => match(e, a)));
  const owner: (number | undefined)[] = new Array(act.length).fill(undefined);
  const tryAssign = (i: number, seen: Set<number>): boolean => {
    for (let j = 0; j < act.length; j++) {
      if (diffs[i]![j]!.length !== 0 || seen.has(j)) continue;
      seen.add(j);
      const prev = owner[j];
      if (prev === undefined || tryAssign(prev, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  exp.forEach((item, i) => {
    if (tryAssign(i, new Set())) return;
    if (act.length === 0) {
      out.push(miss(path, `an item like ${show(item)}`, act));
      return;
    }
    const closest = closestIndex(diffs[i]!, item);
    const closeDiffs = diffs[i]![closest]!;
    const what = `no item of ${pathText(path)} matches ${show(item)}; the closest is [${closest}]`;
    if (closeDiffs.length === 0) {
      out.push({ ...miss(path, `${count(exp, item)} item(s) like ${show(item)}`, act), hint: "each expected item needs an item of its own" });
      return;
    }
    closeDiffs.forEach((d, k) => out.push({ ...d, path: joinPath(pathText([...path, closest]), d.path), hint: k === 0 ? join(what, d.hint) : d.hint }));
  });
}

/**
 * The actual item with the fewest mismatches; on a tie, the one that matches more of the first
 * keys written (`type: Ready` before `status: "True"`): those name the item a reader means.
 */
function closestIndex(candidates: Mismatch[][], item: Expected): number {
  const keys = item !== null && typeof item === "object" && !Array.isArray(item) && !(item instanceof Matcher) && !(item instanceof ExactList) ? Object.keys(item) : [];
  // position of the first mismatching key among the keys written (later is better)
  const firstMiss = (c: Mismatch[]): number => {
    const top = c[0]?.path.split(/[.[]/)[0] ?? "";
    const at = keys.findIndex((k) => k === top || JSON.stringify(k) === top);
    return at < 0 ? 0 : at;
  };
  let best = 0;
  candidates.forEach((c, j) => {
    const b = candidates[best]!;
    if (c.length < b.length || (c.length === b.length && firstMiss(c) > firstMiss(b))) best = j;
  });
  return best;
}

function count(items: Expected[], item: Expected): number {
  const key = JSON.stringify(item);
  return items.filter((i) => JSON.stringify(i) === key).length;
}

function matchValue(m: Matcher, act: Actual, path: Seg[], out: Mismatch[]): void {
  const s = m.spec;
  const ok =
    s.kind === "present"
      ? act !== ABSENT && act !== null
      : s.kind === "absent"
        ? act === ABSENT || act === null
        : s.kind === "regex"
          ? typeof act === "string" && s.re.test(act)
          : typeof act === "number" && compare(act, s.op, s.than);
  if (ok) return;
  const hint =
    s.kind === "regex" && act !== ABSENT && act !== null && typeof act !== "string"
      ? "!regex matches strings only"
      : s.kind === "compare" && typeof act === "string" && act.trim() !== "" && Number.isFinite(Number(act))
        ? "the field holds a string, not a number: compare it with !regex or by value"
        : undefined;
  out.push({ ...miss(path, m.describe(), act), ...(hint ? { hint } : {}) });
}

function compare(a: number, op: string, b: number): boolean {
  return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
}

/** Explain a look-alike: YAML typed the expected value differently from the field. */
function typeHint(exp: string | number | boolean, act: Actual): { hint?: string } {
  if (act === ABSENT || act === null || typeof act === typeof exp || typeof act === "object") return {};
  if (String(act).toLowerCase() !== String(exp).toLowerCase()) return {};
  if (typeof exp === "string") return { hint: `the field holds a ${typeof act}: write ${String(act)} without quotes` };
  return { hint: `YAML reads an unquoted ${String(exp)} as a ${typeof exp}, but the field holds a string: write ${JSON.stringify(act)} in quotes` };
}

function miss(path: Seg[], expected: string, act: Actual): Mismatch {
  return { path: pathText(path), expected, lastSeen: show(act) };
}

function isMap(v: Actual): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const PLAIN_KEY = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;

/** `status.conditions[0].status`; keys that are not plain words in brackets: `labels["a.b/c"]`. */
export function pathText(path: Seg[]): string {
  let s = "";
  for (const seg of path) {
    if (typeof seg === "number") s += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) s += s === "" ? seg : `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s === "" ? "(the object)" : s;
}

function joinPath(prefix: string, rest: string): string {
  if (rest === "(the object)") return prefix;
  return rest.startsWith("[") ? prefix + rest : `${prefix}.${rest}`;
}

function join(a: string, b: string | undefined): string {
  return b ? `${a}; ${b}` : a;
}

const MAX_SHOWN = 160;

/** A value as a reader should see it: strings quoted (so "1" differs from 1), absent spelled out. */
export function show(v: unknown): string {
  if (v === ABSENT || v === undefined) return "absent";
  if (v instanceof Matcher) return v.describe();
  if (v instanceof ExactList) return `!exact ${show(v.items)}`;
  const text = JSON.stringify(v, (_k, x: unknown) => (x instanceof Matcher ? `<${x.describe()}>` : x instanceof ExactList ? x.items : x));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/**
 * Every mismatch on its own line: `path: expected X, last saw Y (hint)`. A check over time names
 * one version, not the last one: it passes `seen` ("saw Y").
 */
export function formatMismatches(list: Mismatch[], seen = "last saw"): string {
  return list.map((m) => `${m.path}: expected ${m.expected}, ${seen} ${m.lastSeen}${m.hint ? ` (${m.hint})` : ""}`).join("\n");
}
