// Parsing kubectl's human output (tables) and evaluating simple JSONPath on JSON output. Pure.
import { AssertionFailure, BadInputError } from "../errors.ts";

export type Row = Record<string, string>;

/**
 * Parse a kubectl table (`get`, `get -o wide`). Columns are found from the header: each header
 * word (or words separated by single spaces, like "NOMINATED NODE") starts a column, and a cell
 * runs until the next column's start. kubectl pads cells so they start at the header offsets.
 */
export function parseTable(text: string): Row[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0];
  if (!header) return [];
  const cols: { name: string; start: number }[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) cols.push({ name: m[0], start: m.index });
  return lines.slice(1).map((line) => {
    const row: Row = {};
    cols.forEach((c, i) => {
      const next = cols[i + 1];
      row[c.name] = line.slice(c.start, next ? next.start : undefined).trim();
    });
    return row;
  });
}

export function tableColumns(text: string): string[] {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  return header.match(/\S+(?: \S+)*/g) ?? [];
}

/** Find the row whose `column` equals `value`; throws listing what the table holds. */
export function findRow(text: string, column: string, value: string): Row {
  const rows = parseTable(text);
  const cols = tableColumns(text);
  if (!cols.includes(column)) {
    // the step names a column kubectl does not print: its text (or the command's -o) must change
    throw new BadInputError(`output table has no column "${column}" (columns: ${cols.join(", ") || "none — output is empty"})`);
  }
  const row = rows.find((r) => r[column] === value);
  if (!row) {
    throw new AssertionFailure(`output table has no row with ${column} = "${value}" (${column} values: ${rows.map((r) => r[column]).join(", ") || "no rows"})`, { expected: `a row with ${column} = "${value}"` });
  }
  return row;
}

/**
 * Evaluate a JSONPath of the shape kubectl users write: `{.items[0].spec.nodeName}`,
 * `.metadata.labels.app`, `.metadata.labels['app.kubernetes.io/name']`, `.items[*].metadata.name`.
 * Returns every match (a `[*]` fans out). No filters or slices: those belong to `kubectl -o jsonpath`.
 */
export function jsonPath(data: unknown, path: string): unknown[] {
  let p = path.trim();
  if (p.startsWith("{") && p.endsWith("}")) p = p.slice(1, -1);
  if (p.startsWith("$")) p = p.slice(1);
  const tokens: (string | number | "*")[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[\*\]|\['([^']+)'\]|\["([^"]+)"\]/y;
  let pos = 0;
  while (pos < p.length) {
    re.lastIndex = pos;
    const m = re.exec(p);
    if (!m) throw new BadInputError(`JSONPath "${path}": cannot parse at "${p.slice(pos)}" (supported: .field, [n], [*], ['key'])`);
    if (m[1] !== undefined) tokens.push(m[1]);
    else if (m[2] !== undefined) tokens.push(Number(m[2]));
    else if (m[3] !== undefined) tokens.push(m[3]);
    else if (m[4] !== undefined) tokens.push(m[4]);
    else tokens.push("*");
    pos = re.lastIndex;
  }
  let current: unknown[] = [data];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const v of current) {
      if (t === "*") {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === "object") next.push(...Object.values(v));
      } else if (typeof t === "number") {
        if (Array.isArray(v) && t < v.length) next.push(v[t]);
      } else if (v && typeof v === "object" && t in v) {
        next.push((v as Record<string, unknown>)[t]);
      }
    }
    current = next;
  }
  return current;
}

/** kubectl prints JSONPath results space-separated; strings as-is, others as JSON. */
export function jsonPathText(data: unknown, path: string): string {
  return jsonPath(data, path)
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
    .join(" ");
}
