import { test } from "node:test";
import assert from "node:assert/strict";
import { endingFor, withProvider } from "../../engine/cluster/lifecycle.ts";
import type { ClusterHandle, ClusterProvider, ClusterStatus } from "../../engine/cluster/provider.ts";

/** A provider that records calls; up may fail, the cluster may already run (owned false). */
function fake(o: { upFails?: boolean; downFails?: boolean; owned?: boolean; scoped?: boolean; leftovers?: string[] } = {}) {
  const calls: string[] = [];
  const handle: ClusterHandle = { provider: "fake", name: "f", kubeconfigPath: "/k", context: "c", dir: "/d", owned: o.owned ?? true };
  const p: ClusterProvider & { leftovers?: () => Promise<string[]> } = {
    name: "fake",
    scopedDown: o.scoped,
    async up() {
      calls.push("up");
      if (o.upFails) throw new Error("up broke half-way");
      return handle;
    },
    async down() {
      calls.push("down");
      if (o.downFails) throw new Error("down broke");
    },
    async status(): Promise<ClusterStatus> {
      return { running: true, detail: "" };
    },
  };
  if (o.leftovers) p.leftovers = async () => (calls.push("leftovers"), o.leftovers ?? []);
  return { p, calls, handle };
}

test("the ending: down only what this run may end, decided in one place", () => {
  const h = (owned: boolean) => fake({ owned }).handle;
  const local = fake().p;
  const kind = fake({ scoped: true }).p;
  assert.deepEqual(endingFor(local, h(true), { keep: false }), { down: true, why: "this run started it" });
  assert.deepEqual(endingFor(local, h(true), { keep: true }), { down: false, why: "keep/reuse requested" });
  assert.deepEqual(endingFor(local, h(false), { keep: false }), { down: false, why: "it was running before this run" });
  // kind/existing decide inside down what is theirs (a kept cluster stays, only this run's namespaces go)
  assert.equal(endingFor(kind, h(false), { keep: false }).down, true);
  assert.equal(endingFor(kind, h(true), { keep: true }).down, true);
  assert.deepEqual(endingFor(kind, undefined, { keep: false }), { down: true, why: "up failed: removing what it made" });
  assert.equal(endingFor(kind, undefined, { keep: true }).down, false);
  // local's down is machine-wide: a failed up (perhaps another cluster's ports) must not run it
  assert.equal(endingFor(local, undefined, { keep: false }).down, false);
});

test("a failed up is inside the guarded region: what it made half-way is taken down, the up error thrown", async () => {
  const { p, calls } = fake({ upFails: true, scoped: true });
  let ran = false;
  await assert.rejects(withProvider(p, { keep: false }, async () => { ran = true; }), /up broke half-way/);
  assert.deepEqual(calls, ["up", "down"]);
  assert.equal(ran, false);
  const lines: string[] = [];
  const unscoped = fake({ upFails: true });
  await assert.rejects(withProvider(unscoped.p, { keep: false }, async () => 0, { log: (l) => lines.push(l) }), /up broke half-way/);
  assert.deepEqual(unscoped.calls, ["up"]);
  assert.match(lines.join("\n"), /down is machine-wide, so it is not run here/);
});

test("a failing body still ends the cluster; a down failing after it does not hide the first error", async () => {
  const lines: string[] = [];
  const { p, calls } = fake({ downFails: true });
  await assert.rejects(withProvider(p, { keep: false }, async () => { throw new Error("scenarios crashed"); }, { log: (l) => lines.push(l) }), /scenarios crashed/);
  assert.deepEqual(calls, ["up", "down"]);
  assert.ok(lines.some((l) => l.includes("down after a failure failed too: down broke")), lines.join("\n"));
});

test("a down failing after a successful run is the run's error", async () => {
  const { p } = fake({ downFails: true });
  await assert.rejects(withProvider(p, { keep: false }, async () => 0), /down broke/);
});

test("a cluster that was running before is left running, and nobody asks for leftovers", async () => {
  const { p, calls } = fake({ owned: false, leftovers: [] });
  const out = await withProvider(p, { keep: false }, async ({ handle }) => handle.name, { checkLeftovers: true });
  assert.deepEqual(calls, ["up"]);
  assert.equal(out.value, "f");
  assert.equal(out.leftovers, undefined);
  assert.equal(out.ending.why, "it was running before this run");
});

test("leftovers are asked after a down, only when wanted and only of a provider that can tell", async () => {
  const withFinder = fake({ leftovers: ["process 42: etcd"] });
  assert.deepEqual((await withProvider(withFinder.p, { keep: false }, async () => 1, { checkLeftovers: true })).leftovers, ["process 42: etcd"]);
  assert.deepEqual(withFinder.calls, ["up", "down", "leftovers"]);
  const notAsked = fake({ leftovers: [] });
  assert.equal((await withProvider(notAsked.p, { keep: false }, async () => 1)).leftovers, undefined);
  const cannot = fake();
  assert.equal((await withProvider(cannot.p, { keep: false }, async () => 1, { checkLeftovers: true })).leftovers, undefined);
});
