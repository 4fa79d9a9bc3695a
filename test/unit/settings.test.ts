import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execa } from "execa";
import { ProviderConfigError } from "../../engine/settings/provider.ts";
import { inCi, inheritedEnv, loadSettings, reportSettings, runsInBackground, scenarioSettings, testSettings } from "../../engine/settings/env.ts";
import { PINS } from "../../engine/settings/pins.ts";
import { SETTINGS } from "../../engine/settings/table.ts";
import { renderSettingsDoc, stalePinMentions, withReadmeTable } from "../../scripts/settings-doc.ts";

const env = { HOME: "/home/u" };

test("defaults: the values users had before the settings module (same variables, same defaults)", () => {
  const s = loadSettings({ env, cwd: "/w" });
  assert.equal(s.cluster.cacheDir, "/home/u/.cache/kubecuke");
  assert.deepEqual(s.cluster.local, { version: PINS.kubernetes, corednsVersion: PINS.coredns, root: "/var/lib/kubecuke" });
  assert.equal(s.cluster.kind.binary, "kind");
  assert.deepEqual(s.scenarios, { workers: undefined, keepFailed: false, cleanupInBackground: "auto", kubectl: "kubectl", setupFile: undefined, cluster: undefined });
  assert.deepEqual(s.reports, {
    dir: "reports", dirOverridden: false, singleFile: false, inBackground: "auto", name: "kubecuke acceptance tests",
    history: "reports/history/history.jsonl", appendHistory: true, issueUrl: undefined, tmsUrl: undefined, docsUrl: undefined,
  });
  assert.deepEqual(s.tests, { phases: undefined, chromium: "/usr/bin/chromium" });
});

test("every variable is read into its place", () => {
  const s = loadSettings({
    cwd: "/w",
    env: {
      ...env, KUBECUKE_CACHE: "cache", KUBECUKE_K8S_VERSION: "v1.33.1", KUBECUKE_COREDNS_VERSION: "v1.12.0", KUBECUKE_LOCAL_ROOT: "~/lr",
      KUBECUKE_KIND_BINARY: "/opt/kind", KUBECUKE_WORKERS: "3", KUBECUKE_KEEP_FAILED: "1", KUBECUKE_CLEANUP_IN_BACKGROUND: "0", KUBECUKE_KUBECTL: "/opt/kubectl", KUBECUKE_SETUP_FILE: "my.setup.yaml",
      KUBECUKE_KUBECONFIG: "/k", KUBECUKE_CONTEXT: "ctx", KUBECUKE_PROVIDER: "local", KUBECUKE_RUN_ID: "r1", KUBECUKE_RUNNER_PID: "4242", KUBECUKE_SCENARIO_READ_ROLE: "kubecuke-scenario-read-r1",
      KUBECUKE_REPORTS_DIR: "/tmp/r", KUBECUKE_REPORT_SINGLE_FILE: "true", KUBECUKE_REPORT_IN_BACKGROUND: "1", KUBECUKE_REPORT_NAME: "N", KUBECUKE_REPORT_HISTORY: "/h.jsonl",
      KUBECUKE_REPORT_APPEND_HISTORY: "0", KUBECUKE_ISSUE_URL: "https://i/%s", KUBECUKE_TMS_URL: "https://t/%s", KUBECUKE_DOCS_URL: "https://d/docs/",
      KUBECUKE_TEST_PHASES: "typecheck, unit tests", KUBECUKE_CHROMIUM: "/c",
    },
  });
  assert.equal(s.cluster.cacheDir, "/w/cache");
  assert.deepEqual(s.cluster.local, { version: "v1.33.1", corednsVersion: "v1.12.0", root: "/home/u/lr" });
  assert.equal(s.cluster.kind.binary, "/opt/kind");
  assert.deepEqual(s.scenarios, { workers: 3, keepFailed: true, cleanupInBackground: false, kubectl: "/opt/kubectl", setupFile: "my.setup.yaml", cluster: { kubeconfig: "/k", context: "ctx", provider: "local", runId: "r1", runnerPid: 4242, readRole: "kubecuke-scenario-read-r1" } });
  assert.deepEqual(s.reports, { dir: "/tmp/r", dirOverridden: true, singleFile: true, inBackground: true, name: "N", history: "/h.jsonl", appendHistory: false, issueUrl: "https://i/%s", tmsUrl: "https://t/%s", docsUrl: "https://d/docs/" });
  assert.deepEqual(s.tests, { phases: ["typecheck", "unit tests"], chromium: "/c" });
});

