// The package and its command line, without a cluster: the declarations' import rewrite, what
// `kubecuke init` writes and refuses, and what `kubecuke run` answers before any cluster work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { reachableDeclarations, rewriteDeclaration } from "../../scripts/build-package.ts";
import { main as init, templateFiles, withScripts } from "../../scripts/init.ts";
import { inheritedEnv } from "../../engine/settings/env.ts";

test("declarations import .js where the sources import .ts; packages and other strings stay", () => {
  assert.equal(rewriteDeclaration('export { A } from "./a.ts";\nimport type { B } from "../b/c.ts";\ntype T = import("./t.ts").T;'), 'export { A } from "./a.js";\nimport type { B } from "../b/c.js";\ntype T = import("./t.js").T;');
  assert.equal(rewriteDeclaration('import x from "pkg.ts"; const s = "./not-an-import.ts";'), 'import x from "pkg.ts"; const s = "./not-an-import.ts";');
});

test("init's scripts: added, npm's placeholder replaced, a script of the user's kept and named", () => {
  const fresh = withScripts({});
  assert.deepEqual(fresh.pkg.scripts, { test: "kubecuke run", "test:dry": "kubecuke run --dry-run", report: "kubecuke report --open" });
  const placeholder = withScripts({ scripts: { test: 'echo "Error: no test specified" && exit 1' } });
  assert.equal((placeholder.pkg.scripts as Record<string, string>).test, "kubecuke run");
  const theirs = withScripts({ scripts: { test: "vitest", report: "kubecuke report --open" } });
  assert.equal((theirs.pkg.scripts as Record<string, string>).test, "vitest");
  assert.deepEqual(theirs.kept, ['test (kept "vitest"; kubecuke\'s would be "kubecuke run")']);
  assert.deepEqual(theirs.added, ["test:dry: kubecuke run --dry-run"]);
});

test("init writes the project, refuses to overwrite (listing the files), and overwrites with --force", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-init-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const files = (await templateFiles()).map((f) => f.to);
  assert.ok(files.includes(".vscode/settings.json") && files.includes(".github/workflows/kubecuke.yml") && files.includes("steps/my.steps.ts"), files.join(", "));
  assert.ok(!files.includes("gitignore"), ".gitignore is merged, not copied");
  await writeFile(path.join(dir, ".gitignore"), "node_modules/\ndist/\n");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "team", type: "commonjs", scripts: { test: "vitest" } }));
  assert.equal(await init([dir]), 0);
  for (const f of files) assert.ok(existsSync(path.join(dir, f)), f);
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { type: string; scripts: Record<string, string> };
  assert.equal(pkg.scripts.test, "vitest", "the user's test script is kept");
  assert.equal(pkg.type, "module", "no .js file in the project: the steps' ES modules need it");
  assert.equal(readFileSync(path.join(dir, ".gitignore"), "utf8"), "node_modules/\ndist/\nreports/\n.kubecuke/\n");
  await writeFile(path.join(dir, "cucumber.mjs"), "// mine\n");
  assert.equal(await init([dir]), 1, "a second init refuses");
  assert.equal(readFileSync(path.join(dir, "cucumber.mjs"), "utf8"), "// mine\n", "and writes nothing");
  assert.equal(await init([dir, "--force"]), 0);
  assert.notEqual(readFileSync(path.join(dir, "cucumber.mjs"), "utf8"), "// mine\n");
});

test("kubecuke run answers --help, an unknown option, an empty selection and --dry-run before any cluster work", { timeout: 120_000 }, async () => {
  // a cluster that cannot exist: any cluster work would fail differently
  const env = { ...inheritedEnv(), KUBECUKE_PROVIDER: "existing", KUBECUKE_EXISTING_KUBECONFIG: "/nonexistent/kubeconfig" };
  const run = (...args: string[]) => execa(process.execPath, ["bin/kubecuke.js", "run", ...args], { env, reject: false, all: true });
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-dry-"));
  const feature = path.join(dir, "undefined.feature");
  await writeFile(feature, "Feature: u\n  Scenario: u\n    Then a step nobody wrote\n");
  const [help, bogus, none, dry] = await Promise.all([run("--help"), run("--bogus"), run("--tags", "@nothing-has-this-tag"), run("--dry-run", "--format", "summary", feature)]);
  await rm(dir, { recursive: true, force: true });
  assert.equal(help.exitCode, 0, help.all);
  assert.match(help.all, /Provider flags[\s\S]*--provider[\s\S]*Usage: cucumber-js/);
  assert.equal(bogus.exitCode, 2, "a bad argument exits 2");
  assert.match(bogus.all, /unknown option '--bogus'[\s\S]*cucumber refused the arguments above[\s\S]*No cluster was started/);
  assert.equal(none.exitCode, 1);
  assert.match(none.all, /no scenario matches --tags "\(@nothing-has-this-tag\)"; nothing to run, no cluster was started/);
  assert.equal(dry.exitCode, 1, "a dry run with an undefined step fails (cucumber itself calls it a success)");
  assert.match(dry.all, /--dry-run: 1 undefined and 0 ambiguous step\(s\)/);
  assert.doesNotMatch(none.all + bogus.all + help.all + dry.all, /nonexistent|existing cluster/, "no cluster was looked at");
});

test("the package keeps only the declarations its exports reach", () => {
  const files: Record<string, string> = {
    "index.d.ts": 'export { A } from "./engine/a.js";\nexport type { W } from "./steps/support/world.js";',
    "engine/a.d.ts": 'import type { B } from "../engine/kube/b.js";\nexport type A = B;',
    "engine/kube/b.d.ts": "export type B = string;",
    "steps/support/world.d.ts": 'export type W = import("./hooks.js").H;',
    "steps/support/hooks.d.ts": "export type H = number;",
    "engine/docs/site.d.ts": 'import type { B } from "../kube/b.js";',
  };
  const kept = reachableDeclarations(["index.d.ts", "missing.d.ts"], (f) => files[f]);
  assert.deepEqual([...kept].sort(), ["engine/a.d.ts", "engine/kube/b.d.ts", "index.d.ts", "steps/support/hooks.d.ts", "steps/support/world.d.ts"]);
});
