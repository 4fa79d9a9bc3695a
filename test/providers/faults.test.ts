// Faults: the API server, then (separately) the kubelet of the local cluster is restarted while a
// scenario's wait is in progress, through the real runner. The wait must ride it out (the watch
// fails, retries, resumes) and the scenario pass, or fail with an infrastructure error that says
// so; and the cluster must be healthy afterwards. Local provider only: it restarts host processes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { localLayout } from "../../engine/cluster/local/layout.ts";
import { restartComponent, type Restarted, type RestartableComponent } from "../../engine/cluster/local/restart.ts";
import { makeClients } from "../../engine/kube/client.ts";
import { RUN_LABEL } from "../../engine/kube/labels.ts";
import { watchUntil } from "../../engine/wait/watch.ts";
import { localPlacement } from "../../engine/cluster/registry.ts";
import { loadSettings, scenarioSettings } from "../../engine/settings/env.ts";
import { assertReachable, cleanEnv, realCluster, type RealCluster } from "./support.ts";
import { runnerPath, runScenarios, scratchDir, type RunnerRun } from "./runner.ts";

const FEATURE = "test/providers/features/faults.feature";
const WAIT_STEP = 'the Job "fault-sleeper" completes within 120 seconds';
const layout = localLayout("local", localPlacement(loadSettings().cluster));
// the cluster under test must be this machine's local one: its processes are what gets restarted
const underTest = scenarioSettings().cluster?.kubeconfig ?? layout.kubeconfig;
const skip = underTest === layout.kubeconfig && existsSync(path.join(layout.pids, "kube-apiserver.pid")) ? false : "needs the local provider's cluster (npm run cluster:up)";

/** When the wait step ran, its result, and the attachments of the scenario (from cucumber's messages). */
function waitStepOf(reportsDir: string): { started: number; finished: number; status: string; error: string; attachments: string } {
  const ms = (t: { seconds: number; nanos: number }): number => t.seconds * 1000 + Math.floor(t.nanos / 1e6);
  const lines = readFileSync(path.join(reportsDir, "messages.ndjson"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>); // cucumber messages: only the fields read here matter
  const pickleStep = lines.flatMap((m) => m.pickle?.steps ?? []).find((s: { text: string }) => s.text === WAIT_STEP);
  const testStep = lines.flatMap((m) => m.testCase?.testSteps ?? []).find((s: { pickleStepId?: string }) => s.pickleStepId === pickleStep?.id);
  const started = lines.find((m) => m.testStepStarted?.testStepId === testStep?.id)?.testStepStarted;
  const finished = lines.find((m) => m.testStepFinished?.testStepId === testStep?.id)?.testStepFinished;
  assert.ok(started && finished, `the wait step "${WAIT_STEP}" did not run`);
  const result = finished.testStepResult;
  const attachments = lines.filter((m) => m.attachment).map((m) => String(m.attachment.body)).join("\n");
  return { started: ms(started.timestamp), finished: ms(finished.timestamp), status: result.status, error: `${result.exception?.type ?? ""}: ${result.message ?? ""}`, attachments };
}

/** Runs the feature and restarts `component` once the Job's container runs, i.e. during the wait. */
async function runWithRestart(c: RealCluster, component: RestartableComponent): Promise<{ run: RunnerRun; restarted: Restarted; reportsDir: string }> {
  const id = `faults-${component === "kubelet" ? "kubelet" : "api"}-${randomBytes(3).toString("hex")}`;
  const dir = scratchDir("kubecuke-faults-");
  const reportsDir = path.join(dir, "reports");
  const args = ["--provider", "existing", "--existing-kubeconfig", c.kubeconfig, "--existing-context", c.context, "--run-id", id, "--run-dir", path.join(dir, "run"), FEATURE];
  const runner = runScenarios(args, cleanEnv({ PATH: runnerPath() }), reportsDir);
  const clients = makeClients(c.kubeconfig, c.context);
  const ns = await watchUntil(clients, { apiVersion: "v1", kind: "Namespace", namespace: "", labelSelector: `${RUN_LABEL}=${id}` }, {
    timeoutMs: 120_000,
    evaluate: (objs) => (objs.size > 0 ? { done: [...objs.keys()][0]! } : undefined),
  });
  await watchUntil(clients, { apiVersion: "v1", kind: "Pod", namespace: ns.value, labelSelector: "job-name=fault-sleeper" }, {
    timeoutMs: 60_000,
    evaluate: (objs) => ([...objs.values()].some((p) => (p as { status?: { phase?: string } }).status?.phase === "Running") ? { done: true } : undefined),
  });
  const restarted = await restartComponent(layout, component, 2000);
  return { run: await runner, restarted, reportsDir };
}

/** The scenario passed, or failed with an infrastructure error; and the restart fell inside the wait. */
function assertRodeItOut(r: { run: RunnerRun; restarted: Restarted; reportsDir: string }): ReturnType<typeof waitStepOf> {
  const step = waitStepOf(r.reportsDir);
  const { stoppedAt, readyAt } = r.restarted;
  assert.ok(step.started < stoppedAt && readyAt < step.finished, `the restart (${new Date(stoppedAt).toISOString()} to ${new Date(readyAt).toISOString()}) should fall inside the wait step (${new Date(step.started).toISOString()} to ${new Date(step.finished).toISOString()})`);
  assert.ok(step.status === "PASSED" || (step.status === "FAILED" && step.error.startsWith("KubecukeInfrastructureError")), `the wait should pass or fail as infrastructure, it ended ${step.status}: ${step.error}\n${r.run.output.slice(-3000)}`);
  assert.notEqual(r.restarted.newPid, r.restarted.oldPid);
  return step;
}

async function assertHealthy(c: RealCluster): Promise<void> {
  await assertReachable(c);
  await watchUntil(makeClients(c.kubeconfig, c.context), { apiVersion: "v1", kind: "Node", namespace: "" }, {
    timeoutMs: 60_000,
    evaluate: (objs) => ([...objs.values()].every((n) => (n as { status?: { conditions?: Array<{ type: string; status: string }> } }).status?.conditions?.some((x) => x.type === "Ready" && x.status === "True")) ? { done: true } : undefined),
  });
}

test("the API server restarts during a wait: the watch fails, resumes, and the scenario passes", { skip, timeout: 300_000 }, async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const r = await runWithRestart(c, "kube-apiserver");
  const step = assertRodeItOut(r);
  // the scenario's own watch saw the API server go and come back (timeline attachment)
  assert.match(step.attachments, /watch working again after \d+ failures?/, "the timeline should show the watch failing and recovering");
  t.diagnostic(`API server down for ${((r.restarted.readyAt - r.restarted.stoppedAt) / 1000).toFixed(1)} s; wait step ${((step.finished - step.started) / 1000).toFixed(1)} s; runner ${r.run.seconds.toFixed(0)} s`);
  await assertHealthy(c);
});

test("the kubelet restarts during a wait: the Pod's end still reaches the Job, and the scenario passes", { skip, timeout: 300_000 }, async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const r = await runWithRestart(c, "kubelet");
  const step = assertRodeItOut(r);
  t.diagnostic(`kubelet down for ${((r.restarted.readyAt - r.restarted.stoppedAt) / 1000).toFixed(1)} s; wait step ${((step.finished - step.started) / 1000).toFixed(1)} s; runner ${r.run.seconds.toFixed(0)} s`);
  await assertHealthy(c);
});
