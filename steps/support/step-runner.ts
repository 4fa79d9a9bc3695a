// Running a step implementation: `${...}` filled into its arguments first (variables.ts), the
// values used shown in the report. Also runs a step given as text, for the step that checks
// another step's error message (bad input written as a scenario).
import { DataTable } from "@cucumber/cucumber";
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from "@cucumber/cucumber-expressions";
import { BadInputError, HarnessError } from "../../engine/errors.ts";
import { budgetOf, TIMEOUT_SCALE, tooShortLimit, withStepDeadline } from "./deadline.ts";
import { RESOURCE_PATTERN } from "./resource.ts";
import { toEnglishOrder, type StepSpec } from "./registry.ts";
import type { KubeWorld } from "./world.ts";

/** Fill `${...}` into every text argument (strings, doc strings, table cells); a step that quotes another keeps that one raw. */
function fillIn(world: KubeWorld, spec: StepSpec, args: unknown[]): unknown[] {
  const where = world.currentStep ? `${world.currentStep.where} "${world.currentStep.text}"` : `step "${spec.en}"`;
  const used = new Map<string, string>();
  const one = (text: string): string => {
    if (!text.includes("${")) return text;
    const r = world.ctx.expand(text, where);
    for (const [k, v] of r.used) used.set(k, v);
    return r.text;
  };
  const filled = args.map((a, i) => (spec.rawArguments && i === 0 ? a : typeof a === "string" ? one(a) : a instanceof DataTable ? new DataTable(a.raw().map((row) => row.map(one))) : a));
  if (used.size > 0) world.text("values filled in", [...used].map(([k, v]) => `\${${k}} = ${v}`).join("\n"));
  return filled;
}

export async function runSpec(world: KubeWorld, spec: StepSpec, args: unknown[]): Promise<void> {
  const short = tooShortLimit(spec, args);
  if (short) {
    const where = world.currentStep ? `${world.currentStep.where} "${world.currentStep.text}"` : `step "${spec.en}"`;
    throw new BadInputError(`${where}: ${short}`, { operation: "step", object: where });
  }
  await spec.run.apply(world, fillIn(world, spec, args) as never[]);
}

// The vocabulary includes the step that calls runStepText, so it cannot be imported here (an
// import cycle): define.steps.ts hands it over when it registers the steps with Cucumber.
let table: { steps: readonly StepSpec[] } | undefined;

export function useStepTable(steps: readonly StepSpec[]): void {
  table = { steps };
}

/** The step definition `text` (English or Chinese) matches, with its arguments in English order. */
export function matchStepText(text: string): { spec: StepSpec; args: unknown[] } | undefined {
  if (!table) throw new HarnessError("matchStepText: no step table; steps/define.steps.ts calls useStepTable when it registers the steps");
  const registry = new ParameterTypeRegistry();
  registry.defineParameterType(new ParameterType("resource", RESOURCE_PATTERN, String, (s: string) => s, false, false));
  for (const spec of table.steps) {
    for (const [pattern, chinese] of [[spec.en, false], [spec.zh, true]] as const) {
      const match = new CucumberExpression(pattern, registry).match(text);
      if (!match) continue;
      const args: unknown[] = match.map((m) => m.getValue(null));
      return { spec, args: chinese ? toEnglishOrder(spec, args) : args };
    }
  }
  return undefined;
}

/** Run the step written as `text` (English or Chinese), with an optional doc string. */
export async function runStepText(world: KubeWorld, text: string, docString?: string): Promise<void> {
  const found = matchStepText(text);
  if (!found) throw new BadInputError(`the step "${text}" matches no step definition: see docs/steps.md for the vocabulary`);
  const { spec, args } = found;
  if (spec.block === "docString") {
    if (docString === undefined) throw new BadInputError(`the step "${text}" needs a doc string: write it under this step`);
    args.push(docString);
  }
  // under its own deadline, so that a step past it is an error the quoting step can check
  const where = world.currentStep ? ` (quoted at ${world.currentStep.where})` : "";
  return withStepDeadline(runSpec(world, spec, args), budgetOf(spec, args, TIMEOUT_SCALE, world.stepLimit), `"${text}"${where}`);
}
