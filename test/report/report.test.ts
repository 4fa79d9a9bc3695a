// The report, end to end: cucumber runs test/report/features on the real cluster (one passing
// scenario, three deliberately failing ones), the Allure report is generated, Chromium reads it
// through its UI, and no file under reports/ contains the Secret value the run created.
// npm run test:report (npm test runs it with the cluster it brought up).
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { generateAllureReport } from "../../engine/report/allure.ts";
import { CATEGORY_RULES, categorize } from "../../engine/report/categories.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../../engine/report/environment.ts";
import { environmentInfo, listLeaves, openReport, scenarioAttachments, teardownAttachments } from "./browser.ts";
import { serveDirectory } from "../../engine/report/serve.ts";
import { clusterEnv, historyEntries, readResults, reportCategories, secretHits } from "./support.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Everything this test writes goes under reports/report-test, so a user's own last run survives.
const OUT = "reports/report-test";
const RESULTS = `${OUT}/allure-results`;
const REPORT = `${OUT}/allure-report`;
const SINGLE = `${OUT}/allure-report-single`;

const PASSING = "a Pod from the tutorial runs";
const FAILING = "a Pod that never becomes Ready explains itself";
const SECRET_SCENARIO = "a failing scenario with a Secret leaves no secret value in the reports";
const REFUSED = "a manifest the API server refuses is filed as bad input";
/** The report's category for each failing scenario: by the error's type (engine/report/categories.ts). */
const EXPECTED_CATEGORY: Record<string, string> = { [FAILING]: "timeouts", [SECRET_SCENARIO]: "assertions", [REFUSED]: "bad-input" };
const ruleName = (id: string): string => CATEGORY_RULES.find((r) => r.id === id)?.name ?? id;

