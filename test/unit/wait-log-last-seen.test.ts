import assert from "node:assert/strict";
import { test } from "node:test";
import type { KubeObject } from "../../engine/kube/object.ts";
import { logLastSeen } from "../../engine/wait/logs.ts";

const pod = (state: Record<string, unknown>, restartCount = 0): KubeObject =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name: "quiet" }, spec: { nodeName: "n1", containers: [{ name: "c" }] }, status: { containerStatuses: [{ name: "c", restartCount, state }] } }) as KubeObject;

test("a running container that printed nothing: an empty log, running since when, not 'not started'", () => {
  assert.equal(logLastSeen("", undefined, pod({ running: { startedAt: "2026-12-06T12:50:01Z" } }), "c"), "an empty log (container running since 2026-12-06T12:50:01Z)");
  assert.equal(logLastSeen("", undefined, pod({ running: { startedAt: "2026-12-06T12:50:01Z" } }, 2), "c"), "an empty log (container running since 2026-12-06T12:50:01Z, restarted 2 times)");
});

test("a container that ended silent says how it ended", () => {
  assert.equal(logLastSeen("", undefined, pod({ terminated: { exitCode: 0, reason: "Completed" } }), "c"), "an empty log (container ended: exit code 0 (Completed))");
});

test("a container not started: the log endpoint's answer, else the Pod's waiting reason", () => {
  assert.equal(logLastSeen("", "container \"c\" in pod \"quiet\" is waiting to start: ContainerCreating", undefined, "c"), 'no log yet: container not started: container "c" in pod "quiet" is waiting to start: ContainerCreating');
  assert.equal(logLastSeen("", undefined, pod({ waiting: { reason: "ContainerCreating" } }), "c"), "no log yet: container not started: waiting (ContainerCreating)");
});

test("some log: its tail, quoted; no Pod read: just an empty log", () => {
  assert.equal(logLastSeen("hello\n", undefined, undefined, "c"), '"hello\\n"');
  assert.equal(logLastSeen("", undefined, undefined, "c"), "an empty log");
});
