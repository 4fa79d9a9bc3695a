// Shards, merged reports and retries, end to end through the real runner (scripts/scenarios.ts)
// on the real cluster: a small suite (test/shards/features) runs whole, then as shards 1/2 and
// 2/2; `npm run report -- --merge` builds one report from the two shards, and that report must
// say what the whole run's report says, test by test. The suite has one scenario that fails on
// its first attempt: with `--retry 1 --retry-tag-filter @flaky` it passes in a fresh namespace,
// keeps its first attempt's diagnostics, and the report calls it flaky, not passed. --fail-fast skips what follows the first failure.
// npm run test:shards (npm test runs it with the cluster it brought up).
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { cleanEnv, realCluster } from "../providers/support.ts";
import { repoRoot, runnerPath, runScenarios, scratchDir } from "../providers/runner.ts";
import { openReport } from "../report/browser.ts";
import { serveDirectory } from "../../engine/report/serve.ts";
import { historyEntries } from "../report/support.ts";
import { attemptsOf, flakyLeaves, reportTests, statistic, type ReportTest } from "./support.ts";

const FLAKY = "passes on its second attempt";
const ALWAYS_FAILS = "fails on every attempt (not retried: it is not tagged @flaky)";
const SUITE = ["test/shards/features", "--import", "test/shards/steps/flaky.steps.ts"];
const RETRY = ["--retry", "1", "--retry-tag-filter", "@flaky"];

