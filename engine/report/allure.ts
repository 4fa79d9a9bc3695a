// Turning reports/allure-results into reports/allure-report with the Allure 3 CLI from
// node_modules (no Java). Before generating, the results get a second redaction pass:
// attachments were redacted by the steps already, but error messages and step names are
// written by allure-cucumberjs directly and never went through redact().
import { existsSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ownModule } from "../package-paths.ts";
import { BadInputError, HarnessError } from "../errors.ts";
import { commandText } from "../commands.ts";
import { redact } from "./redact.ts";
import { flakyAttempts, groupAttempts, markFlakyRetries, readAttempts } from "./retries.ts";
import { applyHookFailures } from "./hook-failures.ts";
import { generateNow, type AllureGenerator, type GenerateJob } from "./allure-generator.ts";

export interface GenerateOptions {
  /** The user's directory: relative results, output and history paths start here. */
  root: string;
  resultsDir: string;
  outputDir: string;
  /** One self-contained index.html (CI artifacts) instead of a directory of files. */
  singleFile: boolean;
  reportName?: string;
  /** History file (JSON lines) for trends; default reports/history/history.jsonl (allurerc.ts). */
  historyPath?: string;
  /**
   * false: read history but add no entry (a second rendering of the same run). Default: add
   * one unless the history already has an entry newer than every result file.
   */
  appendHistory?: boolean;
}

export interface GenerateSummary {
  /** Tests in the report (a retried scenario counts once, by its last attempt). */
  results: number;
  byStatus: Record<string, number>;
  /** Earlier attempts of retried tests, and tests that passed only on a retry (marked flaky). */
  retries: number;
  flaky: number;
  sanitizedFiles: number;
  outputBytes: number;
  outputFiles: number;
  ms: number;
}

const ALLURE_OWN = /-(result|container)\.json$/;
/** Must match allurerc.ts. */
const DEFAULT_HISTORY = "reports/history/history.jsonl";
// Attachments get no extension when the media type is unknown to allure (application/yaml).
const BINARY = /\.(png|jpe?g|gif|webp|webm|mp4|zip|gz|tar)$/i;

function isTextFile(name: string, data: Buffer): boolean {
  return !BINARY.test(name) && !data.subarray(0, 8192).includes(0);
}

/** Redact every string in result/container JSON files and every text attachment, in place. */
export async function sanitizeResults(resultsDir: string): Promise<number> {
  let changed = 0;
  for (const name of await readdir(resultsDir)) {
    const file = join(resultsDir, name);
    if (!(ALLURE_OWN.test(name) || name.includes("-attachment"))) continue;
    const raw = await readFile(file);
    if (!isTextFile(name, raw)) continue;
    const before = raw.toString("utf8");
    const after = ALLURE_OWN.test(name) ? JSON.stringify(redactStrings(JSON.parse(before) as unknown)) : redact(before);
    if (after !== before && !(ALLURE_OWN.test(name) && after === JSON.stringify(JSON.parse(before)))) {
      await writeFile(file, after);
      changed++;
    }
  }
  return changed;
}

function redactStrings(v: unknown): unknown {
  if (typeof v === "string") return redact(v);
  if (Array.isArray(v)) return v.map(redactStrings);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactStrings(x)]));
  }
  return v;
}

