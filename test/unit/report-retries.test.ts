import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { countResults } from "../../engine/report/allure.ts";
import { flakyAttempts, groupAttempts, markFlakyRetries, type AttemptResult } from "../../engine/report/retries.ts";

const r = (uuid: string, historyId: string, status: string, start: number): AttemptResult => ({ uuid, historyId, status, start, stop: start + 1 });

test("a test that failed and then passed on a retry is flaky; its last attempt is the one marked", () => {
  // written out of order on purpose: attempts are ordered by start time, not by file
  const results = [r("b2", "B", "passed", 20), r("a1", "A", "passed", 5), r("b1", "B", "failed", 10), r("c1", "C", "broken", 1), r("c2", "C", "passed", 2)];
  assert.deepEqual(flakyAttempts(results).sort(), ["b2", "c2"]);
  assert.deepEqual(groupAttempts(results).map((g) => g.map((x) => x.uuid)), [["b1", "b2"], ["a1"], ["c1", "c2"]]);
});

test("not flaky: passed once, failed on every attempt, or passed first and failed last", () => {
  assert.deepEqual(flakyAttempts([r("a", "A", "passed", 1)]), []);
  assert.deepEqual(flakyAttempts([r("a1", "A", "failed", 1), r("a2", "A", "failed", 2)]), []);
  assert.deepEqual(flakyAttempts([r("a1", "A", "passed", 1), r("a2", "A", "failed", 2)]), []);
  assert.deepEqual(flakyAttempts([r("a1", "A", "skipped", 1), r("a2", "A", "passed", 2)]), []);
});

test("markFlakyRetries writes statusDetails.flaky on the passing attempt only, once; countResults counts tests by their last attempt", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-retries-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const write = (x: AttemptResult & Record<string, unknown>) => writeFile(path.join(dir, `${x.uuid}-result.json`), JSON.stringify(x));
  await write({ ...r("f1", "F", "broken", 1), statusDetails: { message: "wait timed out" }, name: "flaky" });
  await write({ ...r("f2", "F", "passed", 2), statusDetails: {}, name: "flaky" });
  await write({ ...r("p1", "P", "passed", 3), name: "plain" });
  await writeFile(path.join(dir, "environment.properties"), "Provider=local\n");
  assert.equal(await markFlakyRetries(dir), 1);
  const read = async (u: string) => JSON.parse(await readFile(path.join(dir, `${u}-result.json`), "utf8")) as AttemptResult;
  assert.equal((await read("f2")).statusDetails?.flaky, true);
  assert.equal((await read("f1")).statusDetails?.flaky, undefined, "the failed attempt stays as it was");
  assert.deepEqual((await read("f1")).statusDetails, { message: "wait timed out" });
  assert.equal((await read("p1")).statusDetails, undefined);
  assert.equal(await markFlakyRetries(dir), 0, "a second pass changes nothing");
  assert.deepEqual(await countResults(dir), { results: 2, byStatus: { passed: 2 }, retries: 1, flaky: 1 });
});
