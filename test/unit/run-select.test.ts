// The run's select phase: cucumber's configuration and selection read once (profiles and
// --config included), the workers chosen from it, and the ending the run's cleanup reads.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import { withProvider } from "../../engine/cluster/lifecycle.ts";
import type { ClusterHandle, ClusterProvider } from "../../engine/cluster/provider.ts";
import { clusterGoes } from "../../engine/run/phases/cluster.ts";
import { parallelAsked, workersFor } from "../../engine/run/phases/select.ts";
import { configFileIn, preflight, profilesIn, tagsByLine } from "../../scripts/run-arguments.ts";

const FEATURE = `@f
Feature: f
  @a
  Scenario: one
    Given x

  @b
  Scenario Outline: two <n>
    Given x
    @e1
    Examples:
      | n |
      | 1 |
    @e2
    Examples:
      | n |
      | 2 |

  @r
  Rule: r
    @b
    Scenario: three
      Given x
`;

test("each scenario's and each examples row's line carries its own tags and the inherited ones", () => {
  const lines = tagsByLine(FEATURE);
  assert.deepEqual(lines.get(4), ["@f", "@a"]);
  assert.deepEqual(lines.get(8), ["@f", "@b", "@e1", "@e2"]);
  assert.deepEqual(lines.get(13), ["@f", "@b", "@e1"]);
  assert.deepEqual(lines.get(17), ["@f", "@b", "@e2"]);
  assert.deepEqual(lines.get(22), ["@f", "@r", "@b"]);
});

test("profiles and the configuration file named on the command line", () => {
  assert.deepEqual(profilesIn(["-p", "ci", "--tags", "@x", "--profile=fast", "--profile", "more"]), ["ci", "fast", "more"]);
  assert.equal(configFileIn(["--tags", "@x"]), undefined);
  assert.equal(configFileIn(["-c", "a.mjs"]), "a.mjs");
  assert.equal(configFileIn(["--config=b.mjs"]), "b.mjs");
});

test("no more workers than scenarios; cucumber's own --parallel is the user's choice", () => {
  assert.equal(workersFor(undefined, 9), 1);
  assert.equal(workersFor(4, 2), 2);
  assert.equal(workersFor(4, 0), 1);
  assert.equal(workersFor(4, 9), 4);
  assert.equal(parallelAsked(["--parallel", "2"]), true);
  assert.equal(parallelAsked(["--parallel=2"]), true);
  assert.equal(parallelAsked(["--tags", "@parallel"]), false);
});

test("the selection is read once, with the profile named by -p, the --config file and the shard", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-select-"));
  try {
    await mkdir(path.join(dir, "features"));
    await writeFile(path.join(dir, "features", "f.feature"), FEATURE);
    await writeFile(path.join(dir, "cucumber.mjs"), 'export default {};\nexport const bees = { tags: "@b" };\n');
    await writeFile(path.join(dir, "other.mjs"), 'export default { tags: "@a" };\n');
    const log = (l: string) => assert.fail(`nothing to say: ${l}`);
    const names = async (args: string[]) => {
      const pre = await preflight(dir, args, profilesIn(args), log);
      assert.ok(!("exitCode" in pre), JSON.stringify(pre));
      return pre.scenarios.map((s) => `${s.scenario} ${s.tags.join(" ")}`);
    };
    assert.deepEqual(await names(["-p", "bees"]), ["two 1 @f @b @e1", "two 2 @f @b @e2", "three @f @r @b"]);
    assert.deepEqual(await names(["-p", "bees", "--shard", "2/2"]), ["two 2 @f @b @e2"]);
    assert.deepEqual(await names(["--config", "other.mjs"]), ["one @f @a"]);
    assert.equal((await names([])).length, 4);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the run's cleanup reads the ending withCluster decided: the cluster goes only when this run started it and takes it down", async () => {
  const handle = (owned: boolean): ClusterHandle => ({ provider: "fake", name: "f", kubeconfigPath: "/k", context: "c", dir: "/d", owned });
  const provider = (owned: boolean, scopedDown: boolean): ClusterProvider => ({
    name: "fake",
    scopedDown,
    up: async () => handle(owned),
    down: async () => {},
    status: async () => ({ running: true, detail: "" }),
  });
  const goes = async (owned: boolean, scoped: boolean, keep: boolean) => {
    const out = await withProvider(provider(owned, scoped), { keep }, async (session) => ({ goes: clusterGoes(session), ending: session.ending }));
    assert.deepEqual(out.value.ending, out.ending, "the session's ending is the one the lifecycle ends with");
    return out.value.goes;
  };
  assert.equal(await goes(true, false, false), true);
  assert.equal(await goes(true, false, true), false);
  assert.equal(await goes(false, false, false), false);
  // a scoped down of a cluster this run did not start (existing, a reused kind) removes only what the run made
  assert.equal(await goes(false, true, false), false);
  assert.equal(await goes(true, true, false), true);
});
