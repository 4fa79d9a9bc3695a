// Registers the step table with Cucumber: each step under its English and its Chinese pattern,
// both bound to the same implementation (Chinese arguments reordered when the sentence needs it).
import { defineParameterType, defineStep } from "@cucumber/cucumber";
import { HarnessError } from "../engine/errors.ts";
import { withStepSignal, type KubeClients } from "../engine/kube/client.ts";
import { redactError } from "../engine/report/redact.ts";
import { budgetOf, RUNS_STEP_MARGIN_MS, TIMEOUT_SCALE, withStepDeadline, type StepBudget } from "./support/deadline.ts";
import { interrupts } from "./support/interrupt.ts";
import { parameterCount, toEnglishOrder, validateSpecs, type StepSpec } from "./support/registry.ts";
import { matchStepText, runSpec, useStepTable } from "./support/step-runner.ts";
import { allSteps } from "./support/vocabulary.ts";
import type { KubeWorld } from "./support/world.ts";
import { ownCode } from "./support/team-code.ts";
import { placeBadInput } from "./support/place.ts";

// Any kind the cluster serves; resolved through discovery when the step runs (engine/kube/kinds.ts).
// The regexp is written out (RESOURCE_PATTERN's, a unit test keeps them equal) because the
// Cucumber language server reads parameter types from a literal. Not offered for snippets: an
// undefined step's snippet would read `{resource} {resource} …` for every word.
defineParameterType({ name: "resource", regexp: /[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*(?:\/[A-Za-z0-9.-]+){0,2}/, transformer: (s: string) => s, useForSnippets: false });

const problems = validateSpecs(allSteps);
if (problems.length > 0) throw new HarnessError(`step table is inconsistent:\n  ${problems.join("\n  ")}`);

/** Cucumber checks a step function's arity against its pattern, so wrappers declare theirs. */
function withArity<F extends (...args: never[]) => unknown>(n: number, fn: F): F {
  Object.defineProperty(fn, "length", { value: n });
  return fn;
}

/**
 * The deadline of this step; a step that runs another step's text has that step's and a little
 * more, so that the inner step's own deadline (step-runner.ts) ends it first, with its message.
 */
function deadlineOf(world: KubeWorld, spec: StepSpec, args: unknown[]): StepBudget {
  if (spec.runsStep === undefined) return budgetOf(spec, args, TIMEOUT_SCALE, world.stepLimit);
  const inner = matchStepText(String(args[spec.runsStep]));
  if (!inner) return budgetOf(spec, args, TIMEOUT_SCALE, world.stepLimit);
  const b = budgetOf(inner.spec, inner.args, TIMEOUT_SCALE, world.stepLimit);
  return { ms: b.ms + RUNS_STEP_MARGIN_MS, why: `the quoted step's ${b.why}, + ${RUNS_STEP_MARGIN_MS / 1000} s` };
}

/** Every client a step of this scenario may use: the admin's, the scenario's own, the ServiceAccount acted as. */
function scenarioClients(world: KubeWorld): KubeClients[] {
  const ctx = world.scenario;
  if (!ctx) return [];
  return [...new Set([ctx.admin, ctx.clients, ...(world.actingAs ? [world.actingAs.clients] : [])])];
}

/**
 * Run under our own deadline (see support/deadline.ts) with the step's one signal on the
 * scenario's clients (clients.signal): its deadline or the interrupt ends every request and wait
 * of the step. Taken away when the step ends, however it ends, so the After hooks' cleanup runs
 * with the limits alone. Bad input placed at the feature file's line (support/place.ts); errors
 * redacted, as they reach cucumber.html, junit.xml and Allure.
 */
async function run(world: KubeWorld, spec: StepSpec, args: unknown[]): Promise<void> {
  const step = world.currentStep ? `"${world.currentStep.text}" (${world.currentStep.where})` : `"${spec.en}"`;
  const restore: Array<() => void> = [];
  try {
    await withStepDeadline((signal) => {
      for (const clients of scenarioClients(world)) restore.push(withStepSignal(clients, signal));
      return runSpec(world, spec, args);
    }, deadlineOf(world, spec, args), step, interrupts);
  } catch (e) {
    throw redactError(placeBadInput(e, world.currentStep));
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

function register(spec: StepSpec): void {
  const n = parameterCount(spec.en) + (spec.block ? 1 : 0);
  // Cucumber's own timeout is off: every step ends by ours, which names the step
  const options = { timeout: -1 };
  const en = ownCode(withArity(n, function (this: KubeWorld, ...args: unknown[]) {
    return run(this, spec, args);
  }));
  const zh = ownCode(withArity(n, function (this: KubeWorld, ...args: unknown[]) {
    return run(this, spec, toEnglishOrder(spec, args));
  }));
  defineStep(spec.en, options, en);
  defineStep(spec.zh, options, zh);
}

for (const spec of allSteps) register(spec);
useStepTable(allSteps);
