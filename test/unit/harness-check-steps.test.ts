import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { findStepProblems, formatProblems } from "../../scripts/check-steps.ts";

// One run per process: cucumber loads the support code (step table) once.
test("a step text that matches nothing is listed with file and line; defined steps are not", async () => {
  const dir = await mkdtemp(path.join(process.cwd(), "reports", "check-steps-"));
  try {
    const feature = path.join(dir, "undefined.feature");
    await writeFile(
      feature,
      ["Feature: x", "  Background:", '    Given I run "kubectl get pods"', "  Scenario: a", "    When I frobnicate the cluster", "  Scenario: b", "    Then the command succeeds", "    And the Pod is happy", ""].join("\n"),
    );
    const problems = await findStepProblems([path.relative(process.cwd(), feature)]);
    const rel = path.relative(process.cwd(), feature);
    assert.deepEqual(
      problems.map((p) => [p.kind, p.where, p.text]),
      [
        ["undefined", `${rel}:5`, "When I frobnicate the cluster"],
        ["undefined", `${rel}:8`, "And the Pod is happy"],
      ],
    );
    assert.match(formatProblems(problems), /undefined\.feature:5: undefined step "When I frobnicate the cluster": no step definition matches/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
