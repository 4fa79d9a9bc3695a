// Everything a scenario creates is registered here and deleted in reverse order after it.
// NotFound is fine (a step may have deleted it already); every delete is recorded.

export interface CleanupRecord {
  what: string;
  outcome: "deleted" | "already gone" | "failed";
  detail?: string;
  ms: number;
}

export interface CleanupItem {
  /** `Kind/namespace/name` or a description. */
  what: string;
  /** Resolves true when something was deleted, false when it was already gone. */
  run: () => Promise<boolean>;
}

export class CleanupStack {
  private readonly items: CleanupItem[] = [];
  private readonly seen = new Set<string>();

  /** Register once per `what`: re-applying the same object does not stack a second delete. */
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
        const deleted = await item.run();
        rec = { what: item.what, outcome: deleted ? "deleted" : "already gone", ms: Date.now() - started };
      } catch (err) {
        rec = { what: item.what, outcome: "failed", detail: (err as Error).message, ms: Date.now() - started };
      }
      records.push(rec);
      onRecord?.(rec);
    }
    this.seen.clear();
    return records;
  }
}
