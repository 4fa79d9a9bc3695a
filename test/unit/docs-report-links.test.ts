import assert from "node:assert/strict";
import test from "node:test";
import { reportTargets } from "../../engine/docs/report-links.ts";

test("a scenario's test in the Allure report: the MD5 of the latest linked result's uuid", () => {
  const docs = (url: string) => [{ type: "issue", url: "issue:4" }, { type: "docs", url }];
  const targets = reportTargets([
    { uuid: "031e2474-3d36-4404-ad9e-4d7f338d4119", stop: 2, links: docs("../docs/zh-CN.k8s-pods.html#%E8%87%AA%E4%B8%BB%E5%BC%8F-pod") },
    { uuid: "first-attempt", stop: 1, links: docs("https://ci.example.com/docs/pod.html#get-the-pod") },
    { uuid: "retry", stop: 5, links: docs("https://ci.example.com/docs/pod.html#get-the-pod") },
    { uuid: "no-docs-link", links: [{ type: "issue", url: "issue:4" }] },
  ]);
  // the id Allure 3 gave this result in a real report (index.html#f7fe…)
  assert.deepEqual([...targets], [
    ["zh-CN.k8s-pods.html#自主式-pod", "f7fe9044a38c31befd020003f2b5835d"],
    ["pod.html#get-the-pod", "165e6d21e0a2cc9ebb32ca05f90e0fa7"], // md5("retry"): the later attempt wins
  ]);
});
