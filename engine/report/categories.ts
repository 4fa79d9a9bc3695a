// Failure categories for the Allure report. Allure 3 takes the first rule whose matcher
// fits (status and a regex tested against the error message), so order matters: a timeout
// that also says "connect" is a timeout; anything red left over is an assertion failure.
// categorize() mirrors that first-match logic so the rules can be unit-tested without Allure.

export type FailureStatus = "failed" | "broken";

export interface Matcher {
  statuses: FailureStatus[];
  message?: RegExp;
}

export interface CategoryRule {
  id: string;
  name: string;
  /** Any matcher fits: status in statuses and, when given, message matches. */
  matchers: Matcher | Matcher[];
}

const RED: FailureStatus[] = ["failed", "broken"];

export const CATEGORY_RULES: CategoryRule[] = [
  {
    id: "timeouts",
    name: "Timeouts",
    // Wait errors end "(after 30 s)"; also cucumber's step timeout and generic "timed out".
    matchers: { statuses: RED, message: /wait .* \(after \d+(\.\d+)? ?s\)|timed out|time(d)? ?out after|deadline exceeded/i },
  },
  {
    id: "bad-input",
    name: "Bad input (feature, manifest or step text)",
    // Bad input errors name file:line:col and say what to fix.
    matchers: { statuses: RED, message: /[\w./-]+\.(feature|ya?ml|json):\d+(:\d+)?|Fix the |Undefined\. Implement|ambiguous step/i },
  },
  {
    id: "infrastructure",
    name: "Cluster / infrastructure errors",
    matchers: {
      statuses: RED,
      message: /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|\bconnect\b|Unauthorized|Forbidden|the server could not find|the server is currently unable|KUBECUKE_KUBECONFIG|kubectl: not found|socket hang up|certificate/i,
    },
  },
  {
    id: "assertions",
    name: "Assertion failures",
    // Allure calls only AssertionErrors "failed"; the steps' own checks throw plain Errors
    // worded "<what>: expected …, last saw …", which Allure files as "broken".
    matchers: [{ statuses: ["failed"] }, { statuses: ["broken"], message: /expected .*(last saw|got|but was)/i }],
  },
  {
    id: "broken",
    name: "Harness errors (broken)",
    matchers: { statuses: ["broken"] },
  },
];

/** The category Allure will put a result in, or undefined for passed/skipped results. */
export function categorize(status: string, message: string | undefined): CategoryRule | undefined {
  const fits = (m: Matcher) => (m.statuses as string[]).includes(status) && (m.message === undefined || m.message.test(message ?? ""));
  return CATEGORY_RULES.find((r) => (Array.isArray(r.matchers) ? r.matchers : [r.matchers]).some(fits));
}
