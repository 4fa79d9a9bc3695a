import assert from "node:assert/strict";
import test from "node:test";
import { cucumberPhases, PhaseClock } from "../../engine/report/phases.ts";

const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

test("cucumber's part is split at run start, first scenario and run end", () => {
  const ndjson = [
    JSON.stringify({ meta: {} }),
    JSON.stringify({ testRunStarted: { timestamp: at(11_500) } }),
    JSON.stringify({ testCaseStarted: { timestamp: at(13_000) } }),
    JSON.stringify({ testCaseStarted: { timestamp: at(13_400) } }),
    JSON.stringify({ testRunFinished: { timestamp: at(15_250) } }),
  ].join("\n");
  assert.deepEqual(cucumberPhases(ndjson, 10_000, 15_500), [
    { name: "cucumber load", ms: 1500 },
    { name: "workers' start", ms: 1500 },
    { name: "scenarios", ms: 2250 },
    { name: "cucumber end", ms: 250 },
  ]);
});

test("a run without scenarios or a message stream is one phase, not a guess", () => {
  assert.deepEqual(cucumberPhases(JSON.stringify({ testRunStarted: { timestamp: at(1000) } }) + "\n" + JSON.stringify({ testRunFinished: { timestamp: at(1200) } }), 0, 1300).map((p) => p.name), ["cucumber load", "workers' start", "scenarios", "cucumber end"]);
  assert.deepEqual(cucumberPhases("", 0, 900), [{ name: "cucumber", ms: 900 }]);
});

test("the clock times phases, prints them aligned with the wall time, and gives report properties", async () => {
  const clock = new PhaseClock();
  assert.equal(await clock.time("cluster", async () => 7), 7);
  clock.add("scenarios", 2340);
  assert.match(clock.table(), /^ {2}cluster {6}\s+0\.\d\d s\n {2}scenarios\s+2\.34 s\n {2}total \(wall\)\s+\d+\.\d\d s$/);
  assert.equal(clock.properties()["Run phase: scenarios"], "2.34 s");
});
