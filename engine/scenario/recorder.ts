// Watches started when the scenario starts: every Pod change and every Event in the scenario's
// namespace goes into the Timeline, each Pod's versions are kept for the creation flow, and each
// Deployment's ready replicas per version for checks over the whole scenario.
// Started (listed) before the first step runs, so nothing a step causes is missed: the watch
// goes on from the list's resourceVersion.
import { TimeoutError } from "../errors.ts";
import { refText } from "../kube/apply.ts";
import type { KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { isNotFound } from "../kube/errors.ts";
import type { KubeObject } from "../kube/object.ts";
import { eventView } from "../wait/events.ts";
import { describeProblem, hhmmss, ListWatch } from "../wait/list-watch.ts";
import { resourceVersionOf } from "../kube/objects.ts";
import { nodeName, podStatus, podSummary } from "../wait/pod-state.ts";
import { replicaObservation, type ReplicaObservation } from "../wait/replica-history.ts";
import type { Timeline } from "../wait/timeline.ts";
import { secondsText } from "../seconds.ts";
import type { CreationFlow } from "./flow.ts";

type WatchType = "ADDED" | "MODIFIED" | "DELETED";

export class NamespaceRecorder {
  private seq = 0;
  private readonly controller = new AbortController();
  private readonly flows = new Map<string, CreationFlow>();
  private readonly lastSummary = new Map<string, string>();
  private readonly seenEvents = new Map<string, string>();
  private readonly replicas = new Map<string, ReplicaObservation[]>();
  /** Waiters for a version to arrive through the watch: "Kind/name@resourceVersion" → resolve. */
  private readonly waiters = new Map<string, () => void>();

  private readonly clients: KubeClients;
  private readonly namespace: string;
  private readonly timeline: Timeline;

  constructor(clients: KubeClients, namespace: string, timeline: Timeline) {
    this.clients = clients;
    this.namespace = namespace;
    this.timeline = timeline;
  }

  /** Resolves once both watches have listed; what happens after that is not missed. */
  async start(): Promise<void> {
    const watches = [
      this.follow("v1", "Pod", (t, o) => this.onPod(t, o)),
      this.follow("v1", "Event", (t, o) => this.onEvent(t, o)),
      this.follow("apps/v1", "Deployment", (t, o) => this.onDeployment(t, o)),
    ];
    await Promise.all(watches.map((w) => w.whenSynced(30_000)));
  }

  stop(): void {
    this.controller.abort();
  }

  /** What the watch saw of one Pod, from its creation (empty flow if never seen). */
  flowOf(pod: string): CreationFlow {
    return this.flows.get(pod) ?? { pod, observations: [], events: [] };
  }

  /** Every version of the Deployment the watch saw this scenario, oldest first (empty if never seen). */
  replicaHistoryOf(deployment: string): readonly ReplicaObservation[] {
    return this.replicas.get(deployment) ?? [];
  }

  /**
   * Resolves once the watch has delivered the Pod or Deployment at `resourceVersion` (read from
   * the API by the caller): another watch (a wait) may have seen it first, and the record must
   * include it. Resource versions are compared for equality only, as the API asks.
   */
  private async caughtUp(kind: "Pod" | "Deployment", name: string, resourceVersion: string, timeoutMs: number): Promise<boolean> {
    const seen = kind === "Pod" ? this.flowOf(name).observations : this.replicaHistoryOf(name);
    if (seen.some((o) => o.resourceVersion === resourceVersion)) return true;
    const key = `${kind}/${name}@${resourceVersion}`;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        resolve(false);
      }, timeoutMs);
      this.waiters.set(key, () => {
        clearTimeout(timer);
        this.waiters.delete(key);
        resolve(true);
      });
    });
  }

  /**
   * Read the object once (as `clients`, the scenario's) and wait until this watch has delivered
   * that version; an object that does not exist leaves nothing to wait for. `what` names the
   * check, for the message.
   */
  async catchUp(clients: KubeClients, kind: "Pod" | "Deployment", name: string, what: string): Promise<void> {
    const apiVersion = kind === "Pod" ? "v1" : "apps/v1";
    const ref = { apiVersion, kind, namespace: this.namespace, name };
    const ms = clients.timeouts.get;
    try {
      const current = await withDeadline("get", refText(ref), ms, () => clients.objects.getRaw(apiVersion, kind, this.namespace, name), { signal: clients.signal });
      const rv = resourceVersionOf(current);
      if (rv && !(await this.caughtUp(kind, name, rv, ms))) {
        const last = (kind === "Pod" ? this.flowOf(name).observations : this.replicaHistoryOf(name)).at(-1)?.resourceVersion ?? "none";
        throw new TimeoutError(`${what} of ${refText(ref)}: expected the watch to deliver resourceVersion ${rv}, last saw ${last} (after ${secondsText(ms)})`, { operation: what, object: refText(ref), elapsedMs: ms });
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private flow(pod: string): CreationFlow {
    let f = this.flows.get(pod);
    if (!f) {
      f = { pod, observations: [], events: [] };
      this.flows.set(pod, f);
    }
    return f;
  }

  private onPod(type: WatchType, pod: KubeObject): void {
    const name = pod.metadata?.name ?? "?";
    const conds = (podStatus(pod).conditions ?? []).filter((c) => c.status === "True").map((c) => ({ type: c.type, at: c.lastTransitionTime }));
    if (type === "ADDED" && this.flows.has(name)) this.flows.delete(name); // a new Pod with a reused name (StatefulSet)
    const rv = resourceVersionOf(pod);
    this.flow(name).observations.push({ seq: ++this.seq, type, resourceVersion: rv, nodeName: nodeName(pod), trueConditions: conds });
    this.waiters.get(`Pod/${name}@${rv}`)?.();
    const summary = podSummary(pod);
    const key = `${name}/${pod.metadata?.uid ?? ""}`;
    if (type === "MODIFIED" && this.lastSummary.get(key) === summary) return; // status churn without visible change
    this.lastSummary.set(key, summary);
    this.timeline.record({ type, kind: "Pod", namespace: this.namespace, name, summary: `uid=${(pod.metadata?.uid ?? "").slice(0, 8)} ${summary}` });
  }

  private onDeployment(type: WatchType, d: KubeObject): void {
    const name = d.metadata?.name ?? "?";
    const o = replicaObservation(type, d);
    // kept across delete and re-create: a Deployment deleted and made again was down meanwhile
    const history = this.replicas.get(name) ?? [];
    history.push(o);
    this.replicas.set(name, history);
    this.waiters.get(`Deployment/${name}@${o.resourceVersion}`)?.();
  }

  private onEvent(type: WatchType, ev: KubeObject): void {
    if (type === "DELETED") return;
    const v = eventView(ev);
    // an Event object is updated when it repeats (count/series): record each new count once
    const key = ev.metadata?.uid ?? ev.metadata?.name ?? "";
    const stamp = `${v.count}`;
    if (this.seenEvents.get(key) === stamp) return;
    this.seenEvents.set(key, stamp);
    if (v.kind === "Pod") this.flow(v.name).events.push({ seq: ++this.seq, reason: v.reason, component: v.component, message: v.message });
    this.timeline.record({
      type: "EVENT",
      kind: v.kind,
      namespace: this.namespace,
      name: v.name,
      summary: `${v.type} ${v.reason} (${v.component || "?"}${v.count > 1 ? ` x${v.count}` : ""}): ${v.message}`,
    });
  }

  /** One ListWatch; its failures and recoveries go into the timeline (not swallowed). */
  private follow(apiVersion: string, kind: string, on: (type: WatchType, obj: KubeObject) => void): ListWatch {
    const record = (summary: string): void => this.timeline.record({ type: "WATCH", kind, namespace: this.namespace, name: this.namespace, summary });
    let shown = "";
    const lw = new ListWatch(this.clients, { apiVersion, kind, namespace: this.namespace }, {
      signal: this.controller.signal,
      onChange: on,
      // one entry per new failure text: a watch down for a minute is not a hundred lines
      onProblem: (p) => {
        if (p.last !== shown) record(describeProblem(p));
        shown = p.last;
      },
      onRecovered: (p) => {
        shown = "";
        record(`watch working again after ${p.failures} failure${p.failures === 1 ? "" : "s"} since ${hhmmss(p.since)} (last: ${p.last})`);
      },
      onFatal: (err) => record(`watch stopped: ${err.message}`),
    });
    void lw.run();
    return lw;
  }
}
