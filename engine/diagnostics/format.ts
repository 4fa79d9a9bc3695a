// Pure formatting for diagnostics, kept apart from the API calls so it is unit-testable.
import type { CoreV1Event, V1Pod } from "@kubernetes/client-node";
import { eventFirstTime, eventLastTime, sortEvents } from "../wait/events.ts";

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
  /** An earlier instance's end is in the status (lastState), so `--previous` has a log to read. */
  hasPrevious: boolean;
}

export function podContainers(pod: V1Pod): ContainerRef[] {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const refs = (list: { name: string }[] | undefined, init: boolean): ContainerRef[] =>
    (list ?? []).map((c) => {
      const s = statuses.find((x) => x.name === c.name);
      return { name: c.name, init, restartCount: s?.restartCount ?? 0, hasPrevious: s?.lastState?.terminated != null };
    });
  return [...refs(pod.spec?.initContainers, true), ...refs(pod.spec?.containers, false)];
}
