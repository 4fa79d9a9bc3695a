// The build kubecuke's own runs use (scripts/build.mjs, started by scripts/built.mjs) and how a
// build finds kubecuke's files (engine/package-paths.ts): its build.json names the package root.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { buildAround } from "../../engine/package-paths.ts";
import { CHECKOUT_ENTRIES, ENTRIES, runBuild } from "../../scripts/build.mjs";

const root = path.resolve(import.meta.dirname, "../..");

test("buildAround: the sources are no build; a chunk deep in a build finds its build.json and the package root it names", () => {
  assert.equal(buildAround("/p/engine/package-paths.ts"), undefined);
  const files = new Map([["/p/node_modules/.cache/kubecuke/run/abc/build.json", JSON.stringify({ packageRoot: "../../../../.." })]]);
  const found = buildAround("/p/node_modules/.cache/kubecuke/run/abc/chunks/chunk-X.js", (f) => files.has(f), (f) => files.get(f) ?? "");
  assert.deepEqual(found, { dir: "/p/node_modules/.cache/kubecuke/run/abc", packageRoot: "/p" });
  // compiled code outside any build: no path of kubecuke's can be trusted
  assert.throws(() => buildAround("/q/dist/engine/package-paths.js", () => false), /outside any build \(no build\.json above it\)/);
});

test("runBuild: every entry is built once, a second call reuses it, and the build names this checkout as its package root", { timeout: 120_000 }, async () => {
  const first = await runBuild(root);
  const again = await runBuild(root);
  assert.equal(again.dir, first.dir);
  assert.equal(again.built, false, "nothing changed: the cached build");
  for (const entry of [...ENTRIES, ...CHECKOUT_ENTRIES]) assert.ok(existsSync(path.join(first.dir, entry.replace(/\.ts$/, ".js"))), `${entry} is in the build`);
  const mark = JSON.parse(readFileSync(path.join(first.dir, "build.json"), "utf8")) as { packageRoot: string };
  assert.equal(path.resolve(first.dir, mark.packageRoot), root);
  // cucumber and Allure stay outside: one instance shared with cucumber's own code and formatters
  const steps = readFileSync(path.join(first.dir, "steps/index.js"), "utf8");
  assert.match(steps, /from "@cucumber\/cucumber"/);
});
