// Reading Pod and workload status from plain JSON. Pure: unit tested without a cluster.
import type { KubeObject } from "../kube/manifest.ts";

interface Condition {
  type: string;
  status: string;
  reason?: string;
  lastTransitionTime?: string;
}
interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: string };
    terminated?: { reason?: string; exitCode?: number };
  };
}
export interface PodStatus {
  phase?: string;
  conditions?: Condition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  podIP?: string;
}

export function podStatus(pod: KubeObject): PodStatus {
  return (pod.status ?? {}) as PodStatus;
}

export function nodeName(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
}

export function conditionTrue(obj: KubeObject, type: string): boolean {
  const conds = ((obj.status ?? {}) as { conditions?: Condition[] }).conditions ?? [];
  return conds.some((c) => c.type === type && c.status === "True");
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
  const st = podStatus(pod);
  for (const c of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) {
    const w = c.state?.waiting;
    if (w?.reason && TERMINAL_WAITING_REASONS.has(w.reason)) {
      return `container ${c.name}: ${w.reason}${w.message ? `: ${w.message}` : ""}`;
    }
  }
  return undefined;
}

function containerText(c: ContainerStatus): string {
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

interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
}

/** Ready/desired summary for Deployment, ReplicaSet and StatefulSet. */
export function workloadSummary(obj: KubeObject): string {
  const st = (obj.status ?? {}) as WorkloadStatus;
  const desired = (obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  return `desired=${desired} replicas=${st.replicas ?? 0} ready=${st.readyReplicas ?? 0} updated=${st.updatedReplicas ?? 0} observedGeneration=${st.observedGeneration ?? 0}/${obj.metadata?.generation ?? "?"}`;
}

export function hasReadyReplicas(obj: KubeObject, n: number): boolean {
  const st = (obj.status ?? {}) as WorkloadStatus;
  const gen = obj.metadata?.generation as number | undefined;
  const observed = gen === undefined || (st.observedGeneration ?? 0) >= gen;
  // status.replicas == n too: during a rollout extra Pods may exist while n are ready
  return observed && (st.readyReplicas ?? 0) === n && (st.replicas ?? 0) === n;
}

export function jobSummary(job: KubeObject): string {
  const st = (job.status ?? {}) as { active?: number; succeeded?: number; failed?: number; conditions?: Condition[] };
  const conds = (st.conditions ?? []).filter((c) => c.status === "True").map((c) => c.type).join(",") || "none";
  return `active=${st.active ?? 0} succeeded=${st.succeeded ?? 0} failed=${st.failed ?? 0} conditions=${conds}`;
}

export function daemonSetSummary(ds: KubeObject): string {
  const st = (ds.status ?? {}) as { desiredNumberScheduled?: number; numberReady?: number; currentNumberScheduled?: number };
  return `desired=${st.desiredNumberScheduled ?? 0} scheduled=${st.currentNumberScheduled ?? 0} ready=${st.numberReady ?? 0}`;
}

/** True when metadata.ownerReferences names `kind/name` (the controller of the object). */
export function ownedBy(obj: KubeObject, kind: string, name: string): boolean {
  const refs = (obj.metadata?.ownerReferences ?? []) as { kind?: string; name?: string }[];
  return refs.some((r) => r.kind === kind && r.name === name);
}

/**
 * True when the Pod belongs to the workload: owned by it directly (StatefulSet, DaemonSet) or
 * through a ReplicaSet named `<deployment>-<hash>` (Deployment).
 */
export function ownedByChainOf(pod: KubeObject, kind: string, name: string): boolean {
  if (kind !== "Deployment") return ownedBy(pod, kind, name);
  const refs = (pod.metadata?.ownerReferences ?? []) as { kind?: string; name?: string }[];
  return refs.some((r) => r.kind === "ReplicaSet" && typeof r.name === "string" && r.name.startsWith(`${name}-`) && !r.name.slice(name.length + 1).includes("-"));
}
