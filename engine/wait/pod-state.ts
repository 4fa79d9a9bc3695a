// Pod and workload state, read through engine/kube/objects.ts. Pure: unit tested without a cluster.
import type { KubeObject } from "../kube/manifest.ts";
import * as obj from "../kube/objects.ts";
import type { ContainerStatusJson, PodStatusJson } from "../kube/objects.ts";

export function podStatus(pod: KubeObject): PodStatusJson {
  return obj.podStatusOf(pod);
}

export function nodeName(pod: KubeObject): string | undefined {
  return obj.nodeNameOf(pod);
}

export function conditionTrue(o: KubeObject, type: string): boolean {
  return obj.conditionsOf(o).some((c) => c.type === type && c.status === "True");
}

/**
 * Waiting reasons after which a Pod will not start without someone changing it.
 * Nothing can be pulled on the test cluster, so pull errors are terminal too.
 */
export const TERMINAL_WAITING_REASONS = new Set([
  "ErrImageNeverPull",
  "InvalidImageName",
  "CreateContainerConfigError",
  "CreateContainerError",
  "ErrImagePull",
  "ImagePullBackOff",
  "ImageInspectError",
  "RunContainerError",
]);

/** `container: reason: message` for the first container stuck for good, else undefined. */
export function terminalReason(pod: KubeObject): string | undefined {
  for (const c of obj.allContainerStatusesOf(pod)) {
    const w = c.state?.waiting;
    if (w?.reason && TERMINAL_WAITING_REASONS.has(w.reason)) {
      return `container ${c.name}: ${w.reason}${w.message ? `: ${w.message}` : ""}`;
    }
  }
  return undefined;
}

function containerText(c: ContainerStatusJson): string {
  const s = c.state ?? {};
  if (s.waiting) return `${c.name}:waiting(${s.waiting.reason ?? "?"})`;
  if (s.terminated) return `${c.name}:terminated(${s.terminated.reason ?? "?"},exit=${s.terminated.exitCode ?? "?"})`;
  if (s.running) return `${c.name}:running${c.ready ? ",ready" : ""}`;
  return `${c.name}:unknown`;
}

/** One line: phase, node, IP, conditions, containers. Used in timelines and timeout messages. */
export function podSummary(pod: KubeObject): string {
  const st = podStatus(pod);
  const conds = (st.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(",") || "none";
  const containers = (st.containerStatuses ?? []).map(containerText).join(" ") || "none";
  const deleting = pod.metadata?.deletionTimestamp ? " deleting" : "";
  return `phase=${st.phase ?? "?"}${deleting} node=${nodeName(pod) ?? "<none>"} ip=${st.podIP ?? "<none>"} conditions=${conds} containers=${containers}`;
}

export function isPodReady(pod: KubeObject): boolean {
  return !pod.metadata?.deletionTimestamp && conditionTrue(pod, "Ready");
}

/** Ready/desired summary for Deployment, ReplicaSet and StatefulSet. */
export function workloadSummary(o: KubeObject): string {
  const st = obj.workloadStatusOf(o);
  return `desired=${obj.replicasOf(o)} replicas=${st.replicas ?? 0} ready=${st.readyReplicas ?? 0} updated=${st.updatedReplicas ?? 0} observedGeneration=${st.observedGeneration ?? 0}/${obj.generationOf(o) ?? "?"}`;
}

export function hasReadyReplicas(o: KubeObject, n: number): boolean {
  const st = obj.workloadStatusOf(o);
  const gen = obj.generationOf(o);
  const observed = gen === undefined || (st.observedGeneration ?? 0) >= gen;
  // status.replicas == n too: during a rollout extra Pods may exist while n are ready
  return observed && (st.readyReplicas ?? 0) === n && (st.replicas ?? 0) === n;
}

export function jobSummary(job: KubeObject): string {
  const st = obj.jobStatusOf(job);
  const conds = obj.conditionsOf(job).filter((c) => c.status === "True").map((c) => c.type).join(",") || "none";
  return `active=${st.active ?? 0} succeeded=${st.succeeded ?? 0} failed=${st.failed ?? 0} conditions=${conds}`;
}

export function daemonSetSummary(ds: KubeObject): string {
  const st = obj.workloadStatusOf(ds);
  return `desired=${st.desiredNumberScheduled ?? 0} scheduled=${st.currentNumberScheduled ?? 0} ready=${st.numberReady ?? 0}`;
}

/** True when metadata.ownerReferences names `kind/name` (the controller of the object). */
export function ownedBy(o: KubeObject, kind: string, name: string): boolean {
  return obj.ownerReferencesOf(o).some((r) => r.kind === kind && r.name === name);
}

/**
 * True when the Pod belongs to the workload: owned by it directly (StatefulSet, DaemonSet) or
 * through a ReplicaSet named `<deployment>-<hash>` (Deployment).
 */
export function ownedByChainOf(pod: KubeObject, kind: string, name: string): boolean {
  if (kind !== "Deployment") return ownedBy(pod, kind, name);
  return obj.ownerReferencesOf(pod).some((r) => r.kind === "ReplicaSet" && typeof r.name === "string" && r.name.startsWith(`${name}-`) && !r.name.slice(name.length + 1).includes("-"));
}
