// The run's setup phase, on the cluster before cucumber: the results of an earlier run removed,
// the cluster's facts for the report, what dead runs on this machine left swept, this run's
// scratch directory, and the suite setup (kubecuke.setup.yaml) the selected scenarios' tags ask
// for, installed before them and removed after them; a failed setup is shown in the report.
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import type { ClusterSession } from "../../cluster/lifecycle.ts";
import { categoryOf, describeError } from "../../errors.ts";
import { makeClients, type KubeClients } from "../../kube/client.ts";
import { collectEnvironmentInfo, writeEnvironmentProperties, type EnvironmentInfo } from "../../report/environment.ts";
import { PHASE } from "../../report/phases.ts";
import { redact } from "../../report/redact.ts";
import { cleanupLines } from "../../scenario/cleanup.ts";
import { scenarioInputs } from "../../settings/env.ts";
import { installSuiteSetup, type SuiteSetup } from "../../setup/suite.ts";
import type { RunContext } from "./context.ts";
import { makeRunScratchDir, sweepScratchDirs } from "../owner.ts";
import { sweepDeadRunRbac } from "../scope-role.ts";
import type { SelectedScenario } from "./select.ts";
import { sweepDeadRuns } from "../sweep.ts";

/** What the setup phase made that later phases use. */
export interface Prepared {
  /** The run's own clients (the admin kubeconfig): sweeps, the read role, the run's cleanup. */
  admin: KubeClients;
  /** The cluster's facts for the report's environment (the phase table joins them at the end). */
  info: EnvironmentInfo;
  /** This run's scratch directory (the scenarios' files); removed by the run's cleanup. */
  scratch: string;
}

export async function prepare(run: RunContext, { handle }: ClusterSession): Promise<Prepared> {
  // Results are per run; history (reports/history) survives for trends. The logs of an earlier
  // run's background ending go too: this run writes its own, or none when it waits.
  await rm(run.resultsDir, { recursive: true, force: true });
  for (const f of ["report.log", "cleanup.log", "background.json"]) await rm(path.join(run.reportsDir, f), { force: true });
  await mkdir(run.resultsDir, { recursive: true });
  const facts = { kubeconfigPath: handle.kubeconfigPath, context: handle.context, provider: handle.provider, timeoutScale: run.settings.timeouts.scale };
  const info = await run.clock.time(PHASE.environment, () => collectEnvironmentInfo(facts));
  // the run id beside the cluster's facts: the documentation names the run that verified each step
  await writeEnvironmentProperties(run.resultsDir, { ...info, "Run id": run.runId });
  const admin = makeClients(handle.kubeconfigPath, handle.context, run.settings.timeouts.operations);
  await run.clock.time(PHASE.sweep, () => sweepDeadRunsHere(run, admin));
  const scratch = await makeRunScratchDir({ runId: run.runId, host: hostname(), pid: process.pid });
  return { admin, info, scratch };
}

/** What earlier runs on this machine left (their runner is gone): namespaces, RBAC, scratch directories. */
async function sweepDeadRunsHere(run: RunContext, admin: KubeClients): Promise<void> {
  const swept = await sweepDeadRuns(admin, run.settings.timeouts.operations.cleanup);
  const rbac = await sweepDeadRunRbac(admin);
  const dirs = await sweepScratchDirs();
  if (swept.runs.length || rbac.cleaned.length || dirs.length) {
    run.log(`swept what earlier runs on this machine left (their runner is gone: ${swept.runs.join(", ") || "-"}):\n  ${[...swept.cleaned, ...rbac.cleaned, ...dirs.map((d) => `${d}: removed`)].join("\n  ")}`);
  }
  if (swept.left.length || rbac.left.length) run.log(`could not remove (fix by hand):\n  ${[...swept.left, ...rbac.left].join("\n  ")}`);
}

/**
 * Installs the setup the selected scenarios need, runs `scenarios`, removes the setup. A setup
 * that fails ends the run at once (exit code 1, no scenario runs) with its error in the report;
 * a setup that cannot be removed fails the run.
 */
export async function withSuiteSetup(run: RunContext, session: ClusterSession, admin: KubeClients, selected: readonly SelectedScenario[], scenarios: () => Promise<number>): Promise<number> {
  const started = Date.now();
  const { binDir } = session.handle;
  let setup: SuiteSetup;
  try {
    const context = { clients: admin, runId: run.runId, root: run.root, env: scenarioInputs(), kubectl: binDir ? path.join(binDir, "kubectl") : undefined, file: run.settings.scenarios.setupFile, log: run.log };
    setup = await run.clock.time(PHASE.suiteSetup, () => installSuiteSetup(context, [...selected]));
  } catch (err) {
    run.log(`suite setup failed, no scenario runs: ${redact(describeError(err))}`);
    await writeSetupFailure(run.resultsDir, err, started);
    return 1;
  }
  let code = 1;
  try {
    code = await scenarios();
  } finally {
    if (setup.installed.length > 0) {
      const records = await run.clock.time(PHASE.suiteSetupRemoval, () => setup.teardown());
      run.log(`suite setup removed:\n  ${cleanupLines(records).replaceAll("\n", "\n  ")}`);
      // something the run installed is still there: the run must not pass
      if (records.some((r) => r.outcome === "failed")) code = 1;
    }
  }
  return code;
}

/** A failed setup as an Allure result, so the report says why no scenario ran. */
async function writeSetupFailure(resultsDir: string, err: unknown, started: number): Promise<void> {
  const message = redact(describeError(err));
  const result = {
    uuid: randomUUID(),
    historyId: "kubecuke-suite-setup",
    name: "Suite setup",
    fullName: "kubecuke: suite setup (kubecuke.setup.yaml)",
    status: categoryOf(err) === "assertion" ? "failed" : "broken",
    statusDetails: { message, trace: redact(err instanceof Error ? (err.stack ?? message) : message) },
    stage: "finished",
    start: started,
    stop: Date.now(),
    labels: [{ name: "suite", value: "Suite setup" }],
  };
  await writeFile(path.join(resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
}
