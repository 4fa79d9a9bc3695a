import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { generateAllureReport, type GenerateOptions } from "../../engine/report/allure.ts";
import { startAllureGenerator } from "../../engine/report/allure-generator.ts";
import { HarnessError } from "../../engine/errors.ts";
import { packageFile } from "../../engine/package-paths.ts";

/** A results directory with one passed test, as allure-cucumberjs would write it. */
async function resultsDir(root: string): Promise<string> {
  const dir = path.join(root, "results");
  await mkdir(dir, { recursive: true });
  const result = { uuid: "0b7c6a1e-0000-4000-8000-000000000001", historyId: "h1", name: "a Pod is Ready", fullName: "features/x.feature:3", status: "passed", stage: "finished", start: 1_700_000_000_000, stop: 1_700_000_001_000, labels: [{ name: "feature", value: "X" }] };
  await writeFile(path.join(dir, `${result.uuid}-result.json`), JSON.stringify(result));
  return dir;
}

async function tmp(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-generator-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** True once the process is gone (within 10 s). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** The child processes and pipes holding this process (its own stdio is pipes under node --test). */
function holding(): string {
  return process.getActiveResourcesInfo().filter((r) => r === "ProcessWrap" || r === "PipeWrap").join(", ");
}

/** True once what holds this process is `before` again (within 5 s): what a run's end checks. */
async function released(before: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (holding() === before) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

test("a generator started early makes the report a generator started at once makes: same summary, same files, the job's settings", async (t) => {
  const root = await tmp(t);
  const results = await resultsDir(root);
  await cp(results, path.join(root, "results-2"), { recursive: true });
  const options = (results: string, out: string): GenerateOptions => ({ root, resultsDir: results, outputDir: out, singleFile: false, reportName: "generator test", historyPath: path.join(root, "history.jsonl"), appendHistory: false });
  const generator = startAllureGenerator(root);
  assert.ok(generator.pid);
  const early = await generateAllureReport(options("results", "early"), generator);
  const now = await generateAllureReport(options("results-2", "now"));
  // all but the time taken: sizes too (the report's own ids and times have fixed lengths)
  assert.deepEqual({ ...early, ms: 0 }, { ...now, ms: 0 });
  assert.deepEqual(early.byStatus, { passed: 1 });
  const files = async (dir: string) => (await readdir(path.join(root, dir), { recursive: true })).sort();
  assert.deepEqual(await files("early"), await files("now"));
  assert.ok((await files("early")).includes("index.html"));
  // KUBECUKE_REPORT_NAME reached allurerc through the job's line, before the config was read
  assert.match(await readFile(path.join(root, "early", "index.html"), "utf8"), /generator test/);
  assert.ok(await gone(generator.pid), "the generator exits after its job");
  generator.close(); // harmless after the job
});

test("a generator whose stdin ends without a job exits 0 and writes nothing", async (t) => {
  const root = await tmp(t);
  const r = await execa(process.execPath, [packageFile("engine/report/allure-generate.mjs"), "--from-stdin"], { cwd: root, input: "", reject: false, all: true });
  assert.equal(r.exitCode, 0);
  assert.equal(r.all, "");
  assert.deepEqual(await readdir(root), []);
  const before = holding();
  const generator = startAllureGenerator(root);
  assert.notEqual(holding(), before, "a running generator holds this process");
  generator.close();
  assert.ok(generator.pid && (await gone(generator.pid)), "closed, it exits");
  assert.ok(await released(before), `nothing of it holds this process: ${holding()}, before ${before}`);
  assert.deepEqual(await readdir(root), []);
});

test("a generator that died before its job fails the report the way a failed generation does", async (t) => {
  const root = await tmp(t);
  await resultsDir(root);
  const generator = startAllureGenerator(root);
  assert.ok(generator.pid);
  process.kill(generator.pid, "SIGKILL");
  assert.ok(await gone(generator.pid));
  await assert.rejects(generateAllureReport({ root, resultsDir: "results", outputDir: "out", singleFile: true, historyPath: path.join(root, "history.jsonl") }, generator), (err: Error) => {
    assert.ok(err instanceof HarnessError);
    assert.match(err.message, /^generate Allure report: allure generate --config \S+allurerc\.ts --output \S+out \S+results: exit SIGKILL/);
    return true;
  });
});
