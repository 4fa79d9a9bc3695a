// What VS Code's Cucumber extension sees: the real @cucumber/language-server (the one the
// extension embeds) indexes this repository with the settings in .vscode/settings.json, then a
// feature document holding every catalog example (English and Chinese) must show no undefined
// step, completion must offer our steps (Chinese ones by their Latin words: see README "Editor"),
// and go-to-definition must land on the step's own entry in steps/*.steps.ts.
// npm run test:editor (a phase of npm test; no cluster).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { allSteps } from "../../steps/support/vocabulary.ts";
import type { StepSpec } from "../../steps/support/registry.ts";
import { LspClient } from "./lsp.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The language server as its bin starts it, grammars found where npm put them (see server.ts).
const server = ["--import", "./steps/support/register.mjs", "test/editor/server.ts", "--stdio"];

/** The "cucumber" section of .vscode/settings.json (JSON with // comments, as VS Code reads it). */
function editorSettings(): { features: string[]; glue: string[] } {
  const text = readFileSync(path.join(root, ".vscode/settings.json"), "utf8").replace(/^\s*\/\/.*$/gm, "");
  const s = JSON.parse(text) as Record<string, string[]>;
  return { features: s["cucumber.features"] ?? [], glue: s["cucumber.glue"] ?? [] };
}

function exampleLines(s: StepSpec, text: string): string[] {
  if (s.example.block === undefined) return [`    ${text}`];
  const body = s.example.block.split("\n").map((l) => `      ${l}`);
  return s.block === "dataTable" ? [`    ${text}`, ...body] : [`    ${text}`, '      """', ...body, '      """'];
}

const UNDEFINED_PROBE = "Then a step nobody ever defined";

/** One feature document per language, every example a step; one known-undefined step proves diagnostics run. */
function catalogFeatures(): { en: string; zh: string } {
  const en = ["Feature: every catalog step", "  Scenario: English examples", ...allSteps.flatMap((s) => exampleLines(s, s.example.en)), `    ${UNDEFINED_PROBE}`];
  const zh = ["# language: zh-CN", "功能: 目录中的每个步骤", "  场景: 中文示例", ...allSteps.flatMap((s) => exampleLines(s, s.example.zh))];
  return { en: `${en.join("\n")}\n`, zh: `${zh.join("\n")}\n` };
}

interface Diagnostic {
  message: string;
  range: { start: { line: number } };
}

