import assert from "node:assert/strict";
import test from "node:test";
import { joinResults } from "../../engine/docs/results.ts";
import { buildFeature, outcomesByKey } from "../../engine/docs/model.ts";
import { buildSite } from "../../engine/docs/site.ts";
import { docsLink, pageName, scenarioAnchors } from "../../engine/docs/naming.ts";
import { parseDocsIndex } from "../../engine/docs/toc.ts";
import { parseProperties } from "../../engine/docs/properties.ts";
import { parseNdjson } from "../../engine/docs/messages.ts";
import { searchIndex, type SearchIndex } from "../../engine/docs/search.ts";
import { BadInputError } from "../../engine/errors.ts";
import { currentSources, EN_URI, enDocument, runEnvelopes, TOKEN, ZH_URI } from "./docs-fixture.ts";

const facts = { date: "2026-12-06 09:00 UTC", runId: "run-42", kubernetes: "v1.34.4", provider: "local", reportHref: "../allure-report/index.html", generated: "2026-12-06 09:10 UTC" };

function site() {
  return buildSite({ features: currentSources(), run: joinResults(runEnvelopes()), index: { books: [] }, facts, featuresDir: "features", indexFile: "features/docs.yaml", lang: "en" });
}

test("the run's results join by id: the final attempt, hooks that said something, redacted output and messages", () => {
  const run = joinResults(runEnvelopes());
  assert.equal(run.started?.toISOString(), "2026-12-06T08:45:58.000Z");
  assert.deepEqual(run.cases.map((c) => [c.pickle.name, c.mark]), [["Get the Pod", "passed"], ["Get the Pod", "failed"], ["Echo hi", "passed"], ["Echo ho", "passed"], ["查看 Pod", "passed"]]);
  const [passed, failed] = run.cases;
  assert.equal(passed!.mark, "passed");
  assert.deepEqual(passed!.hooks, [], "a hook whose only attachment is Allure's runtime message is not shown");
  const out = passed!.steps.get("p1a")!.attachments;
  assert.deepEqual(out.map((a) => a.name), ["kubectl get pod -o wide", "long output"]);
  assert.match(out[1]!.body, /^line 0 token: \[REDACTED\]/, "base64 decoded, then redacted again");
  assert.ok(!out[1]!.body.includes(TOKEN));
  assert.equal(failed!.mark, "failed");
  assert.equal(failed!.steps.get("p2c")!.message, "wait Pod/kc-1/x: expected Ready, last saw Pending (after 5 s) Bearer [REDACTED]");
  assert.deepEqual(failed!.hooks.map((h) => [h.name, h.attachments.map((a) => a.name)]), [["failure diagnostics, timeline and cleanup", ["events pod/x"]]]);
  const retried = run.cases.find((c) => c.pickle.name === "Echo hi")!;
  assert.deepEqual([retried.mark, retried.attempts, retried.steps.get("p3a")!.attachments.map((a) => a.body)], ["passed", 2, ["hi"]]);
});

test("a scenario the run did not select, or whose steps changed since, is not run", () => {
  const byKey = outcomesByKey(joinResults(runEnvelopes()));
  const [en] = currentSources();
  const f = buildFeature(en!, byKey)!;
  assert.deepEqual(f.scenarios.map((s) => [s.anchor, s.mark]), [["get-the-pod", "passed"], ["get-the-pod-2", "failed"], ["echo-word", "passed"], ["never-run", "not-run"]]);
  assert.deepEqual(f.counts, { passed: 3, failed: 1, skipped: 0, "not-run": 1 });
  assert.deepEqual(f.scenarios[2]!.runs.map((r) => [r.row, r.mark]), [[["hi"], "passed"], [["ho"], "passed"]]);
  const edited = { ...en!, pickles: en!.pickles.map((p) => (p.name === "Get the Pod" && p.steps[1]?.text.startsWith("I run") ? { ...p, steps: p.steps.map((s, i) => (i === 1 ? { ...s, text: 'I run "kubectl get pods"' } : s)) } : p)) };
  assert.equal(buildFeature(edited, byKey)!.scenarios[0]!.mark, "not-run");
});

test("a feature page: prose, kubectl as shell, manifests as YAML, marks, output under its step, the failure, and a plain verification line", () => {
  const page = site().files.get(pageName(EN_URI))!;
  assert.match(page, /<h1>Pods<\/h1>/);
  assert.match(page, /<p>A Pod from a manifest.<\/p>\n<ul><li>first<\/li><li>second<\/li><\/ul>/);
  assert.match(page, /<pre class="shell"><code>kubectl get pod -o wide<\/code><\/pre>/);
  assert.match(page, /<pre class="code" data-lang="yaml"><code>apiVersion: v1\nkind: Pod/);
  assert.match(page, /<details class="output" open><summary>kubectl get pod -o wide<\/summary><pre><code>[^<]*NOMINATED NODE[^<]*10\.244\.0\.7/);
  assert.match(page, /<details class="output"><summary>long output — 40 lines<\/summary>/, "long output starts collapsed");
  assert.match(page, /<div class="failure" role="alert"><strong>This step failed:<\/strong>\nwait Pod\/kc-1\/x: expected Ready, last saw Pending \(after 5 s\) Bearer \[REDACTED\]<\/div>/);
  assert.match(page, /Not verified by the latest run: 1 of 5 scenarios on this page were not run in it/);
  assert.match(page, /1 of 5 scenarios on this page failed in the latest run \(2026-12-06 09:00 UTC, run run-42, Kubernetes v1\.34\.4\)/);
  assert.match(page, /<h2 id="get-the-pod">Get the Pod<\/h2>/);
  assert.match(page, /data-mark="passed">✓ passed<\/span> — run run-42, 2026-12-06 09:00 UTC, Kubernetes v1\.34\.4/);
  assert.match(page, /<a href="zh-CN\.pod\.html" hreflang="zh-CN">中文 — Pod 教程<\/a>/, "the twin is linked");
  assert.match(page, /<a class="report-link" href="\.\.\/allure-report\/index\.html">in the test report<\/a>/, "no Allure results: the report's front page");
  assert.ok(!page.includes(TOKEN));
});

