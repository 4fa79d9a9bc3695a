// Which scenarios a `--shard i/n` run gets, as cucumber-js 12's sharding plugin decides it: every
// n-th of the filtered scenarios in their defined order, from the i-th. The runner needs the share
// to start no more workers than the shard has scenarios and to set up only what those use.
import { BadInputError } from "../errors.ts";

/** The items of shard "i/n" (1-based i); all of them without a shard. */
export function inShard<T>(items: readonly T[], shard: string | undefined): T[] {
  if (!shard) return [...items];
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total) throw new BadInputError(`--shard ${shard}: expected INDEX/TOTAL with 1 ≤ INDEX ≤ TOTAL, e.g. --shard 1/3`);
  return items.filter((_, i) => i % total === index - 1);
}
