// The runner's side of the suite setup (engine/setup): which tags the selected scenarios carry
// (cucumber decides the selection from the same arguments the run gets), installing before the
// scenarios, removing after them, and a failed setup shown in the Allure report.
import { cleanupLines } from "../engine/scenario/cleanup.ts";
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfiguration, loadSources } from "@cucumber/cucumber/api";
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from "@cucumber/gherkin";
import type { Feature, Tag } from "@cucumber/messages";
import { categoryOf, describeError } from "../engine/errors.ts";
import type { ClusterHandle } from "../engine/cluster/provider.ts";
import { makeClients } from "../engine/kube/client.ts";
import { redact } from "../engine/report/redact.ts";
import { timeoutSettings } from "../engine/settings/env.ts";
import type { PhaseClock } from "../engine/report/phases.ts";
import { installSuiteSetup, type SuiteSetup } from "../engine/setup/suite.ts";
import { inShard } from "../engine/run/shard.ts";

/** Tags of every scenario the cucumber arguments select (feature, rule, scenario and examples tags). */
export async function selectedScenarioTags(root: string, cucumberArgs: string[]): Promise<Array<{ scenario: string; tags: string[] }>> {
  const { runConfiguration } = await loadConfiguration({ provided: cucumberArgs }, { cwd: root });
  // loadSources leaves --shard out: the shard's share of the defined order, as cucumber takes it
  const { plan } = await loadSources({ ...runConfiguration.sources, order: "defined" }, { cwd: root });
  const byUri = new Map<string, Map<number, string[]>>();
  const out: Array<{ scenario: string; tags: string[] }> = [];
  for (const p of inShard(plan, runConfiguration.sources.shard)) {
    if (!byUri.has(p.uri)) byUri.set(p.uri, tagsByLine(await readFile(path.join(root, p.uri), "utf8")));
    out.push({ scenario: p.name, tags: byUri.get(p.uri)?.get(p.location.line) ?? [] });
  }
  return out;
}

function tagsByLine(text: string): Map<number, string[]> {
  const doc = new Parser(new AstBuilder(randomUUID), new GherkinClassicTokenMatcher()).parse(text);
  const lines = new Map<number, string[]>();
  const names = (tags: readonly Tag[]): string[] => tags.map((t) => t.name);
  const walk = (children: Feature["children"], inherited: string[]): void => {
    for (const c of children) {
      if (c.rule) walk(c.rule.children, [...inherited, ...names(c.rule.tags)]);
      const s = c.scenario;
      if (!s) continue;
      const own = [...inherited, ...names(s.tags)];
      lines.set(s.location.line, [...own, ...s.examples.flatMap((e) => names(e.tags))]);
      for (const e of s.examples) for (const row of e.tableBody) lines.set(row.location.line, [...own, ...names(e.tags)]);
    }
  };
  if (doc.feature) walk(doc.feature.children, names(doc.feature.tags));
  return lines;
}

/** A failed setup as an Allure result, so the report says why no scenario ran. */
async function writeSetupFailure(resultsDir: string, err: unknown, started: number): Promise<void> {
  const message = redact(describeError(err));
  const result = {
    uuid: randomUUID(),
    historyId: "kubecuke-suite-setup",
    name: "Suite setup",
    fullName: "kubecuke: suite setup (kubecuke.setup.yaml)",
    status: categoryOf(err) === "assertion" ? "failed" : "broken",
    statusDetails: { message, trace: redact(err instanceof Error ? (err.stack ?? message) : message) },
    stage: "finished",
    start: started,
    stop: Date.now(),
    labels: [{ name: "suite", value: "Suite setup" }],
  };
  await writeFile(path.join(resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
}

/**
 * Install the setup the selected scenarios need, run `scenarios`, remove the setup. A setup that
 * fails ends the run at once (exit code 1, no scenario runs) with its error in the report.
 */
export async function withSuiteSetup(
  opts: {
    root: string; handle: ClusterHandle; runId: string; cucumberArgs: string[]; resultsDir: string; log: (l: string) => void;
    /** KUBECUKE_SETUP_FILE; default kubecuke.setup.yaml. */
    file?: string;
    /** Environment variables setup files may name (${env:NAME}). */
    inputs: Readonly<Record<string, string | undefined>>;
    /** The selected scenarios' tags, when the caller has them already. */
    tags?: Array<{ scenario: string; tags: string[] }>;
    clock?: PhaseClock;
  },
  scenarios: () => Promise<number>,
): Promise<number> {
  const started = Date.now();
  let setup: SuiteSetup;
  try {
    const tags = opts.tags ?? (await selectedScenarioTags(opts.root, opts.cucumberArgs));
    const install = () => installSuiteSetup(
      {
        clients: makeClients(opts.handle.kubeconfigPath, opts.handle.context, timeoutSettings().operations),
        runId: opts.runId,
        root: opts.root,
        env: opts.inputs,
        kubectl: opts.handle.binDir ? path.join(opts.handle.binDir, "kubectl") : undefined,
        file: opts.file,
        log: opts.log,
      },
      tags,
    );
    setup = opts.clock ? await opts.clock.time("suite setup", install) : await install();
  } catch (err) {
    opts.log(`suite setup failed, no scenario runs: ${redact(describeError(err))}`);
    await writeSetupFailure(opts.resultsDir, err, started);
    return 1;
  }
  let code = 1;
  try {
    code = await scenarios();
  } finally {
    if (setup.installed.length > 0) {
      const t = Date.now();
      const records = await setup.teardown();
      opts.clock?.add("suite setup removal", Date.now() - t);
      opts.log(`suite setup removed:\n  ${cleanupLines(records).replaceAll("\n", "\n  ")}`);
      // something the run installed is still there: the run must not pass
      if (records.some((r) => r.outcome === "failed")) code = 1;
    }
  }
  return code;
}
