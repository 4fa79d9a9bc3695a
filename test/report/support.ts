// Helpers of the report test: which cluster, what the results say, where a secret hides.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { localLayout } from "../../engine/cluster/local/layout.ts";
import { localPlacement } from "../../engine/cluster/registry.ts";
import { inheritedEnv, loadSettings, scenarioSettings } from "../../engine/settings/env.ts";

/**
 * The environment cucumber needs: what `npm test` passes (KUBECUKE_*), else the local cluster
 * with its server-matched kubectl first on PATH.
 */
export function clusterEnv(): NodeJS.ProcessEnv {
  const base = inheritedEnv();
  if (scenarioSettings().cluster) return base;
  const local = localLayout("local", localPlacement(loadSettings().cluster));
  if (!existsSync(local.kubeconfig)) {
    throw new Error(`report test needs a running cluster: KUBECUKE_KUBECONFIG is unset and ${local.kubeconfig} does not exist; run it through npm test or start one with npm run cluster:up`);
  }
  const bin = existsSync(path.join(local.binDir, "kubectl")) ? local.binDir : undefined;
  return {
    ...base,
    KUBECUKE_KUBECONFIG: local.kubeconfig,
    KUBECUKE_CONTEXT: local.context,
    KUBECUKE_PROVIDER: "local",
    KUBECONFIG: local.kubeconfig,
    PATH: bin ? `${bin}${path.delimiter}${base.PATH ?? ""}` : base.PATH,
  };
}

export interface ResultSummary {
  status: string;
  message?: string;
  /** The error's stack as cucumber formatted it: starts with the error's name, which the categories match. */
  trace?: string;
  labels: { name: string; value: string }[];
  links: { type?: string; url: string; name?: string }[];
}

/** Scenario name → what Allure recorded, from the *-result.json files. */
export async function readResults(dir: string): Promise<Map<string, ResultSummary>> {
  const out = new Map<string, ResultSummary>();
  for (const f of await readdir(dir)) {
    if (!f.endsWith("-result.json")) continue;
    const r = JSON.parse(await readFile(path.join(dir, f), "utf8")) as Partial<ResultSummary> & { name?: string; statusDetails?: { message?: string; trace?: string } };
    out.set(r.name ?? f, { status: r.status ?? "unknown", message: r.statusDetails?.message, trace: r.statusDetails?.trace, labels: r.labels ?? [], links: r.links ?? [] });
  }
  return out;
}

/**
 * Test name → the category the generated Allure report filed it under, read from the awesome
 * report's widgets/categories.json (Allure's own matching, not our categorize() mirror).
 */
export async function reportCategories(reportDir: string): Promise<Map<string, string>> {
  const store = JSON.parse(await readFile(path.join(reportDir, "widgets", "categories.json"), "utf8")) as {
    roots: string[];
    nodes: Record<string, { type: string; name: string; childrenIds?: string[] }>;
  };
  const out = new Map<string, string>();
  const walk = (id: string, category: string): void => {
    const node = store.nodes[id];
    if (!node) return;
    if (node.type === "tr") out.set(node.name, category);
    for (const child of node.childrenIds ?? []) walk(child, category);
  };
  for (const root of store.roots) walk(root, store.nodes[root]?.name ?? root);
  return out;
}

/**
 * The secret as it could appear in a file: plain, and base64-encoded at each of the three
 * alignments it can have inside a longer base64 string (single-file reports embed data so).
 */
export function secretNeedles(secret: string): string[] {
  const needles = [secret];
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString("base64");
    // Drop the characters that depend on the neighbouring bytes at both ends.
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor(((offset + secret.length) * 4) / 3) - (((offset + secret.length) % 3) === 0 ? 0 : 1);
    needles.push(b64.slice(start, Math.max(start, end)));
  }
  return needles.filter((n) => n.length >= 12);
}

/** Files under dir (recursively) containing any form of the secret: "file: form". */
export async function secretHits(dir: string, secret: string): Promise<string[]> {
  const needles = secretNeedles(secret).map((n) => Buffer.from(n));
  const hits: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const data = await readFile(file);
    for (const n of needles) if (data.includes(n)) hits.push(`${path.relative(dir, file)}: ${n.toString()}`);
  }
  return hits;
}

/** Number of runs recorded in an Allure history file (0 when it does not exist yet). */
export async function historyEntries(file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  return (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "").length;
}
