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
export function podHeadline(pod: V1Pod): string {
  const name = pod.metadata?.name ?? "?";
  const containers = podContainers(pod)
    .map((c) => `${c.init ? "init:" : ""}${c.name}=${c.state}${c.restartCount ? ` restarts=${c.restartCount}` : ""}`)
    .join(", ");
  return `pod/${name} phase=${pod.status?.phase ?? "?"} node=${pod.spec?.nodeName ?? "-"} ${containers}`;
}
