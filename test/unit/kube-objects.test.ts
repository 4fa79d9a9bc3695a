import { test } from "node:test";
import assert from "node:assert/strict";
import type { KubeObject } from "../../engine/kube/object.ts";
import * as obj from "../../engine/kube/objects.ts";
import { eventView } from "../../engine/wait/events.ts";
import { podSummary, workloadSummary } from "../../engine/wait/pod-state.ts";
import { rolloutState } from "../../engine/wait/rollout.ts";

// As a raw list or watch delivers it: times are strings.
const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-0", resourceVersion: "42", generation: 1, ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "u1" }] },
  spec: { nodeName: "n1", containers: [{ name: "app" }] },
  status: {
    phase: "Running",
    podIP: "10.0.0.7",
    conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-01-01T00:00:05Z" }],
    initContainerStatuses: [{ name: "setup", image: "i", imageID: "", ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed", finishedAt: "2026-01-01T00:00:02Z" } } }],
    containerStatuses: [{ name: "app", image: "i", imageID: "", ready: true, restartCount: 1, state: { running: { startedAt: "2026-01-01T00:00:04Z" } } }],
  },
};

test("a Pod read through the readers: status, node, containers, owners, times as the JSON holds them", () => {
  assert.equal(obj.podStatusOf(pod).phase, "Running");
  assert.equal(obj.nodeNameOf(pod), "n1");
  assert.deepEqual(obj.containerStatusesOf(pod).map((c) => c.name), ["app"]);
  assert.deepEqual(obj.allContainerStatusesOf(pod).map((c) => c.name), ["setup", "app"]);
  const t: string | undefined = obj.containerStatusesOf(pod)[0]?.state?.running?.startedAt;
  assert.equal(t, "2026-01-01T00:00:04Z", "a string, not a Date: no conversion");
  assert.equal(obj.conditionOf(pod, "Ready")?.lastTransitionTime, "2026-01-01T00:00:05Z");
  assert.deepEqual(obj.ownerReferencesOf(pod).map((r) => `${r.kind}/${r.name}`), ["StatefulSet/web"]);
  assert.equal(obj.resourceVersionOf(pod), "42");
  assert.equal(obj.generationOf(pod), 1);
  const bare: KubeObject = { kind: "Pod", metadata: { name: "new" } };
  assert.deepEqual(obj.podStatusOf(bare), {});
  assert.deepEqual(obj.allContainerStatusesOf(bare), []);
  assert.deepEqual(obj.conditionsOf(bare), []);
  assert.deepEqual(obj.ownerReferencesOf(bare), []);
  assert.equal(obj.nodeNameOf(bare), undefined);
});

test("the one Pod summary: phase, node, IP, conditions, init containers first, restarts", () => {
  assert.equal(podSummary(pod), "phase=Running node=n1 ip=10.0.0.7 conditions=Ready=True containers=init:setup:terminated(Completed,exit=0) app:running,ready,restarts=1");
  assert.equal(podSummary({ kind: "Pod", metadata: { name: "x", deletionTimestamp: "2026-01-01T00:00:09Z" } }), "phase=? deleting node=<none> ip=<none> conditions=none containers=none");
});

const deployment = (status?: Record<string, unknown>): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", generation: 2 },
  spec: { replicas: 3, selector: { matchLabels: { app: "web" } } },
  ...(status ? { status } : {}),
});

test("a Deployment with a status: replicas, selector, status fields, conditions", () => {
  const d = deployment({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: [{ type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" }] });
  assert.equal(obj.replicasOf(d), 3);
  assert.deepEqual(obj.matchLabelsOf(d), { app: "web" });
  assert.equal(obj.matchLabelsSelector(d), "app=web");
  assert.equal(obj.workloadStatusOf(d).readyReplicas, 3);
  assert.equal(obj.observedGenerationOf(d), 2);
  assert.equal(obj.conditionOf(d, "Progressing")?.reason, "NewReplicaSetAvailable");
  assert.deepEqual(rolloutState("Deployment", d), { done: true });
  assert.equal(workloadSummary(d), "desired=3 replicas=3 ready=3 updated=3 observedGeneration=2/2");
});

test("a Deployment without a status (just created) and without spec.replicas", () => {
  const d = deployment();
  assert.deepEqual(obj.workloadStatusOf(d), {});
  assert.equal(obj.observedGenerationOf(d), undefined);
  assert.deepEqual(obj.conditionsOf(d), []);
  assert.equal(rolloutState("Deployment", d), undefined);
  assert.equal(workloadSummary(d), "desired=3 replicas=0 ready=0 updated=0 observedGeneration=0/2");
  const noReplicas: KubeObject = { kind: "Deployment", metadata: { name: "x" }, spec: {} };
  assert.equal(obj.replicasOf(noReplicas), 1, "the API server's default");
  assert.deepEqual(obj.matchLabelsOf(noReplicas), {});
  assert.equal(obj.matchLabelsSelector(noReplicas), "");
});

test("an Event with a series (events.k8s.io) and a core/v1 one with a count", () => {
  const series: KubeObject = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web-0.18700000000000001" },
    involvedObject: { kind: "Pod", name: "web-0" },
    reason: "BackOff",
    message: " Back-off restarting failed container \n",
    type: "Warning",
    reportingComponent: "kubelet",
    count: 2,
    series: { count: 7, lastObservedTime: "2026-01-01T00:01:00.000000Z" },
  };
  const ev = obj.eventOf(series);
  assert.equal(ev.series?.lastObservedTime, "2026-01-01T00:01:00.000000Z");
  assert.deepEqual(eventView(series), { reason: "BackOff", message: "Back-off restarting failed container", type: "Warning", component: "kubelet", kind: "Pod", name: "web-0", count: 7 });
  const counted: KubeObject = { kind: "Event", metadata: { name: "e" }, involvedObject: { kind: "Deployment", name: "web" }, reason: "ScalingReplicaSet", source: { component: "deployment-controller" }, count: 3 };
  assert.equal(eventView(counted).count, 3);
  assert.equal(eventView(counted).component, "deployment-controller");
});

test("Nodes, Namespaces and CRDs through their readers", () => {
  assert.equal(obj.nodeOf({ kind: "Node", spec: { unschedulable: true } }).spec?.unschedulable, true);
  assert.equal(obj.namespacePhaseOf({ kind: "Namespace", status: { phase: "Terminating" } }), "Terminating");
  assert.equal(obj.namespacePhaseOf(undefined), undefined);
  const crd = obj.crdSpecOf({ kind: "CustomResourceDefinition", spec: { group: "g.example.com", names: { kind: "Gizmo", plural: "gizmos" }, versions: [{ name: "v1", served: true, storage: true }] } });
  assert.equal(`${crd.group}/${crd.versions?.[0]?.name} ${crd.names?.kind}`, "g.example.com/v1 Gizmo");
});
