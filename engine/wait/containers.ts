// Containers over time: restarts, exits, the previous instance's logs, and a Pod that must stay
// Ready for a while (a crash-looping Pod is Ready for an instant between restarts: only a check
// over time catches it).
import { BadInputError } from "../errors.ts";
import type { KubeClients } from "../kube/client.ts";
import { apiError } from "../kube/errors.ts";
import { withDeadline } from "../kube/deadline.ts";
import { readLog } from "../kube/logs.ts";
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import type { ContainerStatusJson } from "../kube/objects.ts";
import * as ps from "./pod-state.ts";
import { secondsSince, secondsText } from "../seconds.ts";
import { waitFor } from "./wait-for.ts";
import { runWait, type WaitEnv } from "./waits.ts";
import type { Verdict, WatchTarget } from "./watch.ts";

type ContainerState = ContainerStatusJson;

function containers(pod: KubeObject): ContainerState[] {
  return obj.containerStatusesOf(pod);
}

function container(pod: KubeObject, name: string): ContainerState | undefined {
  return containers(pod).find((c) => c.name === name);
}

/** Every container that has restarted: name, count and how its last instance to end ended (ps.lastEnded). Pure. */
export function restartedContainers(pod: KubeObject): string[] {
  return containers(pod)
    .filter((c) => (c.restartCount ?? 0) > 0)
    .map((c) => `container ${c.name} restarted ${c.restartCount} time${c.restartCount === 1 ? "" : "s"}; last termination: ${ps.endedText(ps.lastEnded(c))}`);
}

/** Every restarted container's ending is known (see ps.lastEnded). Pure. */
export function restartsSettled(pod: KubeObject): boolean {
  return containers(pod).every((c) => (c.restartCount ?? 0) === 0 || ps.lastEnded(c) !== undefined);
}

const byName = (name: string): string => `metadata.name=${name}`;
const podTarget = (env: WaitEnv, pod: string): WatchTarget => ({ apiVersion: "v1", kind: "Pod", namespace: env.namespace, fieldSelector: byName(pod) });

/**
 * restartedContainers of the Pod as stored now (a fresh list: never older than what an earlier
 * step saw), except that a restart whose ending is not in the status at all (a new instance
 * created just after the older one was removed) is given up to settleMs to be reported.
 */
export async function restartsOf(env: WaitEnv, pod: string, settleMs: number): Promise<string[]> {
  const restarts = (objs: Map<string, KubeObject>): string[] => {
    const p = objs.get(pod);
    return p ? restartedContainers(p) : [];
  };
  return waitFor(env.clients, {
    operation: "read",
    object: `Pod/${env.namespace}/${pod} restarts`,
    expected: "every restart's ending reported",
    target: podTarget(env, pod),
    timeoutMs: settleMs,
    evaluate: (objs) => {
      const p = objs.get(pod);
      if (!p) throw BadInputError.of({ operation: "read restarts of", object: `Pod/${env.namespace}/${pod}`, expected: "the Pod", lastSeen: "no such Pod" });
      return restartsSettled(p) ? { done: restartedContainers(p) } : undefined;
    },
    // a restart the kubelet has not reported the end of yet is left out, as a read now would
    atTimeout: (objs) => ({ done: restarts(objs) }),
    lastSeen: (objs) => restarts(objs).join("; ") || "no restarts",
  });
}

function checkContainerNamed(pod: KubeObject, name: string): void {
  if (containers(pod).length > 0 && !container(pod, name)) {
    const object = `Pod/${pod.metadata?.namespace}/${pod.metadata?.name}`;
    throw BadInputError.of({ operation: "find container", object, expected: `a container named "${name}"`, lastSeen: `containers ${containers(pod).map((c) => c.name).join(", ")}` }, "Name one of its containers");
  }
}

