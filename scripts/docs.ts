// npm run docs [-- --messages FILE --out DIR --features DIR --index FILE --environment FILE --report DIR --lang en|zh-CN]
// The living documentation: every feature file as a page, each step marked with what the last
// run (cucumber's messages.ndjson) did and what the cluster printed. See docs/living-docs.md.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateMessages } from "@cucumber/gherkin";
import { parse as parseYaml } from "yaml";
import { BadInputError } from "../engine/errors.ts";
import type { Envelope, Pickle } from "../engine/docs/messages.ts";
import { parseNdjson } from "../engine/docs/messages.ts";
import type { FeatureSource } from "../engine/docs/model.ts";
import { joinResults, type RunResults } from "../engine/docs/results.ts";
import { buildSite } from "../engine/docs/site.ts";
import { formatDate } from "../engine/docs/layout.ts";
import { parseDocsIndex } from "../engine/docs/toc.ts";
import { parseProperties } from "../engine/docs/properties.ts";
import { reportTargets, type AllureResultLinks } from "../engine/docs/report-links.ts";
import { reportSettings } from "../engine/settings/env.ts";

export interface DocsOptions {
  /** the user's directory: paths below are relative to it */
  cwd: string;
  messages: string;
  out: string;
  features: string;
  index: string;
  environment: string;
  report: string;
  lang: "en" | "zh-CN";
  /** the run id, when the caller knows it (else environment.properties' "Run id") */
  runId?: string;
}

export interface DocsSummary {
  pages: number;
  bytes: number;
  ms: number;
  out: string;
  verified: boolean;
}

const USAGE = `usage: kubecuke docs [--messages FILE] [--out DIR] [--features DIR] [--index FILE] [--environment FILE] [--report DIR] [--lang en|zh-CN]   (npm run docs -- …)
The living documentation again from the last run, without running anything: every feature file as a page,
each step marked with what the run did (docs/living-docs.md).
  --messages FILE     cucumber's messages of the run (default <reports>/messages.ndjson)
  --out DIR           where the site goes (default <reports>/docs)
  --features DIR      the feature files (default features)
  --index FILE        the table of contents (default <features>/docs.yaml, when it exists)
  --environment FILE  the run's environment.properties (default <reports>/allure-results/environment.properties)
  --report DIR        the Allure report the pages link to (default <reports>/allure-report)
  --lang en|zh-CN     the site's own words (default en)`;

export function docsOptions(argv: string[], cwd = process.cwd()): DocsOptions {
  const reports = reportSettings().dir;
  const { values, positionals } = parseDocsArgs(argv, {
      messages: { type: "string", default: path.join(reports, "messages.ndjson") },
      out: { type: "string", default: path.join(reports, "docs") },
      features: { type: "string", default: "features" },
      index: { type: "string" },
      environment: { type: "string", default: path.join(reports, "allure-results", "environment.properties") },
      report: { type: "string", default: path.join(reports, "allure-report") },
      lang: { type: "string", default: "en" },
  });
  if (positionals.length) throw new BadInputError(`docs: unexpected ${positionals.join(" ")}; options: --messages FILE --out DIR --features DIR --index FILE --environment FILE --report DIR --lang en|zh-CN`);
  if (values.lang !== "en" && values.lang !== "zh-CN") throw new BadInputError(`docs --lang ${values.lang}: expected en or zh-CN`);
  return { cwd, ...values, index: values.index ?? path.join(values.features, "docs.yaml"), lang: values.lang } as DocsOptions;
}

type DocsFlags = { messages: string; out: string; features: string; index?: string; environment: string; report: string; lang: string };

