import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { mergeProperties, mergeResults } from "../../engine/report/merge.ts";

async function part(dir: string, files: Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

test("mergeResults copies every part's results and attachments side by side and merges environment.properties", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-merge-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const a = await part(path.join(dir, "a"), { "1-result.json": "{}", "1-attachment.txt": "x", "environment.properties": "Provider=local\nNodes=1\n", ".formatter-output": "" });
  const b = await part(path.join(dir, "b"), { "2-result.json": "{}", "3-result.json": "{}", "9-container.json": "{}", "environment.properties": "Provider=kind\nNodes=1\n" });
  const out = path.join(dir, "out");
  await part(out, { "stale-result.json": "{}" });
  const m = await mergeResults([a, b], out);
  assert.deepEqual(m, { parts: 2, files: 5, resultsPerPart: [1, 2] });
  assert.deepEqual((await readdir(out)).sort(), ["1-attachment.txt", "1-result.json", "2-result.json", "3-result.json", "9-container.json", "environment.properties"], "the output is emptied first; dot files stay behind");
  assert.equal(await readFile(path.join(out, "environment.properties"), "utf8"), "Provider=local | kind\nNodes=1\n");
});

test("mergeResults refuses what would make a wrong report, saying what to pass instead", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-merge-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const a = await part(path.join(dir, "a"), { "1-result.json": "{}" });
  const empty = await part(path.join(dir, "empty"), { "environment.properties": "Provider=local\n" });
  const out = path.join(dir, "out");
  await assert.rejects(mergeResults([], out), /name at least one results directory/);
  await assert.rejects(mergeResults([a, path.join(dir, "missing")], out), /missing does not exist; pass each part's allure-results/);
  await assert.rejects(mergeResults([a, empty], out), /empty holds no \*-result\.json/);
  await assert.rejects(mergeResults([a, a], out), /1-result\.json is in more than one part/);
  await assert.rejects(mergeResults([a, out], out), /also the output directory/);
});

test("mergeProperties keeps escaped keys and separators as written", () => {
  assert.equal(mergeProperties(["Kubernetes\\ server=v1\nA\\=B=1\n", "Kubernetes\\ server=v2\n# comment\n"]), "Kubernetes\\ server=v1 | v2\nA\\=B=1\n");
});
