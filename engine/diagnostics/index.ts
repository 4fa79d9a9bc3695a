// What the cluster looked like when a scenario failed: for each Pod its `kubectl describe`,
// its events in time order and its container logs, plus the scenario's watch timeline.
// Every sub-step has its own timeout inside one overall deadline, and a failing sub-step
// becomes a line in the summary instead of losing the others. Every body is redacted.
import { CoreV1Api, type CoreV1Event, type KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { describeError, InfrastructureError } from "../errors.ts";
import { apiClient, loadKubeConfig } from "../kube/client.ts";
import { apiError } from "../kube/errors.ts";
import { execa } from "execa";
import { OPERATION_TIMEOUTS_MS } from "../kube/deadline.ts";
import type { Attachment } from "../report/attachment.ts";
import { redact } from "../report/redact.ts";
import { Timeline, type TimelineEntry } from "../wait/timeline.ts";
import { Deadline, withTimeout } from "../kube/deadline.ts";
import { truncateTail } from "./budget.ts";
import { readLog } from "../kube/logs.ts";
import { notStartedReason, podSummary } from "../wait/pod-state.ts";
import { formatEvents, podContainers, type ContainerRef } from "./format.ts";

export interface DiagnosticsInput {
  kubeconfigPath: string;
  context?: string;
  namespace: string;
  timeline: TimelineEntry[];
}

export interface DiagnosticsLimits {
  /** Whole collection (the `diagnostics` limit of engine/kube/deadline.ts, scaled by the caller); the After hook's own limit is above it. */
  totalMs: number;
  /** One API call or kubectl run. */
  stepMs: number;
  /** Per log attachment; the tail is kept. */
  maxLogBytes: number;
  /** Per describe / events attachment. */
  maxTextBytes: number;
  /** Pods beyond this are only listed in the summary. */
  maxPods: number;
  /** kubectl executable; the runner puts the server-matched one first on PATH. */
  kubectl: string;
}

export const DEFAULT_LIMITS: DiagnosticsLimits = {
  totalMs: OPERATION_TIMEOUTS_MS.diagnostics,
  stepMs: 6_000,
  maxLogBytes: 128 * 1024,
  maxTextBytes: 64 * 1024,
  maxPods: 15,
  kubectl: "kubectl",
};

const LOG_TAIL_LINES = 2_000;

export async function collectFailureDiagnostics(input: DiagnosticsInput, limits: Partial<DiagnosticsLimits> = {}): Promise<Attachment[]> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const deadline = new Deadline(lim.totalMs);
  const ns = input.namespace;
  const problems: string[] = [];
  const summary: string[] = [];
  const perPod: Attachment[][] = [];
  const text = (name: string, body: string, max = lim.maxTextBytes): Attachment => ({
    name,
    contentType: "text/plain",
    body: redact(truncateTail(body, max)),
  });
  try {
    const kc = loadKubeConfig(input.kubeconfigPath, input.context);
    const core = apiClient(kc, CoreV1Api);
    // each failure wrapped once with what was being collected (a raw ApiException names nothing)
    const call = <T>(what: string, p: (signal: AbortSignal) => Promise<T>) => withTimeout(p, deadline.slice(lim.stepMs), what).catch((cause: unknown) => Promise.reject(apiError(cause, { operation: what })));
    const [podsResult, eventsResult] = await Promise.allSettled([
      call(`list pods in namespace ${ns}`, () => core.listNamespacedPod({ namespace: ns })),
      call(`list events in namespace ${ns}`, () => core.listNamespacedEvent({ namespace: ns })),
    ]);
    if (eventsResult.status === "rejected") problems.push(describeError(eventsResult.reason));
    if (podsResult.status === "rejected") {
      problems.push(describeError(podsResult.reason));
    } else {
      const pods = orderPods(podsResult.value.items);
      if (pods.length === 0) summary.push(`no Pods in namespace ${ns}`);
      summary.push(...pods.map((p) => `pod/${p.metadata?.name ?? "?"} ${podSummary(p)}`));
      if (pods.length > lim.maxPods) problems.push(`${pods.length} Pods: details only for the first ${lim.maxPods}`);
      const ctx = { core, kubeconfig: kc, ns, lim, deadline, call, problems, text, kc: input };
      const results = await Promise.all(pods.slice(0, lim.maxPods).map((pod) => podDiagnostics(ctx, pod)));
      perPod.push(...results);
    }
    if (eventsResult.status === "fulfilled") {
      // Events of Deployments, ReplicaSets, PVCs... explain Pods that never appeared.
      const other = eventsResult.value.items.filter((e) => e.involvedObject.kind !== "Pod");
      if (other.length > 0) perPod.push([text(`events namespace/${ns} (non-Pod objects)`, formatEvents(other))]);
    }
  } catch (e) {
    problems.push(describeError(e));
  }
  const head = [...summary, ...problems.map((p) => `problem: ${p}`)].join("\n");
  const timeline = new Timeline();
  timeline.entries.push(...input.timeline);
  return [
    text(`diagnostics summary namespace/${ns}`, head || "(nothing collected)"),
    ...perPod.flat(),
    text("watch timeline", timeline.entries.length ? timeline.toText() : "(no watch events recorded)", lim.maxLogBytes),
  ];
}

