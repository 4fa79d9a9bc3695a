// The last run's results, joined by id: pickle → test case → its final attempt → each step's
// result and attachments. Everything shown passes through the report's redaction again.
import { redact } from "../report/redact.ts";
import { toDate, type Envelope, type Pickle, type TestStepResult } from "./messages.ts";

/** What a reader is told about a step or a scenario. */
export type Mark = "passed" | "failed" | "skipped" | "not-run";

export interface ShownAttachment {
  name: string;
  mediaType: string;
  body: string;
}

export interface StepOutcome {
  mark: Mark;
  /** cucumber's own status (PASSED, FAILED, UNDEFINED, …) */
  status: string;
  /** The failure's message, redacted, without the stack. */
  message?: string;
  durationMs: number;
  attachments: ShownAttachment[];
}

export interface HookOutcome extends StepOutcome {
  name: string;
}

export interface CaseOutcome {
  pickle: Pickle;
  mark: Mark;
  /** by pickle step id */
  steps: Map<string, StepOutcome>;
  /** hooks that failed or attached something */
  hooks: HookOutcome[];
  attempts: number;
}

export interface RunResults {
  started?: Date;
  finished?: Date;
  success?: boolean;
  cucumber?: string;
  /** source text by uri, as the run read it */
  sources: Map<string, string>;
  cases: CaseOutcome[];
}

// Allure's runtime API (allure.parameter, allure.link) travels as attachments: not the cluster's output.
const INTERNAL_MEDIA = new Set(["application/vnd.allure.message+json"]);

export function markOf(status: string): Mark {
  switch (status) {
    case "PASSED":
      return "passed";
    case "SKIPPED":
      return "skipped";
    case "UNKNOWN":
      return "not-run";
    default:
      // FAILED, UNDEFINED, AMBIGUOUS, PENDING: the step did not do what the text says
      return "failed";
  }
}

/** The worst of several marks: failed > skipped > not-run > passed. */
export function worst(marks: Mark[]): Mark {
  for (const m of ["failed", "skipped", "not-run"] as const) if (marks.includes(m)) return m;
  return marks.length ? "passed" : "not-run";
}

export function failureMessage(r: TestStepResult): string | undefined {
  if (r.status === "PASSED" || r.status === "SKIPPED") return undefined;
  const text = r.exception?.message ?? r.message ?? (r.status === "UNDEFINED" ? "undefined step: no step definition matches this text" : undefined);
  if (text === undefined) return r.status.toLowerCase();
  // the stack's frames say where in the harness, not what the cluster did
  const frames = text.search(/\n\s+at /);
  return redact(frames > 0 ? text.slice(0, frames) : text).trim();
}

function decode(a: NonNullable<Envelope["attachment"]>): ShownAttachment | undefined {
  if (INTERNAL_MEDIA.has(a.mediaType)) return undefined;
  const name = a.fileName ?? a.mediaType;
  const textual = /^text\/|\/(json|yaml|x-yaml|xml)$|\+(json|xml)$/.test(a.mediaType);
  if (!textual) return { name, mediaType: a.mediaType, body: `(${a.mediaType}, not shown)` };
  const body = a.contentEncoding === "BASE64" ? Buffer.from(a.body, "base64").toString("utf8") : a.body;
  return { name, mediaType: a.mediaType, body: redact(body) };
}

const ms = (d?: { seconds: number; nanos: number }) => (d ? d.seconds * 1000 + d.nanos / 1e6 : 0);

export function joinResults(envelopes: Envelope[]): RunResults {
  const run: RunResults = { sources: new Map(), cases: [] };
  const pickles = new Map<string, Pickle>();
  const hooks = new Map<string, string>();
  const testCases = new Map<string, NonNullable<Envelope["testCase"]>>();
  // per test case: its attempts in order, each with results and attachments by test step id
  interface Attempt { attempt: number; results: Map<string, TestStepResult>; attachments: Map<string, ShownAttachment[]> }
  const attempts = new Map<string, Attempt[]>();
  const attemptById = new Map<string, Attempt>();
  for (const e of envelopes) {
    if (e.meta?.implementation) run.cucumber = `${e.meta.implementation.name} ${e.meta.implementation.version}`;
    else if (e.source) run.sources.set(e.source.uri, e.source.data);
    else if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    else if (e.hook) hooks.set(e.hook.id, e.hook.name ?? e.hook.type ?? "hook");
    else if (e.testRunStarted) run.started = toDate(e.testRunStarted.timestamp);
    else if (e.testRunFinished) {
      run.finished = toDate(e.testRunFinished.timestamp);
      run.success = e.testRunFinished.success;
    } else if (e.testCase) testCases.set(e.testCase.id, e.testCase);
    else if (e.testCaseStarted) {
      const a: Attempt = { attempt: e.testCaseStarted.attempt ?? 0, results: new Map(), attachments: new Map() };
      attemptById.set(e.testCaseStarted.id, a);
      attempts.set(e.testCaseStarted.testCaseId, [...(attempts.get(e.testCaseStarted.testCaseId) ?? []), a]);
    } else if (e.testStepFinished) {
      attemptById.get(e.testStepFinished.testCaseStartedId)?.results.set(e.testStepFinished.testStepId, e.testStepFinished.testStepResult);
    } else if (e.attachment?.testCaseStartedId && e.attachment.testStepId) {
      const a = attemptById.get(e.attachment.testCaseStartedId);
      const shown = decode(e.attachment);
      if (a && shown) a.attachments.set(e.attachment.testStepId, [...(a.attachments.get(e.attachment.testStepId) ?? []), shown]);
    }
  }
  for (const tc of testCases.values()) {
    const pickle = pickles.get(tc.pickleId);
    const tries = (attempts.get(tc.id) ?? []).sort((a, b) => a.attempt - b.attempt);
    const last = tries.at(-1);
    if (!pickle) continue;
    const outcome: CaseOutcome = { pickle, mark: "not-run", steps: new Map(), hooks: [], attempts: tries.length };
    for (const ts of tc.testSteps) {
      const r = last?.results.get(ts.id);
      const step: StepOutcome = {
        mark: r ? markOf(r.status) : "not-run",
        status: r?.status ?? "UNKNOWN",
        message: r ? failureMessage(r) : undefined,
        durationMs: ms(r?.duration),
        attachments: last?.attachments.get(ts.id) ?? [],
      };
      if (ts.pickleStepId) outcome.steps.set(ts.pickleStepId, step);
      else if (ts.hookId && (step.mark === "failed" || step.attachments.length)) outcome.hooks.push({ ...step, name: hooks.get(ts.hookId) ?? "hook" });
    }
    // steps without a result in a started attempt (an interrupted run) do not hide what the others did
    const ran = [...outcome.steps.values(), ...outcome.hooks].map((s) => s.mark).filter((m) => m !== "not-run");
    outcome.mark = ran.length ? worst(ran) : "not-run";
    run.cases.push(outcome);
  }
  return run;
}

/** A pickle's identity across runs and edits: file, name and every step as written. */
export function pickleKey(p: Pickle): string {
  const steps = p.steps.map((s) => [s.text, s.argument?.docString?.content ?? "", JSON.stringify(s.argument?.dataTable?.rows.map((r) => r.cells.map((c) => c.value)) ?? [])].join("\u0001"));
  return [p.uri, p.name, ...steps].join("\u0000");
}
