// One feature as a document: its text as the file says it now, each scenario joined with what
// the last run did for the same scenario (same file, name and steps), or marked "not run".
import type { Background, DataTable, DocString, Feature, FeatureChild, GherkinDocument, Pickle, Scenario, Step } from "./messages.ts";
import { pageName, scenarioAnchors } from "./naming.ts";
import { pickleKey, worst, type CaseOutcome, type HookOutcome, type Mark, type RunResults, type StepOutcome } from "./results.ts";

/** A feature file as it is now (parsed by the caller), or as the run read it when the file is gone. */
export interface FeatureSource {
  uri: string;
  document: GherkinDocument;
  pickles: Pickle[];
}

export interface DocStep {
  keyword: string;
  text: string;
  docString?: DocString;
  dataTable?: DataTable;
  outcome?: StepOutcome;
}

/** One execution of a scenario (an outline has one per example row). */
export interface ScenarioRun {
  /** the example row's values, for outlines */
  row?: string[];
  mark: Mark;
  background: DocStep[];
  steps: DocStep[];
  hooks: HookOutcome[];
  attempts: number;
}

export interface DocScenario {
  kind: "scenario";
  anchor: string;
  keyword: string;
  name: string;
  description: string;
  tags: string[];
  steps: DocStep[];
  examples?: { name: string; header: string[] };
  runs: ScenarioRun[];
  mark: Mark;
}

export type Block =
  | { kind: "rule"; keyword: string; name: string; description: string }
  | { kind: "background"; keyword: string; name: string; description: string; steps: DocStep[]; marks: Mark[] }
  | DocScenario;

export interface DocFeature {
  uri: string;
  page: string;
  language: string;
  keyword: string;
  name: string;
  description: string;
  tags: string[];
  blocks: Block[];
  scenarios: DocScenario[];
  /** counts over executions (example rows count one each) */
  counts: Record<Mark, number>;
}

const docStep = (s: Step, outcome?: StepOutcome): DocStep => ({ keyword: s.keyword, text: s.text, docString: s.docString, dataTable: s.dataTable, outcome });

/** Run outcomes by pickle key; a key met twice (identical rows) is handed out in order. */
export function outcomesByKey(run: RunResults): Map<string, CaseOutcome[]> {
  const out = new Map<string, CaseOutcome[]>();
  for (const c of run.cases) out.set(pickleKey(c.pickle), [...(out.get(pickleKey(c.pickle)) ?? []), c]);
  return out;
}

export function buildFeature(src: FeatureSource, byKey: Map<string, CaseOutcome[]>): DocFeature | undefined {
  const feature: Feature | undefined = src.document.feature;
  if (!feature) return undefined;
  const anchors = scenarioAnchors(feature.children);
  const taken = new Map<string, number>();
  const caseFor = (p: Pickle): CaseOutcome | undefined => {
    const key = pickleKey(p);
    const i = taken.get(key) ?? 0;
    taken.set(key, i + 1);
    return byKey.get(key)?.[i];
  };
  const picklesOf = new Map<string, Pickle[]>();
  for (const p of src.pickles) picklesOf.set(p.astNodeIds[0]!, [...(picklesOf.get(p.astNodeIds[0]!) ?? []), p]);

  const blocks: Block[] = [];
  const scenarios: DocScenario[] = [];
  const visit = (children: readonly FeatureChild[], background: Background[]) => {
    const own = [...background];
    for (const c of children) {
      if (c.background) {
        own.push(c.background);
        blocks.push({ kind: "background", keyword: c.background.keyword, name: c.background.name, description: c.background.description, steps: c.background.steps.map((s) => docStep(s)), marks: [] });
      } else if (c.rule) {
        blocks.push({ kind: "rule", keyword: c.rule.keyword, name: c.rule.name, description: c.rule.description });
        visit(c.rule.children, own);
      } else if (c.scenario) {
        const s = buildScenario(c.scenario, anchors.get(c.scenario.id) ?? c.scenario.id, picklesOf.get(c.scenario.id) ?? [], own, caseFor);
        blocks.push(s);
        scenarios.push(s);
      }
    }
  };
  visit(feature.children, []);
  // a Background's mark: the worst over the scenarios that ran it
  for (const b of blocks) {
    if (b.kind !== "background") continue;
    b.steps.forEach((step, i) => {
      const outcomes = scenarios.flatMap((s) => s.runs.map((r) => r.background[i]?.outcome)).filter((o): o is StepOutcome => !!o && o.mark !== "not-run");
      b.marks[i] = outcomes.length ? worst(outcomes.map((o) => o.mark)) : "not-run";
      step.outcome = outcomes.find((o) => o.mark === "failed") ?? outcomes[0];
    });
  }
  const counts: Record<Mark, number> = { passed: 0, failed: 0, skipped: 0, "not-run": 0 };
  for (const s of scenarios) for (const r of s.runs) counts[r.mark]++;
  return { uri: src.uri, page: pageName(src.uri), language: feature.language, keyword: feature.keyword, name: feature.name, description: feature.description, tags: feature.tags.map((t) => t.name), blocks, scenarios, counts };
}

