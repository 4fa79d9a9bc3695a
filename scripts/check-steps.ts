// CI guard: cucumber's --dry-run does not fail on undefined steps, so this runs the `dry`
// profile and fails listing every undefined or ambiguous step with file:line.
// Usage: tsx scripts/check-steps.ts [feature paths...]   (default: every feature)
import { loadConfiguration, runCucumber } from "@cucumber/cucumber/api";
import type { Envelope, GherkinDocument } from "@cucumber/messages";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

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

/**
 * The ```gherkin examples of README.md and docs/ (the generated catalog aside), as feature files
 * in `dir`: a new user copies them, so their steps must exist. Inline `# notes` are dropped. An
 * example whose first line is `# with your own steps` shows steps a team defines itself
 * (docs/own-steps.md) and is left out.
 * Returns feature file → the doc file and line of its first step line.
 */
export function docExamples(cwd: string, dir: string): Map<string, { doc: string; line: number }> {
  const out = new Map<string, { doc: string; line: number }>();
  const docs = ["README.md", ...readdirSync(path.join(cwd, "docs")).filter((f) => f.endsWith(".md") && f !== "steps.md").map((f) => `docs/${f}`)];
  for (const doc of docs) {
    const lines = readFileSync(path.join(cwd, doc), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]?.trim() !== "```gherkin") continue;
      const start = i + 1;
      const body: string[] = [];
      for (i = start; i < lines.length && lines[i]?.trim() !== "```"; i++) body.push(lines[i] ?? "");
      if (body[0]?.trim().startsWith("# with your own steps")) continue;
      let inDocString = false;
      const steps = body.map((l) => {
        if (l.trim() === '"""') inDocString = !inDocString;
        return inDocString || l.trim() === '"""' ? l : l.replace(/\s+#\s.*$/, "");
      });
      const isFeature = steps.some((l) => /^\s*(Feature|功能):/.test(l));
      const text = isFeature ? steps.join("\n") : ["Feature: documentation example", `  Scenario: ${doc}:${start + 1}`, ...steps.map((l) => `    ${l}`)].join("\n");
      const file = path.join(dir, `${doc.replace(/[/.]/g, "_")}-${start + 1}.feature`);
      writeFileSync(file, `${text}\n`);
      out.set(file, { doc, line: start + 1 });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const given = process.argv.slice(2);
  const tmp = mkdtempSync(path.join(tmpdir(), "kubecuke-doc-examples-"));
  try {
    const examples = given.length > 0 ? new Map() : docExamples(process.cwd(), tmp);
    const paths = given.length > 0 ? given : ["features/**/*.feature", ...examples.keys()];
    // a documentation example is reported at its place in the doc, not in the temporary file
    const problems = (await findStepProblems(paths)).map((p) => {
      const [file, line] = [p.where.slice(0, p.where.lastIndexOf(":")), Number(p.where.slice(p.where.lastIndexOf(":") + 1))];
      const ex = examples.get(path.resolve(file)) ?? examples.get(file);
      return ex ? { ...p, where: `${ex.doc}:${ex.line + line - 3}` } : p;
    });
    if (problems.length > 0) {
      console.error(`${problems.length} step problem(s):\n${formatProblems(problems)}`);
      process.exit(1);
    }
    console.log(`check-steps: every step matches exactly one definition (features and ${examples.size} examples in README.md and docs/)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
