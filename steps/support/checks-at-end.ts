// The checks over the rest of a scenario ("throughout the scenario, …"), judged when it ends,
// before the cleanup deletes what they watch: a version that broke one fails the scenario,
// naming it. No hook of its own: the one After hook (hooks.ts) calls this first, so the
// diagnostics it collects next see this failure.
import { AssertionFailure, describeError } from "../../engine/errors.ts";
import type { CheckToTheEnd, KubeWorld } from "./world.ts";

/** What is wrong with one check at the end, or undefined when it held as it should. */
async function judge(c: CheckToTheEnd, timeoutMs: number): Promise<string | undefined> {
  try {
    const b = await c.check.verdict(timeoutMs);
    if (c.expectBreak) return b ? undefined : `${c.check.object}: expected the check from ${c.from} to fail (the step before it said so), but every version matched until the end of the scenario`;
    return b && c.check.failureText(b, c.from);
  } catch (err) {
    return `${c.check.object}: the check from ${c.from} could not be judged: ${describeError(err)}`;
  }
}

/**
 * Judges every check of the scenario, then stops their watches. Resolves to the failure that
 * fails the scenario, or undefined: none broke, or the scenario failed already (`failedAlready`),
 * which keeps its first failure; the checks' failure is then attached beside it.
 */
export async function judgeChecksToTheEnd(world: KubeWorld, failedAlready: boolean): Promise<AssertionFailure | undefined> {
  const checks = world.checksToTheEnd;
  if (!world.scenario || checks.length === 0) return undefined;
  try {
    const failures = (await Promise.all(checks.map((c) => judge(c, world.ctx.clients.timeouts.get)))).filter((f): f is string => f !== undefined);
    if (failures.length === 0) return undefined;
    const text = `throughout the scenario: ${failures.length} check(s) did not hold:\n${failures.join("\n")}`;
    if (!failedAlready) return new AssertionFailure(text, { operation: "throughout the scenario" });
    world.text("checks over the whole scenario", text);
    return undefined;
  } finally {
    for (const c of checks) c.check.stop();
  }
}
