import assert from "node:assert/strict";
import { test } from "node:test";
import { AssertionFailure, InterruptedError, TimeoutError } from "../../engine/errors.ts";
import { Interrupts } from "../../engine/run/interrupt.ts";
import { budgetOf, DEFAULT_STEP_MS, expectFailureWithin, MARGIN_MS, secondsParameter, tooShortLimit, withStepDeadline } from "../../steps/support/deadline.ts";
import { matchStepText, useStepTable } from "../../steps/support/step-runner.ts";
import { allSteps } from "../../steps/support/vocabulary.ts";

// what steps/define.steps.ts does when it registers the steps with Cucumber
useStepTable(allSteps);

const find = (en: string) => allSteps.find((s) => s.en === en)!;

test("every step that says seconds has its N found, so its deadline follows it", () => {
  for (const s of allSteps.filter((x) => /seconds/.test(x.en))) assert.notEqual(secondsParameter(s.en), undefined, s.en);
  assert.equal(secondsParameter("an HTTP GET to the Service {string} port {int} path {string} returns {int} within {int} seconds"), 4);
  assert.equal(secondsParameter("waiting {int} seconds for the Pod {string} to be Ready fails with an error matching {string}"), 0);
  assert.equal(secondsParameter("the command succeeds"), undefined);
});

test("a 200-second wait gets 200 s plus the margin, not the 180 s every step had before", () => {
  const b = budgetOf(find("the Job {string} completes within {int} seconds"), ["sleeper", 200]);
  assert.equal(b.ms, 200_000 + MARGIN_MS);
  assert.ok(b.ms > 180_000);
  assert.equal(budgetOf(find("the command succeeds"), []).ms, DEFAULT_STEP_MS);
});

test("the step that checks another step's error has that step's deadline", async () => {
  const inner = matchStepText('waiting for the Pod "x" to be Ready fails within 30 seconds with an error containing "y"');
  assert.ok(inner);
  assert.equal(budgetOf(inner.spec, inner.args).ms, 30_000 + MARGIN_MS);
  const zh = matchStepText('Job "pi" 在 240 秒内完成');
  assert.equal(zh && budgetOf(zh.spec, zh.args).ms, 240_000 + MARGIN_MS);
});

test("a step past its deadline ends with a TimeoutError naming the step, not Cucumber's message", async () => {
  const hang = new Promise<void>(() => {});
  await assert.rejects(withStepDeadline(hang, { ms: 50, why: "its 0 seconds + 0.05 s" }, '"the Pod \\"x\\" is Ready within 0 seconds" (a.feature:3)'), (e: unknown) => {
    assert.ok(e instanceof TimeoutError);
    assert.match(e.message, /^step "the Pod \\"x\\" is Ready within 0 seconds" \(a\.feature:3\): expected it to finish within 0\.05 s \(its 0 seconds/);
    return true;
  });
  assert.equal(await withStepDeadline(Promise.resolve(7), { ms: 50, why: "" }, "s"), 7);
});

test("fails within N: the wait gets N; running them out is an assertion failure that says so", async () => {
  let given = 0;
  const timedOut = (ms: number) => {
    given = ms;
    return Promise.reject(new TimeoutError("wait Pod/ns/x Ready: expected …", { lastSeen: "phase=Pending node=<none>", events: ["Warning FailedScheduling: 0/1 nodes are available"] }));
  };
  await assert.rejects(expectFailureWithin(timedOut, "wait Pod x Ready", 30), (e: unknown) => {
    assert.ok(e instanceof AssertionFailure);
    assert.equal(e.message, "wait Pod x Ready: did not fail by itself within 30 s; last saw phase=Pending node=<none>\nrecent events:\n  Warning FailedScheduling: 0/1 nodes are available");
    return true;
  });
  assert.equal(given, 30_000);
  assert.equal(await expectFailureWithin(() => Promise.reject(new Error("ErrImageNeverPull")), "w", 30), "ErrImageNeverPull");
  await assert.rejects(expectFailureWithin(() => Promise.resolve(), "w", 30), /expected it to fail within 30 s, but it succeeded/);
});

test("0 seconds (below one API answer) is refused as bad input, in English and Chinese; 1 second and more pass", () => {
  const ready = find("the Pod {string} is Ready within {int} seconds");
  assert.match(tooShortLimit(ready, ["x", 0]) ?? "", /^0 seconds is too short: a wait needs at least 1 second .*e\.g\. 30 seconds/);
  assert.ok(tooShortLimit(ready, ["x", -1]));
  assert.equal(tooShortLimit(ready, ["x", 1]), undefined);
  assert.equal(tooShortLimit(find("the command succeeds"), []), undefined);
  const zh = matchStepText('Pod "x" 在 0 秒内就绪');
  assert.ok(zh && tooShortLimit(zh.spec, zh.args));
  const inner = matchStepText('waiting 0 seconds for the Pod "x" to be Ready fails with an error matching "y"');
  assert.ok(inner && tooShortLimit(inner.spec, inner.args));
});

test("the step's one signal: aborted by its deadline (the TimeoutError) or by the interrupt (an InterruptedError naming the step)", async () => {
  let seen: AbortSignal | undefined;
  const hang = (signal: AbortSignal) => {
    seen = signal;
    return new Promise<void>(() => {});
  };
  await assert.rejects(withStepDeadline(hang, { ms: 30, why: "w" }, "s1"), TimeoutError);
  assert.ok(seen?.aborted && seen.reason instanceof TimeoutError, "the work's signal ends with the step");
  const stop = new Interrupts();
  const run = withStepDeadline(hang, { ms: 60_000, why: "w" }, '"a step" (a.feature:4)', stop);
  stop.receive("SIGINT");
  await assert.rejects(run, (e: unknown) => e instanceof InterruptedError && /^step "a step" \(a\.feature:4\): interrupted by SIGINT while it ran/.test(e.message));
  assert.ok(seen?.aborted && seen.reason instanceof InterruptedError);
});
