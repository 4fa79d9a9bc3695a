import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { BadInputError } from "../../engine/errors.ts";
import { durationFiles, durationKey, durationsFromMessages, expectedWallMs, longestFirst, longestFirstEnv, mergeDurations, orderChosen, readDurations, recordDurations } from "../../engine/run/durations.ts";
import { inShard } from "../../engine/run/shard.ts";
import plugin from "../../steps/support/longest-first.mjs";

const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/** messages.ndjson of scenarios: [uri, name, [start, end, status] per attempt]. */
function messages(cases: Array<[string, string, Array<[number, number, string]>]>): string {
  const lines: object[] = [];
  cases.forEach(([uri, name, attempts], i) => {
    lines.push({ pickle: { id: `p${i}`, uri, name } }, { testCase: { id: `c${i}`, pickleId: `p${i}` } });
    attempts.forEach(([start, end, status], a) => {
      const id = `s${i}-${a}`;
      lines.push({ testCaseStarted: { id, testCaseId: `c${i}`, timestamp: at(start) } });
      lines.push({ testStepFinished: { testCaseStartedId: id, testStepResult: { status } } });
      lines.push({ testCaseFinished: { testCaseStartedId: id, timestamp: at(end) } });
    });
  });
  return lines.map((l) => JSON.stringify(l)).join("\n");
}

test("a run's durations: start to end of each scenario, attempts added, an outline's longest row, skipped ones left out", () => {
  const d = durationsFromMessages(messages([
    ["features/a.feature", "quick", [[1000, 2500, "PASSED"]]],
    ["features/a.feature", "flaky", [[1000, 4000, "FAILED"], [4000, 6000, "PASSED"]]],
    ["features/b.feature", "outline", [[0, 3000, "PASSED"]]],
    ["features/b.feature", "outline", [[0, 7000, "PASSED"]]],
    ["features/b.feature", "not run", [[0, 10, "SKIPPED"]]],
  ]));
  assert.deepEqual(d, { "features/a.feature: quick": 1500, "features/a.feature: flaky": 5000, "features/b.feature: outline": 7000 });
  assert.equal(durationKey("features/a.feature", "quick"), "features/a.feature: quick");
});

test("a later run replaces the durations of what it ran and keeps the others", () => {
  assert.deepEqual(mergeDurations({ b: 1, a: 2 }, { b: 5, c: 3 }), { a: 2, b: 5, c: 3 });
});

test("longest first; never-timed scenarios in the middle (the median of the timed); ties keep their order", () => {
  const durations = { long: 195_000, mid: 10_000, short: 2_000, tiny: 1_000, a: 5_000, b: 5_000 };
  const ids = ["tiny", "new1", "a", "short", "long", "b", "new2", "mid"];
  // median of 1, 5, 5, 2, 195, 10 s = 5 s: the new ones go with a and b, after them (defined order among equals)
  assert.deepEqual(longestFirst(ids, (x) => x, durations), ["long", "mid", "new1", "a", "b", "new2", "short", "tiny"]);
  assert.deepEqual(longestFirst(["x", "y"], (x) => x, {}), ["x", "y"], "nothing timed: the order stays");
  assert.deepEqual(ids, ["tiny", "new1", "a", "short", "long", "b", "new2", "mid"], "the input is not changed");
});

test("on 4 workers the suite ends when max(slowest, total / 4) says if the slowest goes first, not after it", () => {
  // the suite: one 195 s scenario among 77 that add up to 288 s
  const others = Array.from({ length: 77 }, (_, i) => 1_000 + ((i * 37) % 7_000));
  const total = others.reduce((a, b) => a + b, 0);
  const defined = [...others.slice(0, 60), 195_000, ...others.slice(60)];
  const sorted = longestFirst(defined.map((ms, i) => ({ ms, i })), (x) => String(x.i), Object.fromEntries(defined.map((ms, i) => [String(i), ms]))).map((x) => x.ms);
  const ideal = Math.max(195_000, (total + 195_000) / 4);
  assert.ok(expectedWallMs(defined, 4) > 195_000 + 30_000, `met in the middle, it runs alone at the end: ${expectedWallMs(defined, 4)}`);
  assert.equal(expectedWallMs(sorted, 4), 195_000);
  assert.ok(expectedWallMs(sorted, 4) <= ideal + 8_000);
  assert.equal(expectedWallMs([4, 1, 1, 1, 1], 2), 4);
  assert.equal(expectedWallMs([1, 1, 1, 1, 4], 2), 6);
});

