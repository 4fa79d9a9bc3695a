// Interrupts: SIGINT to the runner's process group, as Ctrl-C in a terminal sends it, at three
// points of a real run (during an apply, during a wait, during cleanup), then twice in a row.
// After each: no namespace of that run, no scenario directory, and the cluster runs the next
// scenario; after the double interrupt, the next run sweeps what the first one left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { execa, type ResultPromise } from "execa";
import { makeClients } from "../../engine/kube/client.ts";
import { RUN_LABEL } from "../../engine/kube/labels.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { runScratchDir } from "../../engine/run/owner.ts";
import { watchUntil } from "../../engine/wait/watch.ts";
import { assertReachable, cleanEnv, realCluster, type RealCluster } from "./support.ts";
import { cacheDir, repoRoot, runnerPath, scratchDir } from "./runner.ts";

const FEATURE = "test/providers/features/interrupt.feature";

interface Run {
  id: string;
  child: ResultPromise<{ all: true; reject: false; detached: true }>;
}

function startRun(c: RealCluster, tag: string, workers = 1): Run {
  const id = `intr-${tag.slice(1).split(" ")[0]}-${randomBytes(3).toString("hex")}`;
  const dir = scratchDir("kubecuke-interrupt-");
  const args = ["--provider", "existing", "--existing-kubeconfig", c.kubeconfig, "--existing-context", c.context, "--run-id", id, "--run-dir", path.join(dir, "run"), "--tags", tag, FEATURE];
  // its own process group, like a shell job: the signal goes to the group, as Ctrl-C's does
  const child = execa(process.execPath, ["--import", "./steps/support/register.mjs", "scripts/scenarios.ts", ...args], {
    cwd: repoRoot,
    env: cleanEnv({ PATH: runnerPath(), KUBECUKE_REPORTS_DIR: path.join(dir, "reports"), KUBECUKE_CACHE: cacheDir(), KUBECUKE_WORKERS: String(workers), NO_COLOR: "1" }),
    extendEnv: false,
    reject: false,
    all: true,
    detached: true,
    timeout: 300_000,
  });
  return { id, child };
}

const ctrlC = (run: Run): void => {
  process.kill(-(run.child.pid as number), "SIGINT");
};

async function until(c: RealCluster, target: { apiVersion: string; kind: string; namespace: string; labelSelector?: string }, what: string, done: (objs: KubeObject[]) => boolean): Promise<KubeObject[]> {
  const r = await watchUntil(makeClients(c.kubeconfig, c.context), target, { timeoutMs: 120_000, evaluate: (objs) => (done([...objs.values()]) ? { done: [...objs.values()] } : undefined) });
  assert.ok(r.value, what);
  return r.value;
}

/** The run's scenario namespace, once its Before hook has made it. */
async function runNamespace(c: RealCluster, id: string): Promise<string> {
  const [ns] = await until(c, { apiVersion: "v1", kind: "Namespace", namespace: "", labelSelector: `${RUN_LABEL}=${id}` }, "namespace", (o) => o.length > 0);
  return String(ns?.metadata?.name);
}

async function namespacesOf(c: RealCluster, id: string): Promise<string[]> {
  const list = await makeClients(c.kubeconfig, c.context).objects.listRaw("v1", "Namespace", "", { labelSelector: `${RUN_LABEL}=${id}` });
  return list.items.map((n) => `${n.metadata?.name} (${n.metadata?.deletionTimestamp ? "terminating" : "active"})`);
}

async function assertNothingLeft(c: RealCluster, run: Run, output: string): Promise<void> {
  assert.deepEqual(await namespacesOf(c, run.id), [], `no namespace of run ${run.id} is left:\n${output}`);
  assert.ok(!existsSync(runScratchDir(run.id)), `the run's scenario directories are gone (${runScratchDir(run.id)})`);
}

async function interruptedRun(c: RealCluster, tag: string, at: (run: Run, ns: string) => Promise<void>, workers = 1): Promise<{ run: Run; output: string; exitCode?: number; afterSignalS: number }> {
  const run = startRun(c, tag, workers);
  const ns = await runNamespace(c, run.id);
  await at(run, ns);
  const signalled = Date.now();
  ctrlC(run);
  const r = await run.child;
  return { run, output: String(r.all ?? ""), exitCode: r.exitCode, afterSignalS: (Date.now() - signalled) / 1000 };
}