test("two shards merged into one report say what one unsharded run says; a scenario passing on retry is flaky; --fail-fast stops at the first failure", { timeout: 900_000 }, async (t) => {
  const real = realCluster();
  const dir = scratchDir("kubecuke-shards-");
  const id = `shards-${randomBytes(3).toString("hex")}`;
  const run = (name: string, extra: string[]) =>
    runScenarios(
      ["--provider", "existing", "--existing-kubeconfig", real.kubeconfig, "--existing-context", real.context, "--run-id", `${id}-${name}`, "--run-dir", path.join(dir, name, "run"), ...SUITE, ...extra],
      cleanEnv({ PATH: runnerPath(), KUBECUKE_WORKERS: "1" }),
      path.join(dir, name),
    );

  const whole = await run("whole", RETRY);
  const shard1 = await run("shard-1", [...RETRY, "--shard", "1/2"]);
  const shard2 = await run("shard-2", [...RETRY, "--shard", "2/2"]);
  const failFast = await run("fail-fast", ["--fail-fast"]);
  t.diagnostic(`runner wall time: whole ${whole.seconds.toFixed(1)} s, shard 1/2 ${shard1.seconds.toFixed(1)} s, shard 2/2 ${shard2.seconds.toFixed(1)} s, --fail-fast ${failFast.seconds.toFixed(1)} s`);

  // --fail-fast without retries: the first failure (the flaky scenario's first attempt) skips everything after it
  assert.deepEqual(
    failFast.scenarios.map((s) => s.status),
    ["PASSED", "PASSED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED"],
    `--fail-fast: ${failFast.scenarios.map((s) => `${s.name}: ${s.status}`).join("; ")}\n${failFast.output}`,
  );

  // cucumber: one scenario fails on purpose everywhere it runs, so every run but the one without it exits 1
  const names = (r: typeof whole) => [...new Set(r.scenarios.map((s) => s.name))].sort();
  assert.equal(whole.exitCode, 1, whole.output);
  assert.equal(names(whole).length, 6, `the whole suite runs 6 scenarios: ${names(whole).join(", ")}\n${whole.output}`);
  assert.ok(names(shard1).length > 0 && names(shard2).length > 0, "each shard runs some scenarios");
  assert.deepEqual([...names(shard1), ...names(shard2)].sort(), names(whole), "the shards split the suite: together they run each scenario once");

  // retries: the flaky scenario ran twice, in two namespaces; the other failure ran once
  const flakyRuns = whole.scenarios.filter((s) => s.name === FLAKY);
  assert.deepEqual(flakyRuns.map((s) => s.status), ["FAILED", "PASSED"], whole.output);
  assert.ok(flakyRuns[0]!.namespace && flakyRuns[1]!.namespace && flakyRuns[0]!.namespace !== flakyRuns[1]!.namespace, `the retry gets a fresh namespace: ${flakyRuns.map((s) => s.namespace).join(", ")}`);
  assert.equal(whole.scenarios.filter((s) => s.name === ALWAYS_FAILS).length, 1, "a failure without the @flaky tag is not retried");
  const attempts = await attemptsOf(path.join(dir, "whole", "allure-results"), FLAKY);
  // failed, not broken: the flaky step is a project's own (test/shards/steps), and a plain Error
  // from a project's step is a test failure, not a kubecuke bug (steps/support/team-code.ts)
  assert.deepEqual(attempts.map((a) => a.status), ["failed", "passed"], "Allure has both attempts");
  assert.ok(attempts[0]!.teardown.some((n) => n === `diagnostics summary namespace/${flakyRuns[0]!.namespace}`), `the failed attempt keeps its diagnostics: ${attempts[0]!.teardown.join(", ")}`);
  assert.ok(attempts[0]!.teardown.includes("watch timeline"), "and its watch timeline");

  // one report from the two shards, with the whole run's history
  const merged = path.join(dir, "merged");
  await mkdir(merged, { recursive: true });
  const history = path.join(merged, "history.jsonl");
  await copyFile(path.join(dir, "whole", "history", "history.jsonl"), history);
  const report = await execa(process.execPath, ["--import", "./steps/support/register.mjs", "scripts/report.ts", "--merge", path.join(dir, "shard-1", "allure-results"), path.join(dir, "shard-2", "allure-results"), "--results", path.join(merged, "results"), "--output", path.join(merged, "report"), "--history", history], { cwd: repoRoot, reject: false, all: true });
  t.diagnostic(report.all ?? "");
  assert.equal(report.exitCode, 0, report.all);

  const wholeReport = await reportTests(path.join(dir, "whole", "allure-report"));
  const mergedReport = await reportTests(path.join(merged, "report"));
  const view = (m: Map<string, ReportTest>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { status: v.status, flaky: v.flaky, retries: v.retries, categories: v.categories }]));
  assert.deepEqual(view(mergedReport), view(wholeReport), "the merged report shows every test as the unsharded run's report does");
  assert.deepEqual({ status: wholeReport.get(FLAKY)?.status, flaky: wholeReport.get(FLAKY)?.flaky, retries: wholeReport.get(FLAKY)?.retries }, { status: "passed", flaky: true, retries: 1 }, "passing on a retry reads as flaky");
  assert.deepEqual(wholeReport.get(ALWAYS_FAILS)?.categories, ["Assertion failures"], "categories come from allurerc.ts in both reports");
  // "new" counts tests without history: all of them in the first run, none once its history is read
  const { new: newInWhole, ...wholeStats } = await statistic(path.join(dir, "whole", "allure-report"));
  const { new: newInMerged, ...mergedStats } = await statistic(path.join(merged, "report"));
  assert.deepEqual(mergedStats, wholeStats, "same totals");
  assert.equal(mergedStats.flaky, 1);
  assert.deepEqual([newInWhole, newInMerged], [6, undefined], "the merged report knows every test from the whole run's history");
  // history: the shards' tests are the whole run's tests (same history ids), so the earlier run shows in each
  for (const [name, tr] of mergedReport) assert.equal(tr.history, 1, `${name}: the merged report finds the unsharded run in its history`);
  assert.equal(await historyEntries(history), 2, "the merged report adds one run to the history, not one per shard");

  // and a reader sees it: in Chromium, the merged report's tree marks exactly that scenario flaky
  const server = await serveDirectory(path.join(merged, "report"));
  const browser = await openReport(server.url);
  try {
    assert.deepEqual(await flakyLeaves(browser.page), [FLAKY]);
  } finally {
    await browser.close();
    await server.close();
  }
});
