import assert from "node:assert/strict";
import { test } from "node:test";
import type { KubeObject } from "../../engine/kube/object.ts";
import { failFastSettings } from "../../engine/settings/env.ts";
import { DEFAULT_FAIL_FAST, failFastReason, recheckInMs } from "../../engine/wait/fail-fast.ts";

const NOW = Date.parse("2026-12-06T09:00:30Z");
const waiting = (reason: string, restartCount = 0, message = "m"): KubeObject => ({
  kind: "Pod",
  status: { phase: "Pending", containerStatuses: [{ name: "app", restartCount, state: { waiting: { reason, message } }, lastState: restartCount ? { terminated: { exitCode: 3, reason: "Error" } } : {} }] },
});
const unschedulable = (since: string): KubeObject => ({
  kind: "Pod",
  status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", lastTransitionTime: since, message: "0/1 nodes are available: 1 Insufficient cpu." }] },
});
const off = { ...DEFAULT_FAIL_FAST, enabled: false };

test("a crash loop ends a wait after the set number of restarts, naming how the container last ended", () => {
  assert.equal(failFastReason(waiting("CrashLoopBackOff", 2), DEFAULT_FAIL_FAST, NOW), undefined);
  assert.equal(failFastReason(waiting("CrashLoopBackOff", 3), DEFAULT_FAIL_FAST, NOW), "container app: CrashLoopBackOff after 3 restarts (fail-fast limit 3); last termination: exit code 3 (Error)");
  assert.equal(failFastReason(waiting("CrashLoopBackOff", 1), { ...DEFAULT_FAIL_FAST, crashLoopRestarts: 1 }, NOW)?.startsWith("container app: CrashLoopBackOff after 1 restarts"), true);
  assert.equal(failFastReason(waiting("CrashLoopBackOff", 9), off, NOW), undefined);
});

test("an image that cannot be pulled ends a wait unless fail-fast is off; config errors no one mends always do", () => {
  for (const r of ["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName"]) {
    assert.equal(failFastReason(waiting(r), DEFAULT_FAIL_FAST, NOW), `container app: ${r}: m`);
    assert.equal(failFastReason(waiting(r), off, NOW), undefined, r);
  }
  assert.equal(failFastReason(waiting("CreateContainerConfigError", 0, 'configmap "x" not found'), off, NOW), 'container app: CreateContainerConfigError: configmap "x" not found');
  assert.equal(failFastReason(waiting("ContainerCreating"), DEFAULT_FAIL_FAST, NOW), undefined);
});

test("an unschedulable Pod ends a wait once it has been unschedulable for the set time, and is judged again then", () => {
  assert.equal(failFastReason(unschedulable("2026-12-06T09:00:20Z"), DEFAULT_FAIL_FAST, NOW), undefined);
  assert.equal(recheckInMs(unschedulable("2026-12-06T09:00:20Z"), DEFAULT_FAIL_FAST, NOW), 5_050);
  assert.equal(
    failFastReason(unschedulable("2026-12-06T09:00:10Z"), DEFAULT_FAIL_FAST, NOW),
    "unschedulable for 20 s (fail-fast limit 15 s): PodScheduled=False (Unschedulable): 0/1 nodes are available: 1 Insufficient cpu.",
  );
  assert.equal(recheckInMs(unschedulable("2026-12-06T09:00:10Z"), DEFAULT_FAIL_FAST, NOW), undefined);
  assert.equal(failFastReason(unschedulable("2026-12-06T09:00:10Z"), off, NOW), undefined);
  assert.equal(recheckInMs(unschedulable("2026-12-06T09:00:20Z"), off, NOW), undefined);
});

test("KUBECUKE_FAIL_FAST* settings: defaults, tuning, the timeout scale, refusals", () => {
  assert.deepEqual(failFastSettings({}), DEFAULT_FAIL_FAST);
  assert.deepEqual(failFastSettings({ KUBECUKE_FAIL_FAST: "0" }), off);
  assert.deepEqual(failFastSettings({ KUBECUKE_FAIL_FAST_RESTARTS: "5", KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS: "40", KUBECUKE_TIMEOUT_SCALE: "2" }), { enabled: true, crashLoopRestarts: 5, unschedulableMs: 80_000 });
  assert.throws(() => failFastSettings({ KUBECUKE_FAIL_FAST_RESTARTS: "0" }), /KUBECUKE_FAIL_FAST_RESTARTS: expected a whole number of restarts \(1 or more\)/);
  assert.throws(() => failFastSettings({ KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS: "soon" }), /KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS: expected a positive number of seconds/);
  assert.throws(() => failFastSettings({ KUBECUKE_FAIL_FAST: "maybe" }), /KUBECUKE_FAIL_FAST: expected 1 or 0/);
});