test("bad values name the variable and what to write", () => {
  const bad = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof ProviderConfigError && re.test(e.message));
  bad(() => scenarioSettings({ KUBECUKE_WORKERS: "four" }), /^KUBECUKE_WORKERS: expected a whole number of workers \(1 or more\), got "four"/);
  bad(() => scenarioSettings({ KUBECUKE_WORKERS: "0" }), /KUBECUKE_WORKERS/);
  bad(() => scenarioSettings({ KUBECUKE_KEEP_FAILED: "maybe" }), /^KUBECUKE_KEEP_FAILED: expected 1 or 0 \(true\/false\), got "maybe"/);
  bad(() => reportSettings({ KUBECUKE_REPORT_APPEND_HISTORY: "2" }), /^KUBECUKE_REPORT_APPEND_HISTORY: expected 1 or 0/);
  bad(() => reportSettings({ KUBECUKE_REPORT_IN_BACKGROUND: "later" }), /^KUBECUKE_REPORT_IN_BACKGROUND: expected auto, 1 or 0 \(true\/false\), got "later"/);
  // empty is unset, as a shell `VAR= npm test` means
  assert.equal(testSettings({ KUBECUKE_CHROMIUM: "" }).chromium, "/usr/bin/chromium");
});

test("auto: the ending goes to the background only for someone at a terminal, outside CI", () => {
  assert.equal(runsInBackground("auto", { interactive: true, ci: false }), true);
  assert.equal(runsInBackground("auto", { interactive: true, ci: true }), false);
  assert.equal(runsInBackground("auto", { interactive: false, ci: false }), false);
  assert.equal(runsInBackground(true, { interactive: false, ci: true }), true, "asked for: always");
  assert.equal(runsInBackground(false, { interactive: true, ci: false }), false);
  assert.equal(reportSettings({ KUBECUKE_REPORT_IN_BACKGROUND: "AUTO" }).inBackground, "auto");
  assert.equal(inCi({ CI: "true" }), true);
  assert.equal(inCi({ CI: "1" }), true);
  assert.equal(inCi({ CI: "false" }), false);
  assert.equal(inCi({ CI: "" }), false);
  assert.equal(inCi({}), false);
});

test("the table lists each variable once, and every variable the settings code reads", () => {
  const names = SETTINGS.map((s) => s.env);
  assert.equal(new Set(names).size, names.length, "a variable listed twice");
  // every KUBECUKE_ variable the settings module or config.ts names is in the table
  const sources = ["engine/settings/env.ts", "engine/settings/provider.ts"].map((f) => readFileSync(f, "utf8")).join("\n");
  const named = new Set(sources.match(/KUBECUKE_[A-Z0-9_]+/g));
  for (const n of named) assert.ok((names as string[]).includes(n), `${n} is read but not in engine/settings/table.ts`);
});

test("the settings doc has every variable, and README's table is replaced only between its markers", () => {
  const doc = renderSettingsDoc();
  for (const s of SETTINGS) assert.ok(doc.includes(`| \`${s.env}\` |`), `${s.env} missing from docs/settings.md`);
  const readme = withReadmeTable(`# x\n<!-- settings:begin (generated by scripts/settings-doc.ts from engine/settings/table.ts; do not edit) -->\nold\n<!-- settings:end -->\ntail\n`);
  assert.ok(readme.startsWith("# x\n") && readme.endsWith("\ntail\n") && !readme.includes("old"), readme);
  assert.match(readme, /\| `KUBECUKE_PROVIDER` \|/);
  assert.throws(() => withReadmeTable("# no markers"), /README.md: the settings markers are missing/);
  assert.deepEqual(stalePinMentions(`kubectl \`${PINS.kubernetes}\`, CoreDNS (\`${PINS.coredns}\``), []);
  assert.deepEqual(stalePinMentions("kubectl `v1.0.0`, CoreDNS (`v0.0.1`"), [`README.md does not name the kubernetes pin \`${PINS.kubernetes}\``, `README.md does not name the coredns pin \`${PINS.coredns}\``]);
});

test("cucumber.mjs takes workers, output directory and tag links from the settings module", async () => {
  const load = (env: Record<string, string>) =>
    execa(process.execPath, ["--input-type=module", "-e", "const c = await import('./cucumber.mjs'); console.log(JSON.stringify({ parallel: c.default.parallel, format: c.default.format, link: c.default.formatOptions.links.issue.urlTemplate('@issue:7') }))"], {
      env: { PATH: inheritedEnv().PATH ?? "", ...env }, extendEnv: false, reject: false,
    });
  const r = await load({ KUBECUKE_WORKERS: "3", KUBECUKE_REPORTS_DIR: "/tmp/out", KUBECUKE_ISSUE_URL: "https://bugs/%s" });
  assert.equal(r.exitCode, 0, r.stderr);
  const c = JSON.parse(r.stdout) as { parallel: number; format: unknown[]; link: string };
  assert.equal(c.parallel, 3);
  assert.ok(c.format.includes("junit:/tmp/out/junit.xml"), JSON.stringify(c.format));
  assert.equal(c.link, "https://bugs/7");
  const serial = JSON.parse((await load({})).stdout) as { parallel: number; format: unknown[] };
  assert.equal(serial.parallel, 0);
  assert.ok(serial.format.includes("junit:reports/junit.xml"));
  const bad = await load({ KUBECUKE_WORKERS: "many" });
  assert.notEqual(bad.exitCode, 0);
  assert.match(bad.stderr, /KUBECUKE_WORKERS: expected a whole number of workers/);
});
