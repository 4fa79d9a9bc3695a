// One Allure report from several parts' results (`npm run report -- --merge DIR...`), e.g. the
// shards of a suite run by separate CI jobs (`npm run scenarios -- --shard 2/3`). Result,
// container and attachment files have uuid names, so parts are copied side by side; only
// environment.properties exists once per part and is merged key by key. Categories come from
// allurerc.ts and history from the history file, so the merged report gets both like any run.
import { BadInputError } from "../errors.ts";
import { commandText } from "../commands.ts";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

export interface MergeSummary {
  parts: number;
  files: number;
  /** Result files per part, in the order given. */
  resultsPerPart: number[];
}

const ENVIRONMENT = "environment.properties";

/** Empties `into` and fills it with every part's results. A part without results is an error. */
export async function mergeResults(parts: string[], into: string): Promise<MergeSummary> {
  if (parts.length === 0) throw new BadInputError("merge Allure results: name at least one results directory, e.g. --merge shard-1/allure-results shard-2/allure-results");
  const target = resolve(into);
  for (const p of parts) {
    if (resolve(p) === target) throw new BadInputError(`merge Allure results: ${p} is also the output directory; write the merge elsewhere (--results DIR)`);
    if (!existsSync(p)) throw new BadInputError(`merge Allure results: ${p} does not exist; pass each part's allure-results directory (the artifact of each shard's job)`);
  }
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const environments: string[] = [];
  const resultsPerPart: number[] = [];
  let files = 0;
  for (const p of parts) {
    const names = (await readdir(p, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith(".")).map((e) => e.name);
    const results = names.filter((n) => n.endsWith("-result.json")).length;
    if (results === 0) throw new BadInputError(`merge Allure results: ${p} holds no *-result.json; did that part run (${commandText("run", "--shard I/N")}) and upload reports/allure-results?`);
    resultsPerPart.push(results);
    for (const name of names) {
      if (name === ENVIRONMENT) {
        environments.push(await readFile(join(p, name), "utf8"));
        continue;
      }
      const dest = join(target, name);
      // uuid names never collide between parts; the same file twice means the same part was given twice
      if (existsSync(dest)) throw new BadInputError(`merge Allure results: ${name} is in more than one part (${p} and an earlier one); pass each part once`);
      await copyFile(join(p, name), dest);
      files++;
    }
  }
  if (environments.length > 0) await writeFile(join(target, ENVIRONMENT), mergeProperties(environments));
  return { parts: parts.length, files, resultsPerPart };
}

/**
 * Key by key, in first-seen order; where parts differ (each shard had its own cluster), the
 * distinct values are listed "a | b". Lines are kept escaped as written (toProperties).
 */
export function mergeProperties(texts: string[]): string {
  const values = new Map<string, string[]>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      if (line.trim() === "" || /^[#!]/.test(line)) continue;
      const at = line.search(/(?<!\\)[=:]/);
      const key = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? "" : line.slice(at + 1);
      const seen = values.get(key) ?? [];
      if (!seen.includes(value)) seen.push(value);
      values.set(key, seen);
    }
  }
  return [...values].map(([k, v]) => `${k}=${v.join(" | ")}`).join("\n") + "\n";
}
