// The end of a run: it empties its namespaces and awaits that; with KUBECUKE_CLEANUP_IN_BACKGROUND
// and KUBECUKE_REPORT_IN_BACKGROUND background processes wait for the namespaces to go and write
// the report (on a cluster kubecuke started); an existing cluster's run leaves the emptied
// namespaces to Kubernetes without a background process; with KUBECUKE_KEEP_FAILED a failed
// scenario's namespace survives its run's end and a later run's sweep.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAlive } from "../../engine/cluster/local/processes.ts";
import path from "node:path";
import { execa } from "execa";
import { makeClients } from "../../engine/kube/client.ts";
import { KEPT_LABEL, RUN_LABEL } from "../../engine/kube/labels.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { localLayout } from "../../engine/cluster/local/layout.ts";
import { localPlacement } from "../../engine/cluster/registry.ts";
import { loadSettings } from "../../engine/settings/env.ts";
import { assertReachable, cleanEnv, realCluster, type RealCluster } from "./support.ts";
import { cacheDir, repoRoot, runnerPath, scratchDir } from "./runner.ts";

const FEATURE = "test/providers/features/ending.feature";

interface Ended {
  id: string;
  exitCode?: number;
  output: string;
  reports: string;
}

/** One run of the real runner; `providerFlags` name the cluster. */
async function run(providerFlags: string[], tag: string, env: Record<string, string>): Promise<Ended> {
  const id = `ending-${tag.slice(1)}-${randomBytes(3).toString("hex")}`;
  const dir = scratchDir("kubecuke-ending-");
  const reports = path.join(dir, "reports");
  const r = await execa(process.execPath, ["--import", "./steps/support/register.mjs", "scripts/scenarios.ts", ...providerFlags, "--run-id", id, "--run-dir", path.join(dir, "run"), "--tags", tag, FEATURE], {
    cwd: repoRoot,
    env: cleanEnv({ PATH: runnerPath(), KUBECUKE_REPORTS_DIR: reports, KUBECUKE_CACHE: cacheDir(), NO_COLOR: "1", ...env }),
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 300_000,
  });
  return { id, exitCode: r.exitCode, output: String(r.all ?? ""), reports };
}

const existing = (c: RealCluster) => ["--provider", "existing", "--existing-kubeconfig", c.kubeconfig, "--existing-context", c.context];

async function namespacesOf(c: RealCluster, selector: string): Promise<KubeObject[]> {
  return (await makeClients(c.kubeconfig, c.context).objects.listRaw("v1", "Namespace", "", { labelSelector: selector })).items;
}

