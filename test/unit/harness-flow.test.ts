import assert from "node:assert/strict";
import { test } from "node:test";
import { checkConditionOrder, firstBound, firstEvent, firstWithoutNode, type CreationFlow } from "../../engine/scenario/flow.ts";
import { CleanupStack } from "../../engine/scenario/cleanup.ts";
import { hasReadyReplicas, podSummary, terminalReason } from "../../engine/wait/pod-state.ts";

// Shaped like what the watch saw for go-test on the local cluster.
const flow: CreationFlow = {
  pod: "go-test",
  observations: [
    { seq: 1, type: "ADDED", trueConditions: [] },
    { seq: 2, type: "MODIFIED", nodeName: "node", trueConditions: [{ type: "PodScheduled", at: "2026-01-01T00:00:01Z" }] },
    { seq: 4, type: "MODIFIED", nodeName: "node", trueConditions: [{ type: "Initialized", at: "2026-01-01T00:00:01Z" }, { type: "PodScheduled", at: "2026-01-01T00:00:01Z" }] },
    {
      seq: 10,
      type: "MODIFIED",
      nodeName: "node",
      trueConditions: ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map((type) => ({ type, at: "2026-01-01T00:00:02Z" })),
    },
  ],
  events: [
    { seq: 3, reason: "Scheduled", component: "default-scheduler", message: "Successfully assigned ns/go-test to node" },
    { seq: 8, reason: "Created", component: "kubelet", message: "Created container: gogogo" },
    { seq: 9, reason: "Started", component: "kubelet", message: "Started container gogogo" },
  ],
};

test("creation flow: stored without a node, then bound, events by their components", () => {
  assert.equal(firstWithoutNode(flow)?.seq, 1);
  assert.equal(firstBound(flow)?.seq, 2);
  assert.equal(firstEvent(flow, "Scheduled", "default-scheduler")?.seq, 3);
  assert.equal(firstEvent(flow, "Started", "default-scheduler"), undefined);
});

test("conditions in order pass; equal watch versions are allowed (ContainersReady and Ready together)", () => {
  assert.deepEqual(checkConditionOrder(flow), []);
});

test("a condition seen before its predecessor, or never, is reported", () => {
  const swapped: CreationFlow = {
    ...flow,
    observations: [
      { seq: 1, type: "ADDED", nodeName: "node", trueConditions: [{ type: "Ready", at: "2026-01-01T00:00:00Z" }] },
      { seq: 2, type: "MODIFIED", nodeName: "node", trueConditions: [{ type: "PodScheduled", at: "2026-01-01T00:00:05Z" }] },
    ],
  };
  const problems = checkConditionOrder(swapped);
  assert.ok(problems.includes("condition Initialized was never observed True"), problems.join("; "));
  assert.ok(problems.includes("condition ContainersReady was never observed True"));
  assert.equal(firstWithoutNode(swapped), undefined, "first version already had a node");
  assert.deepEqual(checkConditionOrder(swapped, ["PodScheduled", "Ready"]), [
    "Ready became True (observation #1) before PodScheduled (#2)",
    "Ready lastTransitionTime 2026-01-01T00:00:00Z is before PodScheduled's 2026-01-01T00:00:05Z",
  ]);
});

test("terminal waiting reasons fail fast; ContainerCreating does not", () => {
  const pod = (reason: string) => ({ kind: "Pod", status: { phase: "Pending", containerStatuses: [{ name: "c", state: { waiting: { reason, message: "m" } } }] } });
  assert.equal(terminalReason(pod("ErrImageNeverPull")), "container c: ErrImageNeverPull: m");
  assert.equal(terminalReason(pod("ImagePullBackOff")), "container c: ImagePullBackOff: m");
  assert.equal(terminalReason(pod("ContainerCreating")), undefined);
  assert.match(podSummary(pod("ErrImageNeverPull")), /phase=Pending node=<none> ip=<none> conditions=none containers=c:waiting\(ErrImageNeverPull\)/);
});

test("ready replicas: exact count and an observed generation", () => {
  const d = (ready: number, replicas: number, observed = 2) => ({ kind: "Deployment", metadata: { generation: 2 }, spec: { replicas: 2 }, status: { readyReplicas: ready, replicas, observedGeneration: observed } });
  assert.equal(hasReadyReplicas(d(2, 2), 2), true);
  assert.equal(hasReadyReplicas(d(2, 3), 2), false, "a surplus Pod during replacement");
  assert.equal(hasReadyReplicas(d(1, 2), 2), false);
  assert.equal(hasReadyReplicas(d(2, 2, 1), 2), false, "status of an older generation");
});

test("cleanup runs in reverse order, once per object, and never throws", async () => {
  const stack = new CleanupStack();
  const order: string[] = [];
  stack.push({ what: "a", run: async () => (order.push("a"), { outcome: "deleted" }) });
  stack.push({ what: "b", run: async () => { throw new Error("boom"); } });
  stack.push({ what: "a", run: async () => (order.push("a-again"), { outcome: "deleted" }) });
  stack.push({ what: "c", run: async () => (order.push("c"), { outcome: "already gone" }) });
  const records = await stack.runAll();
  assert.deepEqual(order, ["c", "a"]);
  assert.deepEqual(records.map((r) => [r.what, r.outcome, r.detail]), [["c", "already gone", undefined], ["b", "failed", "boom"], ["a", "deleted", undefined]]);
  assert.equal(stack.size, 0);
});