/** Wait on one container of one Pod: `judge` sees its status each time the Pod changes. */
function waitForContainer(env: WaitEnv, pod: string, name: string, what: string, expected: string, timeoutMs: number, judge: (c: ContainerState) => Verdict<string>): Promise<string> {
  return runWait<string>(env, {
    what: `Pod/${env.namespace}/${pod} container ${name} ${what}`,
    expected,
    target: podTarget(env, pod),
    eventsOf: { kind: "Pod", name: pod },
    timeoutMs,
    evaluate: (objs) => {
      const p = objs.get(pod);
      if (!p) return undefined;
      checkContainerNamed(p, name);
      const c = container(p, name);
      return c ? judge(c) : undefined;
    },
    lastSeen: (objs) => {
      const p = objs.get(pod);
      return p ? ps.podSummary(p) : "no such Pod";
    },
  });
}

/** The container has restarted at least once. Resolves to how its last instance to end ended. */
export async function waitForRestart(env: WaitEnv, pod: string, name: string, timeoutMs: number): Promise<string> {
  return waitForContainer(env, pod, name, "restart", `container ${name} restarted (restartCount ≥ 1)`, timeoutMs, (c) => {
    const ended = ps.lastEnded(c);
    return (c.restartCount ?? 0) > 0 && ended ? { done: ps.endedText(ended) } : undefined;
  });
}

/** The container ended with `exitCode` (now, or as its last instance); another exit code fails at once. */
export async function waitForExit(env: WaitEnv, pod: string, name: string, exitCode: number, timeoutMs: number): Promise<string> {
  return waitForContainer(env, pod, name, "exit", `container ${name} terminated with exit code ${exitCode}`, timeoutMs, (c) => {
    const t = ps.lastEnded(c);
    if (!t) return undefined;
    return t.exitCode === exitCode ? { done: ps.endedText(t) } : { fail: `container ${name} terminated with ${ps.endedText(t)}` };
  });
}

/**
 * Logs of the container's last instance to end after a restart: the instance before the current
 * one (kubectl logs --previous) or, when the restarted container is terminated right now (between
 * a crash and its next start), that instance: the kubelet reports it in lastState only at its next
 * sync, and until then --previous names the one before it, or none once that one is removed.
 */
export async function previousLogs(clients: KubeClients, namespace: string, pod: string, name: string): Promise<string> {
  const object = `Pod/${namespace}/${pod} container ${name}`;
  try {
    const p = await withDeadline("get", `Pod/${namespace}/${pod}`, clients.timeouts.get, () => clients.objects.getRaw("v1", "Pod", namespace, pod));
    const c = container(p, name);
    checkContainerNamed(p, name);
    const endedNow = c !== undefined && (c.restartCount ?? 0) > 0 && c.state?.terminated !== undefined;
    return await readLog(clients.kc, { namespace, pod, container: name, previous: !endedNow, signal: AbortSignal.timeout(clients.timeouts.get) });
  } catch (cause) {
    // 400 "previous terminated container ... not found" (it never restarted) is filed as bad input
    throw apiError(cause, { operation: "logs --previous", object });
  }
}

/**
 * The Pod is Ready now and stays Ready for `ms`: fails at the first version the watch sees that
 * is not, with its time and what was wrong.
 */
export async function staysReady(env: WaitEnv, pod: string, ms: number): Promise<void> {
  const started = Date.now();
  await waitFor<void>(env.clients, {
    operation: "check",
    object: `Pod/${env.namespace}/${pod}`,
    expected: `to stay Ready for ${secondsText(ms)}`,
    target: podTarget(env, pod),
    timeoutMs: ms,
    evaluate: (objs) => {
      const p = objs.get(pod);
      const at = `at ${new Date().toISOString().slice(11, 23)} (after ${secondsSince(started)})`;
      if (!p) return { fail: `${at} the Pod did not exist` };
      if (ps.isPodReady(p)) return undefined;
      const ready = obj.conditionOf(p, "Ready");
      const why = [`Ready=${ready?.status ?? "missing"}${ready?.reason ? ` (${ready.reason})` : ""}`, ps.podSummary(p), ...restartedContainers(p)].join("; ");
      return { fail: `${at} it was not: ${why}` };
    },
    // the whole time passed and every version was Ready
    atTimeout: () => ({ done: undefined }),
    failIs: "assertion",
    but: (reason) => reason,
    lastSeen: (objs) => {
      const p = objs.get(pod);
      return p ? ps.podSummary(p) : "no such Pod";
    },
    eventsOf: { namespace: env.namespace, kind: "Pod", name: pod },
  });
}
