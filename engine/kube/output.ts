// Parsing kubectl's human output (tables); JSONPath on JSON output is re-exported from jsonpath.ts. Pure.
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

// JSONPath lives in jsonpath.ts (kubectl syntax through jsonpath-plus); re-exported for existing callers.
export { jsonPath, jsonPathText } from "./jsonpath.ts";
