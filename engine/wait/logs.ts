// Waiting on a container's log: follow it until a predicate holds on the text so far. A container
// that has not started yet (the log endpoint's 400 "waiting to start: ContainerCreating") is
// waited for within the same limit, its Pod watched; a finished one (a Job's Pod) is read whole;
// a stream that ends while the container will run again (a restart) is followed anew.
import { setTimeout as sleep } from "node:timers/promises";
import { ApiException } from "@kubernetes/client-node";
import type { KubeClients } from "../kube/client.ts";
import { apiError, apiFailure } from "../kube/errors.ts";
import { withDeadline } from "../kube/deadline.ts";
import { firstContainer } from "../kube/exec.ts";
import { notStartedYet, openLog, type LogRequest } from "../kube/logs.ts";
import type { KubeObject } from "../kube/object.ts";
import * as obj from "../kube/objects.ts";
import { recentEvents } from "./events.ts";
import { waitFailure, type WaitEnd, type WaitFacts } from "./failure.ts";
import * as ps from "./pod-state.ts";
import { waitFor } from "./wait-for.ts";

type Followed = { text: string; outcome: "matched" | "ended" | "timed out" };

/** One follow=true stream, until the predicate holds, the stream ends, or `ms` pass; the step's signal ends it with its reason. */
async function followOnce(clients: KubeClients, r: LogRequest, predicate: (text: string) => boolean, ms: number): Promise<Followed> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  const step = clients.signal;
  const onStep = (): void => abort.abort();
  step?.addEventListener("abort", onStep, { once: true });
  let text = "";
  try {
    if (step?.aborted) throw step.reason;
    const res = await openLog(clients.kc, { ...r, follow: true, signal: abort.signal });
    for await (const chunk of res) {
      text += String(chunk);
      if (predicate(text)) return { text, outcome: "matched" };
    }
    return { text, outcome: predicate(text) ? "matched" : "ended" };
  } catch (err) {
    if (step?.aborted) throw step.reason;
    if (abort.signal.aborted) return { text, outcome: predicate(text) ? "matched" : "timed out" };
    throw err;
  } finally {
    clearTimeout(timer);
    step?.removeEventListener("abort", onStep);
    abort.abort();
  }
}

const running = (p: KubeObject, c: string): boolean => obj.allContainerStatusesOf(p).some((x) => x.name === c && x.state?.running !== undefined);

/**
 * The Pod once its container's log may have changed: the container running (a first or a new
 * instance: follow it again), stuck or finished for good, or the Pod gone; at the limit, as last
 * seen. Watched, not read again and again; undefined when it cannot be watched (the log tells).
 */
async function podWhenLogMoves(clients: KubeClients, namespace: string, pod: string, c: string, timeoutMs: number): Promise<KubeObject | undefined> {
  return waitFor<KubeObject | undefined>(clients, {
    operation: "logs",
    object: `Pod/${namespace}/${pod} container ${c}`,
    expected: "the container to run, or to end for good",
    target: { apiVersion: "v1", kind: "Pod", namespace, fieldSelector: `metadata.name=${pod}` },
    timeoutMs,
    evaluate: (objs) => {
      const p = objs.get(pod);
      return !p || ps.terminalReason(p) || ps.finishedForGood(p, c) || running(p, c) ? { done: p } : undefined;
    },
    atTimeout: (objs) => ({ done: objs.get(pod) }),
    lastSeen: (objs) => {
      const p = objs.get(pod);
      return p ? ps.podSummary(p) : "no such Pod";
    },
  }).catch(() => undefined);
}

/**
 * Follow the container's log (the Pod's first container when none is named) until `predicate`
 * holds on the text so far. Waits for the container to start within the limit; fails at once when
 * it cannot start (a terminal waiting reason) or has finished for good without the text.
 */
