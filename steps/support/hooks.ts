// Scenario lifecycle: a fresh namespace and kubeconfig before; after, in one hook and in this
// order (end.ts), the checks over the whole scenario, diagnostics (on failure), timeline, cleanup.
import { cleanupLines } from "../../engine/scenario/cleanup.ts";
import { After, Before, BeforeStep, setDefaultTimeout, setDefinitionFunctionWrapper, setWorldConstructor, Status, type ITestCaseHookParameter, type ITestStepHookParameter } from "@cucumber/cucumber";
// Registers allure-js-commons' runtime for cucumber, so `allure.parameter` below reaches the report.
import "allure-cucumberjs";
import * as allure from "allure-js-commons";
import { collectFailureDiagnostics, DEFAULT_LIMITS } from "../../engine/diagnostics/index.ts";
import { ScenarioContext } from "../../engine/scenario/context.ts";
import { ALLOW_SHARED_CHANGES_TAG } from "../../engine/scenario/ownership.ts";
import { scenarioUser } from "../../engine/scenario/scope.ts";
import { BadInputError, InfrastructureError, type KubecukeError } from "../../engine/errors.ts";
import { commandText } from "../../engine/commands.ts";
import { reportSettings, scenarioInputs, scenarioSettings, timeoutSettings, type RunnerCluster } from "../../engine/settings/env.ts";
import { docStringLine, stepWhere, tagsWithPlace, unsetEnvironmentIn } from "./locate.ts";
import { stepLimitOf } from "./deadline.ts";
import { KubeWorld } from "./world.ts";
import { judgeChecksToTheEnd } from "./checks-at-end.ts";
import { endScenario } from "./end.ts";
import { ownCode, wrapDefinition } from "./team-code.ts";
import { interrupts, openScenarios } from "./interrupt.ts";
import { runScratchDir } from "../../engine/run/owner.ts";
import { docsLink, pageName } from "../../engine/docs/naming.ts";
import { existsSync } from "node:fs";
import { hostname } from "node:os";

// Read once per worker: the runner set these before starting cucumber.
const settings = scenarioSettings();
/** Each operation's limit, already times KUBECUKE_TIMEOUT_SCALE; the hooks' own limits scale with them. */
const timeouts = timeoutSettings();
const scaled = (ms: number): number => Math.round(ms * timeouts.scale);
const docsUrl = reportSettings().docsUrl?.replace(/\/+$/, "");
/** The end-of-scenario hook's time, unscaled: the checks over the whole scenario's, then diagnostics' and cleanup's. */
const CHECKS_MS = 60_000;
const CLEANUP_MS = 90_000;

setWorldConstructor(KubeWorld);
// A team's own steps and hooks: their errors are test failures, not kubecuke bugs (team-code.ts).
// One wrapper per run: a team that sets its own replaces this one.
setDefinitionFunctionWrapper(wrapDefinition);
// Steps end by their own deadlines (support/deadline.ts); this is for hooks without a timeout of their own.
setDefaultTimeout(scaled(180_000));

function runnerCluster(): RunnerCluster {
  if (!settings.cluster) {
    throw new BadInputError(
      `KUBECUKE_KUBECONFIG is not set: run scenarios with \`${commandText("run")}\` (it brings a cluster up), or set KUBECUKE_KUBECONFIG (admin kubeconfig path) and KUBECUKE_CONTEXT yourself. ~/.kube/config is never used.`,
    );
  }
  return settings.cluster;
}

Before({ name: "scenario namespace", timeout: scaled(60_000) }, ownCode(async function (this: KubeWorld, { pickle, gherkinDocument }: ITestCaseHookParameter) {
  // Ctrl-C: the scenarios not yet started are skipped (reported as such, never as passed)
  if (interrupts.interrupted) return "skipped";
  // an unset ${env:NAME} fails the scenario before it touches the cluster
  const inputs = scenarioInputs();
  const unset = unsetEnvironmentIn(pickle, gherkinDocument, inputs);
  if (unset.length > 0) {
    throw new BadInputError(`environment variables used by this scenario are not set:\n  ${unset.join("\n  ")}\nSet them before the run, e.g. IMAGE_TAG=1.2.3 ${commandText("run")}`);
  }
  this.stepLimit = stepLimitOf(tagsWithPlace(pickle, gherkinDocument));
  const { kubeconfig, context, provider, runId, runnerPid, readRole } = runnerCluster();
  this.scenario = await ScenarioContext.create({
    adminKubeconfigPath: kubeconfig,
    context,
    scenarioName: pickle.name,
    keepManifestNamespace: pickle.tags.some((t) => t.name === "@keep-namespace"),
    allowSharedChanges: pickle.tags.some((t) => t.name === ALLOW_SHARED_CHANGES_TAG),
    runId,
    kubectl: settings.kubectl,
    inputs,
    timeouts: timeouts.operations,
    owner: { host: hostname(), pid: runnerPid ?? process.pid },
    // the run's directory when a runner made it (and removes it); cucumber run by hand: the system's tmpdir
    scratchDir: runId && existsSync(runScratchDir(runId)) ? runScratchDir(runId) : undefined,
    stop: interrupts.signal,
    readBinding: readRole,
  });
  openScenarios.set(this.scenario.namespace, `namespace ${this.scenario.namespace}, directory ${this.scenario.dir}`);
  const identity = this.scenario.scopedIdentity ? `${scenarioUser(this.scenario.namespace)} (made in ${this.scenario.identityMs} ms)` : `the admin's (${ALLOW_SHARED_CHANGES_TAG})`;
  this.text("scenario", `namespace: ${this.scenario.namespace}\nprovider: ${provider}\ncontext: ${context ?? "(current)"}\nacts as: ${identity}`);
  // Shown with the result, so a reader knows where to look (KUBECUKE_KEEP_FAILED=1 keeps it);
  // excluded from the history id, which must not change with a random namespace name.
  await allure.parameter("namespace", this.scenario.namespace, { excluded: true });
  await allure.parameter("provider", provider, { excluded: true });
  // the scenario's page in the living documentation (<reports>/docs beside <reports>/allure-report, or KUBECUKE_DOCS_URL; docs/living-docs.md)
  // (the report shows a relative link as text: its name then says where the page is)
  if (gherkinDocument.feature && pickle.astNodeIds[0]) await allure.link(docsLink(pickle.uri, gherkinDocument.feature.children, pickle.astNodeIds[0], docsUrl), docsUrl ? "documentation" : `documentation: docs/${pageName(pickle.uri)}`, "docs");
}));