test("Ctrl-C during an apply, a wait and cleanup: the run stops, cleans up and leaves nothing", async (t) => {
  const c = realCluster();
  await assertReachable(c);

  // during an apply: the first of 120 ConfigMaps exists, the rest are still being applied
  const apply = await interruptedRun(c, "@apply", async (_run, ns) => {
    await until(c, { apiVersion: "v1", kind: "ConfigMap", namespace: ns }, "a ConfigMap", (o) => o.some((m) => m.metadata?.name === "cm-1"));
  });
  t.diagnostic(`apply: runner ended ${apply.afterSignalS.toFixed(1)} s after SIGINT`);
  assert.equal(apply.exitCode, 130, apply.output);
  assert.match(apply.output, /step "I apply the manifest "test\/providers\/features\/interrupt\/many-configmaps\.yaml"" \(test\/providers\/features\/interrupt\.feature:\d+\): interrupted by SIGINT while it ran/, apply.output);
  assert.match(apply.output, /\[kubecuke\] SIGINT: cleaned up "Interrupted during an apply":\n {2}Namespace\/kc-[^:]+: deleted \(its Pods at once; the run's end empties it and names anything that stays\) \d+ ms/);
  assert.match(apply.output, /run cleanup: nothing of this run is left in the cluster/);
  await assertNothingLeft(c, apply.run, apply.output);

  // during a wait: the Pod can never be scheduled, the step would wait 120 s. Two workers (the
  // other runs a short scenario): cucumber's coordinator must survive the signal too
  const wait = await interruptedRun(c, "@wait or @next", async () => {
    await until(c, { apiVersion: "v1", kind: "Pod", namespace: "" }, "the Pod", (o) => o.some((p) => p.metadata?.name === "nowhere"));
    await new Promise((r) => setTimeout(r, 1000));
  }, 2);
  t.diagnostic(`wait: runner ended ${wait.afterSignalS.toFixed(1)} s after SIGINT`);
  assert.equal(wait.exitCode, 130, wait.output);
  assert.match(wait.output, /step "the Pod "nowhere" is Ready within 120 seconds" \([^)]+\): interrupted by SIGINT while it ran/);
  assert.ok(wait.afterSignalS < 30, `the run ended ${wait.afterSignalS} s after the signal, not after the wait's 120 s`);
  assert.match(wait.output, /\(2 selected, 2 workers\)/);
  await assertNothingLeft(c, wait.run, wait.output);

  // during cleanup: the scenario passed, its namespace is being deleted
  const cleanup = await interruptedRun(c, "@cleanup", async (run) => {
    await until(c, { apiVersion: "v1", kind: "Namespace", namespace: "", labelSelector: `${RUN_LABEL}=${run.id}` }, "deletion started", (o) => o.some((n) => n.metadata?.deletionTimestamp));
  });
  t.diagnostic(`cleanup: runner ended ${cleanup.afterSignalS.toFixed(1)} s after SIGINT`);
  assert.equal(cleanup.exitCode, 130, cleanup.output);
  assert.match(cleanup.output, /1 scenario \(1 passed\)/, "the cleanup finished; the scenario kept its result");
  await assertNothingLeft(c, cleanup.run, cleanup.output);

  const next = startRun(c, "@next");
  const r = await next.child;
  assert.equal(r.exitCode, 0, String(r.all));
  assert.match(String(r.all), /1 scenario \(1 passed\)/);
  await assertNothingLeft(c, next, String(r.all));
});

test("Ctrl-C twice exits at once; the next run on this machine sweeps what it left", async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const run = startRun(c, "@twice");
  const ns = await runNamespace(c, run.id);
  await until(c, { apiVersion: "v1", kind: "Pod", namespace: ns }, "the Pod", (o) => o.length > 0);
  ctrlC(run);
  await new Promise((r) => setTimeout(r, 1200)); // a second Ctrl-C, not npm's copy of the first
  const second = Date.now();
  ctrlC(run);
  const r = await run.child;
  const exitS = (Date.now() - second) / 1000;
  const output = String(r.all ?? "");
  t.diagnostic(`second SIGINT: runner exited ${exitS.toFixed(1)} s later; left: ${(await namespacesOf(c, run.id)).join(", ") || "nothing"}`);
  assert.equal(r.exitCode, 130, output);
  assert.match(output, /SIGINT again: exiting now\. Left behind: /);
  assert.ok(exitS < 5, `exited ${exitS} s after the second signal`);

  const next = startRun(c, "@next");
  const n = await next.child;
  const nextOutput = String(n.all ?? "");
  assert.equal(n.exitCode, 0, nextOutput);
  // the first run's leftovers (if its scenario had not finished cleaning) are swept before the scenarios start
  const left = await namespacesOf(c, run.id);
  assert.deepEqual(left, [], `the dead run's namespaces are gone:\n${nextOutput}`);
  assert.ok(!existsSync(runScratchDir(run.id)), "the dead run's scenario directory was swept");
  const swept = /swept what earlier runs[^\n]*\n((?: {2}.*\n)+)/.exec(nextOutput);
  t.diagnostic(swept ? `next run swept: ${swept[1]?.trim().replace(/\n\s*/g, "; ")}` : "the first run had cleaned up before it exited; nothing to sweep");
  await assertNothingLeft(c, next, nextOutput);
});
