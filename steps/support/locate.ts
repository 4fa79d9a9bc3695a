// Where a pickle step was written (feature file and line), for messages that point at it.
import type { GherkinDocument, Pickle, PickleStep } from "@cucumber/messages";
import { unsetEnvironment } from "../../engine/scenario/variables.ts";
import { unsetEnvironmentInFile } from "../../engine/scenario/manifest-path.ts";

type AstStep = { id: string; location: { line: number }; docString?: { location: { line: number } } };

/** The Gherkin step a pickle step came from (its first AST node), or undefined. */
function astStep(doc: GherkinDocument | undefined, step: PickleStep): AstStep | undefined {
  const id = step.astNodeIds[0];
  const feature = doc?.feature;
  if (!feature || !id) return undefined;
  const stack: unknown[] = [...feature.children];
  while (stack.length > 0) {
    const child = stack.pop() as { scenario?: { steps: AstStep[] }; background?: { steps: AstStep[] }; rule?: { children: unknown[] } };
    for (const s of [...(child.scenario?.steps ?? []), ...(child.background?.steps ?? [])]) if (s.id === id) return s;
    if (child.rule) stack.push(...child.rule.children);
  }
  return undefined;
}

/** Line of the Gherkin step a pickle step came from, or undefined. */
export function stepLine(doc: GherkinDocument | undefined, step: PickleStep): number | undefined {
  return astStep(doc, step)?.location.line;
}

/** Line of the step's doc string's opening delimiter (its first content line is the next), or undefined. */
export function docStringLine(doc: GherkinDocument | undefined, step: PickleStep): number | undefined {
  return astStep(doc, step)?.docString?.location.line;
}

export function stepWhere(pickle: Pickle, doc: GherkinDocument | undefined, step: PickleStep): string {
  const line = stepLine(doc, step);
  return line === undefined ? pickle.uri : `${pickle.uri}:${line}`;
}

/** The scenario's tags (its feature's and rule's too), each with `file:line` of where it is written. */
export function tagsWithPlace(pickle: Pickle, doc: GherkinDocument | undefined): Array<{ name: string; where: string }> {
  const lines = new Map<string, number>();
  type Tagged = { tags?: ReadonlyArray<{ id: string; location: { line: number } }> };
  const add = (node: Tagged | undefined): void => {
    for (const t of node?.tags ?? []) lines.set(t.id, t.location.line);
  };
  add(doc?.feature);
  const stack: unknown[] = [...(doc?.feature?.children ?? [])];
  while (stack.length > 0) {
    const child = stack.pop() as { scenario?: Tagged & { examples: Tagged[] }; rule?: Tagged & { children: unknown[] } };
    add(child.scenario);
    for (const e of child.scenario?.examples ?? []) add(e);
    add(child.rule);
    if (child.rule) stack.push(...child.rule.children);
  }
  return pickle.tags.map((t) => {
    const line = lines.get(t.astNodeId);
    return { name: t.name, where: line === undefined ? pickle.uri : `${pickle.uri}:${line}` };
  });
}

/** Steps that quote another step: their text is checked when that step runs, not before. */
const QUOTES_A_STEP = /^(the step "|步骤 ")/;

/**
 * `${env:NAME}` references to unset variables anywhere in the scenario (step text, doc strings,
 * tables, and the manifest files its steps apply or stage), as "file:line: NAME": checked before
 * any cluster work.
 */
export function unsetEnvironmentIn(pickle: Pickle, doc: GherkinDocument | undefined, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const step of pickle.steps) {
    if (QUOTES_A_STEP.test(step.text)) continue;
    const texts = [step.text, step.argument?.docString?.content ?? "", ...(step.argument?.dataTable?.rows.flatMap((r) => r.cells.map((c) => c.value)) ?? [])];
    const where = stepWhere(pickle, doc, step);
    for (const name of new Set(texts.flatMap((t) => unsetEnvironment(t, env, where)))) problems.push(`${where}: \${env:${name}} (step "${step.text}")`);
    const file = manifestNamedBy(step.text);
    if (file) for (const p of unsetEnvironmentInFile(file, env)) problems.push(`${p} (the manifest named at ${where}, step "${step.text}")`);
  }
  return problems;
}

/** The manifest file steps such as `I apply the manifest "app.yaml"` read (English and Chinese). */
const NAMES_A_MANIFEST = /^(?:I apply the manifest|the manifest|applying the manifest|我应用清单|工作目录中有清单|应用清单) "([^"]+)"/;

/** The file a step names, when it is one of kubecuke's manifest-file steps. */
export function manifestNamedBy(text: string): string | undefined {
  return NAMES_A_MANIFEST.exec(text)?.[1];
}
