// Runs the real scenario runner (scripts/scenarios.ts) as users do, with its outputs in a
// directory of the test's own, and reads back what cucumber said about each scenario.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { RUN_LABEL } from "../../engine/kube/labels.ts";
import { localLayout } from "../../engine/cluster/local/layout.ts";
import { localPlacement } from "../../engine/cluster/registry.ts";
import { inheritedEnv, loadSettings } from "../../engine/settings/env.ts";
import { makeClients } from "../../engine/kube/client.ts";
import { watchUntil } from "../../engine/wait/watch.ts";
import type { RealCluster } from "./support.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A directory removed after the test file: run kubeconfigs in it carry the cluster's admin key. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * PATH for the runner: extra directories first, then the server-matched kubectl (what the local
 * provider would put there; a kind user brings their own), then ours. Never /usr/bin/kubectl first.
 */
export function runnerPath(...first: string[]): string {
  const kubectlDir = localLayout("local", localPlacement(loadSettings().cluster)).binDir;
  const dirs = existsSync(path.join(kubectlDir, "kubectl")) ? [...first, kubectlDir] : first;
  return [...dirs, inheritedEnv().PATH ?? ""].join(path.delimiter);
}

/** The cache the user's settings name (KUBECUKE_CACHE): a test's runner reuses built images. */
export function cacheDir(): string {
  return loadSettings().cluster.cacheDir;
}

export interface ScenarioOutcome {
  name: string;
  /** The worst step status: PASSED only when every step passed. */
  status: string;
  /** From the "scenario" attachment the Before hook writes. */
  namespace?: string;
  startedAt: number;
}

export interface RunnerRun {
  exitCode: number | undefined;
  /** stdout and stderr interleaved, for assertion messages. */
  output: string;
  seconds: number;
  scenarios: ScenarioOutcome[];
}

/** `npx tsx scripts/scenarios.ts <args>` in the repository, outputs under reportsDir. */
export async function runScenarios(args: string[], env: NodeJS.ProcessEnv, reportsDir: string): Promise<RunnerRun> {
  const started = Date.now();
  const r = await execa("npx", ["tsx", "scripts/scenarios.ts", ...args], {
    cwd: repoRoot,
    env: { ...env, KUBECUKE_REPORTS_DIR: reportsDir, KUBECUKE_CACHE: cacheDir(), NO_COLOR: "1" },
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 600_000,
  });
  const messages = path.join(reportsDir, "messages.ndjson");
  return {
    exitCode: r.exitCode,
    output: String(r.all ?? ""),
    seconds: (Date.now() - started) / 1000,
    scenarios: existsSync(messages) ? scenarioOutcomes(readFileSync(messages, "utf8")) : [],
  };
}

const RANK = ["PASSED", "SKIPPED", "PENDING", "UNDEFINED", "AMBIGUOUS", "FAILED", "UNKNOWN"];

/** Per scenario (test case attempt) of a cucumber message stream: name, worst step status, namespace. */
export function scenarioOutcomes(ndjson: string): ScenarioOutcome[] {
  const pickleNames = new Map<string, string>();
  const caseToPickle = new Map<string, string>();
  const outcomes = new Map<string, ScenarioOutcome>();
  for (const line of ndjson.split("\n")) {
    if (line.trim() === "") continue;
    // Cucumber's message envelope: one known key per line; only the fields read below are typed.
    const m = JSON.parse(line) as Envelope;
    if (m.pickle) pickleNames.set(m.pickle.id, m.pickle.name);
    if (m.testCase) caseToPickle.set(m.testCase.id, m.testCase.pickleId);
    if (m.testCaseStarted) {
      const name = pickleNames.get(caseToPickle.get(m.testCaseStarted.testCaseId) ?? "") ?? "?";
      outcomes.set(m.testCaseStarted.id, { name, status: "PASSED", startedAt: m.testCaseStarted.timestamp.seconds * 1000 + Math.floor(m.testCaseStarted.timestamp.nanos / 1e6) });
    }
    const o = outcomes.get(m.testStepFinished?.testCaseStartedId ?? m.attachment?.testCaseStartedId ?? "");
    if (o && m.testStepFinished) {
      const s = m.testStepFinished.testStepResult.status;
      if (RANK.indexOf(s) > RANK.indexOf(o.status)) o.status = s;
    }
    const a = m.attachment;
    if (o && a && /^scenario(\.txt)?$/.test(a.fileName ?? "")) o.namespace = /^namespace: (\S+)/m.exec(a.body)?.[1];
  }
  return [...outcomes.values()];
}

interface Envelope {
  pickle?: { id: string; name: string };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string; timestamp: { seconds: number; nanos: number } };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string } };
  attachment?: { testCaseStartedId?: string; fileName?: string; body: string };
}

/**
 * Watches the namespaces labelled with the run id until none is left; returns how long that
 * took. On timeout names those still there and their phase.
 */
export async function waitRunNamespacesGone(c: RealCluster, runId: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = "";
  try {
    await watchUntil(makeClients(c.kubeconfig, c.context), { apiVersion: "v1", kind: "Namespace", namespace: "", labelSelector: `${RUN_LABEL}=${runId}` }, {
      timeoutMs,
      evaluate: (objs) => {
        last = [...objs.values()].map((n) => `${n.metadata?.name ?? "?"} (${(n as { status?: { phase?: string } }).status?.phase ?? "?"})`).join(", ");
        return objs.size === 0 ? { done: true } : undefined;
      },
    });
  } catch (cause) {
    throw new Error(`wait Namespace -l ${RUN_LABEL}=${runId}: expected none left, last saw ${last} (after ${((Date.now() - started) / 1000).toFixed(0)} s)`, { cause });
  }
  return Date.now() - started;
}
