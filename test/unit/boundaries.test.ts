import { test } from "node:test";
import assert from "node:assert/strict";
import { importCycles, layerViolations, readGraph, readsProcessEnv, resolveSpecifier, type ImportGraph } from "../../scripts/check-boundaries.ts";

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

test("specifiers: relative ones become project paths, packages their names", () => {
  assert.equal(resolveSpecifier("engine/kube/apply.ts", "../errors.ts"), "engine/errors.ts");
  assert.equal(resolveSpecifier("steps/support/hooks.ts", "../../engine/scenario/context.ts"), "engine/scenario/context.ts");
  assert.equal(resolveSpecifier("engine/x.ts", "@cucumber/cucumber/api"), "@cucumber/cucumber");
  assert.equal(resolveSpecifier("engine/x.ts", "allure-js-commons"), "allure-js-commons");
  assert.equal(resolveSpecifier("engine/x.ts", "node:fs/promises"), "node:fs/promises");
});

test("the engine may not import Cucumber, Allure's runtime or steps/; engine/kube/ only itself and errors.ts", () => {
  const v = layerViolations(graph({
    "engine/a.ts": ["@cucumber/cucumber", "allure-js-commons", "steps/support/world.ts", "execa", "engine/kube/client.ts"],
    "engine/kube/ok.ts": ["engine/kube/client.ts", "engine/errors.ts", "@kubernetes/client-node", "node:path"],
    "engine/kube/bad.ts": ["engine/settings/env.ts"],
    "steps/x.steps.ts": ["@cucumber/cucumber", "engine/a.ts"],
  }));
  assert.deepEqual(v.map((l) => l.split(":")[0]), ["engine/a.ts imports @cucumber/cucumber", "engine/a.ts imports allure-js-commons", "engine/a.ts imports steps/support/world.ts", "engine/kube/bad.ts imports engine/settings/env.ts"]);
  assert.match(v[3] ?? "", /engine\/kube\/ may import only engine\/kube\/ and engine\/errors.ts/);
});

test("cycles are found with a concrete path; a chain is not a cycle", () => {
  assert.deepEqual(importCycles(graph({ "a.ts": ["b.ts"], "b.ts": ["c.ts"], "c.ts": [] })), []);
  assert.deepEqual(importCycles(graph({ "a.ts": ["b.ts"], "b.ts": ["c.ts", "x"], "c.ts": ["a.ts"], "d.ts": ["a.ts"] })), [["a.ts", "b.ts", "c.ts", "a.ts"]]);
  assert.deepEqual(importCycles(graph({ "s.ts": ["s.ts"] })), [["s.ts", "s.ts"]]);
});

test("process.env in code counts, in comments and strings it does not", () => {
  assert.equal(readsProcessEnv("a.ts", "const x = process.env.HOME;"), true);
  assert.equal(readsProcessEnv("a.ts", "const { HOME } = process.env;"), true);
  assert.equal(readsProcessEnv("a.ts", "// reads process.env\nconst s = 'process.env';"), false);
});

test("the repository's files are read: export-from, type-only and dynamic imports included", () => {
  // (whether they hold the rules is the "import boundaries" phase of npm test)
  const { graph: g } = readGraph(process.cwd());
  assert.ok(g.get("engine/kube/kubectl.ts")?.includes("execa"));
  assert.ok(g.get("engine/cluster/lifecycle.ts")?.includes("engine/cluster/choose.ts"), "a type-only import counts");
  assert.ok(g.get("cucumber.mjs")?.includes("tsx"));
});
