// Failure categories for the Allure report, by the error's type. Every error the harness throws
// on purpose is a KubecukeError whose name comes from its category (engine/errors.ts), and the
// name starts the trace Allure receives ("KubecukeTimeoutError: wait …"; cucumber formats the
// stack, allure-cucumberjs passes it on). Rules match that name, never the wording of a message;
// wording is used only for errors that are not ours (cucumber's step timeout, undefined steps).
// Allure 3 takes the first rule whose matcher fits; categorize() mirrors that for unit tests.
import { ERROR_NAMES, type ErrorCategory } from "../errors.ts";

export type FailureStatus = "failed" | "broken";

export interface Matcher {
  statuses: FailureStatus[];
  message?: RegExp;
  trace?: RegExp;
}

export interface CategoryRule {
  id: string;
  name: string;
  /** Any matcher fits: status in statuses and, when given, message and trace match. */
  matchers: Matcher | Matcher[];
}

const RED: FailureStatus[] = ["failed", "broken"];

/** The trace starts with the name of an error of this category. */
function typed(category: ErrorCategory): Matcher {
  return { statuses: RED, trace: new RegExp(`^${ERROR_NAMES[category]}\\b`) };
}

/** An error that is not ours: its trace starts with some other name ("Error: function timed out"). */
const FOREIGN = new RegExp(`^(?!(?:${Object.values(ERROR_NAMES).join("|")})\\b)`);

export const CATEGORY_RULES: CategoryRule[] = [
  {
    id: "timeouts",
    name: "Timeouts",
    // cucumber's own step timeout: "function timed out, ensure the promise resolves within …"
    matchers: [typed("timeout"), { statuses: RED, trace: FOREIGN, message: /function timed out, ensure the (promise|callback)/ }],
  },
  {
    id: "cannot-happen",
    name: "Cannot happen (a wait stopped early)",
    matchers: typed("cannot-happen"),
  },
  {
    id: "bad-input",
    name: "Bad input (feature, manifest, step text or setting)",
    // cucumber's undefined and ambiguous steps (npm test's step guard usually catches them first)
    matchers: [typed("bad-input"), { statuses: RED, trace: FOREIGN, message: /Undefined\. Implement with|doesn't have an implementation|Multiple step definitions match/ }],
  },
  {
    id: "infrastructure",
    name: "Cluster / infrastructure errors",
    matchers: typed("infrastructure"),
  },
  {
    id: "assertions",
    name: "Assertion failures",
    // our AssertionFailure and node:assert share the name; other libraries' assertions Allure calls "failed"
    matchers: [typed("assertion"), { statuses: ["failed"], trace: FOREIGN }],
  },
  {
    id: "interrupted",
    name: "Interrupted (the run was stopped)",
    matchers: typed("interrupted"),
  },
  {
    id: "broken",
    name: "Harness errors (bugs)",
    // ours, and anything unexpected (a TypeError): an error nobody typed is a harness bug
    matchers: [typed("harness"), { statuses: RED }],
  },
];

/** Which rule id files each error category; a unit test keeps it in step with CATEGORY_RULES. */
export const RULE_OF_CATEGORY: Readonly<Record<ErrorCategory, string>> = {
  timeout: "timeouts",
  "cannot-happen": "cannot-happen",
  "bad-input": "bad-input",
  infrastructure: "infrastructure",
  assertion: "assertions",
  interrupted: "interrupted",
  harness: "broken",
};

export interface CategoryInput {
  status: string;
  message?: string;
  trace?: string;
}

/** The category Allure will put a result in, or undefined for passed/skipped results. */
export function categorize(result: CategoryInput): CategoryRule | undefined {
  const fits = (m: Matcher) =>
    (m.statuses as string[]).includes(result.status) &&
    (m.message === undefined || m.message.test(result.message ?? "")) &&
    (m.trace === undefined || m.trace.test(result.trace ?? ""));
  return CATEGORY_RULES.find((r) => (Array.isArray(r.matchers) ? r.matchers : [r.matchers]).some(fits));
}
