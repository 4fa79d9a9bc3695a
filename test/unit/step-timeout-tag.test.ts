// README "Time limits": @step-timeout:N replaces the 180 s of the steps that name no time; a step
// that says "within N seconds" keeps its own N (+ the margin) under the tag, longer or shorter.
import assert from "node:assert/strict";
import { test } from "node:test";
import { budgetOf, MARGIN_MS, stepLimitOf } from "../../steps/support/deadline.ts";
import { allSteps } from "../../steps/support/vocabulary.ts";

const find = (en: string) => allSteps.find((s) => s.en === en)!;
const limit = stepLimitOf([{ name: "@step-timeout:3", where: "features/x.feature:1" }]);

test("@step-timeout:3: a step without a time gets 3 s; a \"within N seconds\" step keeps its N, above or below 3", () => {
  assert.equal(budgetOf(find("the command succeeds"), [], 1, limit).ms, 3_000);
  assert.match(budgetOf(find("the command succeeds"), [], 1, limit).why, /this scenario's @step-timeout:3/);
  assert.equal(budgetOf(find("the Job {string} completes within {int} seconds"), ["j", 60], 1, limit).ms, 60_000 + MARGIN_MS);
  assert.equal(budgetOf(find("the Job {string} completes within {int} seconds"), ["j", 1], 1, limit).ms, 1_000 + MARGIN_MS);
});
