// npm pack's prepack: dist/ from the sources, then two checks that an installed package can run
// and be typed. The JavaScript is kubecuke's build (scripts/build.mjs: one entry per module a
// process starts from, shared chunks, the npm packages imported from the team's node_modules);
// the declarations are tsc's (tsconfig.build.json, declarations only). `rewriteRelativeImportExtensions`
// does not rewrite `.ts` specifiers in declarations (microsoft/TypeScript#61037): they are
// rewritten here to `.js`, which a consumer's TypeScript maps to the `.d.ts` beside it.
// No emitted file may still import a `.ts` file: Node strips no types under node_modules.
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { runAsEntryPoint } from "../engine/run/entry.ts";
import { PACKAGE_ROOT } from "../engine/package-paths.ts";
import { buildKubecuke } from "./build.mjs";

const RELATIVE_TS = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g;

/** The declarations a team's TypeScript reads: the exports' entry points (package.json "types"). */
const ENTRY_DECLARATIONS = ["index.d.ts", "cucumber-config.d.ts", "steps/index.d.ts"];
const RELATIVE_JS = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)\.js["']/g;

/**
 * The declaration files reachable from the entries through their relative imports (paths
 * relative to dist/, already rewritten to `.js`). The others describe modules no team imports:
 * the package ships their JavaScript, not their types.
 */
export function reachableDeclarations(entries: readonly string[], read: (file: string) => string | undefined): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    const text = read(file);
    if (text === undefined) continue;
    seen.add(file);
    for (const m of text.matchAll(RELATIVE_JS)) queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), `${m[1]}.d.ts`)));
  }
  return seen;
}

/** A declaration file's relative `.ts` specifiers as `.js`. */
export function rewriteDeclaration(text: string): string {
  return text.replace(RELATIVE_TS, "$1$2.js$3");
}

async function files(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith(ext)) out.push(path.join(e.parentPath, e.name));
  return out;
}

export async function main(): Promise<number> {
  const dist = path.join(PACKAGE_ROOT, "dist");
  await buildKubecuke({ root: PACKAGE_ROOT, outdir: dist, packages: "outside" });
  const tsc = await execa("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: PACKAGE_ROOT, reject: false, all: true });
  if (tsc.exitCode !== 0) {
    console.error(`build: tsc -p tsconfig.build.json failed:\n${tsc.all}`);
    return 1;
  }
  let rewritten = 0;
  for (const f of await files(dist, ".d.ts")) {
    const text = await readFile(f, "utf8");
    const next = rewriteDeclaration(text);
    if (next !== text) {
      await writeFile(f, next);
      rewritten++;
    }
  }
  const texts = new Map<string, string>();
  for (const f of await files(dist, ".d.ts")) texts.set(path.relative(dist, f).split(path.sep).join("/"), await readFile(f, "utf8"));
  const kept = reachableDeclarations(ENTRY_DECLARATIONS, (f) => texts.get(f));
  for (const f of texts.keys()) if (!kept.has(f)) await rm(path.join(dist, f));
  const bad: string[] = [];
  for (const f of await files(dist, ".js")) {
    const text = await readFile(f, "utf8");
    for (const m of text.matchAll(RELATIVE_TS)) bad.push(`${path.relative(PACKAGE_ROOT, f)}: ${m[2]}.ts`);
  }
  if (bad.length) {
    console.error(`build: emitted JavaScript still imports TypeScript (an installed package cannot load it):\n  ${bad.join("\n  ")}`);
    return 1;
  }
  const js = (await files(dist, ".js")).length;
  console.error(`build: dist/ holds ${js} JavaScript files (entries and shared chunks) and the ${kept.size} declarations the exports reach (${texts.size - kept.size} others removed; ${rewritten} declarations' imports rewritten .ts → .js)`);
  return 0;
}

await runAsEntryPoint(import.meta.url, main);
