// Cucumber configuration of kubecuke's own suite (ESM). Profiles: `default` runs the scenarios;
// `dry` is used by scripts/check-steps.ts to find undefined or ambiguous steps without touching a
// cluster. The configuration itself is the one a project gets from `kubecuke/cucumber`
// (cucumber-config.ts): kubecuke's steps, reports, workers and Allure options.
// Node 22.18+/24 import the TypeScript as it is; older Node through tsx, without registering tsx
// for the whole process (on Node 24, loading tsx here would put its hooks on every later import
// of the coordinator and each worker: about 0.7 s more per process).
import { pathToFileURL } from "node:url";

// `npm run scenarios` runs kubecuke's build of this checkout (scripts/built.mjs): its compiled
// twins of these modules, the ones the runner and the steps use.
const build = process.env.KUBECUKE_RUN_BUILD;
const load = (file) =>
  build ? import(new URL(file.replace(/\.ts$/, ".js"), pathToFileURL(`${build}/`)).href)
  : process.features.typescript ? import(file)
  : import("tsx/esm/api").then((tsx) => tsx.tsImport(file, import.meta.url));
const [{ kubecukeConfig }, { defaultScenarioInput }] = await Promise.all([load("./cucumber-config.ts"), load("./engine/settings/env.ts")]);
// The suite's own example of ${env:NAME} (features/variables.feature): the image tag under test,
// as CI would pass it. Set before workers start, so they inherit it; a value from outside wins.
defaultScenarioInput("TRY_GO_TAG", "try_go");

// kubecuke's steps are this repository's steps/ (its own support files: nothing more to import)
const config = kubecukeConfig({ import: [] });
export default config;

export const dry = {
  import: config.import,
  strict: true,
  dryRun: true,
  format: ["message:reports/dry-run.ndjson"],
};
