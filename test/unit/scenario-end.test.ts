// The end of a scenario (steps/support/end.ts, checks-at-end.ts) in its stated order, and the
// scenario state the World holds (world.ts): no cluster.
import assert from "node:assert/strict";
import test from "node:test";
import { AssertionFailure, BadInputError, InfrastructureError, type KubecukeError } from "../../engine/errors.ts";
import { assertSteps } from "../../steps/assert.steps.ts";
import { judgeChecksToTheEnd } from "../../steps/support/checks-at-end.ts";
import { endScenario, firstOf, type EndPhases } from "../../steps/support/end.ts";
import { KubeWorld } from "../../steps/support/world.ts";

/** Phases that record the order they ran in; `broken` and `problems` are what checks and cleanup report. */
function recording(broken?: KubecukeError, problems: KubecukeError[] = []): { ran: string[]; phases: EndPhases } {
  const ran: string[] = [];
  return {
    ran,
    phases: {
      checks: async (failedAlready) => (ran.push(`checks(failedAlready=${failedAlready})`), broken),
      diagnostics: async () => void ran.push("diagnostics"),
      cleanUp: async (failed) => (ran.push(`cleanUp(failed=${failed})`), problems),
    },
  };
}

test("a passing scenario: checks, then cleanup; no diagnostics, nothing thrown", async () => {
  const { ran, phases } = recording();
  assert.equal(await endScenario(false, false, phases), undefined);
  assert.deepEqual(ran, ["checks(failedAlready=false)", "cleanUp(failed=false)"]);
});

test("a check that broke fails the scenario before the diagnostics and the cleanup, which see it as failed", async () => {
  const broken = new AssertionFailure("throughout the scenario: 1 check(s) did not hold");
  const { ran, phases } = recording(broken);
  assert.equal(await endScenario(false, false, phases), broken);
  assert.deepEqual(ran, ["checks(failedAlready=false)", "diagnostics", "cleanUp(failed=true)"]);
});

test("a scenario that failed in its steps: checks told so, then diagnostics, then cleanup", async () => {
  const { ran, phases } = recording();
  assert.equal(await endScenario(true, false, phases), undefined);
  assert.deepEqual(ran, ["checks(failedAlready=true)", "diagnostics", "cleanUp(failed=true)"]);
});

test("interrupted: no diagnostics, the cleanup runs at once", async () => {
  const { ran, phases } = recording();
  await endScenario(true, true, phases);
  assert.deepEqual(ran, ["checks(failedAlready=true)", "cleanUp(failed=true)"]);
});

test("the first problem is thrown and names the others after its own message", async () => {
  const broken = new AssertionFailure("throughout the scenario: 1 check(s) did not hold");
  const undone = new InfrastructureError("cleanup could not undo what this scenario did outside its namespace");
  const { phases } = recording(broken, [undone]);
  const thrown = await endScenario(false, false, phases);
  assert.ok(thrown instanceof AssertionFailure, "the check's failure keeps its category");
  assert.match(thrown.message, /^throughout the scenario: 1 check\(s\) did not hold\n\nand then:\ncleanup could not undo/);
  assert.match(String(thrown.stack), /and then:/, "the stack shows the whole message");
  assert.equal(firstOf([]), undefined);
  const alone = new BadInputError("the last command exited 1");
  assert.equal(firstOf([alone]), alone);
  assert.equal(alone.message, "the last command exited 1", "alone, its message is its own");
});

function world(): { w: KubeWorld; texts: string[] } {
  const texts: string[] = [];
  const w = new KubeWorld({ attach: ((d: unknown) => void texts.push(String(d))) as never, log: () => {}, link: () => {}, parameters: {} });
  return { w, texts };
}

/** A check over the scenario that broke (or not) and records that it was stopped. */
function check(broke: boolean, stopped: string[], name: string) {
  return {
    object: `ConfigMap/ns/${name}`,
    verdict: async () => (broke ? { at: "12:00:01" } : undefined),
    failureText: (_b: unknown, from: string) => `ConfigMap/ns/${name}: a version did not match (check from ${from})`,
    stop: () => void stopped.push(name),
  };
}

test("the checks over the scenario: a broken one is the failure; all are stopped; a failed scenario gets it attached instead", async () => {
  const stopped: string[] = [];
  const { w, texts } = world();
  w.scenario = { clients: { timeouts: { get: 1000 } } } as never;
  w.checksToTheEnd.push({ check: check(true, stopped, "a") as never, from: "x.feature:3", expectBreak: false }, { check: check(false, stopped, "b") as never, from: "x.feature:4", expectBreak: false });
  const failure = await judgeChecksToTheEnd(w, false);
  assert.ok(failure instanceof AssertionFailure);
  assert.match(failure.message, /1 check\(s\) did not hold:\nConfigMap\/ns\/a: a version did not match \(check from x.feature:3\)/);
  assert.deepEqual(stopped, ["a", "b"]);
  assert.equal(await judgeChecksToTheEnd(w, true), undefined, "a scenario that failed already keeps its first failure");
  assert.match(texts.join("\n"), /1 check\(s\) did not hold/, "…and shows this one beside it");
});

test("a check expected to break that held until the end is the failure", async () => {
  const { w } = world();
  w.scenario = { clients: { timeouts: { get: 1000 } } } as never;
  w.checksToTheEnd.push({ check: check(false, [], "c") as never, from: "x.feature:9", expectBreak: true });
  assert.match((await judgeChecksToTheEnd(w, false))?.message ?? "", /expected the check from x.feature:9 to fail/);
});

test("'the next assertion is expected to fail' is the World's state: one scenario's does not reach another's", async () => {
  const byText = (en: string) => assertSteps.find((s) => s.en.endsWith(en))!;
  const expectFail = byText("the next assertion is expected to fail");
  const failedWith = byText("the assertion failed with a message containing:");
  const one = world().w;
  const other = world().w;
  await (expectFail.run as (this: KubeWorld) => Promise<void>).call(one);
  assert.deepEqual(one.expectedFailure, { pending: true });
  assert.equal(other.expectedFailure, undefined);
  await assert.rejects((failedWith.run as (this: KubeWorld, t: string) => Promise<void>).call(other, "x"), /no assertion failed as expected/);
});
