// npm run test:package (a phase of npm test, on Node 24): kubecuke as a team gets it, outside
// this repository. `npm pack`; a fresh directory; `npm install <tarball>` (its dependencies from
// the registry); `npx kubecuke init`; a step and a feature of the team's own; an image archive
// built here; `npx kubecuke run` on the cluster the environment names (npm test's; a run never
// stops a cluster it did not start) with the image in KUBECUKE_IMAGES: every scenario passes and
// the Allure report is written; then the Cucumber language server, pointed at the project, finds
// every step of both example features. The steps typecheck against the package's declarations. Prints the tarball's size and file count, the install
// time and init → first green run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { writeBusyboxArchive } from "../support/image-archive.ts";
import { scenarioOutcomes } from "./results.ts";
import { TEAM_FEATURE, TEAM_IMAGE, TEAM_STEPS } from "./team.ts";
import { undefinedSteps } from "./editor.ts";
import { inheritedEnv } from "../../engine/settings/env.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// npm run's own npm_* variables would configure the nested npm commands: they go
const env = Object.fromEntries(Object.entries(inheritedEnv()).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

test("kubecuke from its tarball in an empty project: init, the team's step and image, a green run, the editor", { timeout: 40 * 60_000 }, async (t) => {
  const work = await mkdtemp(path.join(tmpdir(), "kubecuke-package-"));
  t.after(() => rm(work, { recursive: true, force: true }));
  const project = path.join(work, "project");
  await mkdir(project);
  const inProject = async (cmd: string, args: string[], o: { env?: Record<string, string | undefined>; timeout?: number } = {}): Promise<{ exitCode: number | undefined; all: string }> => {
    const r = await execa(cmd, args, { cwd: project, env, extendEnv: false, reject: false, all: true, ...o });
    return { exitCode: r.exitCode, all: String(r.all ?? "") };
  };

  // 1. the tarball (prepack builds dist/)
  const packed = await execa("npm", ["pack", "--json", "--pack-destination", work], { cwd: repo, env, extendEnv: false });
  const info = (JSON.parse(packed.stdout) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> }>)[0]!;
  t.diagnostic(`tarball ${info.filename}: ${(info.size / 1024).toFixed(0)} kB, ${info.entryCount} files (${(info.unpackedSize / 1024).toFixed(0)} kB unpacked)`);
  const typescript = info.files.map((f) => f.path).filter((p) => p.endsWith(".ts") && !p.endsWith(".d.ts") && !p.startsWith("templates/"));
  assert.deepEqual(typescript, [], "the package runs no TypeScript (Node strips no types under node_modules)");

  // 2. an empty project, kubecuke installed from the tarball
  assert.equal((await inProject("npm", ["init", "-y"])).exitCode, 0);
  let t0 = Date.now();
  const install = await inProject("npm", ["install", "--save-dev", "--no-audit", "--no-fund", path.join(work, info.filename)]);
  assert.equal(install.exitCode, 0, install.all);
  t.diagnostic(`npm install <tarball> into an empty project: ${seconds(t0)} s (${install.all.trim().split("\n").at(-1)})`);

  // 3. init, then a second init refuses to overwrite
  t0 = Date.now();
  const init = await inProject("npx", ["kubecuke", "init"]);
  const initMs = Date.now() - t0;
  assert.equal(init.exitCode, 0, init.all);
  for (const f of ["cucumber.mjs", "features/example.feature", "features/zh-CN/example.feature", "steps/my.steps.ts", ".vscode/settings.json", ".github/workflows/kubecuke.yml"]) {
    assert.ok(existsSync(path.join(project, f)), `init wrote ${f}`);
  }
  const pkg = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8")) as { scripts: Record<string, string>; type?: string };
  assert.equal(pkg.scripts.test, "kubecuke run");
  assert.equal(pkg.type, "module", "npm init's commonjs became module (no .js file in the project)");
  const again = await inProject("npx", ["kubecuke", "init"]);
  assert.equal(again.exitCode, 1, "a second init refuses");
  assert.match(again.all ?? "", /exist already, nothing was written:[\s\S]*cucumber\.mjs[\s\S]*--force/);

  // 4. what the team adds by hand: a step, a feature, its image
  await writeFile(path.join(project, "steps", "team.steps.ts"), TEAM_STEPS);
  await writeFile(path.join(project, "features", "team.feature"), TEAM_FEATURE);
  await mkdir(path.join(project, "images"));
  await writeBusyboxArchive(path.join(project, "images", "hello.tar"), TEAM_IMAGE);

  // the steps typecheck against the package's declarations (TypeScript from this repository)
  const tsc = await inProject(process.execPath, [path.join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
  assert.equal(tsc.exitCode, 0, `the init'ed tsconfig.json typechecks steps/ with kubecuke's types: ${tsc.all}`);

  // 5. answered before any cluster work
  const none = await inProject("npx", ["kubecuke", "run", "--tags", "@nothing"]);
  assert.equal(none.exitCode, 1);
  assert.match(none.all ?? "", /no scenario matches --tags "\(@nothing\)"; nothing to run, no cluster was started/);
  const dry = await inProject("npx", ["kubecuke", "run", "--dry-run", "--format", "summary"]);
  assert.equal(dry.exitCode, 0, `every step is defined (kubecuke's and the team's): ${dry.all}`);

  // 6. the run: the examples, the team's step, the team's image
  await rm(path.join(project, "reports"), { recursive: true, force: true }); // the dry run's messages
  t0 = Date.now();
  const run = await inProject("npx", ["kubecuke", "run"], {
    env: { ...env, KUBECUKE_IMAGES: "images/hello.tar", KUBECUKE_REPORT_IN_BACKGROUND: "0", KUBECUKE_CLEANUP_IN_BACKGROUND: "0" },
    timeout: 30 * 60_000,
  });
  const outcomes = scenarioOutcomes(await readFile(path.join(project, "reports", "messages.ndjson"), "utf8").catch(() => ""));
  const runMs = Date.now() - t0;
  t.diagnostic(`npx kubecuke init: ${(initMs / 1000).toFixed(1)} s; npx kubecuke run: exit ${run.exitCode} in ${(runMs / 1000).toFixed(1)} s; init + first run: ${((initMs + runMs) / 1000).toFixed(1)} s`);
  const expected = [
    "A ConfigMap from a fixture file", "kubectl sees a Service the scenario applied", "A step of your own (steps/my.steps.ts)",
    "从夹具文件创建 ConfigMap", "用 kubectl 查看场景创建的 Service", "你自己的步骤（steps/my.steps.ts）", "A Pod runs the team's image, put into the cluster by kubecuke",
  ];
  assert.deepEqual(Object.fromEntries(expected.map((n) => [n, outcomes.get(n)])), Object.fromEntries(expected.map((n) => [n, "PASSED"])), run.all?.slice(-6000));
  assert.equal(outcomes.size, expected.length, `no other scenario ran: ${[...outcomes.keys()].join(", ")}`);
  assert.equal(run.exitCode, 0, run.all?.slice(-4000));
  assert.ok(existsSync(path.join(project, "reports", "allure-report", "index.html")), "the Allure report is written");
  assert.match(run.all ?? "", /view the report: npx kubecuke report --open/, "the run's last line says how to open the report");

  // 7. the editor: both example features have no undefined step (kubecuke's and the team's found)
  const { undefinedByFile, found, probe } = await undefinedSteps(repo, project, ["features/example.feature", "features/zh-CN/example.feature"]);
  t.diagnostic(`language server: ${found} step definitions indexed in the project`);
  assert.deepEqual(undefinedByFile, { "features/example.feature": [], "features/zh-CN/example.feature": [] });
  assert.equal(probe.length, 1, `a step nobody defined is reported, so the check can fail: ${probe.join("; ")}`);
});
