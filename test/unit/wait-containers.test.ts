// Container state as the kubelet publishes it, version by version, for a crash-looping container
// (the statuses below are the order a 1.34 kubelet reports them: see engine/wait/pod-state.ts
// lastEnded), and the log steps' reading of it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { notStartedYet } from "../../engine/kube/logs.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { restartedContainers, restartsSettled } from "../../engine/wait/containers.ts";
import { finishedForGood, lastEnded, notStartedReason } from "../../engine/wait/pod-state.ts";

const exit3 = (id: string) => ({ terminated: { exitCode: 3, reason: "Error", containerID: id, finishedAt: "2026-12-06T09:00:0" + id + "Z" } });
const pod = (status: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({ kind: "Pod", metadata: { name: "crasher" }, spec: { containers: [{ name: "app" }], ...extra }, status: { phase: "Running", ...status } });
const app = (c: Record<string, unknown>) => pod({ containerStatuses: [{ name: "app", ...c }] });

test("a restarted container's last termination is known in every version the kubelet publishes, including terminated-with-empty-lastState", () => {
  const versions = [
    // second instance running: the first one's end in lastState
    app({ restartCount: 1, state: { running: {} }, lastState: exit3("1") }),
    // second instance ended, the first one still on the node
    app({ restartCount: 1, state: exit3("2"), lastState: exit3("1") }),
    // the kubelet removed the first instance (it keeps one dead one) before its next sync:
    // lastState is empty until the sync after the back-off (10 s, 20 s, ... later)
    app({ restartCount: 1, state: exit3("2"), lastState: {} }),
    // that sync: waiting in back-off, the second instance's end in lastState
    app({ restartCount: 1, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: exit3("2") }),
  ];
  for (const v of versions) {
    assert.equal(restartsSettled(v), true);
    assert.match(restartedContainers(v)[0]!, /^container app restarted 1 time; last termination: exit code 3 \(Error\) at /);
  }
  // what the step used to read (lastState alone) is empty in the third version: "last termination: none"
  assert.equal(lastEnded({ name: "app", restartCount: 1, state: {}, lastState: {} } as never), undefined);
  assert.equal(lastEnded({ name: "app", restartCount: 1, state: exit3("2"), lastState: {} } as never)?.containerID, "2");
});

test("a new instance created just after the old one was removed: not settled (the step gives the kubelet a moment)", () => {
  const v = app({ restartCount: 2, state: { waiting: {} }, lastState: {} });
  assert.equal(restartsSettled(v), false);
  assert.deepEqual(restartedContainers(v), ["container app restarted 2 times; last termination: none"]);
  assert.equal(restartsSettled(app({ restartCount: 0, state: { running: {} } })), true);
});

test("a container not started yet says why (no harness error): waiting reason, or the scheduler's condition", () => {
  const unscheduled = { kind: "Pod", spec: { containers: [{ name: "app" }] }, status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector." }] } };
  assert.equal(notStartedReason(unscheduled, "app"), "no status yet; PodScheduled=False (Unschedulable): 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
  assert.equal(notStartedReason(app({ state: { waiting: { reason: "ContainerCreating" } } }), "app"), "waiting (ContainerCreating)");
  assert.equal(notStartedReason(app({ state: { running: {} } }), "app"), undefined);
  assert.equal(notStartedReason(app({ state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: exit3("1") }), "app"), undefined, "an earlier instance has a log");
});

test("a finished container's log is final: finished Pod, or a restart policy that leaves it; a running or restarting one is not", () => {
  const ended = (phase: string, policy: string, code = 0) => pod({ phase, containerStatuses: [{ name: "app", state: { terminated: { exitCode: code } } }] }, { restartPolicy: policy });
  assert.equal(finishedForGood(ended("Succeeded", "Never"), "app"), true);
  assert.equal(finishedForGood(ended("Running", "Never"), "app"), true, "a sidecar-less container of a Pod whose other container runs");
  assert.equal(finishedForGood(ended("Running", "OnFailure", 0), "app"), true);
  assert.equal(finishedForGood(ended("Running", "OnFailure", 1), "app"), false, "it will be restarted");
  assert.equal(finishedForGood(ended("Running", "Always", 3), "app"), false);
  assert.equal(finishedForGood(app({ state: { running: {} } }), "app"), false);
});

test("the log endpoint's 400 for a container being created is a matter of time, other 400s are not", () => {
  assert.equal(notStartedYet(400, 'container "app" in pod "echoer" is waiting to start: ContainerCreating'), true);
  assert.equal(notStartedYet(400, 'container "app" in pod "echoer" is waiting to start: PodInitializing'), true);
  assert.equal(notStartedYet(400, 'previous terminated container "app" in pod "echoer" not found'), false);
  assert.equal(notStartedYet(400, 'container nope is not valid for pod echoer'), false);
  assert.equal(notStartedYet(404, 'pods "echoer" not found'), false, "the API server's own: no such Pod");
  // the kubelet has not received the Pod yet: its 404, as the API server passes it on
  assert.equal(notStartedYet(404, 'the server could not find the requested resource ( pods/log duo) (pod "duo" does not exist)'), true);
});