export async function waitForLog(
  clients: KubeClients,
  namespace: string,
  pod: string,
  predicate: (text: string) => boolean,
  what: string,
  timeoutMs: number,
  container?: string,
): Promise<string> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const c = container ?? (await firstContainer(clients, namespace, pod));
  const object = `Pod/${namespace}/${pod} container ${c}`;
  const facts = (lastSeen: string): WaitFacts => ({ operation: "logs", object, expected: what, lastSeen, elapsedMs: Date.now() - started });
  // the Pod's events say what the cluster tried (pulls, back-offs, scheduling)
  const failure = async (end: WaitEnd, f: WaitFacts) => waitFailure(end, { ...f, events: await recentEvents(clients, namespace, "Pod", pod) });
  let text = "";
  let notStarted: string | undefined;
  let lastPod: KubeObject | undefined;
  let delay = 250;
  while (Date.now() < deadline) {
    let r: Followed | undefined;
    try {
      r = await followOnce(clients, { namespace, pod, container: c }, predicate, deadline - Date.now());
    } catch (err) {
      const f = apiFailure(err);
      // the API server's reason kept, and a container still being created is not a wrong step
      if (!(err instanceof ApiException) || !notStartedYet(f.code, f.message)) throw apiError(err, { operation: "logs", object });
      notStarted = f.message;
    }
    if (r) {
      notStarted = undefined;
      text = r.text;
      if (r.outcome === "matched") return text;
      if (r.outcome === "timed out") break;
    }
    const p = await podWhenLogMoves(clients, namespace, pod, c, Math.max(1, deadline - Date.now()));
    lastPod = p ?? lastPod;
    const stuck = p && ps.terminalReason(p);
    if (stuck) throw await failure("cannot-happen", { ...facts(ps.podSummary(p)), but: `it cannot happen: ${stuck}` });
    if (r && p && ps.finishedForGood(p, c)) {
      const how = ps.endedText(obj.allContainerStatusesOf(p).find((x) => x.name === c)?.state?.terminated);
      const tail = JSON.stringify(text.slice(-500));
      throw await failure("assertion", { ...facts(tail), but: `the container has finished (${how}) and its whole log does not contain it` });
    }
    // a stream that ended while the container still runs (the kubelet not yet reporting its end): read again after a back-off
    const again = r?.outcome === "ended" && p !== undefined && running(p, c);
    if (again) await sleep(Math.max(0, Math.min(delay, deadline - Date.now())), undefined, { signal: clients.signal });
    delay = again ? Math.min(delay * 2, 2000) : 250;
  }
  // an empty log: the Pod as it is now says why (not started, or running and silent)
  if (text === "" && notStarted === undefined) lastPod = (await podNow(clients, namespace, pod)) ?? lastPod;
  throw await failure("timeout", facts(logLastSeen(text, notStarted, lastPod, c)));
}

/** The Pod now, or undefined when it cannot be read (the message then says less). */
async function podNow(clients: KubeClients, namespace: string, pod: string): Promise<KubeObject | undefined> {
  try {
    return await withDeadline("get", `Pod/${namespace}/${pod}`, clients.timeouts.get, () => clients.objects.getRaw("v1", "Pod", namespace, pod));
  } catch {
    return undefined;
  }
}

/**
 * What a logs wait last saw: the log's tail; for no log, why: the container not started (the log
 * endpoint's answer, or the Pod's waiting reason: an unscheduled Pod's endpoint answers an empty
 * 200), or an empty log of a container that runs (since when) or has ended.
 */
export function logLastSeen(text: string, notStarted: string | undefined, pod: KubeObject | undefined, c: string): string {
  const why = notStarted ?? (text === "" && pod ? ps.notStartedReason(pod, c) : undefined);
  if (why) return `no log yet: container not started: ${why}`;
  if (text !== "") return JSON.stringify(text.slice(-500));
  const st = pod ? obj.allContainerStatusesOf(pod).find((x) => x.name === c) : undefined;
  const restarts = st?.restartCount ? `, restarted ${st.restartCount} time${st.restartCount === 1 ? "" : "s"}` : "";
  if (st?.state?.running) return `an empty log (container running${st.state.running.startedAt ? ` since ${String(st.state.running.startedAt)}` : ""}${restarts})`;
  if (st?.state?.terminated) return `an empty log (container ended: ${ps.endedText(st.state.terminated)}${restarts})`;
  return "an empty log";
}
