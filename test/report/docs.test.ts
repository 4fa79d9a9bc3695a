// The living documentation, end to end: cucumber runs the tutorial's @smoke scenarios (Chinese
// and English) and one that fails on purpose on the real cluster, `npm run docs`' generator turns
// its messages into the site, and Chromium reads it from file:// with every outside request
// refused: the Chinese headings, `kubectl get pod -o wide` as the cluster printed it, a passed
// mark, the failure with its message, search in both languages, a phone-sized page; no file of
// the site holds the Secret's value. Screenshots go to reports/docs-test/*.png.
// npm run test:report (npm test runs it with the cluster it brought up).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { chromium, type Page } from "playwright-core";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../../engine/report/environment.ts";
import { ensureDebianPackages, PACKAGES } from "../../engine/host/debian.ts";
import { generateDocs } from "../../scripts/docs.ts";
import { ARGS, CHROMIUM } from "./browser.ts";
import { clusterEnv, readResults, secretHits } from "./support.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = "reports/docs-test";
const DOCS = path.join(root, OUT, "docs");
const ZH_PAGE = "zh-CN.k8s-pods.html";
const EN_PAGE = "standalone-pod.html";
const FAIL_PAGE = "test.report.docs-features.docs-selftest.html";
const ZH_SCENARIO = "自主式 Pod：kubectl apply 启动 Pod，并用 -o wide 查看节点和 IP";

/** The uuid of a scenario's Allure result in the run's results. */
async function resultUuid(name: string): Promise<string> {
  const dir = path.join(root, OUT, "allure-results");
  for (const f of await readdir(dir)) {
    if (!f.endsWith("-result.json")) continue;
    const r = JSON.parse(await readFile(path.join(dir, f), "utf8")) as { name?: string; uuid: string };
    if (r.name === name) return r.uuid;
  }
  throw new Error(`no Allure result named ${name} in ${dir}`);
}

