// Helpers of the shard test: what a generated Allure report says per test, and what the raw
// results say about each attempt of one scenario.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { expandTree } from "../report/browser.ts";

export interface ReportTest {
  status: string;
  flaky: boolean;
  retries: number;
  categories: string[];
  /** Earlier runs the report found for this test in its history file. */
  history: number;
}

/** Test name → what the report shows (its data/test-results, retries left out: they are attempts). */
export async function reportTests(reportDir: string): Promise<Map<string, ReportTest>> {
  const dir = path.join(reportDir, "data", "test-results");
  const out = new Map<string, ReportTest>();
  for (const f of await readdir(dir)) {
    // The report's own model of a test result; only the fields compared are typed.
    const r = JSON.parse(await readFile(path.join(dir, f), "utf8")) as {
      name: string;
      status: string;
      flaky?: boolean;
      isRetry?: boolean;
      retriesCount?: number;
      categories?: { name: string }[];
      history?: unknown[];
    };
    if (r.isRetry) continue;
    if (out.has(r.name)) throw new Error(`${dir}: two tests named "${r.name}"; the shard suite's scenario names must be unique`);
    out.set(r.name, { status: r.status, flaky: r.flaky ?? false, retries: r.retriesCount ?? 0, categories: (r.categories ?? []).map((c) => c.name).sort(), history: r.history?.length ?? 0 });
  }
  return out;
}

/** The report's totals (widgets/statistic.json): total, passed, failed, broken, flaky, retries. */
export async function statistic(reportDir: string): Promise<Record<string, number>> {
  return JSON.parse(await readFile(path.join(reportDir, "widgets", "statistic.json"), "utf8")) as Record<string, number>;
}

export interface Attempt {
  uuid: string;
  status: string;
  /** Names of the attachments the After hooks added to this attempt. */
  teardown: string[];
}

interface Attachments {
  attachments?: { name: string }[];
  steps?: Attachments[];
}

function attachmentNames(x: Attachments): string[] {
  return [...(x.attachments ?? []).map((a) => a.name), ...(x.steps ?? []).flatMap(attachmentNames)];
}

/** Every attempt of the named scenario in an allure-results directory, oldest first. */
export async function attemptsOf(resultsDir: string, name: string): Promise<Attempt[]> {
  const files = await readdir(resultsDir);
  const read = async (f: string) => JSON.parse(await readFile(path.join(resultsDir, f), "utf8")) as Record<string, unknown>;
  const results = (await Promise.all(files.filter((f) => f.endsWith("-result.json")).map(read))) as Array<{ uuid: string; name: string; status: string; start: number }>;
  const containers = (await Promise.all(files.filter((f) => f.endsWith("-container.json")).map(read))) as Array<{ children?: string[]; afters?: Attachments[] }>;
  return results
    .filter((r) => r.name === name)
    .sort((a, b) => a.start - b.start)
    .map((r) => ({
      uuid: r.uuid,
      status: r.status,
      teardown: containers.filter((c) => c.children?.includes(r.uuid)).flatMap((c) => (c.afters ?? []).flatMap(attachmentNames)),
    }));
}

/** Titles of the scenarios the report's tree marks with its flaky icon, as a reader sees them. */
export async function flakyLeaves(page: Page): Promise<string[]> {
  await page.getByTestId("tree-leaf").first().waitFor();
  await expandTree(page);
  return page.getByTestId("tree-leaf").evaluateAll((els) =>
    els.filter((el) => el.querySelector('[data-testid="tree-leaf-flaky"]')).map((el) => el.querySelector('[data-testid="tree-leaf-title"]')?.textContent?.trim() ?? ""),
  );
}