interface PodContext {
  core: CoreV1Api;
  kubeconfig: KubeConfig;
  ns: string;
  lim: DiagnosticsLimits;
  kc: DiagnosticsInput;
  call: <T>(what: string, p: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  problems: string[];
  text: (name: string, body: string, max?: number) => Attachment;
}

async function podDiagnostics(ctx: PodContext, pod: V1Pod): Promise<Attachment[]> {
  const name = pod.metadata?.name ?? "?";
  const ref = `pod/${ctx.ns}/${name}`;
  const containers = podContainers(pod);
  // no --previous read while the kubelet has no earlier instance in lastState (see pod-state.ts lastEnded)
  const logJobs = containers.flatMap((c) => (c.restartCount > 0 && c.hasPrevious ? [[c, false], [c, true]] : [[c, false]]) as [ContainerRef, boolean][]);
  const [describe, events, ...logs] = await Promise.allSettled([
    ctx.call(`describe ${ref}`, (signal) => kubectlDescribe(ctx, name, signal)),
    ctx.call(`list events of ${ref}`, () =>
      ctx.core.listNamespacedEvent({ namespace: ctx.ns, fieldSelector: `involvedObject.name=${name}` }),
    ),
    ...logJobs.map(([c, previous]) => {
      // a container that never started has no log: the Pod says why (no call, no error)
      const notStarted = previous ? undefined : notStartedReason(pod, c.name);
      if (notStarted) return Promise.resolve(`(no logs: container not started: ${notStarted})`);
      return ctx.call(`read ${previous ? "previous " : ""}logs of ${ref} container ${c.name}`, (signal) =>
        readLog(ctx.kubeconfig, { namespace: ctx.ns, pod: name, container: c.name, previous, tailLines: LOG_TAIL_LINES, signal }),
      );
    }),
  ]);
  const out: Attachment[] = [];
  out.push(ctx.text(`describe pod/${name}`, settledText(describe, ctx.problems, (s) => s)));
  out.push(ctx.text(`events pod/${name}`, settledText(events, ctx.problems, (l) => formatEvents(podEvents(l.items, pod)))));
  logJobs.forEach(([c, previous], i) => {
    const label = `logs pod/${name} container ${c.name}${previous ? " (previous)" : ""}`;
    // A container that never started has no logs: say why in the attachment, not as a problem.
    const r = logs[i];
    const body = r?.status === "fulfilled" ? r.value || "(empty log)" : `(no logs: ${describeError(r?.status === "rejected" ? r.reason : "missing")})`;
    out.push(ctx.text(label, body, ctx.lim.maxLogBytes));
  });
  return out;
}

async function kubectlDescribe(ctx: PodContext, name: string, signal: AbortSignal): Promise<string> {
  const args = ["describe", "pod", name, "--namespace", ctx.ns, "--kubeconfig", ctx.kc.kubeconfigPath];
  if (ctx.kc.context) args.push("--context", ctx.kc.context);
  const r = await execa(ctx.lim.kubectl, args, { reject: false, timeout: ctx.lim.stepMs, cancelSignal: signal, env: { KUBECONFIG: ctx.kc.kubeconfigPath } });
  if (r.exitCode !== 0 || r.failed) {
    throw new InfrastructureError(`kubectl ${args.slice(0, 3).join(" ")}: exit ${r.exitCode ?? r.signal ?? "?"}: ${String(r.stderr || r.message).trim()}`);
  }
  return String(r.stdout);
}

/** The field selector matches any kind named like the Pod; keep the Pod's own (by UID when known). */
function podEvents(events: CoreV1Event[], pod: V1Pod): CoreV1Event[] {
  const uid = pod.metadata?.uid;
  return events.filter((e) => e.involvedObject.kind === "Pod" && (!uid || !e.involvedObject.uid || e.involvedObject.uid === uid));
}

function settledText<T>(r: PromiseSettledResult<T> | undefined, problems: string[], ok: (v: T) => string): string {
  if (r?.status === "fulfilled") return ok(r.value);
  const msg = describeError(r?.status === "rejected" ? r.reason : "not run");
  problems.push(msg);
  return `(failed: ${msg})`;
}

/** Unhealthy Pods first: they are the ones a reader is looking for. */
function orderPods(pods: V1Pod[]): V1Pod[] {
  const healthy = (p: V1Pod) =>
    (p.status?.phase === "Running" || p.status?.phase === "Succeeded") &&
    podContainers(p).every((c) => c.restartCount === 0);
  return [...pods].sort((a, b) => Number(healthy(a)) - Number(healthy(b)) || (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
}