/** node:util's parseArgs, its errors (an unknown option, a missing value) as bad input with the usage. */
function parseDocsArgs(argv: string[], options: Record<string, { type: "string"; default?: string }>): { values: DocsFlags; positionals: string[] } {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options }) as { values: DocsFlags; positionals: string[] };
  } catch (err) {
    throw new BadInputError(`docs: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

async function featureFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".feature")).map((e) => path.join(e.parentPath, e.name));
}

// @cucumber/messages' SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN and IdGenerator.incrementing, without importing it
const GHERKIN_PLAIN = "text/x.cucumber.gherkin+plain" as Parameters<typeof generateMessages>[2];
const counter = () => {
  let n = 0;
  return () => String(n++);
};

/** A feature file as cucumber would read it: its document and pickles (gherkin's own compiler). */
function parseFeature(uri: string, data: string): FeatureSource {
  const envelopes = generateMessages(data, uri, GHERKIN_PLAIN, { includeSource: false, includeGherkinDocument: true, includePickles: true, newId: counter() }) as Envelope[];
  // gherkin says "(line:column): expected …": as file:line:column, the form editors jump to
  const errors = (envelopes as { parseError?: { message: string } }[]).filter((e) => e.parseError).map((e) => e.parseError!.message.replace(/^\((\d+):(\d+)\): /, `${uri}:$1:$2: `));
  if (errors.length) throw new BadInputError(`docs: cannot parse ${errors.join("; ")} (cucumber refuses the file too: fix it, or move it out of the features folder)`, { operation: "parse", object: uri });
  return { uri, document: envelopes.find((e) => e.gherkinDocument)!.gherkinDocument!, pickles: envelopes.flatMap((e) => (e.pickle ? [e.pickle] : [])) };
}

/** The Allure results beside environment.properties (uuid, end, links); none when there are none. */
async function allureResults(dir: string): Promise<AllureResultLinks[]> {
  if (!existsSync(dir)) return [];
  const out: AllureResultLinks[] = [];
  for (const f of await readdir(dir)) {
    if (!f.endsWith("-result.json")) continue;
    try {
      out.push(JSON.parse(await readFile(path.join(dir, f), "utf8")) as AllureResultLinks);
    } catch {
      // a result being written right now: its scenario links to the report's front page
    }
  }
  return out;
}

export async function generateDocs(o: DocsOptions): Promise<DocsSummary> {
  const t0 = Date.now();
  const at = (p: string) => path.resolve(o.cwd, p);
  const envelopes = existsSync(at(o.messages)) ? parseNdjson(await readFile(at(o.messages), "utf8"), o.messages) : [];
  const run: RunResults = joinResults(envelopes);
  // every feature of the features folder, and whatever else the run read (a file given by path)
  const uris = new Set((await featureFiles(at(o.features))).map((f) => path.relative(o.cwd, f).split(path.sep).join("/")));
  for (const uri of run.sources.keys()) if (uri.endsWith(".feature")) uris.add(uri);
  const runDocs = new Map(envelopes.flatMap((e) => (e.gherkinDocument?.uri ? [[e.gherkinDocument.uri, e.gherkinDocument] as const] : [])));
  const runPickles = envelopes.flatMap((e): Pickle[] => (e.pickle ? [e.pickle] : []));
  const features: FeatureSource[] = [];
  for (const uri of [...uris].sort()) {
    if (existsSync(at(uri))) features.push(parseFeature(uri, await readFile(at(uri), "utf8")));
    else if (runDocs.has(uri)) features.push({ uri, document: runDocs.get(uri)!, pickles: runPickles.filter((p) => p.uri === uri) });
  }
  const index = existsSync(at(o.index)) ? parseDocsIndex(parseYaml(await readFile(at(o.index), "utf8")), o.index) : { books: [] };
  const env = existsSync(at(o.environment)) ? parseProperties(await readFile(at(o.environment), "utf8")) : {};
  const reportTests = reportTargets(await allureResults(path.dirname(at(o.environment))));
  const out = at(o.out);
  const reportHref = path.relative(out, path.join(at(o.report), "index.html")).split(path.sep).join("/");
  const site = buildSite({
    features,
    run,
    index,
    featuresDir: path.relative(o.cwd, at(o.features)).split(path.sep).join("/"),
    indexFile: o.index,
    lang: o.lang,
    facts: {
      date: run.started ? formatDate(run.started) : undefined,
      runId: o.runId ?? env["Run id"],
      kubernetes: env["Kubernetes server"],
      provider: env.Provider,
      // the report may still be being generated (in the background): its results are enough
      reportHref: existsSync(at(o.report)) || existsSync(path.dirname(at(o.environment))) ? reportHref : undefined,
      reportTests,
      generated: formatDate(new Date()),
    },
  });
  // the site is rewritten whole: a page of a feature that is gone must not stay behind
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  let bytes = 0;
  for (const [name, content] of site.files) {
    await writeFile(path.join(out, name), content);
    bytes += Buffer.byteLength(content);
  }
  return { pages: site.features.length + 1, bytes, ms: Date.now() - t0, out, verified: run.cases.length > 0 };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const o = docsOptions(argv);
    const s = await generateDocs(o);
    const rel = path.relative(process.cwd(), path.join(s.out, "index.html"));
    const index = rel.startsWith("..") ? path.join(s.out, "index.html") : rel;
    console.log(`documentation: ${index} (${s.pages} pages, ${(s.bytes / 1024).toFixed(0)} KiB, ${(s.ms / 1000).toFixed(1)} s)${s.verified ? "" : `; no results in ${o.messages}: every page says it is not verified`}`);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return e instanceof BadInputError ? 2 : 1;
  }
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith("scripts/docs.ts")) process.exitCode = await main(process.argv.slice(2));
