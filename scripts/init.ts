// kubecuke init [DIR] [--force]: a ready project in DIR (default: the working directory), from
// the package's templates/init: cucumber.mjs, example features (English, Chinese), a fixture, a
// custom step, kubecuke.setup.yaml (commented out), editor settings, a GitHub Actions workflow;
// package.json gets its scripts (created when missing) and .gitignore its lines. An existing file
// is never overwritten without --force: they are listed and nothing is written.
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { packageFile } from "../engine/package-paths.ts";
import { runAsEntryPoint } from "../engine/run/entry.ts";

export const INIT_USAGE = `usage: kubecuke init [DIR] [--force]
  DIR       the project's directory (default: this one); created when missing
  --force   overwrite files the templates would write (default: list them and write nothing)`;

/** Template names that npm would not pack or that would act in kubecuke's own repository. */
const RENAMED: Record<string, string> = { "dot-vscode": ".vscode", "dot-github": ".github" };
const SCRIPTS: Record<string, string> = {
  test: "kubecuke run",
  "test:dry": "kubecuke run --dry-run",
  report: "kubecuke report --open",
};
/** npm init's placeholder: replaced, as create-playwright does. */
const NPM_PLACEHOLDER = /^echo "Error: no test specified" && exit 1$/;

/** Every template file: its path in templates/init and its path in the project. */
export async function templateFiles(dir = packageFile("templates/init")): Promise<Array<{ from: string; to: string }>> {
  const out: Array<{ from: string; to: string }> = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (rel === "gitignore") continue; // merged into .gitignore line by line
    out.push({ from: path.join(dir, rel), to: rel.split(path.sep).map((p) => RENAMED[p] ?? p).join("/") });
  }
  return out.sort((a, b) => a.to.localeCompare(b.to));
}

/** package.json's scripts with ours added; an existing different script is kept and named. */
export function withScripts(pkg: Record<string, unknown>): { pkg: Record<string, unknown>; added: string[]; kept: string[] } {
  const scripts = { ...((pkg.scripts as Record<string, string> | undefined) ?? {}) };
  const added: string[] = [];
  const kept: string[] = [];
  for (const [name, command] of Object.entries(SCRIPTS)) {
    const had = scripts[name];
    if (had === command) continue;
    if (had !== undefined && !NPM_PLACEHOLDER.test(had)) {
      kept.push(`${name} (kept "${had}"; kubecuke's would be "${command}")`);
      continue;
    }
    scripts[name] = command;
    added.push(`${name}: ${command}`);
  }
  return { pkg: { ...pkg, scripts }, added, kept };
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  } catch (e) {
    console.error(`kubecuke init: ${e instanceof Error ? e.message : String(e)}\n${INIT_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(INIT_USAGE);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    console.error(`kubecuke init: one directory at most, got ${parsed.positionals.join(" ")}\n${INIT_USAGE}`);
    return 2;
  }
  const target = path.resolve(parsed.positionals[0] ?? ".");
  const shown = (f: string) => path.relative(process.cwd(), path.join(target, f)) || ".";
  const files = await templateFiles();
  const existing = files.filter((f) => existsSync(path.join(target, f.to)));
  if (existing.length && !parsed.values.force) {
    console.error(`kubecuke init: these files exist already, nothing was written:\n  ${existing.map((f) => shown(f.to)).join("\n  ")}\nMove them away, or run \`kubecuke init --force\` to overwrite them.`);
    return 1;
  }
  await mkdir(target, { recursive: true });
  for (const f of files) {
    await mkdir(path.dirname(path.join(target, f.to)), { recursive: true });
    await copyFile(f.from, path.join(target, f.to));
  }
  const notes: string[] = [];
  // package.json: our scripts; a new one when missing
  const pkgFile = path.join(target, "package.json");
  const had = existsSync(pkgFile);
  const pkg = had ? (JSON.parse(await readFile(pkgFile, "utf8")) as Record<string, unknown>) : { name: npmName(path.basename(target)), version: "0.0.0", private: true, type: "module" };
  const { pkg: next, added, kept } = withScripts(pkg);
  // steps/*.ts use import/export: Node runs them as ES modules only under "type": "module" (npm 11's
  // `npm init -y` writes "commonjs"). Changed only where no .js file could be affected.
  if (next.type !== "module") {
    const js = await plainJavaScript(target);
    if (js.length === 0) {
      notes.push(`package.json: "type" set to "module" (was ${next.type === undefined ? "unset" : JSON.stringify(next.type)}): the steps are ES modules`);
      next.type = "module";
    } else notes.push(`package.json has no "type": "module", and ${js[0]} would change meaning with it: set it yourself, or name the step files *.mts (and import "steps/**/*.mts" in cucumber.mjs)`);
  }
  await writeFile(pkgFile, `${JSON.stringify(next, null, 2)}\n`);
  // .gitignore: the lines it lacks
  const ignoreFile = path.join(target, ".gitignore");
  const ignored = existsSync(ignoreFile) ? (await readFile(ignoreFile, "utf8")).split("\n").map((l) => l.trim()) : [];
  const wanted = (await readFile(packageFile("templates/init/gitignore"), "utf8")).split("\n").map((l) => l.trim()).filter(Boolean);
  const missing = wanted.filter((l) => !ignored.includes(l));
  if (missing.length) await writeFile(ignoreFile, `${ignored.join("\n").replace(/\n*$/, ignored.length ? "\n" : "")}${missing.join("\n")}\n`);

  console.log(`kubecuke init: wrote ${files.length} files${parsed.values.force && existing.length ? ` (${existing.length} overwritten)` : ""}:\n  ${files.map((f) => shown(f.to)).join("\n  ")}`);
  console.log(`${had ? "package.json" : "package.json (new)"}: ${added.length ? `scripts added: ${added.join("; ")}` : "scripts already there"}`);
  if (kept.length) console.log(`package.json: scripts not changed: ${kept.join("; ")}`);
  if (missing.length) console.log(`.gitignore: added ${missing.join(", ")}`);
  for (const n of notes) console.log(`note: ${n}`);
  const cd = target === process.cwd() ? "" : `cd ${shown("")} && `;
  console.log(`\nnext: ${cd}${had ? "" : "npm install --save-dev kubecuke && "}npm test    (kubecuke run: a cluster comes up unless one is running; \`npx kubecuke doctor\` says what this machine lacks)`);
  return 0;
}

/** The project's .js files (not node_modules, not dot directories): their meaning depends on "type". */
async function plainJavaScript(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => [])) {
      const p = path.join(rel, e.name);
      if (e.isDirectory() && depth < 6 && e.name !== "node_modules" && !e.name.startsWith(".")) await walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith(".js")) out.push(p);
    }
  };
  await walk("", 0);
  return out;
}

/** A package name npm accepts, from a directory name. */
function npmName(dir: string): string {
  return dir.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "") || "kubecuke-scenarios";
}

await runAsEntryPoint(import.meta.url, main);
