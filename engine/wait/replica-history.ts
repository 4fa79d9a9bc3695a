// A Deployment's ready replicas over the scenario, as the scenario's watch saw them (the recorder
// keeps one observation per version), and the check "never fewer than N" over that record.
// Counted from the first version with N ready: a new Deployment starts at 0, and its ramp-up is
// not what the check is about. Pure.
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import { secondsText } from "../seconds.ts";
import { workloadSummary } from "./pod-state.ts";

export interface ReplicaObservation {
  at: Date;
  resourceVersion?: string;
  ready: number;
  /** `desired=2 replicas=2 ready=1 …`, or `deleted`. */
  summary: string;
}

export function replicaObservation(type: "ADDED" | "MODIFIED" | "DELETED", o: KubeObject, at = new Date()): ReplicaObservation {
  const rv = obj.resourceVersionOf(o);
  // a deleted Deployment serves nobody, whatever its last status said
  if (type === "DELETED") return { at, resourceVersion: rv, ready: 0, summary: "deleted" };
  return { at, resourceVersion: rv, ready: obj.workloadStatusOf(o).readyReplicas ?? 0, summary: workloadSummary(o) };
}

export type ReplicaVerdict =
  | { held: true; since: ReplicaObservation; versions: number }
  | { held: false; most: number; versions: number }
  | { held: false; since: ReplicaObservation; drop: ReplicaObservation };

/** From the first observation with at least `n` ready on, the first with fewer (if any). */
export function neverFewerThan(history: readonly ReplicaObservation[], n: number): ReplicaVerdict {
  const first = history.findIndex((o) => o.ready >= n);
  if (first < 0) return { held: false, most: Math.max(0, ...history.map((o) => o.ready)), versions: history.length };
  const since = history[first]!;
  const drop = history.slice(first).find((o) => o.ready < n);
  return drop ? { held: false, since, drop } : { held: true, since, versions: history.length - first };
}

const clock = (d: Date): string => d.toISOString().slice(11, 23);
const secs = (from: Date, to: Date): string => secondsText(to.getTime() - from.getTime());

/** The verdict in words, after `Deployment/ns/web: `. */
export function replicaVerdictText(v: ReplicaVerdict, n: number): string {
  if (v.held) return `${n} or more ready replicas in every version since ${clock(v.since.at)} (${v.versions} version(s) seen)`;
  if ("most" in v) return `expected never fewer than ${n} ready replicas, but it never had ${n}: at most ${v.most} in ${v.versions} version(s) seen this scenario`;
  const rv = v.drop.resourceVersion ? `resourceVersion ${v.drop.resourceVersion} ` : "";
  return `expected never fewer than ${n} ready replicas (from ${clock(v.since.at)}, when it first had ${n}), but at ${clock(v.drop.at)} (after ${secs(v.since.at, v.drop.at)}) ${rv}had ${v.drop.ready}: ${v.drop.summary}`;
}
