// The checks over the rest of a scenario ("throughout the scenario, …") are judged when it ends,
// before the cleanup deletes what they watch: a version that broke one fails the scenario, naming
// it. Its own After hook, beside the lifecycle in hooks.ts. Cucumber runs After hooks in the
// reverse order of their definition: importing hooks.ts first defines its After (diagnostics and
// cleanup) before this one, so this one runs first, and the diagnostics see its failure.
import "./hooks.ts";
import { After, Status, type ITestCaseHookParameter } from "@cucumber/cucumber";
import { AssertionFailure, describeError } from "../../engine/errors.ts";
import { TIMEOUT_SCALE } from "./deadline.ts";
import type { CheckToTheEnd, KubeWorld } from "./world.ts";
import { ownCode } from "./team-code.ts";

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

After({ name: "checks over the whole scenario", timeout: Math.round(60_000 * TIMEOUT_SCALE) }, ownCode(async function (this: KubeWorld, { result }: ITestCaseHookParameter) {
  const checks = this.checksToTheEnd;
  if (!this.scenario || checks.length === 0) return;
  try {
    const failures = (await Promise.all(checks.map((c) => judge(c, this.ctx.clients.timeouts.get)))).filter((f): f is string => f !== undefined);
    if (failures.length === 0) return;
    const text = `throughout the scenario: ${failures.length} check(s) did not hold:\n${failures.join("\n")}`;
    // a scenario that failed already keeps its first failure; this one is shown beside it
    if (result?.status === Status.FAILED) this.text("checks over the whole scenario", text);
    else throw new AssertionFailure(text, { operation: "throughout the scenario" });
  } finally {
    for (const c of checks) c.check.stop();
  }
}));
