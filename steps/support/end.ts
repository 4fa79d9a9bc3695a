// The end of a scenario, in one stated order (cucumber would run separate After hooks last-defined
// first, so their order would hang on which module was imported first):
//   1. the checks over the whole scenario, while what they watch still exists; one that broke
//      fails the scenario, so 2 and 3 treat it as failed;
//   2. on failure, unless the run was interrupted (the user is waiting; diagnostics would only
//      say "interrupted"), the diagnostics;
//   3. the cleanup, the timeline and the cleanup's record.
// Then the first problem (a broken check, a cleanup that could not undo, an unchecked command)
// fails the scenario, naming the others. hooks.ts runs this from kubecuke's one After hook.
import type { KubecukeError } from "../../engine/errors.ts";

export interface EndPhases {
  /** 1: resolves to the failure a broken check adds (none when the scenario failed already: then it is attached). */
  checks(failedAlready: boolean): Promise<KubecukeError | undefined>;
  /** 2: collects and attaches the failure diagnostics. */
  diagnostics(): Promise<void>;
  /** 3: cleans up (or keeps the failed scenario's namespace); resolves to what must still fail the scenario. */
  cleanUp(failed: boolean): Promise<KubecukeError[]>;
}

/** Runs the phases in order; resolves to the error to throw, or undefined. */
export async function endScenario(failedInSteps: boolean, interrupted: boolean, phases: EndPhases): Promise<KubecukeError | undefined> {
  const broken = await phases.checks(failedInSteps);
  const failed = failedInSteps || broken !== undefined;
  if (failed && !interrupted) await phases.diagnostics();
  const problems = await phases.cleanUp(failed);
  return firstOf([...(broken ? [broken] : []), ...problems]);
}

/** The first problem, with the others' messages after its own: one hook fails once. */
export function firstOf(problems: readonly KubecukeError[]): KubecukeError | undefined {
  const [first, ...more] = problems;
  if (first && more.length > 0) first.message += `\n\nand then:\n${more.map((e) => e.message).join("\n")}`;
  return first;
}
