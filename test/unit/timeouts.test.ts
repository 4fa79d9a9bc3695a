import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ProviderConfigError } from "../../engine/settings/provider.ts";
import { TimeoutError } from "../../engine/errors.ts";
import { applyObject, deleteExactObject, getObject } from "../../engine/kube/apply.ts";
import type { KubeClients } from "../../engine/kube/client.ts";
import { OPERATION_TIMEOUTS_MS, withDeadline } from "../../engine/kube/deadline.ts";
import { runKubectl } from "../../engine/kube/kubectl.ts";
import { timeoutSettings } from "../../engine/settings/env.ts";
import { budgetOf, DEFAULT_STEP_MS, expectFailureWithin, MARGIN_MS, stepMs } from "../../steps/support/deadline.ts";
import { allSteps } from "../../steps/support/vocabulary.ts";

test("KUBECUKE_TIMEOUT_SCALE: default 1, any positive number, every operation's limit multiplied", () => {
  const none = timeoutSettings({});
  assert.equal(none.scale, 1);
  assert.deepEqual(none.operations, OPERATION_TIMEOUTS_MS);
  assert.equal(timeoutSettings({ KUBECUKE_TIMEOUT_SCALE: "" }).scale, 1);
  const three = timeoutSettings({ KUBECUKE_TIMEOUT_SCALE: "3" });
  assert.equal(three.scale, 3);
  assert.equal(three.operations.apply, OPERATION_TIMEOUTS_MS.apply * 3);
  assert.equal(three.operations.cleanup, OPERATION_TIMEOUTS_MS.cleanup * 3);
  const half = timeoutSettings({ KUBECUKE_TIMEOUT_SCALE: "0.5" });
  assert.equal(half.scale, 0.5);
  assert.equal(half.operations.get, OPERATION_TIMEOUTS_MS.get / 2);
});

test("KUBECUKE_TIMEOUT_SCALE: zero, negative and non-numbers are refused, naming the variable and what to write", () => {
  for (const v of ["0", "-1", "abc", "1e3", "Infinity", "3s"]) {
    assert.throws(() => timeoutSettings({ KUBECUKE_TIMEOUT_SCALE: v }), (e: unknown) => {
      assert.ok(e instanceof ProviderConfigError);
      assert.equal(e.message, `KUBECUKE_TIMEOUT_SCALE: expected a positive number that multiplies every time limit (e.g. 3 for a slow cluster, 1 for none), got "${v}"`);
      return true;
    }, v);
  }
});

test("withDeadline: work that finishes in time gives its value, its signal not aborted", async () => {
  let signal: AbortSignal | undefined;
  const v = await withDeadline("get", "ConfigMap/ns/x", 1_000, async (s) => {
    signal = s;
    return 7;
  });
  assert.equal(v, 7);
  assert.equal(signal?.aborted, false);
  // its own failure passes through untouched
  await assert.rejects(withDeadline("get", "ConfigMap/ns/x", 1_000, () => Promise.reject(new Error("Forbidden"))), /^Error: Forbidden$/);
});

test("withDeadline: past its time, a TimeoutError naming operation and object, and the work's signal aborted", async () => {
  let signal: AbortSignal | undefined;
  const started = Date.now();
  await assert.rejects(
    withDeadline("apply", "ConfigMap/ns/x", 50, (s) => {
      signal = s;
      return new Promise<never>(() => {});
    }),
    (e: unknown) => {
      assert.ok(e instanceof TimeoutError);
      assert.equal(e.message, "apply ConfigMap/ns/x: no answer from the API server within 0.1 s");
      assert.equal(e.facts.operation, "apply");
      assert.equal(e.facts.object, "ConfigMap/ns/x");
      assert.ok((e.facts.elapsedMs ?? 0) >= 45);
      return true;
    },
  );
  assert.ok(Date.now() - started < 1_000);
  assert.equal(signal?.aborted, true);
  assert.ok(signal?.reason instanceof TimeoutError);
  await assert.rejects(withDeadline("kubectl", '"kubectl get pods"', 30, () => new Promise(() => {}), { waitingFor: "the command did not finish" }), /^KubecukeTimeoutError: kubectl "kubectl get pods": the command did not finish within 0 s$/);
});

