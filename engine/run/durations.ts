// Longest first: each scenario's time in earlier runs, kept in a small JSON file, and the order
// that hands the longest scenarios to cucumber's workers first. Cucumber's parallel coordinator
// gives the next scenario in its list to whichever worker is free, so a list sorted longest first
// ends about when max(slowest scenario, total / workers) says, where a 3-minute scenario met last
// would run alone after the others are done. steps/support/longest-first.mjs applies the order.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Scenario key → milliseconds it took in the last run that ran it. */
export type Durations = Record<string, number>;

/** A scenario's key: its feature file (as cucumber names it, relative) and its name. */
export function durationKey(uri: string, name: string): string {
  return `${uri}: ${name}`;
}

type Stamp = { seconds: number; nanos: number };
const ms = (t: Stamp): number => t.seconds * 1000 + Math.round(t.nanos / 1e6);

/**
 * Each scenario's time in a run, from its messages.ndjson: from its test case's start to its
 * end (hooks included, as a worker spends it), every attempt added (a retried scenario holds its
 * worker for all of them). Scenarios of an outline share a name: the longest row counts. Only
 * scenarios that ran to an end count (not skipped ones, nor one cut short by an interrupt).
 */
export function durationsFromMessages(ndjson: string): Durations {
  const pickles = new Map<string, string>(); // pickle id → key
  const cases = new Map<string, string>(); // test case id → key
  const attempts = new Map<string, { caseId: string; at: number }>(); // test case started id → …
  const total = new Map<string, number>(); // test case id → ms over its attempts
  const ran = new Set<string>(); // test case ids with a step or hook that passed or failed
  for (const line of ndjson.split("\n")) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as {
      pickle?: { id: string; uri: string; name: string };
      testCase?: { id: string; pickleId: string };
      testCaseStarted?: { id: string; testCaseId: string; timestamp: Stamp };
      testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string } };
      testCaseFinished?: { testCaseStartedId: string; timestamp: Stamp };
    };
    if (m.pickle) pickles.set(m.pickle.id, durationKey(m.pickle.uri, m.pickle.name));
    if (m.testCase) cases.set(m.testCase.id, pickles.get(m.testCase.pickleId) ?? "");
    if (m.testCaseStarted) attempts.set(m.testCaseStarted.id, { caseId: m.testCaseStarted.testCaseId, at: ms(m.testCaseStarted.timestamp) });
    const status = m.testStepFinished?.testStepResult.status;
    if (status === "PASSED" || status === "FAILED") ran.add(attempts.get(m.testStepFinished?.testCaseStartedId ?? "")?.caseId ?? "");
    if (m.testCaseFinished) {
      const a = attempts.get(m.testCaseFinished.testCaseStartedId);
      if (a) total.set(a.caseId, (total.get(a.caseId) ?? 0) + ms(m.testCaseFinished.timestamp) - a.at);
    }
  }
  const out: Durations = {};
  for (const [caseId, spent] of total) {
    const key = cases.get(caseId);
    if (!key || !ran.has(caseId)) continue;
    out[key] = Math.max(out[key] ?? 0, spent);
  }
  return out;
}

/** The earlier durations with this run's replacing theirs; scenarios this run did not run keep theirs. */
export function mergeDurations(earlier: Durations, run: Durations): Durations {
  return Object.fromEntries(Object.entries({ ...earlier, ...run }).sort(([a], [b]) => a.localeCompare(b)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * `items` longest first by their durations in earlier runs; one never timed counts as the median
 * of those timed (the middle of the list); equal ones keep their order. Without any timed item,
 * the order is unchanged.
 */
export function longestFirst<T>(items: readonly T[], keyOf: (item: T) => string, durations: Durations): T[] {
  const known = items.map((i) => durations[keyOf(i)]).filter((d): d is number => typeof d === "number" && Number.isFinite(d));
  if (known.length === 0) return [...items];
  const middle = median(known);
  const estimate = (i: T): number => durations[keyOf(i)] ?? middle;
  return items.map((item, at) => ({ item, at, ms: estimate(item) })).sort((a, b) => b.ms - a.ms || a.at - b.at).map((x) => x.item);
}

/**
 * When `durations` (ms, in the order cucumber hands them out) run on `workers` workers that each
 * take the next one as soon as they are free: the time until the last one ends.
 */
export function expectedWallMs(durations: readonly number[], workers: number): number {
  const free = Array.from({ length: Math.max(1, workers) }, () => 0);
  for (const d of durations) {
    const next = free.indexOf(Math.min(...free));
    free[next] = (free[next] ?? 0) + d;
  }
  return Math.max(...free);
}

/** The durations in `file`; none when it is missing or not ours to read. */
export async function readDurations(file: string): Promise<Durations> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === "number"));
  } catch {
    return {};
  }
}

/** Adds a run's durations (from its messages.ndjson) to each file; written whole or not at all. */
export async function recordDurations(files: readonly string[], ndjson: string): Promise<void> {
  const run = durationsFromMessages(ndjson);
  if (Object.keys(run).length === 0) return;
  for (const file of files) {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(mergeDurations(await readDurations(file), run), null, 1)}\n`);
    await rename(tmp, file);
  }
}

/**
 * Where durations are kept: beside the reports (surviving the wipe of a run's results) and, for a
 * run into the default reports directory, in the cache (which a fresh clone on the same machine,
 * as CI's, still finds). Read: the first that exists; written: all.
 */
export function durationFiles(reportsDir: string, cacheDir: string, reportsDirOverridden: boolean): string[] {
  return [path.join(reportsDir, "durations.json"), ...(reportsDirOverridden ? [] : [path.join(cacheDir, "durations.json")])];
}

/** The user chose an order (--order on the command line, or one in the profile): cucumber's stands. */
export function orderChosen(cucumberArgs: readonly string[], profileOrder: string | undefined): boolean {
  return cucumberArgs.some((a) => a === "--order" || a.startsWith("--order=")) || (profileOrder !== undefined && profileOrder !== "defined");
}

/** The environment that turns longest first on (steps/support/longest-first.mjs): the first durations file that exists. */
export async function longestFirstEnv(files: readonly string[], cucumberArgs: readonly string[], profileOrder: string | undefined): Promise<Record<string, string>> {
  if (orderChosen(cucumberArgs, profileOrder)) return {};
  for (const file of files) if (Object.keys(await readDurations(file)).length > 0) return { KUBECUKE_DURATIONS: file };
  return {};
}
