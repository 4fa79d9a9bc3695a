// Watch-based waits, each with its own timeout. On timeout they say what was awaited,
// the last state seen and the object's recent events (waitFor); stuck Pods fail at once.
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import * as ps from "./pod-state.ts";
import { DEFAULT_FAIL_FAST, failFastReason, recheckInMs, type FailFastPolicy } from "./fail-fast.ts";
import type { Timeline } from "./timeline.ts";
import { waitFor } from "./wait-for.ts";
import type { Verdict, WatchTarget } from "./watch.ts";

export interface WaitEnv {
  clients: KubeClients;
  namespace: string;
  timeline?: Timeline;
  /** When Ready, Running and rollout waits give up early (fail-fast.ts); DEFAULT_FAIL_FAST if absent. */
  failFast?: FailFastPolicy;
}

export interface WaitSpec<R> {
  /** e.g. `Pod/ns/go-test Ready` */
  what: string;
  expected: string;
  target: WatchTarget;
  /** Object whose events decorate a failure. */
  eventsOf: { kind: string; name: string };
  timeoutMs: number;
  evaluate: (objects: Map<string, KubeObject>) => Verdict<R>;
  /** The last state, in words, for the failure message. */
  lastSeen: (objects: Map<string, KubeObject>) => string;
  /** Ends the wait early (with the signal's reason), e.g. when a wait beside it decided. */
  signal?: AbortSignal;
  /** See WatchUntilOptions.recheckInMs. */
  recheckInMs?: (objects: Map<string, KubeObject>) => number | undefined;
}

/** A wait in the scenario's namespace, recorded in its timeline, its failure decorated with `eventsOf`'s events. */
export async function runWait<R>(env: WaitEnv, spec: WaitSpec<R>): Promise<R> {
  const record = (summary: string): void =>
    env.timeline?.record({ type: "WAIT", kind: spec.eventsOf.kind, namespace: env.namespace, name: spec.eventsOf.name, summary });
  return waitFor(env.clients, { ...spec, operation: "wait", object: spec.what, eventsOf: { namespace: env.namespace, ...spec.eventsOf }, record });
}

const byName = (name: string): string => `metadata.name=${name}`;

export type PodGoal = { kind: "Running" } | { kind: "Ready" } | { kind: "condition"; condition: string };

function goalText(g: PodGoal): string {
  return g.kind === "condition" ? `condition ${g.condition}=True` : g.kind === "Running" ? "phase=Running" : "condition Ready=True";
}

/** The fail-fast reason of a Pod under the env's policy (fail-fast.ts), and when to judge it again. */
export function podStuck(env: WaitEnv, pod: KubeObject): string | undefined {
  return failFastReason(pod, env.failFast ?? DEFAULT_FAIL_FAST, Date.now());
}

export function recheckPods(env: WaitEnv): (objs: Map<string, KubeObject>) => number | undefined {
  return (objs) => {
    const times = [...objs.values()].map((p) => recheckInMs(p, env.failFast ?? DEFAULT_FAIL_FAST, Date.now())).filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  };
}

/** Wait for one Pod to reach a goal; fails at once when it is stuck (podStuck) or has finished. */
export async function waitForPod(env: WaitEnv, name: string, goal: PodGoal, timeoutMs: number): Promise<KubeObject> {
  return runWait<KubeObject>(env, {
    what: `Pod/${env.namespace}/${name} ${goal.kind === "condition" ? goal.condition : goal.kind}`,
    expected: goalText(goal),
    target: { apiVersion: "v1", kind: "Pod", namespace: env.namespace, fieldSelector: byName(name) },
    eventsOf: { kind: "Pod", name },
    timeoutMs,
    evaluate: (objs) => {
      const pod = objs.get(name);
      if (!pod) return undefined;
      const met =
        goal.kind === "Running" ? ps.podStatus(pod).phase === "Running" : goal.kind === "Ready" ? ps.isPodReady(pod) : ps.conditionTrue(pod, goal.condition);
      if (met) return { done: pod };
      const stuck = podStuck(env, pod);
      if (stuck) return { fail: stuck };
      const phase = ps.podStatus(pod).phase;
      if (phase === "Succeeded" || phase === "Failed") return { fail: `the Pod has finished (phase=${phase})` };
      return undefined;
    },
    lastSeen: (objs) => {
      const pod = objs.get(name);
      return pod ? ps.podSummary(pod) : "no such Pod";
    },
    recheckInMs: recheckPods(env),
  });
}

