// Registers the step table with Cucumber: each step under its English and its Chinese pattern,
// both bound to the same implementation (Chinese arguments reordered when the sentence needs it).
import { defineParameterType, defineStep } from "@cucumber/cucumber";
import { HarnessError } from "../engine/errors.ts";
import { redactError } from "../engine/report/redact.ts";
import { RESOURCE_PATTERN } from "./assert.steps.ts";
import { parameterCount, toEnglishOrder, validateSpecs, type StepSpec } from "./support/registry.ts";
import { runSpec, useStepTable } from "./support/step-runner.ts";
import { allSteps, KINDS } from "./support/vocabulary.ts";
import type { KubeWorld } from "./support/world.ts";

defineParameterType({ name: "kind", regexp: new RegExp(KINDS.join("|")), transformer: (s: string) => s });
// any kind the cluster serves; resolved through discovery when the step runs (engine/kube/kinds.ts)
defineParameterType({ name: "resource", regexp: RESOURCE_PATTERN, transformer: (s: string) => s });

const problems = validateSpecs(allSteps);
if (problems.length > 0) throw new HarnessError(`step table is inconsistent:\n  ${problems.join("\n  ")}`);

/** Cucumber checks a step function's arity against its pattern, so wrappers declare theirs. */
function withArity<F extends (...args: never[]) => unknown>(n: number, fn: F): F {
  Object.defineProperty(fn, "length", { value: n });
  return fn;
}

function register(spec: StepSpec): void {
  const n = parameterCount(spec.en) + (spec.block ? 1 : 0);
  const options = spec.timeoutMs ? { timeout: spec.timeoutMs } : {};
  // Errors reach cucumber.html, junit.xml and Allure without an attachment: redact them too.
  const en = withArity(n, function (this: KubeWorld, ...args: unknown[]) {
    return runSpec(this, spec, args).catch((e: unknown) => Promise.reject(redactError(e)));
  });
  const zh = withArity(n, function (this: KubeWorld, ...args: unknown[]) {
    return runSpec(this, spec, toEnglishOrder(spec, args)).catch((e: unknown) => Promise.reject(redactError(e)));
  });
  defineStep(spec.en, options, en);
  defineStep(spec.zh, options, zh);
}

for (const spec of allSteps) register(spec);
useStepTable(allSteps, KINDS);
