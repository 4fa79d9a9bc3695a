// What a scenario saw happen on the cluster, in order, recorded from watches.
export interface TimelineEntry {
  /** ISO time the harness received it. */
  at: string;
  /**
   * ADDED | MODIFIED | DELETED for object watches; EVENT for core/v1 Events;
   * STEP for what the harness did (apply, delete, cleanup), WAIT for waits (start, met, failed)
   * and WATCH for the recorder's own watches failing and recovering.
   */
  type: "ADDED" | "MODIFIED" | "DELETED" | "EVENT" | "STEP" | "WAIT" | "WATCH";
  kind: string;
  namespace: string;
  name: string;
  /** One line a human reads: phase, node, conditions, or the event's reason and message. */
  summary: string;
}

export class Timeline {
  readonly entries: TimelineEntry[] = [];
  record(entry: Omit<TimelineEntry, "at">): void {
    this.entries.push({ at: new Date().toISOString(), ...entry });
  }
  toText(): string {
    return this.entries
      .map((e) => `${e.at} ${e.type.padEnd(8)} ${e.kind}/${e.name} ${e.summary}`)
      .join("\n");
  }
}
