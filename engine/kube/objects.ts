// Typed views of the plain JSON the API server sends, over client-node's model types. Each
// reader only retypes what is there (and fills defaults): no conversion, no copy. The one place
// where a KubeObject is taken to be a Pod, a Deployment, an Event...; everything else reads
// through these instead of casting `o.status as { ... }`. Pure: unit tested.
import type {
  CoreV1Event,
  V1Condition,
  V1ContainerStatus,
  V1CustomResourceDefinitionSpec,
  V1DaemonSetStatus,
  V1DeploymentSpec,
  V1DeploymentStatus,
  V1JobStatus,
  V1LabelSelector,
  V1Node,
  V1Namespace,
  V1OwnerReference,
  V1Pod,
  V1PodStatus,
  V1StatefulSetStatus,
} from "@kubernetes/client-node";
import type { KubeObject } from "./object.ts";

/**
 * A client-node model as JSON: its Date fields are the RFC 3339 strings the API server sent
 * (client-node's typed calls turn them into Dates; raw lists and watches do not).
 */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type PodJson = Json<V1Pod>;
export type PodStatusJson = Json<V1PodStatus>;
export type ContainerStatusJson = Json<V1ContainerStatus>;
export type EventJson = Json<CoreV1Event>;
/** Conditions as Deployments, Jobs, CRDs, APIServices... write them: every field optional here. */
export type ConditionJson = Partial<Json<V1Condition>>;
/** The status fields Deployment, ReplicaSet and StatefulSet share, plus the DaemonSet's. */
export type WorkloadStatusJson = Partial<Json<V1DeploymentStatus> & Json<V1StatefulSetStatus> & Json<V1DaemonSetStatus>>;

/** A Pod, whichever way it was read: raw JSON (times as strings) or a client-node V1Pod (Dates). */
export type AnyPod = KubeObject | V1Pod;

/** The Pod as typed JSON (a KubeObject read from a Pod list or watch). */
export function podOf(o: KubeObject): PodJson {
  return o as PodJson;
}

/** Either form, for code that reads no time field (the Pod summary). */
export function anyPodOf(o: AnyPod): PodJson | V1Pod {
  return o as PodJson | V1Pod;
}

export function podStatusOf(o: KubeObject): PodStatusJson {
  return podOf(o).status ?? {};
}

export function nodeNameOf(o: KubeObject): string | undefined {
  return podOf(o).spec?.nodeName;
}

/** status.containerStatuses (not init containers). */
export function containerStatusesOf(o: KubeObject): ContainerStatusJson[] {
  return podStatusOf(o).containerStatuses ?? [];
}

/** status.initContainerStatuses then status.containerStatuses. */
export function allContainerStatusesOf(o: KubeObject): ContainerStatusJson[] {
  const st = podStatusOf(o);
  return [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
}

/** status.conditions of any object that has them ([] when it has none). */
export function conditionsOf(o: KubeObject): ConditionJson[] {
  const st = o.status as { conditions?: unknown } | undefined;
  return Array.isArray(st?.conditions) ? (st.conditions as ConditionJson[]) : [];
}

export function conditionOf(o: KubeObject, type: string): ConditionJson | undefined {
  return conditionsOf(o).find((c) => c.type === type);
}

/** status of a Deployment, ReplicaSet, StatefulSet or DaemonSet ({} before the controller wrote one). */
export function workloadStatusOf(o: KubeObject): WorkloadStatusJson {
  return (o.status ?? {}) as WorkloadStatusJson;
}

export function jobStatusOf(o: KubeObject): Json<V1JobStatus> {
  return (o.status ?? {}) as Json<V1JobStatus>;
}

/** spec of a Deployment, ReplicaSet or StatefulSet, as far as the readers below need it. */
export function workloadSpecOf(o: KubeObject): Partial<Json<V1DeploymentSpec>> {
  return (o.spec ?? {}) as Partial<Json<V1DeploymentSpec>>;
}

/** spec.replicas, 1 when unset (the API server's default). */
export function replicasOf(o: KubeObject): number {
  return workloadSpecOf(o).replicas ?? 1;
}

/** spec.selector of a workload. */
export function selectorOf(o: KubeObject): Json<V1LabelSelector> | undefined {
  return workloadSpecOf(o).selector;
}

export function matchLabelsOf(o: KubeObject): Record<string, string> {
  return selectorOf(o)?.matchLabels ?? {};
}

/** `k=v,k2=v2` from spec.selector.matchLabels: a label selector for lists and watches ("" when there is none). */
export function matchLabelsSelector(o: KubeObject): string {
  return Object.entries(matchLabelsOf(o)).map(([k, v]) => `${k}=${v}`).join(",");
}

/** metadata.generation (undefined for objects read before the server set it). */
export function generationOf(o: KubeObject): number | undefined {
  const g = o.metadata?.generation;
  return typeof g === "number" ? g : undefined;
}

/** status.observedGeneration of any object that reports it. */
export function observedGenerationOf(o: KubeObject): number | undefined {
  const g = (o.status as { observedGeneration?: unknown } | undefined)?.observedGeneration;
  return typeof g === "number" ? g : undefined;
}

export function resourceVersionOf(o: KubeObject): string | undefined {
  const rv = o.metadata?.resourceVersion;
  return typeof rv === "string" ? rv : undefined;
}

export function ownerReferencesOf(o: KubeObject): Partial<V1OwnerReference>[] {
  const refs = o.metadata?.ownerReferences;
  return Array.isArray(refs) ? (refs as Partial<V1OwnerReference>[]) : [];
}

export function eventOf(o: KubeObject): EventJson {
  return o as unknown as EventJson;
}

export function nodeOf(o: KubeObject): Json<V1Node> {
  return o as Json<V1Node>;
}

export function namespacePhaseOf(o: KubeObject | undefined): string | undefined {
  return (o as Json<V1Namespace> | undefined)?.status?.phase;
}

export function crdSpecOf(o: KubeObject): Partial<Json<V1CustomResourceDefinitionSpec>> {
  return (o.spec ?? {}) as Partial<Json<V1CustomResourceDefinitionSpec>>;
}
