// `allure generate --config CONFIG --output OUTPUT RESULTS` without Allure's command line, for
// engine/report/allure.ts. Allure's CLI module loads every one of its 27 commands (clipanion and
// each command's imports) before it runs one: about a third of a report's time. This loads only
// what the generate command uses (@allurereport/core, which loads the plugins the config names)
// and does what it does: read the config, then start, read the results directory, done.
// Plain JavaScript, so Node runs it without a TypeScript loader (tsx on Node 20).
// Usage: node allure-generate.mjs CONFIG OUTPUT RESULTS_DIR (paths absolute or from the cwd)
//    or: node allure-generate.mjs --from-stdin
// The second form is started before the results exist (a run starts it with its scenarios, issue
// 21): it loads Allure's core and the report plugin at once, then reads its one job from stdin, a
// JSON line {config, output, results, env}; env (KUBECUKE_REPORT_*, which allurerc reads) is set
// before the config is read. Should stdin end without a line, it exits 0, having done nothing.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const fromStdin = process.argv[2] === "--from-stdin";
const [config, output, results] = process.argv.slice(2);
if (!fromStdin && (!config || !output || !results)) {
  console.error("usage: node allure-generate.mjs CONFIG OUTPUT RESULTS_DIR | --from-stdin");
  process.exit(2);
}
// @allurereport/core as the allure package resolves it: a dependency of allure's, not of kubecuke's
const core = createRequire(createRequire(import.meta.url).resolve("allure")).resolve("@allurereport/core");
const { AllureReport, readConfig } = await import(pathToFileURL(core).href);
const job = fromStdin ? await jobFromStdin() : { config, output, results, env: {} };
if (job) {
  Object.assign(process.env, job.env);
  await generate(job);
}

/** The one JSON line on stdin; undefined when stdin ends without one. */
async function jobFromStdin() {
  // the plugin our allurerc names (awesome), loaded while waiting: readConfig finds it in the
  // module cache (its own failure, if any, is readConfig's to report)
  await import(pathToFileURL(createRequire(core).resolve("@allurereport/plugin-awesome")).href).catch(() => undefined);
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes("\n")) break;
  }
  const line = text.split("\n")[0].trim();
  return line ? JSON.parse(line) : undefined;
}

async function generate({ config, output, results }) {
  try {
    // the overrides `allure generate` passes when no other option is given
    const cfg = await readConfig(process.cwd(), config, {
      name: undefined,
      output,
      open: undefined,
      port: undefined,
      hideLabels: undefined,
      historyLimit: undefined,
      resolutions: { knownIssuesPath: undefined },
    });
    const report = new AllureReport(cfg);
    await report.restoreState([]);
    await report.start();
    await report.readDirectory(resolve(results));
    await report.done();
  } catch (err) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  }
}