test("a Chinese page speaks Chinese; no page asks anything of another origin", () => {
  const s = site();
  const zh = s.files.get(pageName(ZH_URI))!;
  assert.match(zh, /<html lang="zh-CN">/);
  assert.match(zh, /<p>教程的说明：为什么要这样做。<\/p>/);
  assert.match(zh, /<span class="kw">当<\/span>我执行/);
  assert.match(zh, /✓ 通过/);
  for (const [name, html] of s.files) {
    if (!name.endsWith(".html")) continue;
    const refs = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    assert.deepEqual(refs.filter((r) => /^(https?:)?\/\//.test(r)), [], `${name} loads nothing from elsewhere`);
  }
  assert.ok(!s.files.get("style.css")!.includes("url("), "no fonts or images fetched by the stylesheet");
});

test("the contents page puts twins side by side; the search index finds steps in both languages", () => {
  const s = site();
  const index = s.files.get("index.html")!;
  assert.match(index, /<div class="toc-row" style="--cols:2"><ul lang="en"><li><a href="pod\.html" hreflang="en">Pods<\/a>.*<\/ul><ul lang="zh-CN"><li><a href="zh-CN\.pod\.html" hreflang="zh-CN">Pod 教程<\/a>/);
  const data = JSON.parse(s.files.get("search-index.js")!.replace(/^window\.KUBECUKE_SEARCH = /, "").replace(/;\n$/, "")) as SearchIndex;
  assert.deepEqual(searchIndex(data, "我执行").map((e) => [e.p, e.a]), [["zh-CN.pod.html", "查看-pod"]]);
  assert.ok(searchIndex(data, "nominated node").some((e) => e.k === "output"));
});

test("names: flat page files, unique anchors, and the report's link to a scenario", () => {
  assert.equal(pageName("features/zh-CN/k8s-pods.feature"), "zh-CN.k8s-pods.html");
  assert.equal(pageName("test/report/features/x y.feature"), "test.report.features.x-y.html");
  assert.deepEqual([...scenarioAnchors(enDocument.feature!.children).values()], ["get-the-pod", "get-the-pod-2", "echo-word", "never-run"]);
  assert.equal(docsLink(EN_URI, enDocument.feature!.children, "s2"), "../docs/pod.html#get-the-pod-2");
  assert.equal(docsLink(EN_URI, enDocument.feature!.children, "s2", "https://ci.example.com/42/docs"), "https://ci.example.com/42/docs/pod.html#get-the-pod-2", "KUBECUKE_DOCS_URL");
  assert.equal(docsLink(ZH_URI, [{ scenario: { id: "z", name: "查看 Pod" } }], "z"), "../docs/zh-CN.pod.html#%E6%9F%A5%E7%9C%8B-pod");
});

test("docs.yaml and environment.properties are read strictly; bad input names file and fix", () => {
  assert.deepEqual(parseDocsIndex({ books: [{ title: "T", en: ["a.feature"] }] }, "f.yaml"), { title: undefined, books: [{ title: { en: "T", "zh-CN": "T" }, intro: undefined, editions: { en: ["a.feature"] } }] });
  assert.throws(() => parseDocsIndex({ books: [{ title: "T", fr: ["a.feature"] }] }, "features/docs.yaml"), (e: Error) => e instanceof BadInputError && /features\/docs\.yaml: books\[0\]: unknown key "fr"/.test(e.message));
  assert.throws(() => buildSite({ features: currentSources(), run: joinResults([]), index: { books: [{ title: { en: "B" }, editions: { en: ["nope.feature"] } }] }, facts, featuresDir: "features", indexFile: "features/docs.yaml", lang: "en" }), /books\[0\]\.en names nope\.feature, but there is no features\/nope\.feature/);
  assert.deepEqual(parseProperties("Kubernetes\\ server=v1.34.4\nRun\\ id=abc\n# c\nNode.js=v20\n"), { "Kubernetes server": "v1.34.4", "Run id": "abc", "Node.js": "v20" });
  assert.throws(() => parseNdjson('{"meta":{}}\nnot json\n', "reports/messages.ndjson"), /reports\/messages\.ndjson:2: expected one JSON message per line/);
});

test("without a run, every page says it is not verified", () => {
  const s = buildSite({ features: currentSources(), run: joinResults([]), index: { books: [] }, facts: { generated: "now" }, featuresDir: "features", indexFile: "x", lang: "zh-CN" });
  assert.match(s.files.get("pod.html")!, /No run&#39;s results were found: nothing on this page has been verified\./);
  assert.match(s.files.get("index.html")!, /没有找到任何运行结果/);
});
