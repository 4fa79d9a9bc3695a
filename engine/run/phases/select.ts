// The run's select phase, the engine side: what cucumber selected (read once, by the script's
// side of the run: scripts/run-arguments.ts) becomes the number of workers and whether cucumber
// runs in this process; the team's images are checked before any cluster work, since a wrong
// path needs no cluster to be found.
import { describeError } from "../../errors.ts";
import { resolveTeamImages } from "../../cluster/run-images.ts";
import { PHASE } from "../../report/phases.ts";
import type { RunContext } from "./context.ts";

/** One scenario the run's arguments select, with the tags it carries (the suite setup reads them). */
export interface SelectedScenario {
  scenario: string;
  tags: string[];
}

/** cucumber's selection, read once per run. */
export interface Selection {
  scenarios: readonly SelectedScenario[];
  /** How long reading it took (it happens before the run's clock is made). */
  ms: number;
  /** The arguments cucumber gets. */
  cucumberArgs: readonly string[];
  /** The configuration's order (profile and arguments): longest first only when none was chosen. */
  order: string | undefined;
}

export interface Chosen extends Selection {
  workers: number;
  /** One worker and no --parallel of the user's: cucumber in this process (cucumber.ts). */
  here: boolean;
}

/** No more workers than scenarios (each worker loads the step code before the first one runs). */
export function workersFor(asked: number | undefined, scenarios: number): number {
  return Math.max(1, Math.min(asked ?? 1, scenarios));
}

/** cucumber's own --parallel on the command line: its processes, as the user asked. */
export function parallelAsked(cucumberArgs: readonly string[]): boolean {
  return cucumberArgs.some((a) => a === "--parallel" || a.startsWith("--parallel="));
}

/** The select phase: the start and the selection timed, the workers chosen; an exit code (2) for a team image that is not there. */
export async function select(run: RunContext, selection: Selection): Promise<Chosen | { exitCode: number }> {
  run.clock.add(PHASE.start, Math.max(0, Math.round(performance.now()) - selection.ms));
  run.clock.add(PHASE.selection, selection.ms);
  const { cluster } = run.settings;
  try {
    await resolveTeamImages(cluster.images, run.root, cluster.provider, cluster.imagesSource);
  } catch (err) {
    run.log(`[kubecuke] ${describeError(err)}`);
    return { exitCode: 2 };
  }
  const workers = workersFor(run.settings.scenarios.workers, selection.scenarios.length);
  return { ...selection, workers, here: workers === 1 && !parallelAsked(selection.cucumberArgs) };
}
