// Everything a scenario creates is registered here and undone in reverse order after it:
// deleted (only the object with the recorded UID), or put back to its saved state.
// NotFound is fine (a step may have deleted it already); every outcome is recorded.
import { describeError } from "../errors.ts";

export type CleanupOutcome = "deleted" | "already gone" | "restored" | "re-created" | "left alone" | "failed";

export interface CleanupResult {
  outcome: Exclude<CleanupOutcome, "failed">;
  detail?: string;
}

export interface CleanupRecord {
  what: string;
  outcome: CleanupOutcome;
  detail?: string;
  ms: number;
  /** Set on a failure nothing else will repair (outside the scenario namespace): the scenario must fail. */
  critical?: boolean;
}

export interface CleanupItem {
  /** `Kind/namespace/name` or a description. */
  what: string;
  /** Outside the scenario namespace: no namespace deletion follows to finish what this item leaves. */
  critical?: boolean;
  run: () => Promise<CleanupResult>;
}

export class CleanupStack {
  private readonly items: CleanupItem[] = [];
  private readonly seen = new Set<string>();

  /** Register once per `what`: re-applying the same object does not stack a second item. */
  push(item: CleanupItem): void {
    if (this.seen.has(item.what)) return;
    this.seen.add(item.what);
    this.items.push(item);
  }

  get size(): number {
    return this.items.length;
  }

  /** Run every item, last registered first. Never throws: failures are in the records. */
  async runAll(onRecord?: (r: CleanupRecord) => void): Promise<CleanupRecord[]> {
    const records: CleanupRecord[] = [];
    while (this.items.length > 0) {
      const item = this.items.pop() as CleanupItem;
      const started = Date.now();
      let rec: CleanupRecord;
      try {
        const r = await item.run();
        rec = { what: item.what, outcome: r.outcome, ...(r.detail ? { detail: r.detail } : {}), ms: Date.now() - started };
      } catch (err) {
        rec = { what: item.what, outcome: "failed", detail: describeError(err), ms: Date.now() - started, ...(item.critical ? { critical: true } : {}) };
      }
      records.push(rec);
      onRecord?.(rec);
    }
    this.seen.clear();
    return records;
  }
}

/** One line per record: `what: outcome (detail) N ms`, as the report's cleanup attachment and the run's log show them. */
export function cleanupLines(records: readonly CleanupRecord[]): string {
  return records.map((r) => `${r.what}: ${r.outcome}${r.detail ? ` (${r.detail})` : ""} ${r.ms} ms`).join("\n");
}
