// JSONPath with kubectl's syntax and output (`kubectl get -o jsonpath=…`), evaluated by
// jsonpath-plus: templates with text around `{…}` actions, `{range …}…{end}`, `{"\n"}`,
// fields with `\.` escapes, `[n]`, negative indexes, slices, unions, `[*]`, `..`, and filters
// `[?(@.type=="Ready")]` with kubectl's comparison rules. Pure.
import { JSONPath } from "jsonpath-plus";
import { BadInputError } from "../errors.ts";

const SYNTAX = 'kubectl JSONPath: {.a.b}, {.list[0]}, {.list[*].name}, {.list[?(@.type=="Ready")].status}, {.labels.app\\.kubernetes\\.io/name}, {range .items[*]}{.metadata.name}{"\\n"}{end}';

function bad(expr: string, problem: string): BadInputError {
  return new BadInputError(`JSONPath ${JSON.stringify(expr)}: ${problem}; write ${SYNTAX}`, { operation: "jsonpath" });
}

// A field ends where kubectl's parser ends it (isTerminator); a backslash escapes the next character.
const TERMINATORS = new Set([".", ",", "[", "]", "$", "@", "{", "}", " ", "\t", "\r", "\n"]);
const SLICE = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?$/;

/** A key as jsonpath-plus reads it; its parser cannot take these characters inside a quoted key. */
function key(expr: string, k: string): string {
  if (/['\]^]/.test(k)) throw bad(expr, `the key ${JSON.stringify(k)} contains ' ] or ^, which this JSONPath cannot address`);
  return `['${k}']`;
}

/** Translate one kubectl path (the inside of an action) into a jsonpath-plus path. */
export function toJsonPathPlus(path: string, whole = path): string {
  let out = "$";
  let i = 0;
  const s = path.trim();
  while (i < s.length) {
    const c = s[i]!;
    if (c === " " || ((c === "$" || c === "@") && i === 0)) {
      i++;
    } else if (s.startsWith("..", i)) {
      out += "..";
      i += 2;
      if (s[i] !== undefined && !TERMINATORS.has(s[i]!)) [out, i] = field(s, i, out, whole);
    } else if (c === ".") {
      if (s[i + 1] === undefined || TERMINATORS.has(s[i + 1]!)) i++;
      else [out, i] = field(s, i + 1, out, whole);
    } else if (s.startsWith("[?(", i)) {
      const end = filterEnd(s, i + 3);
      if (end < 0) throw bad(whole, `unterminated filter at "${s.slice(i)}" (a filter is [?(@.field=="value")])`);
      // jsonpath-plus hands the filter's text to evalFilter below; hex keeps its path parser off it
      out += `[?(k${Buffer.from(s.slice(i + 3, end), "utf8").toString("hex")})]`;
      i = end + 2;
    } else if (c === "[") {
      const end = s.indexOf("]", i);
      if (end < 0) throw bad(whole, `unterminated [ at "${s.slice(i)}"`);
      out += bracket(s.slice(i + 1, end).trim(), whole);
      i = end + 1;
    } else {
      throw bad(whole, `unexpected ${JSON.stringify(c)} at "${s.slice(i)}"`);
    }
  }
  return out;
}

function field(s: string, from: number, out: string, whole: string): [string, number] {
  let name = "";
  let i = from;
  while (i < s.length && !TERMINATORS.has(s[i]!)) {
    if (s[i] === "\\" && i + 1 < s.length) i++;
    name += s[i];
    i++;
  }
  return [out + (name === "*" ? "[*]" : key(whole, name)), i];
}

function bracket(inner: string, whole: string): string {
  if (inner === "*") return "[*]";
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
  // kubectl splits ['a.b'] at the dots; here a bracketed key is one key, escaped dots or not
  if (quoted) return key(whole, (quoted[1] ?? quoted[2]!).replace(/\\(.)/g, "$1"));
  if (inner.includes(",")) {
    const parts = inner.split(",").map((p) => p.trim().replace(/^(['"])(.*)\1$/, "$2"));
    if (parts.some((p) => p === "" || /['\]^]/.test(p))) throw bad(whole, `invalid union [${inner}]`);
    return `[${parts.join(",")}]`;
  }
  const slice = SLICE.exec(inner);
  if (!slice || inner === "") throw bad(whole, `invalid index [${inner}] (an index is [0], [-1], [1:3], [*] or ['key'])`);
  if (!inner.includes(":") && inner.startsWith("-")) {
    const n = Number(inner); // a negative index is the one-item slice jsonpath-plus understands
    return `[${n}:${n + 1 === 0 ? "" : n + 1}]`;
  }
  return `[${inner}]`;
}

/** Where a filter's `)]` is, skipping quoted strings (as kubectl's parseFilter does). */
function filterEnd(s: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote && s[i - 1] !== "\\") quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ")" && s[i + 1] === "]") return i;
  }
  return -1;
}

// ---- filters with kubectl's rules -----------------------------------------------------------

type Operand = { literal: string | number | boolean } | { path: string };

function operand(text: string): Operand {
  const t = text.trim();
  const q = /^(['"])(.*)\1$/.exec(t);
  if (q) return { literal: q[2]!.replace(/\\(.)/g, "$1") };
  if (t === "true" || t === "false") return { literal: t === "true" };
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return { literal: Number(t) };
  return { path: t };
}

function values(o: Operand, item: unknown): unknown[] {
  return "literal" in o ? [o.literal] : jsonPath(item, o.path);
}

/**
 * One item through a kubectl filter: `left op right` (==, !=, <, >, <=, >=) or `left` alone
 * (the field exists, whatever its value). Both sides must be one value of the same type;
 * an item where the field is missing or typed otherwise is left out (kubectl reports an error).
 */
function passes(filter: string, item: unknown): boolean {
  const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(filter);
  if (!m) return values(operand(filter), item).length > 0;
  const [l, r] = [values(operand(m[1]!), item), values(operand(m[3]!), item)];
  if (l.length !== 1 || r.length !== 1) return false;
  const [a, b] = [l[0], r[0]];
  if (typeof a !== typeof b || !["string", "number", "boolean"].includes(typeof a)) return false;
  const x = a as string | number;
  const y = b as string | number;
  switch (m[2]) {
    case "==":
      return x === y;
    case "!=":
      return x !== y;
    case "<":
      return typeof a !== "boolean" && x < y;
    case ">":
      return typeof a !== "boolean" && x > y;
    case "<=":
      return typeof a !== "boolean" && x <= y;
    case ">=":
      return typeof a !== "boolean" && x >= y;
    default:
      throw bad(filter, `unknown filter operator ${m[2]} (use ==, !=, <, >, <=, >=)`);
  }
}

// One module-level function: jsonpath-plus caches compiled filters by this function's text.
function evalFilter(code: string, context: object): boolean {
  const filter = Buffer.from(code.trim().slice(1), "hex").toString("utf8");
  return passes(filter, (context as { _$_v: unknown })._$_v);
}

// ---- evaluation and kubectl's printing ---------------------------------------------------------

/** Every value one kubectl path selects (`{.a.b}` or `.a.b`); a missing field selects nothing. */
export function jsonPath(data: unknown, expr: string): unknown[] {
  let p = expr.trim();
  if (p.startsWith("{") && p.endsWith("}")) p = p.slice(1, -1);
  const path = toJsonPathPlus(p, expr);
  if (path === "$") return [data];
  if (data === null || typeof data !== "object") return [];
  return JSONPath({ path, json: data as object, wrap: true, eval: evalFilter }) as unknown[];
}

type Piece = { text: string } | { path: string } | { range: string; body: Piece[] };

/** Split a template into text, `{path}`, `{"literal"}` and `{range path}…{end}` pieces. */
function parseTemplate(template: string): Piece[] {
  const root: Piece[] = [];
  const stack: Piece[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.push({ text: template.slice(i) });
      break;
    }
    if (open > i) top.push({ text: template.slice(i, open) });
    const close = actionEnd(template, open + 1);
    if (close < 0) throw bad(template, `unclosed action at "${template.slice(open)}"`);
    const action = template.slice(open + 1, close).trim();
    const literal = /^(['"])(.*)\1$/s.exec(action);
    if (action === "end") {
      if (stack.length === 1) throw bad(template, "{end} without {range}");
      stack.pop();
    } else if (/^range\s/.test(action)) {
      const body: Piece[] = [];
      top.push({ range: action.slice(5).trim(), body });
      stack.push(body);
    } else if (literal) {
      top.push({ text: literal[1] === '"' ? (JSON.parse(`"${literal[2]}"`) as string) : literal[2]!.replace(/\\(.)/g, "$1") });
    } else {
      toJsonPathPlus(action, template); // refuse bad syntax before any data is looked at
      top.push({ path: action });
    }
    i = close + 1;
  }
  if (stack.length > 1) throw bad(template, "{range} without {end}");
  return root;
}

function actionEnd(s: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "}") return i;
  }
  return -1;
}

/** Go's json.Marshal as kubectl prints maps and lists: sorted keys, <>& escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sorted) : x && typeof x === "object" ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function print(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "object") return goJson(v);
  return String(v);
}

function render(pieces: Piece[], data: unknown, template: string): string {
  let out = "";
  for (const p of pieces) {
    if ("text" in p) out += p.text;
    else if ("path" in p) out += jsonPath(data, p.path).map(print).join(" ");
    else for (const item of jsonPath(data, p.range)) out += render(p.body, item, template);
  }
  return out;
}

/** What `kubectl get -o jsonpath='<template>'` prints for this object (missing fields print nothing). */
export function jsonPathText(data: unknown, template: string): string {
  return render(parseTemplate(template), data, template);
}
