// Rollouts: a Deployment, StatefulSet or DaemonSet has finished rolling out its current spec,
// and the Pods of earlier revisions are gone. Fails at once on ProgressDeadlineExceeded or a
// Pod of the rollout that will not come up by itself under the fail-fast policy (fail-fast.ts),
// naming it and its events.
import { CannotHappenError } from "../errors.ts";
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import * as ps from "./pod-state.ts";
import { recentEvents } from "./events.ts";
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

function selectorOf(o: KubeObject): string {
  return Object.entries(obj.matchLabelsOf(o)).map(([k, v]) => `${k}=${v}`).join(",");
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
 * Waits for the workload's status, while watching the Pods of its current revision (and, for a
 * Deployment, its ReplicaSets, to know which revision a Pod is) for one that cannot come up;
 * then for the Pods being exactly the desired, none terminating.
 */
export async function waitForRollout(env: WaitEnv, kind: RolloutKind, name: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  const stop = new AbortController();
  let selector = "";
  let current: KubeObject | undefined;
  let pods = new Map<string, KubeObject>();
  const rsRevision = new Map<string, string>();
  let rejectStuck: ((e: Error) => void) | undefined;
  const stuck = new Promise<never>((_, reject) => (rejectStuck = reject));
  const check = (): void => {
    for (const p of pods.values()) {
      if (!rejectStuck || !ps.ownedByChainOf(p, kind, name) || !isCurrentRevision(kind, current, p, rsRevision)) continue;
      const why = podStuck(env, p);
      if (why) {
        const reject = rejectStuck;
        rejectStuck = undefined;
        const object = `${kind}/${env.namespace}/${name}`;
        const pod = p.metadata?.name ?? "?";
        const head = `wait ${object} rollout: expected the current spec rolled out, but it cannot happen: Pod ${pod}: ${why}; last saw ${current ? rolloutSummary(kind, current) : "?"} (after ${((Date.now() - started) / 1000).toFixed(1)} s)`;
        // the stuck Pod's events say what the cluster tried (pulls, back-offs, scheduling)
        void recentEvents(env.clients, env.namespace, "Pod", pod).then((events) => {
          const text = events.length > 0 ? `${head}\nrecent events of Pod ${pod}:\n  ${events.join("\n  ")}` : head;
          reject(new CannotHappenError(text, { operation: "wait", object, lastSeen: why, events }));
        });
        return;
      }
    }
  };
  const workload = runWait<KubeObject>(env, {
    what: `${kind}/${env.namespace}/${name} rollout`,
    expected: "the current spec rolled out (every replica updated, ready and available)",
    target: { apiVersion: "apps/v1", kind, namespace: env.namespace, fieldSelector: `metadata.name=${name}` },
    eventsOf: { kind, name },
    timeoutMs,
    // a stuck Pod decides first: this watch must not stay open until its own timeout
    signal: stop.signal,
    evaluate: (objs) => {
      const o = objs.get(name);
      if (!o) return undefined;
      current = o;
      selector ||= selectorOf(o);
      check();
      const s = rolloutState(kind, o);
      return s && "done" in s ? { done: o } : s;
    },
    lastSeen: (objs) => {
      const o = objs.get(name);
      return o ? rolloutSummary(kind, o) : `no such ${kind}`;
    },
  });
  const follow = (target: { apiVersion: string; kind: string }, on: (objs: Map<string, KubeObject>) => void, recheck?: (objs: Map<string, KubeObject>) => number | undefined): void => {
    // these watches only feed check(); their end (abort, timeout) is not the step's result
    watchUntil<never>(env.clients, { ...target, namespace: env.namespace }, {
      timeoutMs,
      signal: stop.signal,
      recheckInMs: recheck,
      evaluate: (objs) => {
        on(objs);
        check();
        return undefined;
      },
    }).catch(() => undefined);
  };
  follow({ apiVersion: "v1", kind: "Pod" }, (objs) => (pods = objs), recheckPods(env));
  if (kind === "Deployment") {
    follow({ apiVersion: "apps/v1", kind: "ReplicaSet" }, (objs) => {
      for (const rs of objs.values()) rsRevision.set(rs.metadata?.name ?? "", rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? "");
    });
  }
  let o: KubeObject;
  try {
    o = await Promise.race([workload, stuck]);
  } finally {
    stop.abort();
  }
  const want = kind === "DaemonSet" ? (obj.workloadStatusOf(o).desiredNumberScheduled ?? 0) : obj.replicasOf(o);
  await runWait(env, {
    what: `${kind}/${env.namespace}/${name} old Pods gone`,
    expected: `exactly ${want} Pods, none terminating`,
    target: { apiVersion: "v1", kind: "Pod", namespace: env.namespace, labelSelector: selector || undefined },
    eventsOf: { kind, name },
    timeoutMs: Math.max(1000, timeoutMs - (Date.now() - started)),
    evaluate: (objs) => {
      const mine = [...objs.values()].filter((p) => ps.ownedByChainOf(p, kind, name));
      return mine.length === want && mine.every((p) => !p.metadata?.deletionTimestamp) ? { done: true } : undefined;
    },
    lastSeen: (objs) =>
      [...objs.values()].filter((p) => ps.ownedByChainOf(p, kind, name)).map((p) => `${p.metadata?.name}${p.metadata?.deletionTimestamp ? " (terminating)" : ""}`).join(", ") || "no Pods",
  });
  return rolloutSummary(kind, o);
}