export async function countResults(resultsDir: string): Promise<{ results: number; byStatus: Record<string, number>; retries: number; flaky: number }> {
  const byStatus: Record<string, number> = {};
  const attempts = await readAttempts(resultsDir);
  const tests = groupAttempts(attempts);
  for (const g of tests) {
    const status = g.at(-1)!.status ?? "unknown";
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return { results: tests.length, byStatus, retries: attempts.length - tests.length, flaky: flakyAttempts(attempts).length };
}

/**
 * The report of the results in o.resultsDir, in o.outputDir. With a generator (startAllureGenerator,
 * started earlier), Allure runs in that process, which has loaded Allure meanwhile; else in one
 * started here.
 */
export async function generateAllureReport(o: GenerateOptions, generator?: AllureGenerator): Promise<GenerateSummary> {
  const started = Date.now();
  const resultsDir = resolve(o.root, o.resultsDir);
  if (!existsSync(resultsDir)) {
    throw new BadInputError(`generate Allure report: no results directory ${resultsDir}; run the scenarios first (${commandText("run")})`);
  }
  await applyHookFailures(resultsDir); // before counting: a failed hook fails its scenario
  const { results, byStatus, retries, flaky } = await countResults(resultsDir);
  if (results === 0) throw new BadInputError(`generate Allure report: ${resultsDir} holds no *-result.json; run the scenarios first (${commandText("run")})`);
  const historyFile = resolve(o.root, o.historyPath ?? DEFAULT_HISTORY);
  const append = o.appendHistory ?? !(await alreadyInHistory(historyFile, resultsDir));
  const sanitizedFiles = await sanitizeResults(resultsDir);
  await markFlakyRetries(resultsDir);
  const outputDir = resolve(o.root, o.outputDir);
  // A single-file report written over a multi-file one would leave stale files behind.
  await rm(outputDir, { recursive: true, force: true });
  // Allure's generate with our allurerc as this package has them (an installed kubecuke: its
  // compiled allurerc.js), not the user's directory; through allure-generate.mjs, which loads
  // Allure's core without its 27-command CLI (the report's cost, issue 21)
  const job: GenerateJob = {
    config: ownModule("allurerc.ts"),
    output: outputDir,
    results: resultsDir,
    env: {
      KUBECUKE_REPORT_SINGLE_FILE: o.singleFile ? "1" : "0",
      ...(o.reportName ? { KUBECUKE_REPORT_NAME: o.reportName } : {}),
      KUBECUKE_REPORT_HISTORY: historyFile,
      KUBECUKE_REPORT_APPEND_HISTORY: append ? "1" : "0",
      NO_COLOR: "1",
    },
  };
  const r = generator ? await generator.generate(job) : await generateNow(o.root, job);
  if (r.exitCode !== 0 || !existsSync(join(outputDir, "index.html"))) {
    // the CLI and its config (allurerc.ts) are ours: a failure here is a harness bug
    throw new HarnessError(`generate Allure report: allure generate --config ${job.config} --output ${outputDir} ${resultsDir}: exit ${r.exitCode ?? r.signal}: ${String(r.all ?? "").trim().slice(-2000)}`);
  }
  const index = join(outputDir, "index.html");
  await writeFile(index, stripAnalytics(await readFile(index, "utf8")));
  const { bytes, files } = await du(outputDir);
  return { results, byStatus, retries, flaky, sanitizedFiles, outputBytes: bytes, outputFiles: files, ms: Date.now() - started };
}

/**
 * Allure's report template loads Google Tag Manager whenever the report is opened (the
 * 3.18 template has no switch). A test report describing internal clusters must not call
 * out: drop the loader and its inline config.
 */
export function stripAnalytics(html: string): string {
  return html
    .replace(/<script[^>]*src="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>\s*/g, "")
    .replace(/<script>\s*window\.dataLayer = window\.dataLayer[\s\S]*?<\/script>\s*/g, "");
}

/** True when the last history entry was written after the newest result file: same run. */
export async function alreadyInHistory(historyFile: string, resultsDir: string): Promise<boolean> {
  if (!existsSync(historyFile)) return false;
  const lines = (await readFile(historyFile, "utf8")).trim().split("\n");
  let last: number | undefined;
  try {
    last = (JSON.parse(lines.at(-1) ?? "") as { timestamp?: number }).timestamp;
  } catch {
    return false; // unreadable history: let Allure deal with it
  }
  if (typeof last !== "number") return false;
  let newest = 0;
  for (const name of await readdir(resultsDir)) newest = Math.max(newest, (await stat(join(resultsDir, name))).mtimeMs);
  return newest > 0 && newest < last;
}

/** Total size and count of files under dir. */
export async function du(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    bytes += (await stat(join(e.parentPath, e.name))).size;
    files++;
  }
  return { bytes, files };
}
