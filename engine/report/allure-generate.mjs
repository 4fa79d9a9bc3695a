// `allure generate --config CONFIG --output OUTPUT RESULTS` without Allure's command line, for
// engine/report/allure.ts. Allure's CLI module loads every one of its 27 commands (clipanion and
// each command's imports) before it runs one: about a third of a report's time. This loads only
// what the generate command uses (@allurereport/core, which loads the plugins the config names)
// and does what it does: read the config, then start, read the results directory, done.
// Plain JavaScript, so Node runs it without a TypeScript loader (tsx on Node 20).
// Usage: node allure-generate.mjs CONFIG OUTPUT RESULTS_DIR (paths absolute or from the cwd)
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [config, output, results] = process.argv.slice(2);
if (!config || !output || !results) {
  console.error("usage: node allure-generate.mjs CONFIG OUTPUT RESULTS_DIR");
  process.exit(2);
}
// @allurereport/core as the allure package resolves it: a dependency of allure's, not of kubecuke's
const core = createRequire(createRequire(import.meta.url).resolve("allure")).resolve("@allurereport/core");
const { AllureReport, readConfig } = await import(pathToFileURL(core).href);
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
