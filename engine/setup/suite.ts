// The run's suite setup from start to end: read the declaration, install what the selected
// scenarios need (in declaration order), hand back a teardown for the end of the run.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { BadInputError } from "../errors.ts";
import { neededEntries, parseSetup, type SetupEntry } from "./declaration.ts";
import { cleanupLines, type CleanupRecord } from "../scenario/cleanup.ts";
import { installEntry, teardown, type InstalledObject, type SetupContext } from "./install.ts";
import { secondsSince } from "../seconds.ts";

export const DEFAULT_SETUP_FILE = "kubecuke.setup.yaml";

export interface SuiteSetup {
  entries: SetupEntry[];
  installed: InstalledObject[];
  /** Removes what was installed; never throws. */
  teardown(): Promise<CleanupRecord[]>;
}

/** Entries declared in the setup file (none when it does not exist and was not named). */
export async function readSetupFile(root: string, file: string | undefined): Promise<{ file: string; entries: SetupEntry[] }> {
  const shown = file ?? DEFAULT_SETUP_FILE;
  const abs = path.resolve(root, shown);
  if (!existsSync(abs)) {
    if (file) throw new BadInputError(`suite setup file ${shown} (KUBECUKE_SETUP_FILE) does not exist: give a path from the repository root, or unset it to use ${DEFAULT_SETUP_FILE}`, { object: shown });
    return { file: shown, entries: [] };
  }
  return { file: shown, entries: parseSetup(await readFile(abs, "utf8"), shown) };
}

/**
 * Install the entries the scenarios' `@setup:<name>` tags ask for. On failure, what was
 * installed so far is removed before the error is rethrown.
 */
export async function installSuiteSetup(
  ctx: SetupContext & { file?: string },
  scenarioTags: Array<{ scenario: string; tags: string[] }>,
): Promise<SuiteSetup> {
  const { file, entries } = await readSetupFile(ctx.root, ctx.file);
  const needed = neededEntries(entries, scenarioTags, file);
  const installed: InstalledObject[] = [];
  const undo = (): Promise<CleanupRecord[]> => teardown(installed, ctx.clients);
  for (const entry of needed) {
    const started = Date.now();
    try {
      await installEntry(entry, ctx, installed);
    } catch (err) {
      const records = await undo();
      ctx.log?.(`suite setup failed; removed what it had installed:\n  ${cleanupLines(records).replaceAll("\n", "\n  ") || "nothing"}`);
      throw err;
    }
    ctx.log?.(`suite setup ${entry.name}: installed in ${secondsSince(started)} (${installed.filter((i) => i.entry === entry.name).length} objects created)`);
  }
  return { entries: needed, installed, teardown: undo };
}
