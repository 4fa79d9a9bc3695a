// Watches started when the scenario starts: every Pod change and every Event in the scenario's
// namespace goes into the Timeline, and each Pod's versions are kept for the creation flow.
// Started (connected) before the first step runs, so nothing a step causes is missed.
import { Watch } from "@kubernetes/client-node";
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/manifest.ts";
import { eventView } from "../wait/events.ts";
import { nodeName, podStatus, podSummary } from "../wait/pod-state.ts";
import type { Timeline } from "../wait/timeline.ts";
import type { CreationFlow } from "./flow.ts";

type WatchType = "ADDED" | "MODIFIED" | "DELETED";

export class NamespaceRecorder {
  private seq = 0;
  private stopped = false;
  private readonly controllers: AbortController[] = [];
  private readonly flows = new Map<string, CreationFlow>();
  private readonly lastSummary = new Map<string, string>();
  private readonly seenEvents = new Map<string, string>();
  /** Waiters for a Pod version to arrive through the watch: "name@resourceVersion" → resolve. */
  private readonly waiters = new Map<string, () => void>();

  private readonly clients: KubeClients;
  private readonly namespace: string;
  private readonly timeline: Timeline;

  constructor(clients: KubeClients, namespace: string, timeline: Timeline) {
    this.clients = clients;
    this.namespace = namespace;
    this.timeline = timeline;
  }

  async start(): Promise<void> {
    await Promise.all([this.follow("v1", "Pod", (t, o) => this.onPod(t, o)), this.follow("v1", "Event", (t, o) => this.onEvent(t, o))]);
  }

  stop(): void {
    this.stopped = true;
    for (const c of this.controllers) c.abort();
  }

  /** What the watch saw of one Pod, from its creation (empty flow if never seen). */
  flowOf(pod: string): CreationFlow {
    return this.flows.get(pod) ?? { pod, observations: [], events: [] };
  }

  /**
   * Resolves once the watch has delivered the Pod at `resourceVersion` (read from the API by the
   * caller): another watch (a wait) may have seen it first, and the flow must include it.
   * Resource versions are compared for equality only, as the API asks.
   */
  async caughtUp(pod: string, resourceVersion: string, timeoutMs: number): Promise<boolean> {
    if (this.flowOf(pod).observations.some((o) => o.resourceVersion === resourceVersion)) return true;
    const key = `${pod}@${resourceVersion}`;
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
    const rv = pod.metadata?.resourceVersion as string | undefined;
    this.flow(name).observations.push({ seq: ++this.seq, type, resourceVersion: rv, nodeName: nodeName(pod), trueConditions: conds });
    this.waiters.get(`${name}@${rv}`)?.();
    const summary = podSummary(pod);
    const key = `${name}/${pod.metadata?.uid ?? ""}`;
    if (type === "MODIFIED" && this.lastSummary.get(key) === summary) return; // status churn without visible change
    this.lastSummary.set(key, summary);
    this.timeline.record({ type, kind: "Pod", namespace: this.namespace, name, summary: `uid=${(pod.metadata?.uid ?? "").slice(0, 8)} ${summary}` });
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

  /** List then watch from the list's resourceVersion; on close, resume from the last version seen. */
  private async follow(apiVersion: string, kind: string, on: (type: WatchType, obj: KubeObject) => void): Promise<void> {
    const list = await this.clients.objects.listRaw(apiVersion, kind, this.namespace);
    for (const item of list.items) on("ADDED", { apiVersion, kind, ...item });
    let rv = list.metadata?.resourceVersion;
    const path = await this.clients.objects.collectionPath(apiVersion, kind, this.namespace);
    const connect = async (): Promise<void> => {
      if (this.stopped) return;
      const c = await new Watch(this.clients.kc).watch(
        path,
        { resourceVersion: rv, allowWatchBookmarks: true },
        (type: string, obj: KubeObject) => {
          if (obj?.metadata?.resourceVersion) rv = obj.metadata.resourceVersion as string;
          if (type === "ADDED" || type === "MODIFIED" || type === "DELETED") on(type, { apiVersion, kind, ...obj });
          // an ERROR carrying 410 Gone: our version expired; the next connect starts from now
          else if (type === "ERROR" && (obj as { code?: number }).code === 410) rv = undefined;
        },
        (err: unknown) => {
          if (this.stopped) return;
          if ((err as { statusCode?: number } | null)?.statusCode === 410) rv = undefined;
          setTimeout(() => void connect().catch(() => undefined), err ? 500 : 0);
        },
      );
      this.controllers.push(c);
      if (this.stopped) c.abort();
    };
    await connect();
  }
}
