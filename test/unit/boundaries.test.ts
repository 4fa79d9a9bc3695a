import { test } from "node:test";
import assert from "node:assert/strict";
import { folderCycles, importCycles, layerViolations, readGraph, readsProcessEnv, resolveSpecifier, type ImportGraph } from "../../scripts/check-boundaries.ts";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { depsViolations, folderGraph, parseDepsList, printFolderGraph, readDepsLists, staleEntries, unitOf, type DepsList } from "../../scripts/check-boundaries-deps.ts";
import { functionSizes, lineCount, sizeViolations } from "../../scripts/check-boundaries-size.ts";

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

test("specifiers: relative ones become project paths, packages their names", () => {
  assert.equal(resolveSpecifier("engine/kube/apply.ts", "../errors.ts"), "engine/errors.ts");
  assert.equal(resolveSpecifier("steps/support/hooks.ts", "../../engine/scenario/context.ts"), "engine/scenario/context.ts");
  assert.equal(resolveSpecifier("engine/x.ts", "@cucumber/cucumber/api"), "@cucumber/cucumber");
  assert.equal(resolveSpecifier("engine/x.ts", "allure-js-commons"), "allure-js-commons");
  assert.equal(resolveSpecifier("engine/x.ts", "node:fs/promises"), "node:fs/promises");
});

