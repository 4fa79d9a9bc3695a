import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { countResults } from "../../engine/report/allure.ts";
import { categorize } from "../../engine/report/categories.ts";
import { applyHookFailures, firstFailedHook, withHookFailure, type Container, type Fixture } from "../../engine/report/hook-failures.ts";

const CHECK_TRACE = "AssertionError: throughout the scenario: 1 check(s) did not hold:\n    at KubeWorld.<anonymous> (checks-at-end.js:36:19)";
const ENV_TRACE = "KubecukeBadInputError: features/v.feature:4: ${env:IMAGE_TAG} (step \"the variable …\")\n    at hooks.js:52";
const fixture = (name: string, status: string, start: number, trace?: string): Fixture => ({
  name,
  status,
  start,
  statusDetails: trace ? { message: trace, trace } : {},
});

test("a failed After hook fails a result whose steps passed, with the hook named and the trace kept", () => {
  const containers: Container[] = [
    { afters: [fixture("failure diagnostics, timeline and cleanup", "passed", 20)] },
    { afters: [fixture("checks over the whole scenario", "failed", 10, CHECK_TRACE)] },
  ];
  const update = withHookFailure({ status: "passed", statusDetails: {} }, containers);
  assert.equal(update?.status, "failed");
  assert.equal(update?.statusDetails?.message, `After hook "checks over the whole scenario" failed: ${CHECK_TRACE}`);
  assert.equal(update?.statusDetails?.trace, CHECK_TRACE);
  assert.equal(categorize({ status: update!.status!, message: update!.statusDetails!.message, trace: update!.statusDetails!.trace })?.id, "assertions");
});

test("a failed Before hook turns a skipped result broken, filed by the error's category", () => {
  const containers: Container[] = [{ befores: [fixture("scenario namespace", "broken", 1, ENV_TRACE)] }, { afters: [fixture("cleanup", "passed", 5)] }];
  const update = withHookFailure({ status: "skipped" }, containers);
  assert.equal(update?.status, "broken");
  assert.match(update?.statusDetails?.message ?? "", /^Before hook "scenario namespace" failed: KubecukeBadInputError: features\/v\.feature:4/);
  assert.equal(categorize({ status: "broken", message: update!.statusDetails!.message, trace: update!.statusDetails!.trace })?.id, "bad-input");
});

test("befores come before afters, each by start time; passed and skipped hooks are not failures", () => {
  const containers: Container[] = [
    { afters: [fixture("late after", "broken", 1, "Error: x")] },
    { befores: [fixture("b2", "failed", 9, "AssertionError: b2"), fixture("b1", "skipped", 2)] },
    { befores: [fixture("b3", "broken", 5, "Error: b3")] },
  ];
  assert.equal(firstFailedHook(containers)?.fixture.name, "b3");
  assert.equal(firstFailedHook([{ befores: [fixture("b", "skipped", 1)], afters: [fixture("a", "passed", 2)] }]), undefined);
});

test("a step's failure stays the one shown; no failed hook changes nothing", () => {
  const afters = [{ afters: [fixture("checks", "failed", 1, CHECK_TRACE)] }];
  assert.equal(withHookFailure({ status: "failed", statusDetails: { message: "step" } }, afters), undefined);
  assert.equal(withHookFailure({ status: "broken" }, afters), undefined);
  assert.equal(withHookFailure({ status: "passed" }, [{ afters: [fixture("checks", "passed", 1)] }]), undefined);
});

test("applyHookFailures rewrites the results in a results directory once, before they are counted", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-hooks-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const put = (name: string, x: unknown) => writeFile(path.join(dir, name), JSON.stringify(x));
  await put("r1-result.json", { uuid: "r1", historyId: "A", name: "after", status: "passed", statusDetails: {}, start: 1 });
  await put("r2-result.json", { uuid: "r2", historyId: "B", name: "before", status: "skipped", statusDetails: {}, start: 2 });
  await put("r3-result.json", { uuid: "r3", historyId: "C", name: "fine", status: "passed", statusDetails: {}, start: 3 });
  await put("c1-container.json", { uuid: "c1", children: ["r1"], befores: [], afters: [fixture("checks over the whole scenario", "failed", 10, CHECK_TRACE)] });
  await put("c2-container.json", { uuid: "c2", children: ["r2"], befores: [fixture("scenario namespace", "broken", 1, ENV_TRACE)], afters: [] });
  await put("c3-container.json", { uuid: "c3", children: ["r3"], befores: [fixture("scenario namespace", "passed", 1)], afters: [] });
  assert.equal(await applyHookFailures(dir), 2);
  const read = async (u: string) => JSON.parse(await readFile(path.join(dir, `${u}-result.json`), "utf8")) as { status: string; name: string };
  assert.deepEqual([(await read("r1")).status, (await read("r2")).status, (await read("r3")).status], ["failed", "broken", "passed"]);
  assert.equal((await read("r1")).name, "after", "the rest of the result is kept");
  assert.equal(await applyHookFailures(dir), 0, "a second pass (kubecuke report again, a merge) changes nothing");
  assert.deepEqual((await countResults(dir)).byStatus, { failed: 1, broken: 1, passed: 1 });
});
