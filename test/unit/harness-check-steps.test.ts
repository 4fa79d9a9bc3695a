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

test("the gherkin examples of README.md and docs/ become features, inline notes dropped, doc strings kept, mapped back to their lines", async () => {
  const { docExamples } = await import("../../scripts/check-steps.ts");
  const { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const root = mkdtempSync(path.join(tmpdir(), "kubecuke-docex-"));
  const out = mkdtempSync(path.join(tmpdir(), "kubecuke-docex-out-"));
  try {
    mkdirSync(path.join(root, "docs"));
    writeFileSync(path.join(root, "README.md"), "# x\n\n```gherkin\nWhen I run \"kubectl get pods\"   # a note\n```\n");
    writeFileSync(path.join(root, "docs", "a.md"), "```gherkin\nWhen I apply the manifest:\n  \"\"\"\n  data: {a: \"# not a note\"}\n  \"\"\"\n```\n");
    writeFileSync(path.join(root, "docs", "steps.md"), "```gherkin\nWhen nothing of the generated catalog\n```\n");
    writeFileSync(path.join(root, "docs", "own.md"), "```gherkin\n# with your own steps: steps/x.ts\nWhen a team's own step\n```\n");
    const ex = docExamples(root, out);
    assert.deepEqual([...ex.values()].sort((a, b) => (a.doc < b.doc ? -1 : 1)), [{ doc: "README.md", line: 4 }, { doc: "docs/a.md", line: 2 }]);
    const texts = [...ex.keys()].map((f) => readFileSync(f, "utf8"));
    assert.ok(texts.some((t) => t.includes('    When I run "kubectl get pods"\n')), texts.join("\n---\n"));
    assert.ok(texts.some((t) => t.includes('data: {a: "# not a note"}')), "a doc string keeps its # text");
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});
