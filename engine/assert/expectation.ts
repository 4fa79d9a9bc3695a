// The expected side of a partial match: a YAML document read into plain values plus the few
// value matchers, which are YAML tags (`!present`, `!regex ^v1\.`, `!ge 2`, `!exact [...]`).
// Tags cannot be confused with data: a plain string is always compared as a string. Pure.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { BadInputError } from "../errors.ts";

export type Comparison = ">" | ">=" | "<" | "<=";

/** A value matcher: a check on one field instead of a value to compare with. */
export type MatcherSpec =
  | { kind: "present" }
  | { kind: "absent" }
  | { kind: "regex"; pattern: string; re: RegExp }
  | { kind: "compare"; op: Comparison; than: number };

export class Matcher {
  readonly spec: MatcherSpec;
  constructor(spec: MatcherSpec) {
    this.spec = spec;
  }

  /** How the matcher reads in a failure message: "a string matching /^v1/". */
  describe(): string {
    const s = this.spec;
    if (s.kind === "present") return "present (any non-null value)";
    if (s.kind === "absent") return "absent (or null)";
    if (s.kind === "regex") return `a string matching /${s.pattern}/`;
    return `a number ${s.op} ${s.than}`;
  }
}

/** A list that must have exactly these items, in this order (`!exact`). */
export class ExactList {
  readonly items: Expected[];
  constructor(items: Expected[]) {
    this.items = items;
  }
}

export type Expected = null | boolean | number | string | Matcher | ExactList | Expected[] | { [key: string]: Expected };

const COMPARISONS: Record<string, Comparison> = { "!gt": ">", "!ge": ">=", "!lt": "<", "!le": "<=" };

/** Every tag the expectation language knows, for messages. */
export const MATCHER_TAGS = ["!present", "!absent", "!regex", "!gt", "!ge", "!lt", "!le", "!exact"];

/**
 * Read an expected document (a step's doc string). `source` names it in messages.
 * Throws BadInputError for malformed YAML, an unknown tag or a matcher with a wrong argument.
 */
export function parseExpectation(text: string, source = "the expected YAML"): Expected {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCounter.linePos(problem.pos[0]);
    throw new BadInputError(`${source}, line ${at.line}: ${problem.message.split("\n")[0]}; fix the YAML (indent with spaces, quote strings that contain ": ")`, {
      operation: "parse expectation",
    });
  }
  if (doc.contents === null) throw new BadInputError(`${source} is empty: write the fields to match, e.g. \`status: {phase: Running}\``, { operation: "parse expectation" });
  return fromNode(doc, doc.contents as Node | null, (n) => `${source}, line ${lineCounter.linePos(n.range?.[0] ?? 0).line}`);
}

function fromNode(doc: Document, node: Node | null, where: (n: Node) => string): Expected {
  if (node === null) return null;
  if (isAlias(node)) return fromNode(doc, node.resolve(doc) ?? null, where);
  const tag = node.tag;
  if (isMap(node)) {
    if (tag) throw badTag(tag, where(node), "a map");
    const out: { [key: string]: Expected } = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = fromNode(doc, (pair.value as Node | null) ?? null, where);
    }
    return out;
  }
  if (isSeq(node)) {
    const items = node.items.map((n) => fromNode(doc, n as Node, where));
    if (!tag) return checkListItems(items, where(node));
    if (tag === "!exact") return new ExactList(checkListItems(items, where(node)));
    throw badTag(tag, where(node), "a list");
  }
  if (!isScalar(node)) throw new BadInputError(`${where(node)}: unsupported YAML node; write maps, lists and scalars`);
  if (!tag) return node.value as Expected;
  return scalarMatcher(tag, String(node.source ?? node.value ?? "").trim(), where(node));
}

function scalarMatcher(tag: string, arg: string, where: string): Matcher {
  if (tag === "!present" || tag === "!absent") {
    if (arg !== "") throw new BadInputError(`${where}: ${tag} takes no value (write \`field: ${tag}\`), got "${arg}"`);
    return new Matcher({ kind: tag === "!present" ? "present" : "absent" });
  }
  if (tag === "!regex") {
    if (arg === "") throw new BadInputError(`${where}: !regex needs a pattern, e.g. \`image: !regex '^nginx:1\\.'\``);
    try {
      return new Matcher({ kind: "regex", pattern: arg, re: new RegExp(arg, "u") });
    } catch (cause) {
      throw new BadInputError(`${where}: invalid regular expression /${arg}/: ${(cause as Error).message}`, {}, { cause });
    }
  }
  const op = COMPARISONS[tag];
  if (op) {
    const than = Number(arg);
    if (arg === "" || !Number.isFinite(than)) throw new BadInputError(`${where}: ${tag} needs a number, e.g. \`readyReplicas: ${tag} 2\`, got "${arg}"`);
    return new Matcher({ kind: "compare", op, than });
  }
  if (tag === "!exact") throw new BadInputError(`${where}: !exact applies to a list, e.g. \`args: !exact [serve, --port, "8080"]\``);
  throw badTag(tag, where, "a scalar");
}

function badTag(tag: string, where: string, what: string): BadInputError {
  const hint = MATCHER_TAGS.includes(tag) ? `${tag} cannot apply to ${what}` : `unknown tag ${tag}`;
  return new BadInputError(`${where}: ${hint}; the value matchers are ${MATCHER_TAGS.join(", ")} (see docs/assertions.md)`);
}

/** `!absent` inside a list means nothing (an item is either matched or not): refuse it early. */
function checkListItems(items: Expected[], where: string): Expected[] {
  if (items.some((i) => i instanceof Matcher && i.spec.kind === "absent")) {
    throw new BadInputError(`${where}: !absent cannot be a list item; to require that no item matches, use a "does not match" step`);
  }
  return items;
}