function background(reports: string): Array<{ what: string; pid?: number; log: string }> {
  return JSON.parse(readFileSync(path.join(reports, "background.json"), "utf8")) as Array<{ what: string; pid?: number; log: string }>;
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

test("cleanup and report in the background: the run returns, a background process waits for its namespaces and says nothing is left", async (t) => {
  const c = realCluster();
  await assertReachable(c);
  // only a cluster kubecuke started ends in the background: the local one (npm test starts it). On
  // any other cluster this test cannot check what it is about, so it fails rather than skip.
  const local = localLayout("local", localPlacement(loadSettings().cluster)).kubeconfig;
  assert.equal(path.resolve(c.kubeconfig), local, `this test needs the local provider's cluster (${local}; npm test or npm run cluster:up starts it), not ${c.kubeconfig}: an existing cluster's run always waits (tested below)`);
  const r = await run(["--provider", "local"], "@passes", { KUBECUKE_CLEANUP_IN_BACKGROUND: "1", KUBECUKE_REPORT_IN_BACKGROUND: "1" });
  assert.equal(r.exitCode, 0, r.output);
  assert.match(r.output, /run cleanup: 1 namespace\(s\) of this run are being deleted; a background process \(pid \d+\) waits for them and names any that stay in \S*cleanup\.log/);
  assert.match(r.output, /Allure report: \S+index\.html is being generated in the background \(pid \d+; log \S*report\.log\)/);
  assert.match(r.output, /run cleanup \(deletes; waits apart\)\s+\d/);
  const parts = background(r.reports);
  assert.deepEqual(parts.map((p) => p.what).sort(), ["cleanup", "report"]);
  for (const p of parts) assert.ok(await exited(p.pid ?? 0, 60_000), `background ${p.what} (pid ${p.pid}) ended within 60 s`);
  const cleanupLog = readFileSync(path.join(r.reports, "cleanup.log"), "utf8");
  assert.match(cleanupLog, new RegExp(`run ${r.id}: nothing of this run is left in the cluster \\(\\d+\\.\\d s\\)`), cleanupLog);
  assert.match(readFileSync(path.join(r.reports, "report.log"), "utf8"), /Allure report: \S+ \(1 results: 1 passed/);
  assert.ok(existsSync(path.join(r.reports, "allure-report", "index.html")), "the background process wrote the report");
  assert.deepEqual(await namespacesOf(c, `${RUN_LABEL}=${r.id}`), [], "no namespace of the run is left");
  t.diagnostic(cleanupLog.trim().split("\n").at(-1) ?? "");
});

test("an existing cluster's run asked to clean up in the background empties its namespaces, leaves no process behind, and Kubernetes removes them", async () => {
  const c = realCluster();
  await assertReachable(c);
  const r = await run(existing(c), "@passes", { KUBECUKE_CLEANUP_IN_BACKGROUND: "1", KUBECUKE_REPORT_IN_BACKGROUND: "0" });
  assert.equal(r.exitCode, 0, r.output);
  assert.doesNotMatch(r.output, /a background process \(pid \d+\) waits/);
  assert.doesNotMatch(r.output, /LEFT IN THE CLUSTER/);
  assert.match(r.output, /run cleanup\s+\d/);
  assert.deepEqual(background(r.reports), [], "nothing left running after the run");
  // the run's namespace, if Kubernetes has not removed it yet, is being deleted and empty
  const left = await namespacesOf(c, `${RUN_LABEL}=${r.id}`);
  for (const n of left) assert.ok(n.metadata?.deletionTimestamp, `Namespace/${n.metadata?.name} is being deleted`);
  if (left.length) assert.match(r.output, /run cleanup: nothing is left in this run's 1 namespace\(s\) \(\d+ objects deleted and awaited\); Kubernetes removes them after its fixed 5 s/);
  const clients = makeClients(c.kubeconfig, c.context);
  for (const n of left) assert.deepEqual((await clients.objects.listRaw("v1", "Pod", n.metadata?.name ?? "")).items, [], "no Pod left in it");
  for (const until = Date.now() + 60_000; Date.now() < until && (await namespacesOf(c, `${RUN_LABEL}=${r.id}`)).length; ) await new Promise((res) => setTimeout(res, 500));
  assert.deepEqual(await namespacesOf(c, `${RUN_LABEL}=${r.id}`), [], "Kubernetes removed the emptied namespace within 60 s");
});

test("KUBECUKE_CLEANUP_IN_BACKGROUND=0: the run waits until its namespaces are gone", async () => {
  const c = realCluster();
  await assertReachable(c);
  const r = await run(existing(c), "@passes", { KUBECUKE_CLEANUP_IN_BACKGROUND: "0", KUBECUKE_REPORT_IN_BACKGROUND: "0" });
  assert.equal(r.exitCode, 0, r.output);
  assert.deepEqual(background(r.reports), [], "nothing left running after the run");
  assert.deepEqual(await namespacesOf(c, `${RUN_LABEL}=${r.id}`), [], "the run waited until its namespace was gone");
});

test("KUBECUKE_KEEP_FAILED: the failed scenario's namespace survives its run's end and the next run's sweep", async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const failed = await run(existing(c), "@fails", { KUBECUKE_KEEP_FAILED: "1", KUBECUKE_CLEANUP_IN_BACKGROUND: "0", KUBECUKE_REPORT_IN_BACKGROUND: "0" });
  const kept = await namespacesOf(c, `${RUN_LABEL}=${failed.id}`);
  try {
    assert.equal(failed.exitCode, 1, failed.output);
    assert.equal(kept.length, 1, failed.output);
    const name = kept[0]?.metadata?.name ?? "";
    assert.equal(kept[0]?.metadata?.labels?.[KEPT_LABEL], "true");
    assert.equal(kept[0]?.metadata?.deletionTimestamp, undefined, "not being deleted");
    assert.match(failed.output, new RegExp(`kept for debugging \\(KUBECUKE_KEEP_FAILED\\): Namespace/${name}; no sweep deletes them: kubectl --kubeconfig ${c.kubeconfig} --context ${c.context} delete namespace ${name}`));
    // a later run on this machine: the failed run's runner is gone, its namespace stays
    const next = await run(existing(c), "@passes", { KUBECUKE_CLEANUP_IN_BACKGROUND: "0", KUBECUKE_REPORT_IN_BACKGROUND: "0" });
    assert.equal(next.exitCode, 0, next.output);
    const after = await namespacesOf(c, `${RUN_LABEL}=${failed.id}`);
    assert.deepEqual(after.map((n) => [n.metadata?.name, n.metadata?.deletionTimestamp]), [[name, undefined]], next.output);
    t.diagnostic(`kept ${name} through its run's end and the next run`);
  } finally {
    const clients = makeClients(c.kubeconfig, c.context);
    for (const n of kept) await clients.core.deleteNamespace({ name: n.metadata?.name ?? "" }).catch(() => undefined);
  }
});
