// One table of steps: each entry has its English and Chinese pattern, documentation and an
// example, and one implementation. The step files export these tables; define.steps.ts
// registers them with Cucumber and scripts/catalog.ts renders them into docs/steps.md.
import type { KubeWorld } from "./world.ts";

export interface StepSpec {
  /** Vocabulary group, for the catalog. */
  group: string;
  en: string;
  zh: string;
  /**
   * When the Chinese sentence names the parameters in another order: for each English
   * parameter, its position among the Chinese ones. Omitted: same order.
   */
  zhOrder?: number[];
  /** A doc string or data table follows the step (passed as the last argument). */
  block?: "docString" | "dataTable";
  doc: string;
  example: { en: string; zh: string; block?: string };
  /** The first argument reaches the step as written, `${...}` unexpanded: it is a step to run, filled in when it runs. */
  rawArguments?: boolean;
  /** Deadline (ms) of a step that names no "N seconds", when the default is not enough (support/deadline.ts). */
  timeoutMs?: number;
  /** This argument is a step's text that this step runs: its deadline is that step's. */
  runsStep?: number;
  // never[]: any implementation taking (string, number, ...) fits; arguments come from Cucumber
  run: (this: KubeWorld, ...args: never[]) => Promise<void>;
}

/**
 * A step's pattern, written as a call whose name holds Given/When/Then: the Cucumber language
 * server (VS Code's Cucumber extension) finds step definitions by such calls with a string
 * argument, so it indexes the step files themselves and go-to-definition lands on the step's
 * entry in steps/*.steps.ts. It only returns the pattern.
 */
export function GivenWhenThen(pattern: string): string {
  return pattern;
}

/** Typed helper: the implementation's parameters are checked against what it uses. */
export function step<A extends unknown[]>(spec: Omit<StepSpec, "run"> & { run: (this: KubeWorld, ...args: A) => Promise<void> }): StepSpec {
  // the generic run is narrower than never[] only in TypeScript's eyes; Cucumber passes what the pattern captured
  return spec as unknown as StepSpec;
}

/** Number of Cucumber-expression parameters in a pattern ({string}, {int}, {kind}). */
export function parameterCount(pattern: string): number {
  return (pattern.replace(/\\[{}]/g, "").match(/\{[^}]*\}/g) ?? []).length;
}

export function parameterNames(pattern: string): string[] {
  return (pattern.replace(/\\[{}]/g, "").match(/\{[^}]*\}/g) ?? []).map((p) => p.slice(1, -1) || "anonymous");
}

/** Reorder Chinese-pattern arguments into the English order the implementation expects. */
export function toEnglishOrder<T>(spec: StepSpec, zhArgs: T[]): T[] {
  if (!spec.zhOrder) return zhArgs;
  const n = spec.zhOrder.length;
  const params = spec.zhOrder.map((i) => zhArgs[i] as T);
  return [...params, ...zhArgs.slice(n)]; // the doc string / table stays last
}

/** Problems with a table of steps: parameter counts that do not match, duplicate patterns. */
export function validateSpecs(specs: StepSpec[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of specs) {
    const n = parameterCount(s.en) + (s.block ? 1 : 0);
    if (parameterCount(s.zh) !== parameterCount(s.en)) problems.push(`"${s.en}": the Chinese pattern "${s.zh}" has ${parameterCount(s.zh)} parameters, the English one ${parameterCount(s.en)}`);
    if (s.run.length !== n) problems.push(`"${s.en}": the implementation takes ${s.run.length} arguments, the pattern gives ${n}`);
    if (s.zhOrder && [...s.zhOrder].sort().join() !== [...Array(s.zhOrder.length).keys()].join()) problems.push(`"${s.en}": zhOrder ${JSON.stringify(s.zhOrder)} is not a permutation`);
    for (const p of [s.en, s.zh]) {
      if (seen.has(p)) problems.push(`pattern "${p}" is defined twice`);
      seen.add(p);
    }
  }
  return problems;
}