test("the engine may not import Cucumber, Allure's runtime or steps/; engine/kube/ only itself, errors.ts and seconds.ts", () => {
  const v = layerViolations(graph({
    "engine/a.ts": ["@cucumber/cucumber", "allure-js-commons", "steps/support/world.ts", "execa", "engine/kube/client.ts"],
    "engine/kube/ok.ts": ["engine/kube/client.ts", "engine/errors.ts", "engine/seconds.ts", "@kubernetes/client-node", "node:path"],
    "engine/kube/bad.ts": ["engine/settings/env.ts"],
    "steps/x.steps.ts": ["@cucumber/cucumber", "engine/a.ts"],
  }));
  assert.deepEqual(v.map((l) => l.split(":")[0]), ["engine/a.ts imports @cucumber/cucumber", "engine/a.ts imports allure-js-commons", "engine/a.ts imports steps/support/world.ts", "engine/kube/bad.ts imports engine/settings/env.ts"]);
  assert.match(v[3] ?? "", /engine\/kube\/ may import only engine\/kube\/, engine\/errors.ts and engine\/seconds.ts/);
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

const lists = (files: Record<string, string>): DepsList[] =>
  Object.entries(files).map(([dir, text]) => {
    const { list, problems } = parseDepsList(dir, text);
    assert.deepEqual(problems, []);
    return list;
  });

test("a DEPS.list is read as Playwright's: sections, paths, packages, comments; a line it cannot read names file and line", () => {
  const { list, problems } = parseDepsList("engine/wait", "# waits\n[*]\n../kube/  # the client\nnode:http\nnode_modules/yaml\n\n[rollout.ts]\n../errors.ts\n");
  assert.deepEqual(problems, []);
  assert.deepEqual([...list.sections.keys()], ["*", "rollout.ts"]);
  assert.deepEqual(list.sections.get("*")?.map((e) => `${e.line}:${e.entry}`), ["3:../kube/", "4:node:http", "5:node_modules/yaml"]);
  assert.deepEqual(parseDepsList("engine/x", "../kube/\n").problems, ['engine/x/DEPS.list:1: "../kube/" comes before any section; start with [*] (every file of the folder) or [name.ts]']);
  assert.match(parseDepsList("engine/x", "[*]\nyaml\n").problems[0] ?? "", /^engine\/x\/DEPS.list:2: "yaml" is neither a path/);
});

test("an import its folder's DEPS.list does not allow is refused, naming the file, the import and the line to add", () => {
  const deps = lists({
    "engine/wait": "[*]\n../kube/\n../errors.ts\nnode:http\nnode_modules/yaml\n[rollout.ts]\n../settings/\n",
    "engine/cluster": "[*]\n../kube/**\nnode:*\n",
  });
  const g = graph({
    "engine/wait/watch.ts": ["engine/kube/client.ts", "engine/errors.ts", "engine/wait/list-watch.ts", "node:http", "yaml", "engine/settings/env.ts", "execa", "node:fs"],
    "engine/wait/rollout.ts": ["engine/settings/env.ts", "engine/kube/sub/deep.ts"],
    "engine/wait/list-watch.ts": [],
    "engine/cluster/local/index.ts": ["engine/cluster/provider.ts", "engine/kube/sub/deep.ts", "node:fs", "engine/wait/watch.ts"],
    "engine/cluster/provider.ts": [],
    "engine/kube/client.ts": [], "engine/kube/sub/deep.ts": [], "engine/errors.ts": [], "engine/settings/env.ts": [],
    "steps/x.steps.ts": ["engine/errors.ts"],
  });
  const v = depsViolations(g, deps);
  assert.deepEqual(v.map((l) => l.split(":")[0]), [
    "engine/wait/watch.ts imports engine/settings/env.ts", // [rollout.ts] allows it to rollout.ts only
    "engine/wait/watch.ts imports execa",
    "engine/wait/watch.ts imports node",
    "engine/wait/rollout.ts imports engine/kube/sub/deep.ts", // ../kube/ is the folder's own files, not below
    "engine/cluster/local/index.ts imports engine/wait/watch.ts", // local/ has no list: engine/cluster's governs it
    "engine/kube/client.ts", "engine/kube/sub/deep.ts", "engine/errors.ts", "engine/settings/env.ts", "steps/x.steps.ts",
  ]);
  assert.equal(v[0], 'engine/wait/watch.ts imports engine/settings/env.ts: engine/wait/DEPS.list does not allow engine/settings/. Pass the value in from a caller that may import it, move the shared piece to a lower folder, or, if engine/wait may depend on it, add "../settings/" under [*] (or under [watch.ts]) in engine/wait/DEPS.list');
  assert.match(v[1] ?? "", /does not allow the package execa\. .*add "node_modules\/execa"/);
  assert.match(v[5] ?? "", /^engine\/kube\/client.ts: no DEPS.list governs it; add engine\/kube\/DEPS.list/);
  assert.equal(unitOf("engine/cluster/local/index.ts", deps), "engine/cluster");
});

test("a cycle between folders is refused even when no file imports itself back", () => {
  const deps = lists({ "engine/settings": "[*]\n../cluster/\n", "engine/cluster": "[*]\n../settings/\n../kube/\n", "engine/kube": "[*]\n" });
  const g = graph({
    "engine/settings/env.ts": ["engine/cluster/names.ts"],
    "engine/cluster/names.ts": ["engine/kube/x.ts"],
    "engine/cluster/choose.ts": ["engine/settings/env.ts", "engine/settings/pins.ts"],
    "engine/settings/pins.ts": [], "engine/kube/x.ts": [],
  });
  assert.deepEqual(importCycles(g), [], "no file cycle");
  assert.deepEqual(depsViolations(g, deps), [], "and every import is listed");
  const { cycles, problems } = folderCycles(g, deps);
  assert.deepEqual(cycles, [{ members: ["engine/cluster", "engine/settings"], loop: ["engine/cluster", "engine/settings", "engine/cluster"] }]);
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? "", /^folder cycle among engine\/cluster, engine\/settings: engine\/cluster → engine\/settings \(2: engine\/cluster\/choose.ts imports engine\/settings\/env.ts\); engine\/settings → engine\/cluster \(1: engine\/settings\/env.ts imports engine\/cluster\/names.ts\)\. A folder may not depend/);
  // a chain of folders is not a cycle; the graph names folders, edges with their counts and "none"
  const chain = graph({ "engine/cluster/choose.ts": ["engine/settings/env.ts", "engine/settings/pins.ts"], "engine/settings/env.ts": ["engine/kube/x.ts"], "engine/settings/pins.ts": [], "engine/kube/x.ts": [] });
  assert.deepEqual(folderCycles(chain, deps), { cycles: [], problems: [] });
  assert.equal(printFolderGraph(chain, folderGraph(chain, deps), deps, []), [
    "folders (3): engine/cluster (1 files), engine/kube (1 files), engine/settings (2 files)",
    "imports between folders (file → file imports):",
    "  engine/cluster → engine/settings (2)",
    "  engine/settings → engine/kube (1)",
    "folder cycles: none",
  ].join("\n"));
});

test("size rules: files over 300 lines and functions over 60 in engine/ and steps/, counted as wc -l counts", () => {
  assert.equal(lineCount("a\nb\n"), 2);
  assert.equal(lineCount("a\nb"), 2);
  const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  x${i}();`).join("\n");
  const text = [
    `export async function long() {\n${body(61)}\n}`,
    `function justFits() {\n${body(60)}\n}`,
    `const arrow = async () => {\n${body(61)}\n};`,
    `class Provider {\n  async up(): Promise<void> {\n${body(61)}\n  }\n}`,
  ].join("\n");
  assert.deepEqual(functionSizes("engine/a.ts", text).map((f) => `${f.name}:${f.line}:${f.lines}`), ["long:1:61", "justFits:62:60", "arrow:122:61", "Provider.up:184:61"]);
  const long = Array.from({ length: 301 }, () => "x();").join("\n") + "\n";
  const v = sizeViolations(new Map([["engine/a.ts", text], ["steps/s.ts", long], ["scripts/big.ts", long + text], ["engine/ok.ts", long.slice(5)]]));
  assert.deepEqual(v, [
    "engine/a.ts:1: function long is 61 lines (at most 60): split it into named steps",
    "engine/a.ts:122: function arrow is 61 lines (at most 60): split it into named steps",
    "engine/a.ts:184: function Provider.up is 61 lines (at most 60): split it into named steps",
    "steps/s.ts: 301 lines (at most 300): split it by job, one module one job",
  ]);
});

test("DEPS.list files are found on disk, the nearest one governs, and an entry naming nothing is refused", () => {
  const root = mkdtempSync(path.join(tmpdir(), "kubecuke-deps-"));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("DEPS.list", "[*]\n./engine/**\n");
  write("engine/kube/DEPS.list", "[*]\n../errors.ts\n../gone/\n[missing.ts]\nnode:fs\n");
  write("engine/kube/sub/a.ts", "");
  write("engine/errors.ts", "");
  const { lists, problems } = readDepsLists(root, ["engine"]);
  assert.deepEqual(problems, []);
  assert.deepEqual(lists.map((l) => l.dir), ["", "engine/kube"]);
  assert.equal(unitOf("engine/kube/sub/a.ts", lists), "engine/kube");
  assert.equal(unitOf("engine/errors.ts", lists), ".");
  assert.deepEqual(staleEntries(root, lists), [
    "engine/kube/DEPS.list:3: ../gone/ names nothing that exists; remove it or fix the path",
    "engine/kube/DEPS.list: [missing.ts] names no file of the folder; rename or remove the section",
  ]);
});