/** Wait until an object no longer exists (its finalizers and grace period done); cluster-scoped kinds outside the namespace. */
export async function waitForGone(env: WaitEnv, k: { apiVersion: string; kind: string; namespaced: boolean }, name: string, timeoutMs: number): Promise<void> {
  const kind = k.kind;
  await runWait(env, {
    what: `${kind}/${k.namespaced ? `${env.namespace}/` : ""}${name} gone`,
    expected: "the object to be deleted",
    target: { apiVersion: k.apiVersion, kind, namespace: k.namespaced ? env.namespace : "", fieldSelector: byName(name) },
    eventsOf: { kind, name },
    timeoutMs,
    evaluate: (objs) => (objs.has(name) ? undefined : { done: undefined }),
    lastSeen: (objs) => {
      const o = objs.get(name);
      if (!o) return "it still existed";
      const extra = kind === "Pod" ? ` ${ps.podSummary(o)}` : "";
      return `it still exists (deletionTimestamp=${String(o.metadata?.deletionTimestamp ?? "<none>")}, finalizers=${JSON.stringify(o.metadata?.finalizers ?? [])})${extra}`;
    },
  });
}

/** Deployment, ReplicaSet or StatefulSet with exactly n ready replicas (and no extra). */
export async function waitForReadyReplicas(env: WaitEnv, kind: "Deployment" | "ReplicaSet" | "StatefulSet", name: string, n: number, timeoutMs: number): Promise<KubeObject> {
  return runWait(env, {
    what: `${kind}/${env.namespace}/${name} ${n} ready`,
    expected: `${n} ready replicas`,
    target: { apiVersion: "apps/v1", kind, namespace: env.namespace, fieldSelector: byName(name) },
    eventsOf: { kind, name },
    timeoutMs,
    evaluate: (objs) => {
      const o = objs.get(name);
      return o && ps.hasReadyReplicas(o, n) ? { done: o } : undefined;
    },
    lastSeen: (objs) => {
      const o = objs.get(name);
      return o ? ps.workloadSummary(o) : `no such ${kind}`;
    },
  });
}

/** DaemonSet: every node it should run on has a ready Pod. Resolves to the desired count. */
export async function waitForDaemonSetReady(env: WaitEnv, name: string, timeoutMs: number): Promise<number> {
  return runWait(env, {
    what: `DaemonSet/${env.namespace}/${name} ready`,
    expected: "a ready Pod on every eligible node",
    target: { apiVersion: "apps/v1", kind: "DaemonSet", namespace: env.namespace, fieldSelector: byName(name) },
    eventsOf: { kind: "DaemonSet", name },
    timeoutMs,
    evaluate: (objs) => {
      const o = objs.get(name);
      if (!o) return undefined;
      const st = obj.workloadStatusOf(o);
      const observed = (st.observedGeneration ?? 0) >= (obj.generationOf(o) ?? 1);
      return observed && (st.desiredNumberScheduled ?? 0) > 0 && st.numberReady === st.desiredNumberScheduled ? { done: st.desiredNumberScheduled ?? 0 } : undefined;
    },
    lastSeen: (objs) => {
      const o = objs.get(name);
      return o ? ps.daemonSetSummary(o) : "no such DaemonSet";
    },
  });
}

