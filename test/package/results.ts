// Each scenario's outcome from a run's cucumber messages (reports/messages.ndjson): the worst
// status of its steps and hooks, by scenario name.
const RANK = ["PASSED", "SKIPPED", "PENDING", "UNDEFINED", "AMBIGUOUS", "FAILED", "UNKNOWN"];

export function scenarioOutcomes(ndjson: string): Map<string, string> {
  const pickles = new Map<string, string>();
  const cases = new Map<string, string>();
  const started = new Map<string, string>();
  const worst = new Map<string, string>();
  for (const line of ndjson.split("\n")) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as Record<string, { id?: string; name?: string; pickleId?: string; testCaseId?: string; testCaseStartedId?: string; testStepResult?: { status: string } }>;
    if (m.pickle) pickles.set(m.pickle.id!, m.pickle.name!);
    if (m.testCase) cases.set(m.testCase.id!, m.testCase.pickleId!);
    if (m.testCaseStarted) started.set(m.testCaseStarted.id!, m.testCaseStarted.testCaseId!);
    if (m.testStepFinished) {
      const name = pickles.get(cases.get(started.get(m.testStepFinished.testCaseStartedId!) ?? "") ?? "") ?? "?";
      const status = m.testStepFinished.testStepResult?.status ?? "UNKNOWN";
      const was = worst.get(name) ?? "PASSED";
      worst.set(name, RANK.indexOf(status) > RANK.indexOf(was) ? status : was);
    }
  }
  return worst;
}
