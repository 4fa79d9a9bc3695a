// Cucumber configuration (ESM). Profiles: `default` runs the scenarios; `dry` is used by
// scripts/check-steps.ts to find undefined or ambiguous steps without touching a cluster.
// Settings come from the one settings module (TypeScript): workers, where outputs go, tag link
// patterns. Node 22.18+/24 import it as it is; older Node through tsx, without registering tsx
// for the whole process (on Node 24, loading tsx here would put its hooks on every later import
// of the coordinator and each worker: about 0.7 s more per process).
const { defaultScenarioInput, reportSettings, scenarioSettings } = process.features.typescript
  ? await import("./engine/settings/env.ts")
  : await (await import("tsx/esm/api")).tsImport("./engine/settings/env.ts", import.meta.url);
// The suite's own example of ${env:NAME} (features/variables.feature): the image tag under test,
// as CI would pass it. Set before workers start, so they inherit it; a value from outside wins.
defaultScenarioInput("TRY_GO_TAG", "try_go");
const workers = scenarioSettings().workers ?? 1;
// scripts/scenarios.ts honours the same setting (tests running it use their own directory).
const { dir: reports, issueUrl, tmsUrl } = reportSettings();

// ---- Allure (allure-cucumberjs 3) -----------------------------------------------------
// The formatter needs an output file so stdout stays for the progress bar; the results go
// to formatOptions.resultsDir. Labels, links, categories and environment go here too.
const allure = {
  format: ["allure-cucumberjs/reporter", `${reports}/allure-results/.formatter-output`],
  formatOptions: {
    resultsDir: `${reports}/allure-results`,
    // @epic:Pods, @story:…, @severity:critical, @owner:… become Allure labels (tag removed from tags).
    labels: [
      { pattern: [/^@epic:/], name: "epic" },
      { pattern: [/^@story:/], name: "story" },
      { pattern: [/^@severity:/], name: "severity" },
      { pattern: [/^@owner:/], name: "owner" },
    ],
    // @issue:4 / @tms:TC-12 become links; KUBECUKE_ISSUE_URL / KUBECUKE_TMS_URL ("…/%s") make them
    // clickable, else they read "issue:4". Already-formed URLs pass through (Allure formats twice).
    links: {
      issue: { pattern: [/^@issue:/], urlTemplate: tagLink("issue", issueUrl), nameTemplate: tagName },
      tms: { pattern: [/^@tms:/], urlTemplate: tagLink("tms", tmsUrl), nameTemplate: tagName },
    },
  },
};
function tagName(v) {
  return v.replace(/^@[\w-]+:/, "");
}
function tagLink(type, template) {
  return (v) => (/^[a-z][\w+.-]*:\/\//i.test(v) || v.startsWith(`${type}:`) ? v : (template ?? `${type}:%s`).replace("%s", tagName(v)));
}
// ---------------------------------------------------------------------------------------

const common = {
  // register.mjs first, so the TypeScript support files below can be imported (also in parallel
  // workers): Node 22.18+/24 strip types themselves, older Node gets tsx
  import: ["steps/support/register.mjs", "steps/**/*.ts"],
  // No `paths`: cucumber's default is features/**/*.feature already, and configured paths are
  // merged with (not replaced by) paths on the command line, so `npm run scenarios --
  // features/pod.feature` would still run every feature.
  strict: true,
};

// The default profile. A profile named with --profile replaces it (cucumber merges only the
// profiles named), so other profiles start from it: `export const qa = { ...config, … }`.
const config = {
  ...common,
  parallel: workers > 1 ? workers : 0,
  format: [
    process.stdout.isTTY ? "progress-bar" : "progress",
    allure.format,
    `html:${reports}/cucumber.html`,
    `junit:${reports}/junit.xml`,
    `message:${reports}/messages.ndjson`,
  ],
  formatOptions: { ...allure.formatOptions },
};
export default config;

export const dry = {
  ...common,
  dryRun: true,
  format: ["message:reports/dry-run.ndjson"],
};
