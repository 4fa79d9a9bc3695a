// The Cucumber language server (the one VS Code's Cucumber extension embeds) pointed at a
// project, with the project's own .vscode/settings.json: which steps of its features it cannot
// match to a definition. As test/editor does for this repository.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LspClient } from "../editor/lsp.ts";

interface Diagnostic {
  message: string;
  range: { start: { line: number } };
}

const PROBE = "Feature: probe\n  Scenario: probe\n    Then a step nobody ever defined\n";

/** Undefined steps per feature file (and in a probe document that has one), and how many definitions were indexed. */
export async function undefinedSteps(repo: string, project: string, features: string[]): Promise<{ undefinedByFile: Record<string, string[]>; found: number; probe: string[] }> {
  const text = readFileSync(path.join(project, ".vscode", "settings.json"), "utf8").replace(/^\s*\/\/.*$/gm, "");
  const s = JSON.parse(text) as Record<string, string[]>;
  const settings = { features: s["cucumber.features"] ?? [], glue: s["cucumber.glue"] ?? [] };
  const server = ["--import", path.join(repo, "steps/support/register.mjs"), path.join(repo, "test/editor/server.ts"), "--stdio"];
  const client = new LspClient(process.execPath, server, project);
  try {
    client.handle("workspace/configuration", () => [settings]);
    const indexed = client.waitFor<{ message: string }>("window/logMessage", (p) => /\* Built \d+ suggestions/.test(p.message), 90_000);
    await client.request("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } }, definition: {} } },
      clientInfo: { name: "kubecuke package test", version: "1" },
    });
    client.notify("initialized", {});
    await indexed;
    const found = Number(/\* Found (\d+) step definitions/.exec(client.log.join("\n"))?.[1]);
    const open = async (uri: string, body: string): Promise<string[]> => {
      const published = client.waitFor<{ uri: string; diagnostics: Diagnostic[] }>("textDocument/publishDiagnostics", (p) => p.uri === uri, 30_000);
      client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "cucumber", version: 1, text: body } });
      const lines = body.split("\n");
      return (await published).diagnostics.map((d) => `${lines[d.range.start.line]?.trim()}: ${d.message}`);
    };
    const undefinedByFile: Record<string, string[]> = {};
    for (const f of features) undefinedByFile[f] = await open(pathToFileURL(path.join(project, f)).href, readFileSync(path.join(project, f), "utf8"));
    const probe = await open(pathToFileURL(path.join(project, "features", "probe.feature")).href, PROBE);
    return { undefinedByFile, found, probe };
  } finally {
    client.close();
  }
}
