// The Pod creation flow as the seed tells it, checked from what a watch observed. Pure.
//   1. the API server stores the Pod (no node yet)
//   2. default-scheduler binds it (event Scheduled, spec.nodeName set)
//   3. the kubelet creates and starts the containers (events Created, Started)
//   4. the kubelet reports status: conditions PodScheduled → Initialized → ContainersReady → Ready

/** One Pod version as the watch delivered it. */
export interface PodObservation {
  seq: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  resourceVersion?: string;
  nodeName?: string;
  /** Conditions with status True in this version, with their lastTransitionTime. */
  trueConditions: { type: string; at?: string }[];
}

export interface EventObservation {
  seq: number;
  reason: string;
  component: string;
  message: string;
}

export interface CreationFlow {
  pod: string;
  observations: PodObservation[];
  events: EventObservation[];
}

export const CONDITION_ORDER = ["PodScheduled", "Initialized", "ContainersReady", "Ready"];

/** A step in the flow as it happened: sequence number of the first observation showing it. */
export interface Milestone {
  name: string;
  seq: number;
  detail: string;
}

export function firstWithoutNode(flow: CreationFlow): PodObservation | undefined {
  const first = flow.observations[0];
  return first && first.type === "ADDED" && !first.nodeName ? first : undefined;
}

export function firstBound(flow: CreationFlow): PodObservation | undefined {
  return flow.observations.find((o) => o.nodeName);
}

export function firstEvent(flow: CreationFlow, reason: string, component?: string): EventObservation | undefined {
  return flow.events.find((e) => e.reason === reason && (component === undefined || e.component === component));
}

/** Sequence number of the first version in which each condition is True. */
export function conditionMilestones(flow: CreationFlow, order = CONDITION_ORDER): Milestone[] {
  return order.map((type) => {
    const obs = flow.observations.find((o) => o.trueConditions.some((c) => c.type === type));
    const at = obs?.trueConditions.find((c) => c.type === type)?.at;
    return { name: type, seq: obs ? obs.seq : -1, detail: at ?? "" };
  });
}

/**
 * Check the conditions became True in `order`: each seen, and none before its predecessor,
 * by watch order and by lastTransitionTime (second precision, so equal times are in order).
 * Returns problems in words; empty means the order holds.
 */
export function checkConditionOrder(flow: CreationFlow, order = CONDITION_ORDER): string[] {
  const ms = conditionMilestones(flow, order);
  const problems: string[] = [];
  for (const m of ms) if (m.seq < 0) problems.push(`condition ${m.name} was never observed True`);
  for (let i = 1; i < ms.length; i++) {
    const prev = ms[i - 1] as Milestone;
    const cur = ms[i] as Milestone;
    if (prev.seq < 0 || cur.seq < 0) continue;
    if (cur.seq < prev.seq) problems.push(`${cur.name} became True (observation #${cur.seq}) before ${prev.name} (#${prev.seq})`);
    if (prev.detail && cur.detail && cur.detail < prev.detail) {
      problems.push(`${cur.name} lastTransitionTime ${cur.detail} is before ${prev.name}'s ${prev.detail}`);
    }
  }
  return problems;
}

/** Human-readable flow, attached to the report. */
export function describeFlow(flow: CreationFlow): string {
  const lines: string[] = [`creation flow of Pod ${flow.pod}:`];
  const items: { seq: number; text: string }[] = [
    ...flow.observations.map((o) => ({
      seq: o.seq,
      text: `${o.type} node=${o.nodeName ?? "<none>"} true=[${o.trueConditions.map((c) => c.type).join(",")}]`,
    })),
    ...flow.events.map((e) => ({ seq: e.seq, text: `EVENT ${e.reason} by ${e.component || "?"}: ${e.message}` })),
  ];
  items.sort((a, b) => a.seq - b.seq);
  for (const i of items) lines.push(`#${i.seq} ${i.text}`);
  return lines.join("\n");
}
