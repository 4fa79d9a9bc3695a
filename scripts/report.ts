// npm run report [-- --single-file] [--results DIR] [--output DIR] [--history FILE] [--name NAME]
// Turns reports/allure-results (written by allure-cucumberjs during `npm test`) into
// reports/allure-report with the Allure 3 CLI; history stays in reports/history (allurerc.ts).
// npm run report -- --merge DIR... : one report from several parts' results (shards of one
// suite), copied together into --results (default reports/allure-merged-results) first.
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { generateAllureReport } from "../engine/report/allure.ts";
import { mergeResults } from "../engine/report/merge.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties } from "../engine/report/environment.ts";
import { scenarioSettings, timeoutSettings } from "../engine/settings/env.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "single-file": { type: "boolean", default: false },
    merge: { type: "boolean", default: false },
    results: { type: "string", default: process.argv.includes("--merge") ? "reports/allure-merged-results" : "reports/allure-results" },
    output: { type: "string", default: "reports/allure-report" },
    history: { type: "string" },
    name: { type: "string" },
  },
});

if (values.merge) {
  try {
    const m = await mergeResults(positionals, resolve(root, values.results));
    console.log(`merged ${m.parts} parts (${m.resultsPerPart.join(" + ")} results, ${m.files} files) into ${values.results}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
} else if (positionals.length > 0) {
  console.error(`report: unexpected ${positionals.join(" ")}; to build one report from several results directories use --merge DIR...`);
  process.exit(1);
}

// The runner writes environment.properties; when the report is made from a run that did not
// (cucumber started by hand), fill it in from the cluster if one is configured.
const envFile = resolve(root, values.results, "environment.properties");
const cluster = scenarioSettings().cluster;
if (existsSync(resolve(root, values.results)) && !existsSync(envFile) && cluster) {
  const info = await collectEnvironmentInfo({ kubeconfigPath: cluster.kubeconfig, context: cluster.context, provider: cluster.provider, timeoutScale: timeoutSettings().scale });
  await writeEnvironmentProperties(resolve(root, values.results), info);
}

try {
  const s = await generateAllureReport({
    root,
    resultsDir: values.results,
    outputDir: values.output,
    singleFile: values["single-file"],
    reportName: values.name,
    historyPath: values.history,
  });
  const statuses = Object.entries(s.byStatus).map(([k, n]) => `${n} ${k}`).join(", ") + (s.retries ? `; ${s.retries} retried attempts, ${s.flaky} flaky` : "");
  const index = relative(process.cwd(), resolve(root, values.output, "index.html"));
  console.log(
    `Allure report: ${index} (${s.results} results: ${statuses}; ${s.outputFiles} files, ${(s.outputBytes / 1024 / 1024).toFixed(1)} MiB; ${(s.ms / 1000).toFixed(1)} s)`,
  );
  if (s.sanitizedFiles > 0) console.log(`redacted ${s.sanitizedFiles} result files before generating`);
  if (!values["single-file"]) console.log(`view it: npx allure open ${values.output}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