test("durations are kept in the reports and, for the default reports directory, in the cache; the first that exists is read", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kubecuke-durations-"));
  const [reports, cache] = durationFiles(path.join(dir, "reports"), path.join(dir, "cache"), false);
  assert.deepEqual([reports, cache], [path.join(dir, "reports", "durations.json"), path.join(dir, "cache", "durations.json")]);
  assert.deepEqual(durationFiles("/r", "/c", true), ["/r/durations.json"], "a run into its own reports directory (a test) leaves the cache alone");
  assert.deepEqual(await longestFirstEnv([reports!, cache!], [], undefined), {}, "nothing kept yet: cucumber's order");
  mkdirSync(path.dirname(cache!), { recursive: true });
  writeFileSync(cache!, JSON.stringify({ "features/a.feature: quick": 900 }));
  assert.deepEqual(await longestFirstEnv([reports!, cache!], [], undefined), { KUBECUKE_DURATIONS: cache });
  await recordDurations([reports!, cache!], messages([["features/a.feature", "slow", [[0, 8000, "PASSED"]]]]));
  assert.deepEqual(await readDurations(reports!), { "features/a.feature: slow": 8000 });
  assert.deepEqual(JSON.parse(readFileSync(cache!, "utf8")), { "features/a.feature: quick": 900, "features/a.feature: slow": 8000 });
  assert.deepEqual(await longestFirstEnv([reports!, cache!], [], "defined"), { KUBECUKE_DURATIONS: reports });
  // the user's order stands
  assert.deepEqual(await longestFirstEnv([reports!], ["--order", "random"], undefined), {});
  assert.deepEqual(await longestFirstEnv([reports!], ["--order=defined"], undefined), {});
  assert.deepEqual(await longestFirstEnv([reports!], [], "random:42"), {});
  assert.equal(orderChosen(["--tags", "@x"], "defined"), false);
  writeFileSync(reports!, "not json");
  assert.deepEqual(await readDurations(reports!), {});
});

test("a shard's scenarios as cucumber takes them: every n-th of the defined order", () => {
  const all = ["a", "b", "c", "d", "e"];
  assert.deepEqual(inShard(all, "1/2"), ["a", "c", "e"]);
  assert.deepEqual(inShard(all, "2/2"), ["b", "d"]);
  assert.deepEqual(inShard(all, undefined), all);
  for (const bad of ["0/2", "3/2", "1/0", "x"]) assert.throws(() => inShard(all, bad), BadInputError);
});

test("the plugin orders the scenarios cucumber hands out, only when the runner names a durations file", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kubecuke-durations-"));
  const file = path.join(dir, "durations.json");
  writeFileSync(file, JSON.stringify({ "f.feature: short": 1_000, "f.feature: long": 60_000 }));
  const pickles = ["short", "new", "long"].map((name) => ({ pickle: { uri: "f.feature", name }, location: { line: 1, column: 1 } }));
  type Pickles = typeof pickles;
  const order = async (env: Record<string, string>) => {
    let transformer: ((p: Pickles) => Promise<Pickles>) | undefined;
    // the parts of cucumber's coordinator context the plugin uses
    const context = {
      transform: (event: string, fn: (p: Pickles) => Promise<Pickles>) => {
        assert.equal(event, "pickles:order");
        transformer = fn;
      },
      environment: { env },
      logger: { debug: () => undefined },
    };
    await plugin.coordinator(context as unknown as Parameters<typeof plugin.coordinator>[0]);
    return transformer ? (await transformer(pickles)).map((p) => p.pickle.name) : undefined;
  };
  assert.deepEqual(await order({ KUBECUKE_DURATIONS: file }), ["long", "new", "short"]);
  assert.equal(await order({}), undefined, "no transform: cucumber's order");
});
