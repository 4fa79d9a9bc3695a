// Rollouts: a Deployment, StatefulSet or DaemonSet has finished rolling out its current spec,
// and the Pods of earlier revisions are gone. Fails at once on ProgressDeadlineExceeded or a
// Pod of the rollout that will not come up by itself under the fail-fast policy (fail-fast.ts),
// naming it and its events.
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import * as ps from "./pod-state.ts";
import { waitFor } from "./wait-for.ts";
import { podStuck, recheckPods, runWait, type WaitEnv } from "./waits.ts";
import { watchUntil } from "./watch.ts";

export type RolloutKind = "Deployment" | "StatefulSet" | "DaemonSet";
export const ROLLOUT_KINDS: readonly RolloutKind[] = ["Deployment", "StatefulSet", "DaemonSet"];

/** Done, still going (undefined), or a reason it cannot finish. Pure: unit tested. */
export function rolloutState(kind: RolloutKind, o: KubeObject): { done: true } | { fail: string } | undefined {
  const st = obj.workloadStatusOf(o);
  const generationSeen = (st.observedGeneration ?? 0) >= (obj.generationOf(o) ?? 1);
  if (!generationSeen) return undefined;
  const want = obj.replicasOf(o);
  if (kind === "Deployment") {
    const p = obj.conditionOf(o, "Progressing");
    if (p?.reason === "ProgressDeadlineExceeded") return { fail: `ProgressDeadlineExceeded: ${p.message ?? ""}` };
    const ok = (st.updatedReplicas ?? 0) === want && (st.readyReplicas ?? 0) === want && (st.availableReplicas ?? 0) === want && (st.replicas ?? 0) === want;
    return ok ? { done: true } : undefined;
  }
  if (kind === "StatefulSet") {
    const ok = (st.readyReplicas ?? 0) === want && (st.updatedReplicas ?? 0) === want && (st.replicas ?? 0) === want && st.currentRevision === st.updateRevision;
    return ok ? { done: true } : undefined;
  }
  const desired = st.desiredNumberScheduled ?? 0;
  return desired > 0 && st.updatedNumberScheduled === desired && st.numberAvailable === desired && st.numberReady === desired ? { done: true } : undefined;
}

export function rolloutSummary(kind: RolloutKind, o: KubeObject): string {
  const st = obj.workloadStatusOf(o);
  const gen = `observedGeneration=${st.observedGeneration ?? 0}/${obj.generationOf(o) ?? "?"}`;
  if (kind === "DaemonSet") return `desired=${st.desiredNumberScheduled ?? 0} updated=${st.updatedNumberScheduled ?? 0} available=${st.numberAvailable ?? 0} ready=${st.numberReady ?? 0} ${gen}`;
  const want = obj.replicasOf(o);
  const rev = kind === "StatefulSet" ? ` revision=${st.currentRevision ?? "?"}→${st.updateRevision ?? "?"}` : "";
  return `desired=${want} replicas=${st.replicas ?? 0} updated=${st.updatedReplicas ?? 0} ready=${st.readyReplicas ?? 0} available=${st.availableReplicas ?? 0}${rev} ${gen}`;
}

/** Whether a Pod belongs to the workload's current revision (the one being rolled out). */
function isCurrentRevision(kind: RolloutKind, workload: KubeObject | undefined, pod: KubeObject, rsRevision: Map<string, string>): boolean {
  if (!workload || pod.metadata?.deletionTimestamp) return false;
  if (kind === "Deployment") {
    const revision = workload.metadata?.annotations?.["deployment.kubernetes.io/revision"];
    const rs = obj.ownerReferencesOf(pod).find((r) => r.kind === "ReplicaSet")?.name;
    return revision !== undefined && rs !== undefined && rsRevision.get(rs) === revision;
  }
  if (kind === "StatefulSet") return pod.metadata?.labels?.["controller-revision-hash"] === obj.workloadStatusOf(workload).updateRevision;
  return true; // DaemonSet: every live Pod of it
}

/**
 * The Pods of a rollout (and, for a Deployment, its ReplicaSets, to know which revision a Pod
 * is), watched beside the wait on the workload: a Pod of the current revision that will not come
 * up by itself ends the rollout at once. Each change makes the workload's wait judge again.
 */
class RolloutPods {
  current?: KubeObject;
  /** The first stuck Pod of the current revision, and why. */
  stuck?: { pod: string; why: string };
  private pods = new Map<string, KubeObject>();
  private readonly rsRevision = new Map<string, string>();
  private readonly stop = new AbortController();
  private judgeNow: () => void = () => undefined;
  private readonly env: WaitEnv;
  private readonly kind: RolloutKind;
  private readonly name: string;

  constructor(env: WaitEnv, kind: RolloutKind, name: string) {
    this.env = env;
    this.kind = kind;
    this.name = name;
  }

