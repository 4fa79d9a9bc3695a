// The fail-fast policy of Ready, Running and rollout waits (docs/assertions.md "Waits that fail
// early"): a Pod the cluster has already said will not come up by itself ends the wait at once,
// instead of at the end of its limit. Settings KUBECUKE_FAIL_FAST* switch it off or tune it. Pure.
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import { secondsText } from "../seconds.ts";
import * as ps from "./pod-state.ts";

export interface FailFastPolicy {
  /** false: only the reasons no one can mend (ps.TERMINAL_WAITING_REASONS but the pull errors) end a wait early. */
  enabled: boolean;
  /** A container waiting in CrashLoopBackOff after this many restarts ends the wait. */
  crashLoopRestarts: number;
  /** A Pod unschedulable (PodScheduled=False, Unschedulable) for this long ends the wait. */
  unschedulableMs: number;
}

export const DEFAULT_FAIL_FAST: FailFastPolicy = { enabled: true, crashLoopRestarts: 3, unschedulableMs: 15_000 };

/** An image that cannot be pulled: the test clusters have no registry, and a real one rarely mends by itself. */
export const PULL_REASONS = new Set(["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName"]);

/** How long the Pod has been unschedulable (since the condition's lastTransitionTime), or undefined. */
export function unschedulableForMs(pod: KubeObject, now: number): number | undefined {
  const c = obj.conditionOf(pod, "PodScheduled");
  if (c?.status !== "False" || c.reason !== "Unschedulable") return undefined;
  const since = Date.parse(String(c.lastTransitionTime ?? ""));
  return Number.isFinite(since) ? Math.max(0, now - since) : 0;
}

/**
 * Why the Pod will not come up by itself under the policy, naming the container, the reason and
 * the kubelet's or scheduler's words; undefined while it may still come up.
 */
export function failFastReason(pod: KubeObject, policy: FailFastPolicy, now: number): string | undefined {
  for (const c of obj.allContainerStatusesOf(pod)) {
    const w = c.state?.waiting;
    if (!w?.reason) continue;
    const said = w.message ? `: ${w.message}` : "";
    if (PULL_REASONS.has(w.reason)) {
      if (policy.enabled) return `container ${c.name}: ${w.reason}${said}`;
      continue;
    }
    if (ps.TERMINAL_WAITING_REASONS.has(w.reason)) return `container ${c.name}: ${w.reason}${said}`;
    const restarts = c.restartCount ?? 0;
    if (policy.enabled && w.reason === "CrashLoopBackOff" && restarts >= policy.crashLoopRestarts) {
      return `container ${c.name}: CrashLoopBackOff after ${restarts} restarts (fail-fast limit ${policy.crashLoopRestarts}); last termination: ${ps.endedText(ps.lastEnded(c))}`;
    }
  }
  const unschedulable = unschedulableForMs(pod, now);
  if (policy.enabled && unschedulable !== undefined && unschedulable >= policy.unschedulableMs) {
    const c = obj.conditionOf(pod, "PodScheduled");
    return `unschedulable for ${secondsText(unschedulable)} (fail-fast limit ${secondsText(policy.unschedulableMs)}): PodScheduled=False (Unschedulable)${c?.message ? `: ${c.message}` : ""}`;
  }
  return undefined;
}

/**
 * When to judge the Pod again without a change to it: the moment it will have been unschedulable
 * for the policy's time (nothing else in the Pod changes meanwhile). Undefined: no need.
 */
export function recheckInMs(pod: KubeObject, policy: FailFastPolicy, now: number): number | undefined {
  const u = policy.enabled ? unschedulableForMs(pod, now) : undefined;
  return u === undefined || u >= policy.unschedulableMs ? undefined : policy.unschedulableMs - u + 50;
}
