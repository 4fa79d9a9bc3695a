// Pod and workload state, and the one Pod summary, read through engine/kube/objects.ts. Pure:
// unit tested without a cluster.
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import type { AnyPod, ContainerStatusJson, PodStatusJson } from "../kube/objects.ts";
import type { V1ContainerStatus } from "@kubernetes/client-node";

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

function containerText(c: ContainerStatusJson | V1ContainerStatus, init: boolean): string {
  const s = c.state ?? {};
  const restarts = c.restartCount ? `,restarts=${c.restartCount}` : "";
  const name = `${init ? "init:" : ""}${c.name}`;
  if (s.waiting) return `${name}:waiting(${s.waiting.reason ?? "?"})${restarts}`;
  if (s.terminated) return `${name}:terminated(${s.terminated.reason ?? "?"},exit=${s.terminated.exitCode ?? "?"})${restarts}`;
  if (s.running) return `${name}:running${c.ready ? ",ready" : ""}${restarts}`;
  return `${name}:unknown${restarts}`;
}

/**
 * The one-line Pod summary: phase, node, IP, conditions, containers (init containers first,
 * `init:`-prefixed; restarts when any). Used in timelines, timeout messages, step attachments,
 * the failure diagnostics' Pod list and the local provider's probe. Takes raw JSON or a V1Pod.
 */
export function podSummary(pod: AnyPod): string {
  const p = obj.anyPodOf(pod);
  const st = p.status ?? {};
  const conds = (st.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(",") || "none";
  const containers = [...(st.initContainerStatuses ?? []).map((c) => containerText(c, true)), ...(st.containerStatuses ?? []).map((c) => containerText(c, false))].join(" ") || "none";
  const deleting = p.metadata?.deletionTimestamp ? " deleting" : "";
  return `phase=${st.phase ?? "?"}${deleting} node=${p.spec?.nodeName ?? "<none>"} ip=${st.podIP ?? "<none>"} conditions=${conds} containers=${containers}`;
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

type Terminated = NonNullable<NonNullable<ContainerStatusJson["state"]>["terminated"]>;

/**
 * How the container's most recent instance to end ended: the current instance when it is
 * terminated now, else the one before (lastState). The kubelet publishes a restarted container
 * that is terminated again with `state.terminated` and, once it has removed the older instance,
 * an empty lastState until its next sync (up to the crash-loop back-off later): reading lastState
 * alone then says "none" about a container that has just ended. Pure.
 */
export function lastEnded(c: ContainerStatusJson): Terminated | undefined {
  return c.state?.terminated ?? c.lastState?.terminated;
}

export function endedText(t: Terminated | undefined): string {
  return t ? `exit code ${t.exitCode ?? "?"} (${t.reason ?? "?"})${t.finishedAt ? ` at ${t.finishedAt}` : ""}` : "none";
}

/** The container ended and will not run again (its log is final): a finished Pod, or a restart policy that leaves it. Pure. */
export function finishedForGood(pod: KubeObject, name: string): boolean {
  const c = obj.allContainerStatusesOf(pod).find((x) => x.name === name);
  const t = c?.state?.terminated;
  if (!t) return false;
  const phase = podStatus(pod).phase;
  if (phase === "Succeeded" || phase === "Failed") return true;
  const policy = obj.podOf(pod).spec?.restartPolicy ?? "Always";
  return policy === "Never" || (policy === "OnFailure" && t.exitCode === 0);
}

/**
 * Why the container has no log yet, or undefined once an instance has started: `waiting
 * (ContainerCreating)`, or with no status at all the Pod's PodScheduled condition when it is not
 * True (`no status yet; PodScheduled=False (Unschedulable): 0/1 nodes are available…`). Pure.
 */
export function notStartedReason(pod: AnyPod, name: string): string | undefined {
  const p = obj.anyPodOf(pod);
  const st = p.status ?? {};
  const c = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])].find((x) => x.name === name);
  if (c && (c.state?.running || c.state?.terminated || c.lastState?.terminated)) return undefined;
  if (c?.state?.waiting) return `waiting (${c.state.waiting.reason ?? "?"}${c.state.waiting.message ? `: ${c.state.waiting.message}` : ""})`;
  const scheduled = (st.conditions ?? []).find((x) => x.type === "PodScheduled");
  if (scheduled && scheduled.status !== "True") return `no status yet; PodScheduled=${scheduled.status}${scheduled.reason ? ` (${scheduled.reason})` : ""}${scheduled.message ? `: ${scheduled.message}` : ""}`;
  return p.spec?.nodeName ? "no status yet (the kubelet has not reported it)" : "no status yet; not scheduled";
}