/** Job condition Complete=True; fails at once when the Job reports Failed. */
export async function waitForJobComplete(env: WaitEnv, name: string, timeoutMs: number): Promise<KubeObject> {
  return runWait<KubeObject>(env, {
    what: `Job/${env.namespace}/${name} complete`,
    expected: "condition Complete=True",
    target: { apiVersion: "batch/v1", kind: "Job", namespace: env.namespace, fieldSelector: byName(name) },
    eventsOf: { kind: "Job", name },
    timeoutMs,
    evaluate: (objs) => {
      const o = objs.get(name);
      if (!o) return undefined;
      if (ps.conditionTrue(o, "Complete")) return { done: o };
      if (ps.conditionTrue(o, "Failed")) return { fail: `the Job failed (${ps.jobSummary(o)})` };
      return undefined;
    },
    lastSeen: (objs) => {
      const o = objs.get(name);
      return o ? ps.jobSummary(o) : "no such Job";
    },
  });
}

/** A Job created by the CronJob (owner reference) appears. Resolves to the Job's name. */
export async function waitForJobOf(env: WaitEnv, cronJob: string, timeoutMs: number): Promise<string> {
  return runWait(env, {
    what: `CronJob/${env.namespace}/${cronJob} schedules a Job`,
    expected: "a Job owned by the CronJob",
    target: { apiVersion: "batch/v1", kind: "Job", namespace: env.namespace },
    eventsOf: { kind: "CronJob", name: cronJob },
    timeoutMs,
    evaluate: (objs) => {
      const job = [...objs.values()].find((j) => ps.ownedBy(j, "CronJob", cronJob));
      return job?.metadata?.name ? { done: job.metadata.name } : undefined;
    },
    lastSeen: (objs) => `Jobs in the namespace: ${[...objs.keys()].join(", ") || "none"}`,
  });
}

/** Pods matching a selector: n of them Ready, and at least one whose UID is not in `oldUids` (a replacement). */
export async function waitForReplacement(
  env: WaitEnv,
  selector: string,
  oldUids: Set<string>,
  n: number,
  timeoutMs: number,
  owner: { kind: string; name: string },
): Promise<KubeObject> {
  return runWait<KubeObject>(env, {
    what: `Pods ${selector} replaced`,
    expected: `${n} ready Pods including a new one (UID not in ${[...oldUids].join(", ")})`,
    target: { apiVersion: "v1", kind: "Pod", namespace: env.namespace, labelSelector: selector },
    eventsOf: owner,
    timeoutMs,
    evaluate: (objs) => {
      const ready = [...objs.values()].filter(ps.isPodReady);
      const fresh = ready.find((p) => !oldUids.has(p.metadata?.uid ?? ""));
      for (const p of objs.values()) {
        const stuck = podStuck(env, p);
        if (stuck) return { fail: `Pod ${p.metadata?.name}: ${stuck}` };
      }
      return fresh && ready.length === n ? { done: fresh } : undefined;
    },
    lastSeen: (objs) =>
      [...objs.values()].map((p) => `${p.metadata?.name} uid=${p.metadata?.uid} ${ps.podSummary(p)}`).join("; ") || "no Pods",
    recheckInMs: recheckPods(env),
  });
}

/** The Pod `name` exists again with a UID other than `oldUid`, and is Ready (StatefulSet identity). */
export async function waitForPodRecreated(env: WaitEnv, name: string, oldUid: string, timeoutMs: number): Promise<KubeObject> {
  return runWait<KubeObject>(env, {
    what: `Pod/${env.namespace}/${name} recreated`,
    expected: `a Ready Pod named ${name} with a UID other than ${oldUid}`,
    target: { apiVersion: "v1", kind: "Pod", namespace: env.namespace, fieldSelector: byName(name) },
    eventsOf: { kind: "Pod", name },
    timeoutMs,
    evaluate: (objs) => {
      const pod = objs.get(name);
      if (!pod || pod.metadata?.uid === oldUid) return undefined;
      if (ps.isPodReady(pod)) return { done: pod };
      const stuck = podStuck(env, pod);
      return stuck ? { fail: stuck } : undefined;
    },
    lastSeen: (objs) => {
      const pod = objs.get(name);
      return pod ? `uid=${pod.metadata?.uid} ${ps.podSummary(pod)}` : "no such Pod";
    },
    recheckInMs: (objs) => {
      const pod = objs.get(name);
      return pod && pod.metadata?.uid !== oldUid ? recheckPods(env)(new Map([[name, pod]])) : undefined;
    },
  });
}
