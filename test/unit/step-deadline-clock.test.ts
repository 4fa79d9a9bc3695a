// What the 195-second scenario "A 200-second wait runs to its end" proved, on a fake clock: a
// step's limit is its own "within N seconds" plus the margin, not one limit for every step
// (Cucumber's timeout is off for every step; our default is 180 s, or a @step-timeout tag's).
import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import { loadConfiguration, loadSupport } from "@cucumber/cucumber/api";
import { BadInputError, TimeoutError } from "../../engine/errors.ts";
import { withDeadline } from "../../engine/kube/deadline.ts";
import { budgetOf, DEFAULT_STEP_MS, MARGIN_MS, stepLimitOf, withStepDeadline } from "../../steps/support/deadline.ts";
import { allSteps } from "../../steps/support/vocabulary.ts";

const find = (en: string) => allSteps.find((s) => s.en === en)!;
const JOB = find("the Job {string} completes within {int} seconds");
const NO_TIME = find("the command succeeds");

/** A promise settled by the fake clock after `ms`, and whether it has settled yet. */
function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

function watch<T>(p: Promise<T>): { settled: () => boolean; result: Promise<T> } {
  let done = false;
  const result = p.finally(() => (done = true));
  result.catch(() => undefined);
  return { settled: () => done, result };
}

/** Advance the fake clock by `ms` and let the promises it settles run. */
async function tick(t: TestContext, ms: number): Promise<void> {
  t.mock.timers.tick(ms);
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

test("a 200-second wait that takes 195 s ends as its wait does: its deadline is 210 s, not 180 s", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout", "Date"] });
  const budget = budgetOf(JOB, ["sleeper", 200], 1);
  assert.equal(budget.ms, 200_000 + MARGIN_MS);
  const step = watch(withStepDeadline(after(195_000, "completed"), budget, '"the Job \\"sleeper\\" completes within 200 seconds"'));
  await tick(t, 180_000);
  assert.equal(step.settled(), false, "still running at 180 s, where every step used to end");
  await tick(t, 15_000);
  assert.equal(await step.result, "completed");
});

test("a step that hangs past its own N seconds + margin ends at exactly that deadline, naming the step", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout", "Date"] });
  const step = watch(withStepDeadline(new Promise<void>(() => {}), budgetOf(JOB, ["sleeper", 200], 1), '"the Job \\"sleeper\\" completes within 200 seconds" (a.feature:9)'));
  await tick(t, 209_999);
  assert.equal(step.settled(), false);
  await tick(t, 1);
  await assert.rejects(step.result, (e: unknown) => {
    assert.ok(e instanceof TimeoutError);
    assert.match(e.message, /^step "the Job \\"sleeper\\" completes within 200 seconds" \(a\.feature:9\): expected it to finish within 210 s \(its 200 seconds \+ 10 s\)/);
    return true;
  });
});

test("the same 195 s of work in a step that names no time ends at the default 180 s", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout", "Date"] });
  const step = watch(withStepDeadline(after(195_000, "completed"), budgetOf(NO_TIME, [], 1), '"the command succeeds"'));
  await tick(t, DEFAULT_STEP_MS - 1);
  assert.equal(step.settled(), false);
  await tick(t, 1);
  await assert.rejects(step.result, /expected it to finish within 180 s \(the limit for steps without "within N seconds"\)/);
});

test("@step-timeout:N replaces the default for steps that name no time, and only for those", async (t) => {
  const limit = stepLimitOf([{ name: "@smoke", where: "f.feature:1" }, { name: "@step-timeout:60", where: "f.feature:1" }, { name: "@step-timeout:3", where: "f.feature:7" }]);
  assert.deepEqual(limit, { ms: 3_000, why: "this scenario's @step-timeout:3" });
  assert.equal(stepLimitOf([{ name: "@slow", where: "f.feature:1" }]), undefined);
  assert.deepEqual(budgetOf(NO_TIME, [], 1, limit), { ms: 3_000, why: "this scenario's @step-timeout:3" });
  assert.deepEqual(budgetOf(NO_TIME, [], 2, limit), { ms: 6_000, why: "this scenario's @step-timeout:3, times the timeout scale 2" });
  assert.equal(budgetOf(JOB, ["sleeper", 30], 1, limit).ms, 30_000 + MARGIN_MS);
  // on the fake clock: a 9 s wait that names 30 s outlasts the scenario's 3 s
  t.mock.timers.enable({ apis: ["setTimeout", "Date"] });
  const wait = watch(withStepDeadline(after(9_000, "completed"), budgetOf(JOB, ["sleeper", 30], 1, limit), "wait"));
  const other = watch(withStepDeadline(after(9_000, "exit 0"), budgetOf(NO_TIME, [], 1, limit), "kubectl"));
  await tick(t, 3_000);
  await assert.rejects(other.result, /expected it to finish within 3 s \(this scenario's @step-timeout:3\)/);
  assert.equal(wait.settled(), false);
  await tick(t, 6_000);
  assert.equal(await wait.result, "completed");
});

test("a malformed @step-timeout tag is bad input naming its file and line", () => {
  for (const bad of ["@step-timeout:", "@step-timeout:0", "@step-timeout:2.5", "@step-timeout:30s", "@step-timeout:100000"]) {
    assert.throws(() => stepLimitOf([{ name: bad, where: "features/x.feature:4" }]), (e: unknown) => {
      assert.ok(e instanceof BadInputError);
      assert.equal(e.message, `features/x.feature:4: tag ${bad}: expected a whole number of seconds from 1 to 99999, e.g. @step-timeout:30`);
      return true;
    });
  }
});

test("an operation's own limit, on the fake clock: an answer just before it wins; at it, a TimeoutError and an aborted signal", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout", "Date"] });
  const ok = watch(withDeadline("apply", "Job/ns/sleeper", 30_000, () => after(29_999, "applied")));
  await tick(t, 29_999);
  assert.equal(await ok.result, "applied");
  let signal: AbortSignal | undefined;
  const late = watch(withDeadline("apply", "Job/ns/sleeper", 30_000, (s) => {
    signal = s;
    return after(60_000, "applied");
  }));
  await tick(t, 29_999);
  assert.equal(late.settled(), false);
  await tick(t, 1);
  await assert.rejects(late.result, (e: unknown) => {
    assert.ok(e instanceof TimeoutError);
    assert.equal(e.message, "apply Job/ns/sleeper: no answer from the API server within 30 s");
    assert.equal(e.facts.elapsedMs, 30_000);
    return true;
  });
  assert.equal(signal?.aborted, true);
});

test("Cucumber's own timeout is off for every step definition, so only the deadlines above end a step", async () => {
  const cwd = process.cwd();
  const { runConfiguration } = await loadConfiguration({ profiles: ["dry"] }, { cwd });
  // loadSupport's public type is opaque; the object is cucumber's SupportCodeLibrary, whose
  // step definitions keep the options they were registered with
  const library = (await loadSupport(runConfiguration, { cwd })) as unknown as { stepDefinitions: Array<{ pattern: string | RegExp; options: { timeout?: number } }>; defaultTimeout: number };
  assert.ok(library.stepDefinitions.length >= allSteps.length * 2, `every step under its English and Chinese pattern (${library.stepDefinitions.length})`);
  const withTimeout = library.stepDefinitions.filter((d) => d.options.timeout !== -1).map((d) => `${d.pattern}: timeout ${d.options.timeout}`);
  assert.deepEqual(withTimeout, []);
  // what would apply to a step registered without -1 (and applies to hooks without their own)
  assert.equal(library.defaultTimeout, 180_000);
});
