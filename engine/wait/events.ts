// Events about one object, for timeout messages and the creation flow.
import type { KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { apiError, apiFailure } from "../kube/errors.ts";
import type { KubeObject } from "../kube/object.ts";
import { eventOf, type EventJson } from "../kube/objects.ts";

export interface EventView {
  reason: string;
  message: string;
  type: string;
  /** default-scheduler, kubelet, deployment-controller, ... */
  component: string;
  kind: string;
  name: string;
  count: number;
}

/** core/v1 Event → view. Events written through events.k8s.io (the scheduler) set reportingComponent, not source. */
export function eventView(e: KubeObject): EventView {
  return viewOf(eventOf(e));
}

function viewOf(ev: EventJson): EventView {
  return {
    reason: ev.reason ?? "",
    message: (ev.message ?? "").trim(),
    type: ev.type ?? "",
    component: ev.reportingComponent || ev.source?.component || "",
    kind: ev.involvedObject?.kind ?? "",
    name: ev.involvedObject?.name ?? "",
    count: ev.series?.count ?? ev.count ?? 1,
  };
}

/** The time fields of an Event, loosely typed: client-node gives Dates, raw lists give strings. */
export interface EventTimes {
  eventTime?: unknown;
  firstTimestamp?: unknown;
  lastTimestamp?: unknown;
  series?: { lastObservedTime?: unknown };
  metadata?: { name?: string; creationTimestamp?: unknown };
}

function toDate(t: unknown): Date | undefined {
  if (t === undefined || t === null || t === "") return undefined;
  const d = t instanceof Date ? t : new Date(String(t));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** When an event first happened, whichever field the emitter filled in. */
export function eventFirstTime(e: EventTimes): Date | undefined {
  return toDate(e.eventTime ?? e.firstTimestamp ?? e.lastTimestamp ?? e.metadata?.creationTimestamp);
}

/** When a repeated event last happened (series or lastTimestamp), else its first time. */
export function eventLastTime(e: EventTimes): Date | undefined {
  return toDate(e.series?.lastObservedTime ?? e.lastTimestamp) ?? eventFirstTime(e);
}

// Event names end in the hex nanosecond time of their creation: exact order within a second,
// where the timestamps (second precision in firstTimestamp) cannot tell.
function nameNanos(e: EventTimes): bigint | undefined {
  const m = /\.([0-9a-f]{8,})$/.exec(e.metadata?.name ?? "");
  return m ? BigInt(`0x${m[1]}`) : undefined;
}

/** In the order things happened: by first occurrence (to the second), then by creation. */
export function sortEvents<E extends EventTimes>(events: E[]): E[] {
  const sec = (e: E) => Math.floor((eventFirstTime(e)?.getTime() ?? Number.POSITIVE_INFINITY) / 1000);
  return events
    .map((e, i) => ({ e, i, s: sec(e), n: nameNanos(e) }))
    .sort((a, b) => a.s - b.s || (a.n !== undefined && b.n !== undefined ? (a.n < b.n ? -1 : a.n > b.n ? 1 : 0) : 0) || a.i - b.i)
    .map((x) => x.e);
}

export function eventLine(v: EventView): string {
  return `${v.type} ${v.reason} (${v.component || "?"}${v.count > 1 ? `, x${v.count}` : ""}): ${v.message}`;
}

/** Every event about kind/name, oldest first. Throws (the API server's words) when they cannot be read. */
export async function eventsAbout(clients: KubeClients, namespace: string, kind: string, name: string): Promise<EventView[]> {
  try {
    const list = await withDeadline("list events", `${kind}/${namespace}/${name}`, clients.timeouts.get, () =>
      clients.objects.listRaw("v1", "Event", namespace, { fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` }),
    );
    return sortEvents(list.items.map(eventOf)).map(viewOf);
  } catch (cause) {
    throw apiError(cause, { operation: "list events", object: `${kind}/${namespace}/${name}` });
  }
}

/** The last `limit` events about kind/name, oldest first, one line each. Never throws: it only decorates errors. */
export async function recentEvents(clients: KubeClients, namespace: string, kind: string, name: string, limit = 10): Promise<string[]> {
  try {
    return (await eventsAbout(clients, namespace, kind, name)).slice(-limit).map(eventLine);
  } catch (err) {
    // the server's reason and message, not client-node's dump of the whole response
    const f = apiFailure(err);
    return [`(events unavailable: ${f.reason}: ${f.message})`];
  }
}
