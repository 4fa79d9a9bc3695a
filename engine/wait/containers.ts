// Containers over time: restarts, exits, the previous instance's logs, and a Pod that must stay
// Ready for a while (a crash-looping Pod is Ready for an instant between restarts: only a check
// over time catches it).
import { AssertionFailure, BadInputError } from "../errors.ts";
import type { KubeClients } from "../kube/client.ts";
import { apiError } from "../kube/errors.ts";
import type { KubeObject } from "../kube/manifest.ts";
import * as obj from "../kube/objects.ts";
import type { ContainerStatusJson } from "../kube/objects.ts";
import * as ps from "./pod-state.ts";
import { runWait, type WaitEnv } from "./waits.ts";
import { WaitTimeout, watchUntil, type Verdict } from "./watch.ts";

type ContainerState = ContainerStatusJson;
type Terminated = NonNullable<NonNullable<ContainerState["state"]>["terminated"]>;

function containers(pod: KubeObject): ContainerState[] {
  return obj.containerStatusesOf(pod);
}

function container(pod: KubeObject, name: string): ContainerState | undefined {
  return containers(pod).find((c) => c.name === name);
}

function terminatedText(t: Terminated | undefined): string {
  return t ? `exit code ${t.exitCode ?? "?"} (${t.reason ?? "?"})${t.finishedAt ? ` at ${t.finishedAt}` : ""}` : "none";
}

/** Every container that has restarted: name, count and how its last instance ended. Pure. */
export function restartedContainers(pod: KubeObject): string[] {
  return containers(pod)
    .filter((c) => (c.restartCount ?? 0) > 0)
    .map((c) => `container ${c.name} restarted ${c.restartCount} time${c.restartCount === 1 ? "" : "s"}; last termination: ${terminatedText(c.lastState?.terminated)}`);
}

const byName = (name: string): string => `metadata.name=${name}`;

/**
 * restartedContainers of the Pod as stored now, except that a restart whose last termination the
 * kubelet has not reported yet (restartCount is published first, now and then) is given up to
 * settleMs to be reported, so the message says how the container ended.
 */
export async function restartsOf(env: WaitEnv, pod: string, settleMs: number): Promise<string[]> {
  const settled = (p: KubeObject): boolean => containers(p).every((c) => (c.restartCount ?? 0) === 0 || c.lastState?.terminated !== undefined);
  let last: KubeObject | undefined;
  try {
    await watchUntil(env.clients, { apiVersion: "v1", kind: "Pod", namespace: env.namespace, fieldSelector: byName(pod) }, {
      timeoutMs: settleMs,
      evaluate: (objs) => {
        last = objs.get(pod) ?? last;
        if (!objs.has(pod)) throw new BadInputError(`Pod/${env.namespace}/${pod}: no such Pod`, { operation: "get", object: `Pod/${env.namespace}/${pod}` });
        return last && settled(last) ? { done: true } : undefined;
      },
    });
  } catch (err) {
    if (!(err instanceof WaitTimeout) || !last) throw err;
  }
  return last ? restartedContainers(last) : [];
}

function checkContainerNamed(pod: KubeObject, name: string): void {
  if (containers(pod).length > 0 && !container(pod, name)) {
    throw new BadInputError(`Pod ${pod.metadata?.name} has no container "${name}"; it has ${containers(pod).map((c) => c.name).join(", ")}`, { object: `Pod/${pod.metadata?.namespace}/${pod.metadata?.name}` });
  }
}

/** Wait on one container of one Pod: `judge` sees its status each time the Pod changes. */
function waitForContainer(env: WaitEnv, pod: string, name: string, what: string, expected: string, timeoutMs: number, judge: (c: ContainerState) => Verdict<string>): Promise<string> {
  return runWait<string>(env, {
    what: `Pod/${env.namespace}/${pod} container ${name} ${what}`,
    expected,
    target: { apiVersion: "v1", kind: "Pod", namespace: env.namespace, fieldSelector: byName(pod) },
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

/** The container has restarted at least once. Resolves to its last termination. */
export async function waitForRestart(env: WaitEnv, pod: string, name: string, timeoutMs: number): Promise<string> {
  return waitForContainer(env, pod, name, "restart", `container ${name} restarted (restartCount ≥ 1)`, timeoutMs, (c) =>
    (c.restartCount ?? 0) > 0 ? { done: terminatedText(c.lastState?.terminated) } : undefined,
  );
}

/** The container ended with `exitCode` (now, or as its last instance); another exit code fails at once. */
export async function waitForExit(env: WaitEnv, pod: string, name: string, exitCode: number, timeoutMs: number): Promise<string> {
  return waitForContainer(env, pod, name, "exit", `container ${name} terminated with exit code ${exitCode}`, timeoutMs, (c) => {
    const t = c.state?.terminated ?? c.lastState?.terminated;
    if (!t) return undefined;
    return t.exitCode === exitCode ? { done: terminatedText(t) } : { fail: `container ${name} terminated with ${terminatedText(t)}` };
  });
}

/** Logs of the container's previous instance (after a restart). */
export async function previousLogs(clients: KubeClients, namespace: string, pod: string, name: string): Promise<string> {
  try {
    return await clients.core.readNamespacedPodLog({ name: pod, namespace, container: name, previous: true });
  } catch (cause) {
    // 400 "previous terminated container ... not found" (it never restarted) is filed as bad input
    throw apiError(cause, { operation: "logs --previous", object: `Pod/${namespace}/${pod} container ${name}` });
  }
}

/**
 * The Pod is Ready now and stays Ready for `ms`: fails at the first version the watch sees that
 * is not, with its time and what was wrong.
 */
export async function staysReady(env: WaitEnv, pod: string, ms: number): Promise<void> {
  const started = Date.now();
  try {
    await watchUntil<never>(env.clients, { apiVersion: "v1", kind: "Pod", namespace: env.namespace, fieldSelector: byName(pod) }, {
      timeoutMs: ms,
      evaluate: (objs) => {
        const p = objs.get(pod);
        const at = `${new Date().toISOString().slice(11, 23)} (after ${((Date.now() - started) / 1000).toFixed(1)} s)`;
        if (!p) return { fail: `at ${at} the Pod did not exist` };
        if (ps.isPodReady(p)) return undefined;
        const ready = obj.conditionOf(p, "Ready");
        const why = [`Ready=${ready?.status ?? "missing"}${ready?.reason ? ` (${ready.reason})` : ""}`, ps.podSummary(p), ...restartedContainers(p)].join("; ");
        return { fail: `at ${at} it was not: ${why}` };
      },
    });
  } catch (err) {
    if (err instanceof WaitTimeout && err.synced) return; // the whole time passed and every version was Ready
    const message = `Pod/${env.namespace}/${pod}: expected to stay Ready for ${ms / 1000} s; ${err instanceof Error ? err.message : String(err)}`;
    throw new AssertionFailure(message, { operation: "stays ready", object: `Pod/${env.namespace}/${pod}`, expected: `Ready for ${ms / 1000} s`, elapsedMs: Date.now() - started }, { cause: err });
  }
}
