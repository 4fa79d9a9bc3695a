import assert from "node:assert/strict";
import test from "node:test";
import { buildSearchIndex, searchIndex, terms } from "../../engine/docs/search.ts";
import { script } from "../../engine/docs/assets.ts";

const index = buildSearchIndex([
  { p: "zh.html", a: "s1", t: "查看 Pod", k: "scenario", x: "进入 Pod 里的指定容器" },
  { p: "en.html", a: "s2", t: "Get the Pod", k: "step", x: "When I run kubectl get pod -o wide" },
  { p: "en.html", a: "s3", t: "Logs", k: "output", x: "try_go listening on :8080" },
  { p: "en.html", a: "s2", t: "Get the Pod", k: "step", x: "Then the output has a row whose NAME is go-test, wide" },
]);

test("CJK text is indexed as characters and pairs, other text as words", () => {
  assert.deepEqual(terms("进入 Pod 容器").sort(), ["pod", "入", "器", "容", "容器", "进", "进入"].sort());
});

test("search finds Chinese anywhere in a phrase, English words by prefix, all parts required", () => {
  assert.deepEqual(searchIndex(index, "指定容器").map((e) => e.a), ["s1"]);
  assert.deepEqual(searchIndex(index, "容").map((e) => e.a), ["s1"]);
  assert.deepEqual(searchIndex(index, "kube wide").map((e) => e.a), ["s2"]);
  assert.deepEqual(searchIndex(index, "wide").map((e) => [e.a, e.k]), [["s2", "step"]], "one step hit per scenario");
  assert.deepEqual(searchIndex(index, "POD").map((e) => e.a), ["s1", "s2"], "case-insensitive; scenarios before steps");
  assert.deepEqual(searchIndex(index, "kubectl 容器"), []);
  assert.deepEqual(searchIndex(index, ":8080").map((e) => e.a), ["s3"]);
  assert.deepEqual(searchIndex(index, "  "), []);
});

test("the page's script embeds the same search function, runnable without the module", () => {
  const src = script();
  const fn = new Function(`${src.slice(0, src.indexOf("(function () {"))}; return searchIndex;`)() as typeof searchIndex;
  assert.deepEqual(fn(index, "指定容器").map((e) => e.a), ["s1"]);
});