test("report: scenarios run, the Allure report shows them with diagnostics, and no secret leaks", { timeout: 600_000 }, async (t) => {
  const env = clusterEnv();
  const secret = `s3cr3t-kubecuke-${randomBytes(8).toString("hex")}`;
  await rm(path.join(root, RESULTS), { recursive: true, force: true });
  await mkdir(path.join(root, OUT), { recursive: true });

  let started = Date.now();
  const run = await execa(path.join(root, "node_modules/.bin/cucumber-js"), ["--config", "test/report/cucumber.mjs"], {
    cwd: root,
    reject: false,
    all: true,
    env: { ...env, KUBECUKE_REPORT_TEST_SECRET: secret },
  });
  const cucumberSeconds = (Date.now() - started) / 1000;
  t.diagnostic(`cucumber: exit ${run.exitCode} in ${cucumberSeconds.toFixed(1)} s`);
  assert.notEqual(run.exitCode, 0, `cucumber must fail (three scenarios fail on purpose):\n${run.all}`);

  assert.ok(!String(run.all).includes(secret), "cucumber's own output does not show the secret");
  const results = await readResults(path.join(root, RESULTS));
  // Allure says "failed" for AssertionErrors and "broken" for other errors: both are red.
  const red = (status: string) => (status === "broken" ? "failed" : status);
  assert.deepEqual(
    Object.fromEntries([...results].map(([name, r]) => [name, red(r.status)]).sort(([a], [b]) => a!.localeCompare(b!))),
    Object.fromEntries(
      [
        [PASSING, "passed"],
        [FAILING, "failed"],
        [SECRET_SCENARIO, "failed"],
        [REFUSED, "failed"],
      ].sort(([a], [b]) => a!.localeCompare(b!)),
    ),
    `exactly the three deliberate scenarios fail; cucumber said:\n${run.all}`,
  );
  // Filed by the error's type: the name must survive redaction, cucumber and allure-cucumberjs.
  for (const [name, id] of Object.entries(EXPECTED_CATEGORY)) {
    assert.equal(categorize(results.get(name)!)?.id, id, `${name}: trace ${results.get(name)!.trace?.slice(0, 200)}`);
  }
  const passing = results.get(PASSING)!;
  assert.deepEqual(
    passing.labels.filter((l) => ["epic", "feature", "story", "severity"].includes(l.name)).sort((a, b) => a.name.localeCompare(b.name)),
    [
      { name: "epic", value: "Reports" },
      { name: "feature", value: "Report self-test" },
      { name: "severity", value: "critical" },
      { name: "story", value: "Passing" },
    ],
    "tags become epic/story/severity labels",
  );
  assert.deepEqual(passing.links.filter((l) => l.type !== "docs"), [{ type: "issue", url: "issue:4" }], "@issue:4 becomes an issue link");
  assert.deepEqual(passing.links.filter((l) => l.type === "docs"), [{ type: "docs", name: "documentation: docs/test.report.features.report-selftest.html", url: "../docs/test.report.features.report-selftest.html#a-pod-from-the-tutorial-runs" }], "each test links to its documentation page");
  for (const f of ["cucumber.html", "junit.xml"]) assert.ok(existsSync(path.join(root, OUT, f)), `${OUT}/${f} is written`);

  const info = await collectEnvironmentInfo({ kubeconfigPath: env.KUBECUKE_KUBECONFIG!, context: env.KUBECUKE_CONTEXT, provider: env.KUBECUKE_PROVIDER ?? "local" });
  await writeEnvironmentProperties(path.join(root, RESULTS), info);

  // Its own history: the test's runs must not show up in the main suite's trends.
  const report = { root, resultsDir: RESULTS, reportName: "kubecuke report test", historyPath: `${OUT}/history.jsonl` };
  const historyBefore = await historyEntries(path.join(root, OUT, "history.jsonl"));
  const mainHistoryBefore = await historyEntries(path.join(root, "reports/history/history.jsonl"));
  const gen = await generateAllureReport({ ...report, outputDir: REPORT, singleFile: false });
  t.diagnostic(`allure generate: ${(gen.ms / 1000).toFixed(1)} s, ${gen.outputFiles} files, ${(gen.outputBytes / 1048576).toFixed(2)} MiB`);
  const single = await generateAllureReport({ ...report, outputDir: SINGLE, singleFile: true, appendHistory: false });
  assert.equal(await historyEntries(path.join(root, OUT, "history.jsonl")), historyBefore + 1, "one history entry per run");
  assert.equal(await historyEntries(path.join(root, "reports/history/history.jsonl")), mainHistoryBefore, "the main history is untouched");
  // and Allure itself files them so (its own first-match over the rules from allurerc.ts)
  const filed = await reportCategories(path.join(root, REPORT));
  assert.deepEqual(
    Object.fromEntries(Object.keys(EXPECTED_CATEGORY).map((n) => [n, filed.get(n)])),
    Object.fromEntries(Object.entries(EXPECTED_CATEGORY).map(([n, id]) => [n, ruleName(id)])),
    "the report's categories",
  );
  t.diagnostic(`allure generate --single-file: ${(single.ms / 1000).toFixed(1)} s, ${(single.outputBytes / 1048576).toFixed(2)} MiB`);

  started = Date.now();
  const server = await serveDirectory(path.join(root, REPORT));
  const browser = await openReport(server.url);
  try {
    const leaves = (await listLeaves(browser.page)).map((l) => ({ ...l, status: red(l.status) }));
    assert.deepEqual(
      leaves.filter((l) => [PASSING, FAILING].includes(l.title)).sort((a, b) => a.title.localeCompare(b.title)),
      [
        { title: PASSING, status: "passed" },
        { title: FAILING, status: "failed" },
      ].sort((a, b) => a.title.localeCompare(b.title)),
    );
    const env = await environmentInfo(browser.page);
    assert.equal(env["Kubernetes server"], info["Kubernetes server"]);
    assert.ok(env["Container runtime"], "the environment block names the container runtime");

    const stepAttachments = await scenarioAttachments(browser.page, FAILING, /^$/);
    assert.ok(stepAttachments.some((a) => /^manifest .*\(as applied\)(\.yaml)?$/.test(a.name)), `the steps attach the manifest as applied: ${stepAttachments.map((a) => a.name).join(", ")}`);
    const attachments = await teardownAttachments(browser.page, FAILING, /failure diagnostics/, /^(events|logs) pod\//);
    const names = attachments.map((a) => a.name);
    const events = attachments.find((a) => /^events pod\/never-ready/.test(a.name));
    const logs = attachments.find((a) => /^logs pod\/never-ready container /.test(a.name));
    assert.ok(events, `an events attachment for pod never-ready; attachments: ${names.join(", ")}`);
    assert.match(events.content ?? "", /Scheduled/, "the events attachment shows the Pod's events");
    assert.ok(logs, `a logs attachment for pod never-ready; attachments: ${names.join(", ")}`);
    assert.match(logs.content ?? "", /kubecuke report test: started/, "the logs attachment shows what the container printed");
    assert.ok(names.some((n) => n.startsWith("describe pod/never-ready")), "describe is attached");
    assert.ok(names.some((n) => /^watch timeline(\.txt)?$/.test(n)), `the watch timeline is attached: ${names.join(", ")}`);
    await browser.page.screenshot({ path: path.join(root, OUT, "allure-failing-scenario.png"), fullPage: true });
    assert.deepEqual(browser.outsideRequests, [], "the report asks nothing of the outside world");
  } finally {
    await browser.close();
    await server.close();
  }

  // The single-file report works from file:// (CI artifact).
  const singleReport = await openReport(`file://${path.join(root, SINGLE, "index.html")}`);
  try {
    const titles = (await listLeaves(singleReport.page)).map((l) => l.title);
    assert.ok(titles.includes(FAILING) && titles.includes(PASSING), `single-file report lists both scenarios: ${titles.join(", ")}`);
  } finally {
    await singleReport.close();
  }
  t.diagnostic(`browser checks: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const hits = await secretHits(path.join(root, "reports"), secret);
  assert.deepEqual(hits, [], `the Secret value must not appear under reports/ (searched plain and base64)`);
});
