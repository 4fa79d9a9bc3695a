// Events about one object, for timeout messages and the creation flow.
import type { KubeClients } from "../kube/client.ts";
import type { KubeObject } from "../kube/manifest.ts";

export interface EventView {
  reason: string;
  message: string;
  type: string;
  /** default-scheduler, kubelet, deployment-controller, ... */
  component: string;
  kind: string;
  name: string;
  count: number;
  /** Best time the event carries (eventTime, lastTimestamp or firstTimestamp). */
  time: string;
}

interface RawEvent extends KubeObject {
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  reportingComponent?: string;
  source?: { component?: string };
  involvedObject?: { kind?: string; name?: string };
  series?: { count?: number; lastObservedTime?: string };
}

/** core/v1 Event → view. Events written through events.k8s.io (the scheduler) set reportingComponent, not source. */
export function eventView(e: KubeObject): EventView {
  const ev = e as RawEvent;
  return {
    reason: ev.reason ?? "",
    message: (ev.message ?? "").trim(),
    type: ev.type ?? "",
    component: ev.reportingComponent || ev.source?.component || "",
    kind: ev.involvedObject?.kind ?? "",
    name: ev.involvedObject?.name ?? "",
    count: ev.series?.count ?? ev.count ?? 1,
    time: ev.series?.lastObservedTime || ev.lastTimestamp || ev.eventTime || ev.firstTimestamp || "",
  };
}

export function eventLine(v: EventView): string {
  return `${v.type} ${v.reason} (${v.component || "?"}${v.count > 1 ? `, x${v.count}` : ""}): ${v.message}`;
}

/** The last `limit` events about kind/name, oldest first, one line each. Never throws: it only decorates errors. */
export async function recentEvents(clients: KubeClients, namespace: string, kind: string, name: string, limit = 10): Promise<string[]> {
  try {
    const list = await clients.objects.listRaw("v1", "Event", namespace, {
      fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}`,
    });
    return list.items
      .map(eventView)
      .sort((a, b) => a.time.localeCompare(b.time))
      .slice(-limit)
      .map(eventLine);
  } catch (err) {
    return [`(events unavailable: ${(err as Error).message})`];
  }
}
