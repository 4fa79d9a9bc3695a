// Cucumber configuration (ESM). Profiles: `default` runs the scenarios; `dry` is used by
// scripts/check-steps.ts to find undefined or ambiguous steps without touching a cluster.
const workers = Number.parseInt(process.env.KUBECUKE_WORKERS ?? "1", 10);
// Where outputs go; scripts/scenarios.ts honours the same variable (tests running it use their own).
const reports = process.env.KUBECUKE_REPORTS_DIR ?? "reports";

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
      issue: { pattern: [/^@issue:/], urlTemplate: tagLink("issue", process.env.KUBECUKE_ISSUE_URL), nameTemplate: tagName },
      tms: { pattern: [/^@tms:/], urlTemplate: tagLink("tms", process.env.KUBECUKE_TMS_URL), nameTemplate: tagName },
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

export default {
  ...common,
  parallel: Number.isFinite(workers) && workers > 1 ? workers : 0,
  format: [
    process.stdout.isTTY ? "progress-bar" : "progress",
    allure.format,
    `html:${reports}/cucumber.html`,
    `junit:${reports}/junit.xml`,
    `message:${reports}/messages.ndjson`,
  ],
  formatOptions: { ...allure.formatOptions },
};

export const dry = {
  ...common,
  dryRun: true,
  format: ["message:reports/dry-run.ndjson"],
};