test("the Cucumber language server finds every catalog step, English and Chinese, with completion and go-to-definition", { timeout: 120_000 }, async (t) => {
  const settings = editorSettings();
  const client = new LspClient(process.execPath, server, root);
  t.after(() => client.close());
  client.handle("workspace/configuration", () => [settings]);
  const indexed = client.waitFor<{ message: string }>("window/logMessage", (p) => /\* Built \d+ suggestions/.test(p.message), 60_000);

  const started = Date.now();
  await client.request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: {
      workspace: { configuration: true },
      textDocument: { completion: { completionItem: { snippetSupport: true } }, definition: {} },
    },
    clientInfo: { name: "kubecuke editor test", version: "1" },
  });
  client.notify("initialized", {});
  await indexed;
  t.diagnostic(`language server indexed the repository in ${Date.now() - started} ms`);
  const log = client.log.join("\n");
  const found = Number(/\* Found (\d+) step definitions/.exec(log)?.[1]);
  assert.ok(found >= allSteps.length * 2, `the index holds both patterns of all ${allSteps.length} steps, found ${found}:\n${log}`);
  assert.doesNotMatch(log, /Step Definition errors/, "every declaration parses (the {resource} parameter type included)");

  const docs = catalogFeatures();
  for (const [lang, text] of Object.entries(docs)) {
    const uri = pathToFileURL(path.join(root, "features", `catalog-${lang}.feature`)).href; // never written: the editor's buffer
    const diagnostics = client.waitFor<{ uri: string; diagnostics: Diagnostic[] }>("textDocument/publishDiagnostics", (p) => p.uri === uri, 30_000);
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "cucumber", version: 1, text } });
    const lines = text.split("\n");
    const undefinedSteps = (await diagnostics).diagnostics.map((d) => `${lines[d.range.start.line]?.trim()}: ${d.message}`);
    assert.deepEqual(undefinedSteps.filter((d) => !d.startsWith(UNDEFINED_PROBE)), [], `${lang}: every example step matches a definition`);
    if (lang === "en") assert.equal(undefinedSteps.length, 1, `the one step nobody defined is reported, so the check can fail: ${undefinedSteps.join("; ")}`);

    // go-to-definition on the first example lands on the step's own entry in its steps/*.steps.ts file
    const first = allSteps[0]!;
    const line = lines.findIndex((l) => l.trim() === (lang === "en" ? first.example.en : first.example.zh));
    const links = await client.request<Array<{ targetUri: string; targetRange: { start: { line: number } } }>>("textDocument/definition", { textDocument: { uri }, position: { line, character: 8 } });
    assert.equal(links.length, 1, `${lang}: one definition for "${lines[line]?.trim()}"`);
    const target = links[0]!;
    const file = path.relative(root, fileURLToPath(target.targetUri));
    assert.match(file, /^steps\/[a-z-]+\.steps\.ts$/, `${lang}: the definition is in a step file, not a generated stub`);
    const declared = readFileSync(path.join(root, file), "utf8").split("\n")[target.targetRange.start.line] ?? "";
    assert.ok(declared.includes(`GivenWhenThen(${JSON.stringify(lang === "en" ? first.en : first.zh)})`), `${lang}: the definition is the step's own pattern: ${declared}`);
  }

  // completion: typing the start of a step offers the whole step
  const uri = pathToFileURL(path.join(root, "features", "completion.feature")).href;
  const opened = client.waitFor("textDocument/publishDiagnostics", (p: { uri: string }) => p.uri === uri, 30_000);
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "cucumber", version: 1, text: "Feature: f\n  Scenario: s\n    Then the Pod\n" } });
  await opened;
  const items = await client.request<Array<{ label: string }> | { items: Array<{ label: string }> }>("textDocument/completion", { textDocument: { uri }, position: { line: 2, character: 16 } });
  const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
  assert.ok(labels.some((l) => /^the Pod .* is Running within .* seconds$/.test(l)), `completion offers "the Pod … is Running within … seconds": ${labels.slice(0, 10).join(" | ")}`);

  // Chinese: found by the Latin words of a step; Chinese characters alone find nothing (the
  // server's js-search tokenizer drops them). When this fails, the README's "Editor" must change.
  const zh = async (typed: string): Promise<string[]> => {
    const zhUri = pathToFileURL(path.join(root, "features", `completion-zh-${typed.length}-${typed.codePointAt(typed.length - 1)}.feature`)).href;
    const ready = client.waitFor("textDocument/publishDiagnostics", (p: { uri: string }) => p.uri === zhUri, 30_000);
    client.notify("textDocument/didOpen", { textDocument: { uri: zhUri, languageId: "cucumber", version: 1, text: `# language: zh-CN\n功能: f\n  场景: s\n    ${typed}\n` } });
    await ready;
    const got = await client.request<Array<{ label: string }> | { items: Array<{ label: string }> }>("textDocument/completion", { textDocument: { uri: zhUri }, position: { line: 3, character: 4 + typed.length } });
    return (Array.isArray(got) ? got : got.items).map((i) => i.label);
  };
  const byLatin = await zh("那么 Pod");
  assert.ok(byLatin.includes("Pod {string} 在 {int} 秒内进入 Running 状态"), `"那么 Pod" offers the Chinese step: ${byLatin.slice(0, 8).join(" | ")}`);
  for (const typed of ["当我应用", "那么命令"]) assert.deepEqual(await zh(typed), [], `"${typed}" offers nothing (documented)`);
});
