// The run's interrupt handling and ownership records: pure logic, no cluster.
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import { InterruptedError } from "../../engine/errors.ts";
import { Interrupts, SAME_INTERRUPT_MS } from "../../engine/run/interrupt.ts";
import { LOOSE_DIR_MAX_AGE_MS, makeRunScratchDir, ownerAnnotations, ownerFrom, ownerIsDead, runScratchDir, sweepScratchDirs } from "../../engine/run/owner.ts";
import { deadRunPlan, whyNotGone } from "../../engine/run/sweep.ts";

test("the first signal stops, a duplicate within a second is the same interrupt, a later one exits", () => {
  let now = 1000;
  const i = new Interrupts(() => now);
  assert.equal(i.interrupted, undefined);
  assert.equal(i.signal.aborted, false);
  assert.equal(i.receive("SIGINT"), "stop");
  assert.equal(i.interrupted, "SIGINT");
  assert.ok(i.signal.aborted);
  assert.ok(i.signal.reason instanceof InterruptedError);
  now += 5; // npm forwarding the terminal's SIGINT
  assert.equal(i.receive("SIGINT"), "same");
  now += SAME_INTERRUPT_MS;
  assert.equal(i.receive("SIGTERM"), "exit");
  assert.equal(i.interrupted, "SIGINT", "the first signal is the one that interrupted");
});

test("rejection(): an InterruptedError naming the work, at once when already interrupted", async () => {
  const i = new Interrupts();
  const r = i.rejection('step "When I wait" (a.feature:3)');
  let settled = false;
  r.promise.catch(() => (settled = true));
  await new Promise((res) => setImmediate(res));
  assert.equal(settled, false, "nothing happens before a signal");
  i.receive("SIGTERM");
  await assert.rejects(r.promise, (e: unknown) => e instanceof InterruptedError && /^step "When I wait" \(a\.feature:3\): interrupted by SIGTERM while it ran; the scenario's cleanup runs next$/.test(e.message) && e.name === "KubecukeInterruptedError");
  await assert.rejects(i.rejection("later").promise, /later: interrupted by SIGTERM/);
});

test("an owner is dead only on this machine with its pid gone; unknown or foreign owners are alive", () => {
  const here = { host: "ci-7", alive: (pid: number) => pid === 42 };
  const a = ownerAnnotations({ host: "ci-7", pid: 41 });
  assert.deepEqual(a, { "kubecuke.io/runner-host": "ci-7", "kubecuke.io/runner-pid": "41" });
  assert.equal(ownerIsDead(ownerFrom(a, "r1"), here), true);
  assert.equal(ownerIsDead(ownerFrom(ownerAnnotations({ host: "ci-7", pid: 42 }), "r1"), here), false, "its runner lives: a parallel run");
  assert.equal(ownerIsDead(ownerFrom(ownerAnnotations({ host: "laptop", pid: 41 }), "r1"), here), false, "another machine's pid means nothing here");
  assert.equal(ownerIsDead(ownerFrom(undefined, "r1"), here), false, "no owner record: never swept");
  assert.equal(ownerFrom({ "kubecuke.io/runner-host": "ci-7", "kubecuke.io/runner-pid": "x" }, "r1"), undefined);
});

test("scratch directories: one per run; a sweep removes only dead runs' on this machine", async () => {
  const base = await mkdtemp(path.join(tmpdir(), "kc-unit-scratch-"));
  const here = { host: "ci-7", alive: (pid: number) => pid === 42 };
  const dead = await makeRunScratchDir({ runId: "r-dead", host: "ci-7", pid: 41 }, base);
  await makeRunScratchDir({ runId: "r-live", host: "ci-7", pid: 42 }, base);
  await makeRunScratchDir({ runId: "r-far", host: "laptop", pid: 41 }, base);
  await mkdir(path.join(base, "kubecuke-run-no-owner"));
  await writeFile(path.join(dead, "kubeconfig"), "secret");
  const loose = path.join(base, "kubecuke-kc-by-hand-1a2b3c-XyZ");
  await mkdir(loose);
  assert.equal(dead, runScratchDir("r-dead", base));
  assert.deepEqual(await sweepScratchDirs(here, base), [dead], "a fresh loose scenario directory may be a live hand run's");
  assert.deepEqual((await readdir(base)).sort(), ["kubecuke-kc-by-hand-1a2b3c-XyZ", "kubecuke-run-no-owner", "kubecuke-run-r-far", "kubecuke-run-r-live"]);
  assert.deepEqual(await sweepScratchDirs(here, base, Date.now() + LOOSE_DIR_MAX_AGE_MS + 1000), [loose], "a day later it is swept");
});

test("a namespace that will not go is named with its phase, finalizers and the controller's conditions", () => {
  const line = whyNotGone({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "kc-x", deletionTimestamp: "2026-11-28T12:00:00Z" },
    spec: { finalizers: ["kubernetes"] },
    status: {
      phase: "Terminating",
      conditions: [
        { type: "NamespaceDeletionDiscoveryFailure", status: "False", message: "All resources successfully discovered" },
        { type: "NamespaceContentRemaining", status: "True", message: "Some resources are remaining: widgets.example.com has 1 resource instances" },
        { type: "NamespaceFinalizersRemaining", status: "True", message: "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances" },
      ],
    },
  });
  assert.equal(
    line,
    "Namespace/kc-x: phase Terminating; deleting since 2026-11-28T12:00:00Z; finalizers kubernetes; NamespaceContentRemaining: Some resources are remaining: widgets.example.com has 1 resource instances; NamespaceFinalizersRemaining: Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
  );
});

test("dead runs: undeleted namespaces are swept; ones being deleted are Kubernetes' to finish, and named only when stuck; kept ones stay", () => {
  const here = { host: "ci-7", alive: (pid: number) => pid === 42 };
  const now = Date.parse("2026-11-28T12:01:00Z");
  const ns = (name: string, run: string, pid: number, deletionTimestamp?: string) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "kubecuke.io/run": run }, annotations: ownerAnnotations({ host: "ci-7", pid }), ...(deletionTimestamp ? { deletionTimestamp } : {}) },
  });
  const plan = deadRunPlan(
    [
      ns("a1", "r-killed", 41), // its runner died before its cleanup: swept
      ns("a2", "r-killed", 41, "2026-11-28T12:00:59Z"),
      ns("b1", "r-ended", 43, "2026-11-28T12:00:57Z"), // its runner ended without waiting: going, 3 s ago
      ns("c1", "r-stuck", 44, "2026-11-28T11:59:00Z"), // going for 2 min: named
      ns("d1", "r-live", 42), // a parallel run
      { ...ns("e1", "r-kept", 45), metadata: { ...ns("e1", "r-kept", 45).metadata, labels: { "kubecuke.io/run": "r-kept", "kubecuke.io/kept-for-debugging": "true" } } }, // KUBECUKE_KEEP_FAILED
    ],
    here,
    now,
    60_000,
  );
  assert.deepEqual(plan.undeleted.map((n) => n.metadata?.name), ["a1"]);
  assert.deepEqual(plan.stuck.map((n) => n.metadata?.name), ["c1"]);
  assert.deepEqual(plan.runs, ["r-killed"]);
});
