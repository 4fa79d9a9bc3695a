import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ProviderConfigError } from "../../engine/cluster/config.ts";
import { loadSettings, reportSettings, scenarioSettings, testSettings } from "../../engine/settings/env.ts";
import { PINS } from "../../engine/settings/pins.ts";
import { SETTINGS } from "../../engine/settings/table.ts";

const env = { HOME: "/home/u" };

test("defaults: the values users had before the settings module (same variables, same defaults)", () => {
  const s = loadSettings({ env, cwd: "/w" });
  assert.equal(s.cluster.cacheDir, "/home/u/.cache/kubecuke");
  assert.deepEqual(s.cluster.local, { version: PINS.kubernetes, corednsVersion: PINS.coredns, root: "/var/lib/kubecuke" });
  assert.equal(s.cluster.kind.binary, "kind");
  assert.deepEqual(s.scenarios, { workers: undefined, keepFailed: false, kubectl: "kubectl", cluster: undefined });
  assert.deepEqual(s.reports, {
    dir: "reports", dirOverridden: false, singleFile: false, name: "kubecuke acceptance tests",
    history: "reports/history/history.jsonl", appendHistory: true, issueUrl: undefined, tmsUrl: undefined,
  });
  assert.deepEqual(s.tests, { phases: undefined, chromium: "/usr/bin/chromium" });
});

test("every variable is read into its place", () => {
  const s = loadSettings({
    cwd: "/w",
    env: {
      ...env, KUBECUKE_CACHE: "cache", KUBECUKE_K8S_VERSION: "v1.33.1", KUBECUKE_COREDNS_VERSION: "v1.12.0", KUBECUKE_LOCAL_ROOT: "~/lr",
      KUBECUKE_KIND_BINARY: "/opt/kind", KUBECUKE_WORKERS: "3", KUBECUKE_KEEP_FAILED: "1", KUBECUKE_KUBECTL: "/opt/kubectl",
      KUBECUKE_KUBECONFIG: "/k", KUBECUKE_CONTEXT: "ctx", KUBECUKE_PROVIDER: "local", KUBECUKE_RUN_ID: "r1",
      KUBECUKE_REPORTS_DIR: "/tmp/r", KUBECUKE_REPORT_SINGLE_FILE: "true", KUBECUKE_REPORT_NAME: "N", KUBECUKE_REPORT_HISTORY: "/h.jsonl",
      KUBECUKE_REPORT_APPEND_HISTORY: "0", KUBECUKE_ISSUE_URL: "https://i/%s", KUBECUKE_TMS_URL: "https://t/%s",
      KUBECUKE_TEST_PHASES: "typecheck, unit tests", KUBECUKE_CHROMIUM: "/c",
    },
  });
  assert.equal(s.cluster.cacheDir, "/w/cache");
  assert.deepEqual(s.cluster.local, { version: "v1.33.1", corednsVersion: "v1.12.0", root: "/home/u/lr" });
  assert.equal(s.cluster.kind.binary, "/opt/kind");
  assert.deepEqual(s.scenarios, { workers: 3, keepFailed: true, kubectl: "/opt/kubectl", cluster: { kubeconfig: "/k", context: "ctx", provider: "local", runId: "r1" } });
  assert.deepEqual(s.reports, { dir: "/tmp/r", dirOverridden: true, singleFile: true, name: "N", history: "/h.jsonl", appendHistory: false, issueUrl: "https://i/%s", tmsUrl: "https://t/%s" });
  assert.deepEqual(s.tests, { phases: ["typecheck", "unit tests"], chromium: "/c" });
});

test("bad values name the variable and what to write", () => {
  const bad = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof ProviderConfigError && re.test(e.message));
  bad(() => scenarioSettings({ KUBECUKE_WORKERS: "four" }), /^KUBECUKE_WORKERS: expected a whole number of workers \(1 or more\), got "four"/);
  bad(() => scenarioSettings({ KUBECUKE_WORKERS: "0" }), /KUBECUKE_WORKERS/);
  bad(() => scenarioSettings({ KUBECUKE_KEEP_FAILED: "maybe" }), /^KUBECUKE_KEEP_FAILED: expected 1 or 0 \(true\/false\), got "maybe"/);
  bad(() => reportSettings({ KUBECUKE_REPORT_APPEND_HISTORY: "2" }), /^KUBECUKE_REPORT_APPEND_HISTORY: expected 1 or 0/);
  // empty is unset, as a shell `VAR= npm test` means
  assert.equal(testSettings({ KUBECUKE_CHROMIUM: "" }).chromium, "/usr/bin/chromium");
});

test("the table lists each variable once, and every variable the settings code reads", () => {
  const names = SETTINGS.map((s) => s.env);
  assert.equal(new Set(names).size, names.length, "a variable listed twice");
  // every KUBECUKE_ variable the settings module or config.ts names is in the table
  const sources = ["engine/settings/env.ts", "engine/cluster/config.ts"].map((f) => readFileSync(f, "utf8")).join("\n");
  const named = new Set(sources.match(/KUBECUKE_[A-Z0-9_]+/g));
  for (const n of named) assert.ok((names as string[]).includes(n), `${n} is read but not in engine/settings/table.ts`);
});
