// Assertions whose messages show what was expected and what was there. Every check a step
// makes throws AssertionFailure (filed as an assertion, "failed" in Allure); a malformed
// argument in the step's text throws BadInputError.
import { AssertionFailure, BadInputError, categoryOf, describeError, type ErrorCategory } from "../../engine/errors.ts";

function clip(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

export function expectContains(actual: string, expected: string, what: string): void {
  if (!actual.includes(expected)) {
    throw new AssertionFailure(`${what}: expected to contain ${JSON.stringify(expected)}, last saw:\n${clip(actual) || "(empty)"}`, { expected: `to contain ${JSON.stringify(expected)}` });
  }
}

export function expectNotContains(actual: string, unexpected: string, what: string): void {
  if (actual.includes(unexpected)) {
    throw new AssertionFailure(`${what}: expected not to contain ${JSON.stringify(unexpected)}, last saw:\n${clip(actual)}`, { expected: `not to contain ${JSON.stringify(unexpected)}` });
  }
}

/** Compile a user's regular expression, naming it when it is malformed. */
export function userRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "m");
  } catch (cause) {
    throw new BadInputError(`invalid regular expression ${JSON.stringify(pattern)} in the step: ${(cause as Error).message}`, { cause });
  }
}

export function expectMatches(actual: string, pattern: string, what: string): void {
  if (!userRegExp(pattern).test(actual)) {
    throw new AssertionFailure(`${what}: expected to match /${pattern}/, last saw:\n${clip(actual) || "(empty)"}`, { expected: `to match /${pattern}/` });
  }
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw AssertionFailure.of({ operation: what, expected: JSON.stringify(expected), lastSeen: JSON.stringify(actual) });
}

/**
 * Run `fn`, which must fail — with an error of `category` when given (a bad manifest must be
 * refused as bad input, not fail for an unreachable cluster); resolves to its error message.
 */
export async function expectFailure(fn: () => Promise<unknown>, what: string, category?: ErrorCategory): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (category && categoryOf(err) !== category) {
      throw AssertionFailure.of({ operation: what, expected: `it to fail with a ${category} error`, lastSeen: `a ${categoryOf(err)} error: ${describeError(err)}` });
    }
    return err instanceof Error ? err.message : String(err);
  }
  throw AssertionFailure.of({ operation: what, expected: "it to fail", lastSeen: "success" });
}

/**
 * The JSON a step reads. Output of a literal command that is not JSON is the scenario's mistake
 * (bad input: add -o json); an HTTP body that is not JSON is the application's (an assertion).
 */
export function parseJson(text: string, what: string, fault: "command output" | "response body"): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (fault === "command output") throw new BadInputError(`${what}: the output is not JSON (add -o json to the command): ${(cause as Error).message}`, {}, { cause });
    throw new AssertionFailure(`${what}: expected a JSON body, last saw ${JSON.stringify(text.slice(0, 200))}`, { expected: "JSON", lastSeen: text.slice(0, 200) }, { cause });
  }
}