test("docs: a real run becomes the documentation, read in Chromium without the network", { timeout: 600_000 }, async (t) => {
  const env = clusterEnv();
  const secret = `s3cr3t-kubecuke-docs-${randomBytes(8).toString("hex")}`;
  await rm(path.join(root, OUT), { recursive: true, force: true });
  await mkdir(path.join(root, OUT), { recursive: true });

  const run = await execa(path.join(root, "node_modules/.bin/cucumber-js"), ["--config", "test/report/docs-cucumber.mjs"], { cwd: root, reject: false, all: true, env: { ...env, KUBECUKE_REPORT_TEST_SECRET: secret } });
  assert.notEqual(run.exitCode, 0, `cucumber must fail (one scenario fails on purpose):\n${run.all}`);
  const results = await readResults(path.join(root, OUT, "allure-results"));
  assert.equal(results.get(ZH_SCENARIO)?.status, "passed", `the tutorial's scenario passes:\n${run.all}`);
  const info = await collectEnvironmentInfo({ kubeconfigPath: env.KUBECUKE_KUBECONFIG!, context: env.KUBECUKE_CONTEXT, provider: env.KUBECUKE_PROVIDER ?? "local" });
  await writeEnvironmentProperties(path.join(root, OUT, "allure-results"), { ...info, "Run id": "docs-test" });

  const summary = await generateDocs({
    cwd: root, messages: `${OUT}/messages.ndjson`, out: `${OUT}/docs`, features: "features", index: "features/docs.yaml",
    environment: `${OUT}/allure-results/environment.properties`, report: `${OUT}/allure-report`, lang: "en",
  });
  t.diagnostic(`docs: ${summary.pages} pages, ${(summary.bytes / 1024).toFixed(0)} KiB in ${summary.ms} ms`);

  // the report's link to the scenario names a page and an anchor that exist
  const link = results.get(ZH_SCENARIO)!.links.find((l) => l.type === "docs");
  assert.ok(link && link.url.startsWith(`../docs/${ZH_PAGE}#`), `the Allure result links to its documentation page: ${JSON.stringify(results.get(ZH_SCENARIO)!.links)}`);
  const anchor = decodeURIComponent(link.url.split("#")[1]!);

  if (CHROMIUM === "/usr/bin/chromium") await ensureDebianPackages(PACKAGES.reportBrowser, { why: "the documentation's browser test", log: (l) => console.error(l) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const outside: string[] = [];
  const open = async (file: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(15_000);
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u.startsWith("file:") || u.startsWith("data:")) return route.continue();
      outside.push(u);
      return route.abort();
    });
    await page.goto(`file://${path.join(DOCS, file)}`);
    return page;
  };
  const shot = async (page: Page, name: string) => {
    const file = path.join(root, OUT, name);
    await page.screenshot({ path: file, fullPage: false });
    t.diagnostic(`screenshot: ${path.relative(root, file)}`);
  };
  try {
    // the contents page: the tutorial's book with both editions, search in Chinese and English
    const index = await open("index.html");
    await index.getByRole("heading", { name: /K8S 应用 —— 创建 Pod|Kubernetes applications: creating Pods/ }).first().waitFor();
    await shot(index, "docs-index.png");
    const search = index.getByRole("searchbox");
    await search.fill("输出表格中");
    const zhHits = index.locator("#search-results a");
    await zhHits.first().waitFor();
    assert.ok((await zhHits.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))).some((h) => h.startsWith(ZH_PAGE)), "a Chinese step is found");
    await search.fill("kubectl get pod -o wide");
    await zhHits.first().waitFor();
    const enHrefs = await zhHits.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    assert.ok(enHrefs.some((h) => h.startsWith(EN_PAGE)) && enHrefs.some((h) => h.startsWith(ZH_PAGE)), `an English step is found, in both editions: ${enHrefs.join(", ")}`);
    await shot(index, "docs-search.png");

    // the tutorial's page: Chinese headings, a passed mark, kubectl's real output
    const zh = await open(`${ZH_PAGE}#${encodeURIComponent(anchor)}`);
    assert.equal(await zh.locator("h1").innerText(), "K8S 应用 —— 创建 Pod（种子教程 k8s-pods.zh.md 全文）");
    const section = zh.locator("section.scenario", { has: zh.locator(`h2[id="${anchor}"]`) });
    assert.equal(await section.locator("h2").innerText(), ZH_SCENARIO);
    assert.equal(await section.getAttribute("data-mark"), "passed");
    const wide = section.locator("li.step", { has: zh.locator("pre.shell", { hasText: "kubectl get pod -o wide -l app=go" }) });
    assert.equal(await wide.getAttribute("data-mark"), "passed", "the step carries a passed mark");
    assert.match(await wide.locator(".mark").first().innerText(), /✓ 通过/);
    const output = await wide.locator("details.output pre").first().innerText();
    assert.match(output, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE/, `kubectl's header as printed:\n${output}`);
    assert.match(output, /^go-test\s+1\/1\s+Running\s+\d+\s+\S+\s+\d+\.\d+\.\d+\.\d+\s/m, "the Pod's row with its IP");
    assert.match(await zh.locator("#verification").innerText(), /运行 docs-test，Kubernetes v\d+\.\d+/);
    // and back to the report: the test Allure opens at index.html#<md5 of the result's uuid>
    const uuid = await resultUuid(ZH_SCENARIO);
    assert.equal(await section.locator("a.report-link").getAttribute("href"), `../allure-report/index.html#${createHash("md5").update(uuid).digest("hex")}`);
    await shot(zh, "docs-tutorial-zh.png");

    // a scenario that fails on purpose: its mark and its message, redacted
    const failing = await open(FAIL_PAGE);
    const failedSection = failing.locator('section.scenario[data-mark="failed"]');
    assert.equal(await failedSection.count(), 1);
    const message = await failedSection.locator(".failure").innerText();
    assert.match(message, /a value the Secret does not have/);
    await failedSection.locator(".failure").scrollIntoViewIfNeeded();
    await shot(failing, "docs-failed.png");

    // a page the run did not verify says so
    const notRun = await open("controller-pod.html");
    assert.match(await notRun.locator("#verification").innerText(), /Not verified by the latest run/);

    // a phone: nothing wider than the screen but the code blocks, which scroll by themselves
    const phone = await open(ZH_PAGE, { width: 390, height: 844 });
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 391, "no horizontal scrolling on a phone");
    await shot(phone, "docs-phone.png");
    assert.deepEqual(outside, [], "the documentation asks nothing of the outside world");
  } finally {
    await browser.close();
  }

  assert.deepEqual(await secretHits(DOCS, secret), [], "the Secret value appears in no file of the site (plain or base64)");
  assert.ok((await readFile(path.join(root, OUT, "messages.ndjson"), "utf8")).includes("kubectl get secret db -o yaml"));
});
