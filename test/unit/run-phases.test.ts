// The run's phases that need no cluster: select (its two rows of the phase table, the workers, a
// missing team image refused before any cluster work) and the end of the report phase (the
// table, phases.json and background.json a bench or script reads).
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import { openRun } from "../../engine/run/phases/context.ts";
import { finishReport } from "../../engine/run/phases/report.ts";
import { select, type Selection } from "../../engine/run/phases/select.ts";
import { PHASE } from "../../engine/report/phases.ts";
import { loadSettings } from "../../engine/settings/env.ts";

const SCENARIOS = [{ scenario: "a", tags: [] }, { scenario: "b", tags: ["@x"] }];
const selection = (cucumberArgs: string[] = []): Selection => ({ scenarios: SCENARIOS, ms: 40, cucumberArgs, order: undefined });

async function withRun<T>(env: Record<string, string>, fn: (r: ReturnType<typeof openRun>["run"], lines: string[], dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-phases-"));
  const lines: string[] = [];
  const { run, close } = openRun({ root: dir, settings: loadSettings({ env: { KUBECUKE_REPORTS_DIR: dir, ...env }, cwd: dir }), log: (l) => lines.push(l) });
  try {
    return await fn(run, lines, dir);
  } finally {
    close();
    await rm(dir, { recursive: true, force: true });
  }
}

test("select: the start and the selection are the table's first rows; no more workers than scenarios; --parallel keeps cucumber apart", async () => {
  await withRun({ KUBECUKE_WORKERS: "4" }, async (run) => {
    const chosen = await select(run, selection());
    assert.ok(!("exitCode" in chosen));
    assert.deepEqual([chosen.workers, chosen.here], [2, false]);
    assert.deepEqual(run.clock.phases.map((p) => p.name), [PHASE.start, PHASE.selection]);
    assert.equal(run.clock.phases[1]?.ms, 40);
  });
  await withRun({ KUBECUKE_WORKERS: "1" }, async (run) => {
    const here = await select(run, selection());
    const apart = await select(run, selection(["--parallel", "2"]));
    assert.ok(!("exitCode" in here) && !("exitCode" in apart));
    assert.deepEqual([here.here, apart.here], [true, false]);
  });
});

test("select: a team image that is not there ends the run with exit code 2 and its message, before any cluster work", async () => {
  await withRun({ KUBECUKE_IMAGES: "images/missing.tar" }, async (run, lines) => {
    assert.deepEqual(await select(run, selection()), { exitCode: 2 });
    assert.match(lines.join("\n"), /^\[kubecuke\] .*missing\.tar/);
  });
});

test("the report's end: its line, the phase table, how to view it; phases.json and background.json for scripts", async () => {
  await withRun({}, async (run, lines, dir) => {
    run.clock.add(PHASE.clusterUp, 1200);
    run.background.push({ what: "cleanup", pid: 42, log: path.join(dir, "cleanup.log") });
    // the documentation, written beside the run's cleanup, is done before the report's line
    const documentation = new Promise<void>((resolve) => setTimeout(() => resolve(run.log("documentation: here")), 20));
    await finishReport(run, { line: Promise.resolve("Allure report: here"), documentation });
    assert.equal(lines[0], "documentation: here");
    assert.equal(lines[1], "Allure report: here");
    assert.match(lines[2] ?? "", /^where the time went:\n {2}cluster up\s+1\.20 s\n {2}total \(wall\)/);
    assert.match(lines[3] ?? "", /^view the report: /);
    assert.deepEqual(JSON.parse(await readFile(path.join(dir, "phases.json"), "utf8")), [{ name: "cluster up", ms: 1200 }]);
    assert.deepEqual(JSON.parse(await readFile(path.join(dir, "background.json"), "utf8")), [{ what: "cleanup", pid: 42, log: path.join(dir, "cleanup.log") }]);
  });
});
