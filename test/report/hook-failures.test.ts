// A scenario that fails in a hook is red in the Allure report, with the hook's message: cucumber
// runs test/report/hook-features on the real cluster (one scenario whose "throughout the scenario"
// check breaks after its last step, one whose Before hook refuses an unset ${env:…}), then the
// report is generated as a run generates it. allure-cucumberjs alone writes "passed" and
// "skipped" for these two (engine/report/hook-failures.ts). npm run test:report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { generateAllureReport } from "../../engine/report/allure.ts";
import { categorize } from "../../engine/report/categories.ts";
import { clusterEnv, readResults } from "./support.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = "reports/report-hooks";
const RESULTS = `${OUT}/allure-results`;
const AFTER = "a check throughout the scenario broken after the last step";
const BEFORE = "an unset environment variable fails the scenario before the cluster";
const UNSET = "KUBECUKE_HOOK_TEST_UNSET";

test("report: a scenario that fails in an After or a Before hook is red in Allure, with the hook's message", { timeout: 300_000 }, async (t) => {
  const env = clusterEnv();
  delete env[UNSET];
  await rm(path.join(root, OUT), { recursive: true, force: true });
  const run = await execa(path.join(root, "node_modules/.bin/cucumber-js"), ["--config", "test/report/hook-cucumber.mjs"], { cwd: root, reject: false, all: true, env });
  t.diagnostic(`cucumber: exit ${run.exitCode}`);
  assert.equal(run.exitCode, 1, `cucumber fails both scenarios:\n${run.all}`);
  const junit = await readFile(path.join(root, OUT, "junit.xml"), "utf8");
  assert.equal(junit.match(/<failure/g)?.length, 2, `junit has two failures:\n${junit}`);

  const summary = await generateAllureReport({ root, resultsDir: RESULTS, outputDir: `${OUT}/allure-report`, singleFile: true, appendHistory: false, historyPath: `${OUT}/history.jsonl` });
  t.diagnostic(`report: ${JSON.stringify(summary.byStatus)} in ${summary.ms} ms`);
  assert.deepEqual(summary.byStatus, { failed: 1, broken: 1 }, "the run's summary counts both as red");

  const results = await readResults(path.join(root, RESULTS));
  const after = results.get(AFTER)!;
  assert.equal(after.status, "failed", "an assertion in the After hook: failed, as a step's assertion would be");
  assert.match(after.message ?? "", /^After hook "checks over the whole scenario, failure diagnostics, timeline and cleanup" failed: AssertionError: throughout the scenario: 1 check\(s\) did not hold/);
  assert.match(after.message ?? "", /data\.mode: expected "test", saw "prod"/);
  assert.equal(categorize(after)?.id, "assertions");

  const before = results.get(BEFORE)!;
  assert.equal(before.status, "broken", "bad input in the Before hook: broken, not skipped");
  assert.match(before.message ?? "", /^Before hook "scenario namespace" failed: KubecukeBadInputError: environment variables used by this scenario are not set/);
  assert.match(before.message ?? "", new RegExp(`hook-failures\\.feature:\\d+: \\$\\{env:${UNSET}\\}`));
  assert.equal(categorize(before)?.id, "bad-input");
});