BeforeStep(ownCode(function (this: KubeWorld, { pickle, gherkinDocument, pickleStep }: ITestStepHookParameter) {
  this.currentStep = { text: pickleStep.text, where: stepWhere(pickle, gherkinDocument, pickleStep), docStringLine: docStringLine(gherkinDocument, pickleStep) };
}));

/** Failure diagnostics (events, describe, logs, the timeline), attached to the scenario. */
async function attachDiagnostics(world: KubeWorld, ctx: ScenarioContext): Promise<void> {
  const { kubeconfig, context } = runnerCluster();
  const attachments = await collectFailureDiagnostics(
    { kubeconfigPath: kubeconfig, context, namespace: ctx.namespace, timeline: ctx.timeline.entries },
    { totalMs: timeouts.operations.diagnostics, stepMs: scaled(DEFAULT_LIMITS.stepMs) },
  );
  for (const a of attachments) world.attach(a);
}

/**
 * The cleanup (or the namespace kept, KUBECUKE_KEEP_FAILED), the timeline of a passed scenario
 * and the cleanup's record. Resolves to what must fail the scenario still: what cleanup could not
 * undo outside the namespace, and a failed command no step checked.
 */
async function cleanUp(world: KubeWorld, ctx: ScenarioContext, failed: boolean): Promise<KubecukeError[]> {
  // an error no step verified (cucumber-js's own hooks do the same): fail rather than pass silently
  const unchecked = !failed && world.lastKubectl && !world.lastKubectlChecked ? world.lastKubectl : undefined;
  const { kept, records } = await ctx.finish(failed && settings.keepFailed);
  openScenarios.delete(ctx.namespace);
  if (interrupts.interrupted) console.error(`[kubecuke] ${interrupts.interrupted}: cleaned up "${ctx.options.scenarioName}":\n  ${cleanupLines(records).replaceAll("\n", "\n  ")}`);
  // on failure the diagnostics carry the timeline already
  if (!failed) world.text("timeline", ctx.timeline.toText());
  world.text("cleanup", kept ? `kept namespace ${ctx.namespace} (KUBECUKE_KEEP_FAILED=1): ${ctx.keptHint()}` : cleanupLines(records));
  const problems: KubecukeError[] = [];
  const undone = records.filter((r) => r.critical);
  if (undone.length > 0) {
    const lines = undone.map((r) => `${r.what}: ${r.detail ?? r.outcome}`).join("\n  ");
    problems.push(new InfrastructureError(`cleanup could not undo what this scenario did outside its namespace; fix these by hand:\n  ${lines}`, { operation: "cleanup" }));
  }
  if (unchecked) {
    problems.push(new BadInputError(`the last command "${unchecked.command}" exited ${unchecked.exitCode} and no step checked it: add "Then the command fails" (stderr: ${unchecked.stderr.trim()})`));
  }
  return problems;
}

/** The end of every scenario, in the order end.ts states: checks over the whole scenario, diagnostics, cleanup. */
After({ name: "checks over the whole scenario, failure diagnostics, timeline and cleanup", timeout: scaled(CHECKS_MS + CLEANUP_MS) }, ownCode(async function (this: KubeWorld, { result }: ITestCaseHookParameter) {
  const ctx = this.scenario;
  if (!ctx) return;
  const problem = await endScenario(result?.status === Status.FAILED, interrupts.interrupted !== undefined, {
    checks: (failedAlready) => judgeChecksToTheEnd(this, failedAlready),
    diagnostics: () => attachDiagnostics(this, ctx),
    cleanUp: (failed) => cleanUp(this, ctx, failed),
  });
  if (problem) throw problem;
}));