  /** Starts the watches; `judgeNow` makes the workload's wait judge again. */
  start(timeoutMs: number, judgeNow: () => void): void {
    this.judgeNow = judgeNow;
    this.follow({ apiVersion: "v1", kind: "Pod" }, timeoutMs, (objs) => (this.pods = objs), recheckPods(this.env));
    if (this.kind !== "Deployment") return;
    this.follow({ apiVersion: "apps/v1", kind: "ReplicaSet" }, timeoutMs, (objs) => {
      for (const rs of objs.values()) this.rsRevision.set(rs.metadata?.name ?? "", rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? "");
    });
  }

  /** The first Pod of the current revision that is stuck (podStuck), remembered. */
  findStuck(): { pod: string; why: string } | undefined {
    for (const p of this.pods.values()) {
      if (this.stuck) break;
      if (!ps.ownedByChainOf(p, this.kind, this.name) || !isCurrentRevision(this.kind, this.current, p, this.rsRevision)) continue;
      const why = podStuck(this.env, p);
      if (why) this.stuck = { pod: p.metadata?.name ?? "?", why };
    }
    return this.stuck;
  }

  end(): void {
    this.stop.abort();
  }

  private follow(target: { apiVersion: string; kind: string }, timeoutMs: number, on: (objs: Map<string, KubeObject>) => void, recheck?: (objs: Map<string, KubeObject>) => number | undefined): void {
    // these watches only feed the workload's wait, which decides: their own end is no result
    watchUntil<never>(this.env.clients, { ...target, namespace: this.env.namespace }, {
      timeoutMs,
      signal: this.stop.signal,
      recheckInMs: recheck,
      evaluate: (objs) => {
        on(objs);
        this.judgeNow();
        return undefined;
      },
    }).catch(() => undefined);
  }
}

/**
 * Waits for the workload's status, while watching the Pods of its current revision for one that
 * cannot come up (RolloutPods); then for the Pods being exactly the desired, none terminating.
 */
export async function waitForRollout(env: WaitEnv, kind: RolloutKind, name: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  const pods = new RolloutPods(env, kind, name);
  const what = `${kind}/${env.namespace}/${name}`;
  let o: KubeObject;
  try {
    o = await waitFor<KubeObject>(env.clients, {
      operation: "wait",
      object: `${what} rollout`,
      expected: "the current spec rolled out (every replica updated, ready and available)",
      target: { apiVersion: "apps/v1", kind, namespace: env.namespace, fieldSelector: `metadata.name=${name}` },
      timeoutMs,
      rejudge: (judgeNow) => pods.start(timeoutMs, judgeNow),
      evaluate: (objs) => {
        const w = objs.get(name);
        if (!w) return undefined;
        pods.current = w;
        const stuck = pods.findStuck();
        if (stuck) return { fail: `Pod ${stuck.pod}: ${stuck.why}` };
        const s = rolloutState(kind, w);
        return s && "done" in s ? { done: w } : s;
      },
      lastSeen: (objs) => {
        const w = objs.get(name);
        return w ? rolloutSummary(kind, w) : `no such ${kind}`;
      },
      // the stuck Pod's events say what the cluster tried (pulls, back-offs, scheduling)
      eventsOf: () => ({ namespace: env.namespace, ...(pods.stuck ? { kind: "Pod", name: pods.stuck.pod } : { kind, name }) }),
      record: recorder(env, kind, name),
    });
  } finally {
    pods.end();
  }
  await oldPodsGone(env, kind, name, o, Math.max(1000, timeoutMs - (Date.now() - started)));
  return rolloutSummary(kind, o);
}

function recorder(env: WaitEnv, kind: string, name: string): (summary: string) => void {
  return (summary) => env.timeline?.record({ type: "WAIT", kind, namespace: env.namespace, name, summary });
}

/** The Pods of the workload are exactly the desired number, none terminating. */
async function oldPodsGone(env: WaitEnv, kind: RolloutKind, name: string, o: KubeObject, timeoutMs: number): Promise<void> {
  const want = kind === "DaemonSet" ? (obj.workloadStatusOf(o).desiredNumberScheduled ?? 0) : obj.replicasOf(o);
  const selector = obj.matchLabelsSelector(o);
  const mine = (objs: Map<string, KubeObject>): KubeObject[] => [...objs.values()].filter((p) => ps.ownedByChainOf(p, kind, name));
  await runWait(env, {
    what: `${kind}/${env.namespace}/${name} old Pods gone`,
    expected: `exactly ${want} Pods, none terminating`,
    target: { apiVersion: "v1", kind: "Pod", namespace: env.namespace, labelSelector: selector || undefined },
    eventsOf: { kind, name },
    timeoutMs,
    evaluate: (objs) => (mine(objs).length === want && mine(objs).every((p) => !p.metadata?.deletionTimestamp) ? { done: true } : undefined),
    lastSeen: (objs) => mine(objs).map((p) => `${p.metadata?.name}${p.metadata?.deletionTimestamp ? " (terminating)" : ""}`).join(", ") || "no Pods",
  });
}
