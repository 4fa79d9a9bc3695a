// Where a run's time goes, measured, not estimated: each phase the runner times itself, and
// cucumber's own part split by the timestamps of its message stream (load, workers' start,
// scenarios, the end). Printed at the end of every run and put in the report's environment.

/**
 * The names the runner's phases carry in the table and in phases.json (bench and tests read them:
 * keep them stable). The cucumber part's names come from cucumberPhases below.
 */
export const PHASE = {
  start: "start (settings, profile)",
  selection: "scenario selection",
  clusterUp: "cluster up",
  images: "images",
  environment: "environment info",
  sweep: "sweep of dead runs",
  suiteSetup: "suite setup",
  readRole: "scenario read role",
  suiteSetupRemoval: "suite setup removal",
  documentation: "documentation",
  runCleanup: "run cleanup",
  runCleanupApart: "run cleanup (deletes; waits apart)",
  report: "report (beside the ending)",
  clusterEnding: "cluster ending",
} as const;

export interface Phase {
  name: string;
  ms: number;
}

export class PhaseClock {
  readonly phases: Phase[] = [];
  private readonly started: number;

  /** `origin`: when the total starts (epoch ms); a runner passes its process's start, performance.timeOrigin. */
  constructor(origin = Date.now()) {
    this.started = origin;
  }

  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      this.add(name, Date.now() - t);
    }
  }

  add(name: string, ms: number): void {
    this.phases.push({ name, ms });
  }

  /** Aligned lines, one per phase, then the wall time since the clock started. */
  table(): string {
    const width = Math.max(...this.phases.map((p) => p.name.length), 10);
    const lines = this.phases.map((p) => `  ${p.name.padEnd(width)} ${(p.ms / 1000).toFixed(2).padStart(7)} s`);
    return [...lines, `  ${"total (wall)".padEnd(width)} ${((Date.now() - this.started) / 1000).toFixed(2).padStart(7)} s`].join("\n");
  }

  /** For environment.properties: "Run phase: <name>" = "1.23 s". */
  properties(): Record<string, string> {
    return Object.fromEntries(this.phases.map((p) => [`Run phase: ${p.name}`, `${(p.ms / 1000).toFixed(2)} s`]));
  }
}

interface Stamp {
  seconds: number;
  nanos: number;
}
const ms = (t: Stamp): number => t.seconds * 1000 + Math.floor(t.nanos / 1e6);

/**
 * Cucumber's part of a run from its message stream (messages.ndjson) and the times the runner
 * started and saw the end of the cucumber process. Pure: unit tested.
 */
export function cucumberPhases(ndjson: string, processStart: number, processEnd: number): Phase[] {
  let runStarted: number | undefined;
  let firstCase: number | undefined;
  let runFinished: number | undefined;
  for (const line of ndjson.split("\n")) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as { testRunStarted?: { timestamp: Stamp }; testCaseStarted?: { timestamp: Stamp }; testRunFinished?: { timestamp: Stamp } };
    if (m.testRunStarted) runStarted = ms(m.testRunStarted.timestamp);
    if (m.testCaseStarted && firstCase === undefined) firstCase = ms(m.testCaseStarted.timestamp);
    if (m.testRunFinished) runFinished = ms(m.testRunFinished.timestamp);
  }
  if (runStarted === undefined || runFinished === undefined) return [{ name: "cucumber", ms: processEnd - processStart }];
  const first = firstCase ?? runFinished;
  return [
    { name: "cucumber load", ms: runStarted - processStart },
    { name: "workers' start", ms: first - runStarted },
    { name: "scenarios", ms: runFinished - first },
    { name: "cucumber end", ms: processEnd - runFinished },
  ];
}
