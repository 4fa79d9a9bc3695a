import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { alreadyInHistory, sanitizeResults, stripAnalytics } from "../../engine/report/allure.ts";
import { secretNeedles } from "../report/support.ts";

test("stripAnalytics removes the tag manager loader and its inline config, nothing else", () => {
  const html = `<body><div id="app"></div>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('config', 'G-LNDJ3J7WT0', {});
    </script>
    <script>window.allureReportData = 1;</script>
</body>`;
  const out = stripAnalytics(html);
  assert.doesNotMatch(out, /googletagmanager|gtag|dataLayer/);
  assert.match(out, /<div id="app"><\/div>/);
  assert.match(out, /window\.allureReportData = 1;/);
});

test("sanitizeResults redacts error messages and text attachments written without redact()", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-results-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = {
    name: "s",
    status: "failed",
    statusDetails: { message: "request failed: Authorization: Bearer abcdef123456", trace: "at x" },
    steps: [{ name: "Given a Pod", attachments: [] }],
  };
  await writeFile(path.join(dir, "1-result.json"), JSON.stringify(result));
  await writeFile(path.join(dir, "a-attachment.yaml"), "apiVersion: v1\nkind: Secret\ndata:\n  k: c2VjcmV0LXZhbHVl\n");
  await writeFile(path.join(dir, "b-attachment.txt"), "nothing to hide\n");
  // application/yaml attachments get no extension from allure-cucumberjs
  await writeFile(path.join(dir, "c-attachment"), "apiVersion: v1\nkind: Secret\nstringData:\n  k: plain-secret-value\n");
  await writeFile(path.join(dir, "d-attachment.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  await writeFile(path.join(dir, "environment.properties"), "Provider=local\n");
  assert.equal(await sanitizeResults(dir), 3);
  const r = JSON.parse(await readFile(path.join(dir, "1-result.json"), "utf8")) as typeof result;
  assert.equal(r.statusDetails.message, "request failed: Authorization: [REDACTED]");
  assert.equal(r.steps[0]?.name, "Given a Pod");
  assert.doesNotMatch(await readFile(path.join(dir, "a-attachment.yaml"), "utf8"), /c2VjcmV0LXZhbHVl/);
  assert.equal(await readFile(path.join(dir, "b-attachment.txt"), "utf8"), "nothing to hide\n");
  assert.doesNotMatch(await readFile(path.join(dir, "c-attachment"), "utf8"), /plain-secret-value/);
  assert.equal(await sanitizeResults(dir), 0, "a second pass changes nothing");
});

test("secret needles find the value inside any longer base64 string", () => {
  const secret = "s3cr3t-kubecuke-0123456789abcdef";
  const needles = secretNeedles(secret);
  for (let pre = 0; pre < 3; pre++) {
    const encoded = Buffer.from(`${"x".repeat(pre)}${secret}tail`).toString("base64");
    assert.ok(needles.some((n) => encoded.includes(n)), `found at alignment ${pre}`);
  }
  const other = Buffer.from("s3cr3t-kubecuke-ffffffffffffffff").toString("base64");
  assert.ok(!needles.some((n) => other.includes(n)), "a different value is not a hit");
});

test("a rerendering of results already in the history adds no second entry", async (tc) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-history-"));
  tc.after(() => rm(dir, { recursive: true, force: true }));
  const results = path.join(dir, "results");
  await mkdir(results);
  const history = path.join(dir, "history.jsonl");
  await writeFile(path.join(results, "1-result.json"), "{}");
  const t = new Date("2025-01-01T00:00:10Z");
  await utimes(path.join(results, "1-result.json"), t, t);
  assert.equal(await alreadyInHistory(history, results), false, "no history yet");
  await writeFile(history, `{"timestamp":${t.getTime() - 5000}}\n`);
  assert.equal(await alreadyInHistory(history, results), false, "history older than the results: a new run");
  await writeFile(history, `{"timestamp":${t.getTime() - 5000}}\n{"timestamp":${t.getTime() + 5000}}\n`);
  assert.equal(await alreadyInHistory(history, results), true, "the last entry came after these results");
});
