// kubecuke report [--single-file] [--results DIR] [--output DIR] [--history FILE] [--name NAME] [--open [--port N]]
// (npm run report -- …): turns reports/allure-results (written by allure-cucumberjs during a run)
// into reports/allure-report with the Allure 3 CLI; history stays in reports/history (allurerc.ts).
// --merge DIR... : one report from several parts' results (shards of one suite), copied together
// into --results (default reports/allure-merged-results) first. --open serves the report on
// 127.0.0.1 (an Allure 3 report opened as a file shows only a spinner) until Ctrl-C; with no
// results to generate from, it serves the report already there.
// Paths are the user's: relative to the working directory.
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateAllureReport } from "../engine/report/allure.ts";
import { mergeResults } from "../engine/report/merge.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../engine/report/environment.ts";
import { openHint, serveDirectory } from "../engine/report/serve.ts";
import { runAsEntryPoint } from "../engine/run/entry.ts";
import { scenarioSettings, timeoutSettings } from "../engine/settings/env.ts";

export const REPORT_USAGE = `usage: kubecuke report [--results DIR] [--output DIR] [--single-file] [--history FILE] [--name NAME] [--open [--port N]]
       kubecuke report --merge DIR... [--results DIR] [--output DIR] [--open]
  --results DIR    Allure results to read (default reports/allure-results; with --merge, where the parts are copied: reports/allure-merged-results)
  --output DIR     where the report goes (default reports/allure-report)
  --single-file    one self-contained index.html (CI artifacts; opens as a file)
  --history FILE   history for trends (default reports/history/history.jsonl)
  --name NAME      the report's title
  --merge DIR...   one report from several runs' allure-results (the shards of one suite)
  --open           serve the report on http://127.0.0.1 and print its address (Ctrl-C stops); without --results
                   or --merge, the report already in --output is served as it is (generated first if there is none)
  --port N         the port for --open (default: any free port)`;

export async function main(argv: string[]): Promise<number> {
  const root = process.cwd();
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "single-file": { type: "boolean", default: false },
        merge: { type: "boolean", default: false },
        results: { type: "string" },
        output: { type: "string", default: "reports/allure-report" },
        history: { type: "string" },
        name: { type: "string" },
        open: { type: "boolean", default: false },
        port: { type: "string", default: "0" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    console.error(`kubecuke report: ${e instanceof Error ? e.message : String(e)}\n${REPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`kubecuke report: --port ${values.port}: expected a port number (0-65535)`);
    return 2;
  }
  const results = values.results ?? (values.merge ? "reports/allure-merged-results" : "reports/allure-results");
  if (values.merge) {
    try {
      const m = await mergeResults(positionals, resolve(root, results));
      console.log(`merged ${m.parts} parts (${m.resultsPerPart.join(" + ")} results, ${m.files} files) into ${results}`);
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      return 1;
    }
  } else if (positionals.length > 0) {
    console.error(`report: unexpected ${positionals.join(" ")}; to build one report from several results directories use --merge DIR...`);
    return 1;
  }

  const outputIndex = resolve(root, values.output, "index.html");
  // --open alone after a run: the report is there already, its results may be gone or older
  const serveOnly = values.open && !values.merge && values.results === undefined && existsSync(outputIndex);
  if (!serveOnly) {
    const code = await generate(root, results, values);
    if (code !== 0) return code;
  }
  if (!values.open) return 0;
  let url: string;
  try {
    ({ url } = await serveDirectory(resolve(root, values.output), port));
  } catch (e) {
    console.error(`kubecuke report --open: cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}; choose another --port`);
    return 1;
  }
  console.log(`serving ${relative(root, resolve(root, values.output)) || "."} at ${url} (Ctrl-C stops)`);
  await new Promise<never>(() => undefined); // until the user stops it
  return 0;
}

async function generate(root: string, results: string, values: { output: string; "single-file": boolean; name?: string; history?: string; open: boolean }): Promise<number> {
  // The runner writes environment.properties; when the report is made from a run that did not
  // (cucumber started by hand), fill it in from the cluster if one is configured.
  const envFile = resolve(root, results, "environment.properties");
  const cluster = scenarioSettings().cluster;
  if (existsSync(resolve(root, results)) && !existsSync(envFile) && cluster) {
    const info = await collectEnvironmentInfo({ kubeconfigPath: cluster.kubeconfig, context: cluster.context, provider: cluster.provider, timeoutScale: timeoutSettings().scale });
    await writeEnvironmentProperties(resolve(root, results), info);
  }
  try {
    const s = await generateAllureReport({
      root,
      resultsDir: results,
      outputDir: values.output,
      singleFile: values["single-file"],
      reportName: values.name,
      historyPath: values.history,
    });
    const statuses = Object.entries(s.byStatus).map(([k, n]) => `${n} ${k}`).join(", ") + (s.retries ? `; ${s.retries} retried attempts, ${s.flaky} flaky` : "");
    const index = relative(root, resolve(root, values.output, "index.html"));
    console.log(`Allure report: ${index} (${s.results} results: ${statuses}; ${s.outputFiles} files, ${(s.outputBytes / 1024 / 1024).toFixed(1)} MiB; ${(s.ms / 1000).toFixed(1)} s)`);
    if (s.sanitizedFiles > 0) console.log(`redacted ${s.sanitizedFiles} result files before generating`);
    if (!values["single-file"] && !values.open) console.log(`view it: ${openHint(relative(root, resolve(root, values.output)))}`);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 1;
  }
}

await runAsEntryPoint(import.meta.url, main);