function buildScenario(sc: Scenario, anchor: string, pickles: Pickle[], background: Background[], caseFor: (p: Pickle) => CaseOutcome | undefined): DocScenario {
  const bgSteps = background.flatMap((b) => b.steps);
  const bgIds = new Set(bgSteps.map((s) => s.id));
  const rows = new Map<string, string[]>();
  for (const ex of sc.examples ?? []) for (const r of ex.tableBody) if (r.id) rows.set(r.id, r.cells.map((c) => c.value));
  const runs: ScenarioRun[] = pickles.map((p) => {
    const outcome = caseFor(p);
    // the run's pickle has the same steps in the same order (that is how it was matched), its own ids
    const stepOutcome = (id: string) => {
      const i = p.steps.findIndex((ps) => ps.id === id);
      const runStep = outcome?.pickle.steps[i];
      return runStep ? outcome.steps.get(runStep.id) : undefined;
    };
    return {
      row: p.astNodeIds[1] ? rows.get(p.astNodeIds[1]) : undefined,
      mark: outcome?.mark ?? "not-run",
      background: p.steps.filter((ps) => bgIds.has(ps.astNodeIds[0]!)).map((ps) => {
        const ast = bgSteps.find((s) => s.id === ps.astNodeIds[0])!;
        return docStep(ast, stepOutcome(ps.id));
      }),
      steps: p.steps.filter((ps) => !bgIds.has(ps.astNodeIds[0]!)).map((ps) => {
        const ast = sc.steps.find((s) => s.id === ps.astNodeIds[0]);
        // an outline's row fills the placeholders: show the pickled text and argument
        const arg = ps.argument;
        return {
          keyword: ast?.keyword ?? "* ",
          text: ps.text,
          docString: arg?.docString,
          dataTable: arg?.dataTable ? { rows: arg.dataTable.rows } : undefined,
          outcome: stepOutcome(ps.id),
        };
      }),
      hooks: outcome?.hooks ?? [],
      attempts: outcome?.attempts ?? 0,
    };
  });
  const ex = sc.examples?.[0];
  const outline = (sc.examples?.length ?? 0) > 0;
  return {
    kind: "scenario",
    anchor,
    keyword: sc.keyword,
    name: sc.name,
    description: sc.description,
    tags: sc.tags.map((t) => t.name),
    // a plain scenario shows its one run's outcome on its own steps
    steps: outline ? sc.steps.map((s) => docStep(s)) : (runs[0]?.steps ?? sc.steps.map((s) => docStep(s))),
    examples: outline && ex ? { name: ex.name, header: ex.tableHeader?.cells.map((c) => c.value) ?? [] } : undefined,
    runs,
    mark: runs.length ? worst(runs.map((r) => r.mark)) : "not-run",
  };
}
