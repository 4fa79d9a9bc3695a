// Retries in Allure results. cucumber-js `--retry N` runs a failed scenario again; allure-cucumberjs
// writes one result per attempt, all with the same historyId. Allure 3 shows the earlier attempts
// as retries of the last one but calls a test flaky only when its result says so
// (statusDetails.flaky) or its history does: without help, "failed, then passed" reads as a
// plain pass. markFlakyRetries() sets the flag on exactly those results before generation.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface AttemptResult {
  uuid: string;
  historyId?: string;
  testCaseId?: string;
  status?: string;
  start?: number;
  stop?: number;
  statusDetails?: { flaky?: boolean } & Record<string, unknown>;
}

const RED = new Set(["failed", "broken"]);

/** Attempts of one test, oldest first; the last is the result the report shows. */
export function groupAttempts<T extends AttemptResult>(results: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const r of results) {
    const key = r.historyId ?? r.testCaseId ?? r.uuid;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const order = (r: T) => r.start ?? r.stop ?? 0;
  return [...groups.values()].map((g) => g.sort((a, b) => order(a) - order(b)));
}

/** uuids of the final attempts that passed after an earlier attempt failed or broke. */
export function flakyAttempts(results: AttemptResult[]): string[] {
  return groupAttempts(results)
    .filter((g) => g.length > 1 && g.at(-1)!.status === "passed" && g.slice(0, -1).some((r) => RED.has(r.status ?? "")))
    .map((g) => g.at(-1)!.uuid);
}

/** The *-result.json files of a results directory, parsed, with their file names. */
export async function readAttempts(resultsDir: string): Promise<Array<AttemptResult & { file: string }>> {
  const out: Array<AttemptResult & { file: string }> = [];
  for (const name of (await readdir(resultsDir)).filter((n) => n.endsWith("-result.json")).sort()) {
    out.push({ ...(JSON.parse(await readFile(join(resultsDir, name), "utf8")) as AttemptResult), file: name });
  }
  return out;
}

/** Sets statusDetails.flaky on each result that passed on a retry; returns how many it marked. */
export async function markFlakyRetries(resultsDir: string): Promise<number> {
  const attempts = await readAttempts(resultsDir);
  const flaky = new Set(flakyAttempts(attempts));
  let marked = 0;
  for (const a of attempts) {
    if (!flaky.has(a.uuid) || a.statusDetails?.flaky === true) continue;
    const file = join(resultsDir, a.file);
    const raw = JSON.parse(await readFile(file, "utf8")) as AttemptResult;
    raw.statusDetails = { ...raw.statusDetails, flaky: true };
    await writeFile(file, JSON.stringify(raw));
    marked++;
  }
  return marked;
}
