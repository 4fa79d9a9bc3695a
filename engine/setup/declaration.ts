// Suite setup, declared in one place: `kubecuke.setup.yaml` at the repository root (another file
// with KUBECUKE_SETUP_FILE). Each entry is installed once per run, before the first scenario,
// when a selected scenario carries its tag `@setup:<name>`; it is removed at the end of the run.
//
//   - name: widgets                            # scenarios tagged @setup:widgets need it
//     manifests: [fixtures/setup/widget-crd.yaml]   # files, applied in order
//     kustomize: fixtures/setup/app            # or a kustomization (kubectl kustomize), after the manifests
//     timeoutSeconds: 120                      # to apply and become ready (default 120)
//
// Pure: parsing and selection are unit tested.
import { LineCounter, parseDocument, isMap, isSeq } from "yaml";
import { BadInputError } from "../errors.ts";

export interface SetupEntry {
  name: string;
  manifests: string[];
  kustomize?: string;
  timeoutSeconds: number;
  /** `file:line` of the entry, for messages. */
  where: string;
}

const NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;
const KEYS = new Set(["name", "manifests", "kustomize", "timeoutSeconds"]);

export const SETUP_TAG_PREFIX = "@setup:";

export function parseSetup(text: string, file: string): SetupEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (line: number, message: string): never => {
    throw new BadInputError(`${file}:${line}: ${message}`, { object: file });
  };
  if (doc.errors[0]) fail(lines.linePos(doc.errors[0].pos[0]).line, `${doc.errors[0].message.split("\n")[0]}. Fix the YAML.`);
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) fail(1, "expected a list of setup entries (- name: …, manifests: […])");
  const entries: SetupEntry[] = [];
  const seen = new Set<string>();
  for (const item of (doc.contents as { items: unknown[] }).items) {
    const line = lines.linePos((item as { range?: [number] }).range?.[0] ?? 0).line;
    if (!isMap(item)) fail(line, "each entry is a mapping with name and manifests and/or kustomize");
    const raw = (item as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
    for (const k of Object.keys(raw)) if (!KEYS.has(k)) fail(line, `unknown key "${k}"; use ${[...KEYS].join(", ")}`);
    const name = raw.name;
    if (typeof name !== "string" || !NAME.test(name)) fail(line, `name ${JSON.stringify(name)}: use lowercase letters, digits, '-' or '.' (it becomes the tag @setup:<name>)`);
    if (seen.has(name as string)) fail(line, `name "${name}" is used twice`);
    seen.add(name as string);
    const manifests = raw.manifests ?? [];
    if (!Array.isArray(manifests) || manifests.some((m) => typeof m !== "string" || m === "")) fail(line, "manifests: expected a list of file paths");
    if (raw.kustomize !== undefined && (typeof raw.kustomize !== "string" || raw.kustomize === "")) fail(line, "kustomize: expected a directory path");
    if ((manifests as string[]).length === 0 && raw.kustomize === undefined) fail(line, `entry "${name}" installs nothing: give manifests or kustomize`);
    const timeout = raw.timeoutSeconds ?? 120;
    if (typeof timeout !== "number" || !Number.isInteger(timeout) || timeout <= 0) fail(line, "timeoutSeconds: expected a positive whole number");
    entries.push({ name: name as string, manifests: manifests as string[], ...(raw.kustomize ? { kustomize: raw.kustomize as string } : {}), timeoutSeconds: timeout as number, where: `${file}:${line}` });
  }
  return entries;
}

/**
 * The entries the selected scenarios need, in declaration order. A tag naming no entry is bad
 * input (a typo would otherwise run the scenario without its setup).
 */
export function neededEntries(entries: SetupEntry[], scenarioTags: Array<{ scenario: string; tags: string[] }>, file: string): SetupEntry[] {
  const wanted = new Set<string>();
  for (const s of scenarioTags) {
    for (const t of s.tags) {
      if (!t.startsWith(SETUP_TAG_PREFIX)) continue;
      const name = t.slice(SETUP_TAG_PREFIX.length);
      if (!entries.some((e) => e.name === name)) {
        const known = entries.map((e) => SETUP_TAG_PREFIX + e.name).join(", ") || `none (no ${file})`;
        throw new BadInputError(`scenario "${s.scenario}" is tagged ${t}, but ${file} declares no setup named "${name}". Declared: ${known}.`, { object: file });
      }
      wanted.add(name);
    }
  }
  return entries.filter((e) => wanted.has(e.name));
}
