// `import { kubecukeConfig } from "kubecuke/cucumber"`: the cucumber configuration of a run, for
// a project's cucumber.mjs (kubecuke's own included). kubecuke's steps, World and hooks load
// first, from wherever the package is; the project's own support files after them (in order,
// each glob sorted: cucumber's rule), so a project's setWorldConstructor or hooks come later.
// Allure's labels and links, the reports and the worker count come from kubecuke's settings.
import { ownStepGlobs, packageFile } from "./engine/package-paths.ts";
import { reportSettings, scenarioSettings } from "./engine/settings/env.ts";

export interface KubecukeConfigOptions {
  /** The project's own support files (globs relative to the project), loaded after kubecuke's. Default `["steps/**\/*.ts"]`. */
  import?: string[];
  /** More cucumber formats, after kubecuke's (progress, Allure, html, junit, message). */
  format?: string[];
}

/** A cucumber profile: kubecuke's steps + the project's, kubecuke's reports. Spread it to change any field. */
export function kubecukeConfig(options: KubecukeConfigOptions = {}): Record<string, unknown> {
  const workers = scenarioSettings().workers ?? 1;
  const { dir: reports, issueUrl, tmsUrl } = reportSettings();
  const allure = allureOptions(reports, issueUrl, tmsUrl);
  return {
    import: [...ownStepGlobs(), ...(options.import ?? ["steps/**/*.ts"])],
    // No `paths`: cucumber's default is features/**/*.feature already, and configured paths are
    // merged with (not replaced by) paths on the command line, so `kubecuke run
    // features/pod.feature` would still run every feature.
    strict: true,
    parallel: workers > 1 ? workers : 0,
    // longest first, when the runner names the durations of earlier runs (KUBECUKE_DURATIONS)
    plugin: [packageFile("steps/support/longest-first.mjs")],
    format: [
      process.stdout.isTTY ? "progress-bar" : "progress",
      allure.format,
      `html:${reports}/cucumber.html`,
      `junit:${reports}/junit.xml`,
      `message:${reports}/messages.ndjson`,
      ...(options.format ?? []),
    ],
    formatOptions: allure.formatOptions,
  };
}

// ---- Allure (allure-cucumberjs 3) -----------------------------------------------------
// The formatter needs an output file so stdout stays for the progress bar; the results go
// to formatOptions.resultsDir. Labels, links, categories and environment go here too.
function allureOptions(reports: string, issueUrl: string | undefined, tmsUrl: string | undefined) {
  return {
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
}

function tagName(v: string): string {
  return v.replace(/^@[\w-]+:/, "");
}

function tagLink(type: string, template: string | undefined): (v: string) => string {
  return (v) => (/^[a-z][\w+.-]*:\/\//i.test(v) || v.startsWith(`${type}:`) ? v : (template ?? `${type}:%s`).replace("%s", tagName(v)));
}
