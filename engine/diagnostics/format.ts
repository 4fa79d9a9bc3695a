// Pure formatting for diagnostics, kept apart from the API calls so it is unit-testable.
import type { CoreV1Event, V1Pod } from "@kubernetes/client-node";

function toDate(t: unknown): Date | undefined {
  if (t === undefined || t === null) return undefined;
  const d = t instanceof Date ? t : new Date(String(t));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** When an event first happened, whichever field the emitter filled in. */
export function eventFirstTime(e: CoreV1Event): Date | undefined {
  return toDate(e.eventTime ?? e.firstTimestamp ?? e.lastTimestamp ?? e.metadata?.creationTimestamp);
}

/** When a repeated event last happened (series or lastTimestamp), else its first time. */
export function eventLastTime(e: CoreV1Event): Date | undefined {
  return toDate(e.series?.lastObservedTime ?? e.lastTimestamp) ?? eventFirstTime(e);
}

// Event names end in the hex nanosecond time of their creation: exact order within a second,
// where the timestamps (second precision in firstTimestamp) cannot tell.
function nameNanos(e: CoreV1Event): bigint | undefined {
  const m = /\.([0-9a-f]{8,})$/.exec(e.metadata?.name ?? "");
  return m ? BigInt(`0x${m[1]}`) : undefined;
}

/** In the order things happened: by first occurrence (to the second), then by creation. */
export function sortEvents(events: CoreV1Event[]): CoreV1Event[] {
  const sec = (e: CoreV1Event) => Math.floor((eventFirstTime(e)?.getTime() ?? Number.POSITIVE_INFINITY) / 1000);
  return events
    .map((e, i) => ({ e, i, s: sec(e), n: nameNanos(e) }))
    .sort((a, b) => a.s - b.s || (a.n !== undefined && b.n !== undefined ? (a.n < b.n ? -1 : a.n > b.n ? 1 : 0) : 0) || a.i - b.i)
    .map((x) => x.e);
}

export function formatEvents(events: CoreV1Event[]): string {
  if (events.length === 0) return "(no events)";
  return sortEvents(events)
    .map((e) => {
      const at = eventFirstTime(e)?.toISOString() ?? "(no time)";
      const n = e.series?.count ?? e.count ?? 1;
      const count = n > 1 ? ` x${n} until ${eventLastTime(e)?.toISOString() ?? "?"}` : "";
      const source = e.reportingComponent || e.source?.component || "";
      const obj = `${e.involvedObject.kind ?? "?"}/${e.involvedObject.name ?? "?"}`;
      return `${at} ${(e.type ?? "").padEnd(7)} ${e.reason ?? ""} ${obj} [${source}]${count} ${(e.message ?? "").trim()}`;
    })
    .join("\n");
}

export interface ContainerRef {
  name: string;
  /** "init" containers run before the others; their logs often explain a stuck Pod. */
  init: boolean;
  restartCount: number;
  /** One line: waiting/running/terminated with reason and exit code. */
  state: string;
}

export function podContainers(pod: V1Pod): ContainerRef[] {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const refs = (list: { name: string }[] | undefined, init: boolean): ContainerRef[] =>
    (list ?? []).map((c) => {
      const s = statuses.find((x) => x.name === c.name);
      return { name: c.name, init, restartCount: s?.restartCount ?? 0, state: describeState(s?.state) };
    });
  return [...refs(pod.spec?.initContainers, true), ...refs(pod.spec?.containers, false)];
}

type ContainerState = NonNullable<NonNullable<V1Pod["status"]>["containerStatuses"]>[number]["state"];

function describeState(state: ContainerState): string {
  if (state?.running) return "running";
  if (state?.waiting) return `waiting ${state.waiting.reason ?? ""}`.trim();
  if (state?.terminated) return `terminated ${state.terminated.reason ?? ""} exit ${state.terminated.exitCode}`;
  return "no status";
}

/** A one-line heading for each Pod, so the attachment list reads as a summary. */
export function podSummary(pod: V1Pod): string {
  const name = pod.metadata?.name ?? "?";
  const containers = podContainers(pod)
    .map((c) => `${c.init ? "init:" : ""}${c.name}=${c.state}${c.restartCount ? ` restarts=${c.restartCount}` : ""}`)
    .join(", ");
  return `pod/${name} phase=${pod.status?.phase ?? "?"} node=${pod.spec?.nodeName ?? "-"} ${containers}`;
}
