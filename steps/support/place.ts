// Bad input found while a step runs names the feature file and line, not the step definition's
// place cucumber shows: a BadInputError that names no `.feature:LINE` gets the step's, and a
// place inside the step's doc string ("doc string:5:2", "the expected YAML, line 2") becomes the
// feature file's line (the doc string's content starts on the line after its opening `"""`).
import { KubecukeError } from "../../engine/errors.ts";

/** Where the running step is written: `features/x.feature:12`, and its doc string's opening line. */
export interface StepPlace {
  where: string;
  docStringLine?: number;
}

const NAMES_A_FEATURE_LINE = /\.feature:\d+/;

/** The message with the step's place: doc-string lines mapped to the feature file's, else the step's line in front. */
export function placeMessage(message: string, step: StepPlace): string {
  if (NAMES_A_FEATURE_LINE.test(message)) return message;
  const opening = step.docStringLine;
  if (opening !== undefined) {
    const file = step.where.replace(/:\d+$/, "");
    const at = (line: string): number => opening + Number(line);
    let mapped = message
      .replace(/\bdoc string:(\d+)(:\d+)?/g, (_, line: string, col: string | undefined) => `${file}:${at(line)}${col ?? ""}`)
      .replace(/\bthe expected YAML, line (\d+)/g, (_, line: string) => `the expected YAML at ${file}:${at(line)}`);
    if (mapped !== message) {
      // the YAML excerpt's line numbers ("  5 | key: value") follow the file's too
      mapped = mapped.replace(/^(\s+)(\d+) \| /gm, (_, indent: string, line: string) => `${indent}${at(line)} | `);
      return mapped;
    }
  }
  return `${step.where}: ${message}`;
}

/** A bad-input error from the step, its message (and stack's first line) placed; anything else unchanged. */
export function placeBadInput(err: unknown, step: StepPlace | undefined): unknown {
  if (!step || !(err instanceof KubecukeError) || err.category !== "bad-input") return err;
  const placed = placeMessage(err.message, step);
  if (placed === err.message) return err;
  const head = `${err.name}: ${err.message}`;
  if (err.stack?.startsWith(head)) err.stack = `${err.name}: ${placed}${err.stack.slice(head.length)}`;
  err.message = placed;
  return err;
}
