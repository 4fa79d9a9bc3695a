// bench:run's side-by-side with chainsaw (`--compare-chainsaw BIN`): the same five tutorial tests
// as chainsaw YAML (bench/chainsaw/), run by chainsaw on the same cluster, in rounds that alternate
// with kubecuke's, so a change in the machine's load falls on both. Each tool waits for its own
// cleanup as it does in CI: chainsaw deletes what it applied and its namespaces and awaits them
// (its default); kubecuke runs as in CI (CI=1: the report waited for, the objects in its
// namespaces deleted and awaited, the emptied namespaces left to Kubernetes). Between two rounds
// the bench waits, untimed, until kubecuke's namespaces are gone too, so chainsaw's round does not
// share the namespace controller with kubecuke's leftovers.
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { makeClients } from "../engine/kube/client.ts";
import { runNamespacesGone } from "../engine/run/sweep.ts";
import { BadInputError, TimeoutError } from "../engine/errors.ts";

export const CHAINSAW_SUITE = "bench/chainsaw";
/** The local provider's admin kubeconfig: chainsaw's cluster, where the bench also awaits kubecuke's namespaces (kubecuke takes its cluster from its own settings: the local one by default). */
export const LOCAL_KUBECONFIG = "/var/lib/kubecuke/local/kubeconfig";

export interface Round {
  ok: boolean;
  ms: number;
  load: number;
  /** The last lines of the output of a failed round. */
  tail?: string;
}

const load1 = (): number => loadavg()[0] ?? 0;
const tail = (out: unknown): string => String(out ?? "").split("\n").slice(-25).join("\n");

/** Refuses a chainsaw binary or a suite that is not there, before any round. */
export async function checkChainsaw(bin: string, root: string, kubeconfig: string): Promise<string> {
  if (!existsSync(bin)) throw new BadInputError(`bench:run --compare-chainsaw ${bin}: no such file; name a chainsaw binary (v0.2.12 was measured; bench/chainsaw/README.md)`);
  if (!existsSync(path.join(root, CHAINSAW_SUITE))) throw new BadInputError(`bench:run: ${CHAINSAW_SUITE} is missing; run the bench from the repository's root`);
  if (!existsSync(kubeconfig)) throw new BadInputError(`bench:run --kubeconfig ${kubeconfig}: no such file; start the local cluster (npm run cluster:up) or name the running cluster's kubeconfig`);
  const v = await execa(bin, ["version"], { reject: false, all: true });
  if (v.exitCode !== 0) throw new BadInputError(`bench:run --compare-chainsaw ${bin}: \`${bin} version\` exited ${v.exitCode}: ${tail(v.all)}`);
  return String(v.all).split("\n").find((l) => /version/i.test(l))?.trim() ?? String(v.all).trim();
}

/** One chainsaw round: the suite with N tests at once, timed until chainsaw exits (after its cleanup). */
export async function chainsawRound(bin: string, root: string, kubeconfig: string, parallel: number): Promise<Round> {
  const t = Date.now();
  const r = await execa(bin, ["test", "--test-dir", CHAINSAW_SUITE, "--parallel", String(parallel), "--no-color"], {
    cwd: root,
    env: { KUBECONFIG: kubeconfig },
    reject: false,
    all: true,
  });
  const ms = Date.now() - t;
  return { ok: r.exitCode === 0, ms, load: load1(), ...(r.exitCode === 0 ? {} : { tail: tail(r.all) }) };
}

/** Waits (untimed for the comparison, one watch) until no namespace of kubecuke's run `runId` is left. */
export async function namespacesGone(kubeconfig: string, runId: string, limitMs = 120_000): Promise<void> {
  const left = await runNamespacesGone(makeClients(kubeconfig), runId, limitMs);
  if (left.length) throw new TimeoutError(`bench:run: wait for the namespaces of run ${runId} to go: expected none, last saw ${left.join("; ")} (after ${Math.round(limitMs / 1000)} s)`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The comparison's lines for one worker count: each round, then the medians and their ratio. */
export function comparison(workers: number, kubecuke: Round[], chainsaw: Round[]): string[] {
  const lines = [`\ntutorial, ${workers} worker${workers === 1 ? "" : "s"} (chainsaw --parallel ${workers}): kubecuke as in CI against chainsaw, ${kubecuke.length} alternating rounds`];
  kubecuke.forEach((k, i) => {
    const c = chainsaw[i];
    lines.push(`  round ${i + 1}: kubecuke ${secs(k.ms)}${k.ok ? "" : " FAILED"} (load ${k.load.toFixed(2)}), chainsaw ${c ? `${secs(c.ms)}${c.ok ? "" : " FAILED"} (load ${c.load.toFixed(2)})` : "-"}`);
  });
  const k = kubecuke.filter((r) => r.ok).map((r) => r.ms);
  const c = chainsaw.filter((r) => r.ok).map((r) => r.ms);
  if (!k.length || !c.length) {
    lines.push("  no median: every round of one tool failed");
    return lines;
  }
  const ratio = median(k) / median(c);
  lines.push(`  median: kubecuke ${secs(median(k))} / chainsaw ${secs(median(c))} = ${ratio.toFixed(2)} (target ≤ 0.5)${k.length < kubecuke.length || c.length < chainsaw.length ? "; failed rounds left out" : ""}`);
  return lines;
}