test("withDeadline: an outer signal (a step's deadline) aborts the work too", async () => {
  const outer = new AbortController();
  let inner: AbortSignal | undefined;
  const p = withDeadline("exec", "Pod/ns/p", 5_000, (s) => {
    inner = s;
    return new Promise((_, reject) => s.addEventListener("abort", () => reject(s.reason as Error)));
  }, { signal: outer.signal });
  outer.abort(new Error("step deadline"));
  await assert.rejects(p, /step deadline/);
  assert.equal(inner?.aborted, true);
});

test("the timeout scale multiplies a step's wait and its deadline, in one place", () => {
  const job = allSteps.find((s) => s.en === "the Job {string} completes within {int} seconds")!;
  assert.equal(stepMs(60, 1), 60_000);
  assert.equal(stepMs(60, 3), 180_000);
  assert.equal(stepMs(60, 0.5), 30_000);
  const b = budgetOf(job, ["pi", 60], 3);
  assert.equal(b.ms, (60_000 + MARGIN_MS) * 3);
  assert.equal(b.why, `its 60 seconds + ${MARGIN_MS / 1000} s, times the timeout scale 3`);
  assert.equal(budgetOf(job, ["pi", 60], 1).why, `its 60 seconds + ${MARGIN_MS / 1000} s`);
  // a step that names no time: the default limit, scaled too
  assert.equal(budgetOf(allSteps.find((s) => s.en === "the command succeeds")!, [], 2).ms, DEFAULT_STEP_MS * 2);
  // the step's wait always ends before its deadline, whatever the scale
  for (const scale of [0.5, 1, 3]) assert.ok(stepMs(60, scale) < budgetOf(job, ["pi", 60], scale).ms);
});

test("a fail-fast step's wait gets its N seconds times the scale", async () => {
  let given = 0;
  await expectFailureWithin((ms) => {
    given = ms;
    return Promise.reject(new Error("ErrImageNeverPull"));
  }, "w", 30, 3);
  assert.equal(given, 90_000);
  await assert.rejects(expectFailureWithin(() => Promise.reject(new TimeoutError("t", { lastSeen: "phase=Pending" })), "wait Pod x Ready", 30, 3), /^AssertionError: wait Pod x Ready: did not fail by itself within 30 s \(times the timeout scale 3: 90 s\); last saw phase=Pending$/);
});

test("an apply, a get and a delete that hang end at their own limits, naming operation and object", async () => {
  const hang = () => new Promise<never>(() => {});
  const clients = {
    objects: { served: async () => ({ namespaced: true, name: "configmaps" }), apply: hang, getRaw: hang, deleteExact: hang },
    timeouts: { ...OPERATION_TIMEOUTS_MS, apply: 40, get: 30, delete: 20 },
  } as unknown as KubeClients;
  const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "ns" } };
  const ref = { apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "x" };
  const named = (re: RegExp, op: string) => (e: unknown) => e instanceof TimeoutError && re.test(e.message) && e.facts.operation === op && e.facts.object === "ConfigMap/ns/x";
  await assert.rejects(applyObject(clients, cm), named(/^apply ConfigMap\/ns\/x: no answer from the API server within 0 s$/, "apply"));
  await assert.rejects(getObject(clients, ref), named(/^get ConfigMap\/ns\/x: no answer/, "get"));
  await assert.rejects(deleteExactObject(clients, ref, "u1"), named(/^delete ConfigMap\/ns\/x: no answer/, "delete"));
});

test("a kubectl past its limit is killed; the result says which command and which limit", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-timeouts-"));
  try {
    const bin = path.join(dir, "kubectl");
    await writeFile(bin, "#!/bin/sh\nexec sleep 5\n", { mode: 0o755 });
    const started = Date.now();
    const r = await runKubectl("kubectl get pods", { kubeconfigPath: "/nonexistent", cwd: dir, bin, timeoutMs: 200 });
    assert.ok(Date.now() - started < 3_000);
    assert.equal(r.timedOut, true);
    assert.match(r.stderr, /\[kubecuke\] kubectl "kubectl get pods": killed, not finished within 0\.2 s \(the kubectl limit; KUBECUKE_TIMEOUT_SCALE multiplies it\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
