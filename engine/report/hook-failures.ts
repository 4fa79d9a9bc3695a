// A failed Before/After hook in the Allure result. allure-cucumberjs 3 records each hook as a
// fixture in a *-container.json (its status from the error, like a step's: "failed" for an
// assertion, "broken" otherwise) but computes the result's status from the steps alone. So a
// scenario whose After hook failed (a "throughout the scenario" check) reads "passed", and one
// whose Before hook failed (an unset ${env:X}) reads "skipped" with no message, while cucumber's
// exit code and junit say failed. Before a report is generated (a run, `kubecuke report`, a
// merge of shards' results) each result whose steps did not fail takes its first failed
// fixture's status, message and trace. The trace is kept as the hook threw it: categories
// (categories.ts) match the error's name at its start.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface StatusDetails {
  message?: string;
  trace?: string;
  [key: string]: unknown;
}

export interface Fixture {
  name?: string;
  status?: string;
  statusDetails?: StatusDetails;
  start?: number;
}

export interface Container {
  children?: string[];
  befores?: Fixture[];
  afters?: Fixture[];
}

export interface ResultStatus {
  status?: string;
  statusDetails?: StatusDetails;
}

const RED = new Set(["failed", "broken"]);

/** The hook whose failure the result must show: befores first, then afters, each by start time. */
export function firstFailedHook(containers: Container[]): { kind: "Before" | "After"; fixture: Fixture } | undefined {
  const byStart = (a: Fixture, b: Fixture) => (a.start ?? 0) - (b.start ?? 0);
  for (const kind of ["Before", "After"] as const) {
    const fixtures = containers.flatMap((c) => (kind === "Before" ? c.befores : c.afters) ?? []).sort(byStart);
    const failed = fixtures.find((f) => RED.has(f.status ?? ""));
    if (failed) return { kind, fixture: failed };
  }
  return undefined;
}

/**
 * The result's status and details with the failed hook's, or undefined when nothing changes: no
 * hook failed, or a step failed already (that failure came first and stays the one shown).
 */
export function withHookFailure(result: ResultStatus, containers: Container[]): ResultStatus | undefined {
  if (RED.has(result.status ?? "")) return undefined;
  const hook = firstFailedHook(containers);
  if (!hook) return undefined;
  const { message, trace } = hook.fixture.statusDetails ?? {};
  const where = `${hook.kind} hook "${hook.fixture.name ?? "hook"}" failed`;
  return {
    status: hook.fixture.status,
    statusDetails: { ...result.statusDetails, message: message ? `${where}: ${message}` : where, ...(trace ? { trace } : {}) },
  };
}

/** Rewrites each result a failed hook belongs to; returns how many it changed (0 on a second pass). */
export async function applyHookFailures(resultsDir: string): Promise<number> {
  const names = await readdir(resultsDir);
  const containersOf = new Map<string, Container[]>();
  for (const name of names.filter((n) => n.endsWith("-container.json"))) {
    const container = JSON.parse(await readFile(join(resultsDir, name), "utf8")) as Container;
    for (const child of container.children ?? []) containersOf.set(child, [...(containersOf.get(child) ?? []), container]);
  }
  let changed = 0;
  for (const name of names.filter((n) => n.endsWith("-result.json"))) {
    const file = join(resultsDir, name);
    const result = JSON.parse(await readFile(file, "utf8")) as ResultStatus & { uuid?: string };
    const update = withHookFailure(result, containersOf.get(result.uuid ?? "") ?? []);
    if (!update) continue;
    await writeFile(file, JSON.stringify({ ...result, ...update }));
    changed++;
  }
  return changed;
}
