// CI guard: cucumber's --dry-run does not fail on undefined steps, so this runs the `dry`
// profile and fails listing every undefined or ambiguous step with file:line.
// Usage: tsx scripts/check-steps.ts [feature paths...]   (default: every feature)
import { loadConfiguration, runCucumber } from "@cucumber/cucumber/api";
import type { Envelope, GherkinDocument } from "@cucumber/messages";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";

export interface StepProblem {
  kind: "undefined" | "ambiguous";
  /** `features/x.feature:12` */
  where: string;
  text: string;
  /** For ambiguous steps: the patterns that all match. */
  matches: string[];
}

function stepLocations(doc: GherkinDocument, into: Map<string, { line: number; text: string }>): void {
  const add = (steps: readonly { id: string; location: { line: number }; keyword: string; text: string }[]): void => {
    for (const s of steps) into.set(s.id, { line: s.location.line, text: `${s.keyword.trim()} ${s.text}` });
  };
  for (const child of doc.feature?.children ?? []) {
    if (child.background) add(child.background.steps);
    if (child.scenario) add(child.scenario.steps);
    for (const rc of child.rule?.children ?? []) {
      if (rc.background) add(rc.background.steps);
      if (rc.scenario) add(rc.scenario.steps);
    }
  }
}

/** Dry-run the features and report steps with no or several matching definitions. */
export async function findStepProblems(paths: string[] = [], cwd = process.cwd()): Promise<StepProblem[]> {
  const { runConfiguration } = await loadConfiguration({ profiles: ["dry"], provided: paths.length > 0 ? { paths } : {} }, { cwd });
  const envelopes: Envelope[] = [];
  const quiet = new PassThrough().resume();
  await runCucumber(runConfiguration, { cwd, stdout: quiet, stderr: quiet }, (e) => envelopes.push(e));

  const stepsByAst = new Map<string, { line: number; text: string }>();
  const uriByPickle = new Map<string, string>();
  const astByPickleStep = new Map<string, string>();
  const patterns = new Map<string, string>();
  for (const e of envelopes) {
    if (e.gherkinDocument) stepLocations(e.gherkinDocument, stepsByAst);
    if (e.stepDefinition) patterns.set(e.stepDefinition.id, e.stepDefinition.pattern.source);
    if (e.pickle) {
      uriByPickle.set(e.pickle.id, e.pickle.uri);
      for (const s of e.pickle.steps) astByPickleStep.set(s.id, s.astNodeIds[0] ?? "");
    }
  }
  const problems = new Map<string, StepProblem>();
  for (const e of envelopes) {
    const tc = e.testCase;
    if (!tc) continue;
    for (const ts of tc.testSteps) {
      if (!ts.pickleStepId || !ts.stepDefinitionIds) continue;
      const n = ts.stepDefinitionIds.length;
      if (n === 1) continue;
      const loc = stepsByAst.get(astByPickleStep.get(ts.pickleStepId) ?? "");
      const where = `${uriByPickle.get(tc.pickleId) ?? "?"}:${loc?.line ?? "?"}`;
      // a Background step appears in every scenario: report it once
      problems.set(where, {
        kind: n === 0 ? "undefined" : "ambiguous",
        where,
        text: loc?.text ?? "?",
        matches: ts.stepDefinitionIds.map((id) => patterns.get(id) ?? id),
      });
    }
  }
  return [...problems.values()].sort((a, b) => a.where.localeCompare(b.where, undefined, { numeric: true }));
}

export function formatProblems(problems: StepProblem[]): string {
  return problems
    .map((p) =>
      p.kind === "undefined"
        ? `${p.where}: undefined step "${p.text}": no step definition matches; see docs/steps.md for the vocabulary`
        : `${p.where}: ambiguous step "${p.text}": matches ${p.matches.map((m) => `"${m}"`).join(" and ")}`,
    )
    .join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const problems = await findStepProblems(process.argv.slice(2));
  if (problems.length > 0) {
    console.error(`${problems.length} step problem(s):\n${formatProblems(problems)}`);
    process.exit(1);
  }
  console.log("check-steps: every step matches exactly one definition");
}
