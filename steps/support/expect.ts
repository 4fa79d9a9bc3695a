// Assertions whose messages show what was expected and what was there.

/**
 * A check that did not hold. Named AssertionError so reports (Allure) count the scenario as
 * failed — the product misbehaved — rather than broken, which they keep for harness errors.
 */
export class StepAssertionError extends Error {
  override name = "AssertionError";
}

function clip(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

export function expectContains(actual: string, expected: string, what: string): void {
  if (!actual.includes(expected)) {
    throw new StepAssertionError(`${what}: expected to contain ${JSON.stringify(expected)}, last saw:\n${clip(actual) || "(empty)"}`);
  }
}

export function expectNotContains(actual: string, unexpected: string, what: string): void {
  if (actual.includes(unexpected)) {
    throw new StepAssertionError(`${what}: expected not to contain ${JSON.stringify(unexpected)}, last saw:\n${clip(actual)}`);
  }
}

/** Compile a user's regular expression, naming it when it is malformed. */
export function userRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "m");
  } catch (cause) {
    throw new Error(`invalid regular expression ${JSON.stringify(pattern)} in the step: ${(cause as Error).message}`, { cause });
  }
}

export function expectMatches(actual: string, pattern: string, what: string): void {
  if (!userRegExp(pattern).test(actual)) {
    throw new StepAssertionError(`${what}: expected to match /${pattern}/, last saw:\n${clip(actual) || "(empty)"}`);
  }
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new StepAssertionError(`${what}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(actual)}`);
}

/** Run `fn`, which must fail; resolves to its error message (with causes). */
export async function expectFailure(fn: () => Promise<unknown>, what: string): Promise<string> {
  try {
    await fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new StepAssertionError(`${what}: expected it to fail, but it succeeded`);
}
