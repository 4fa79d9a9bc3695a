// Where kubecuke's own files are: beside this module, never the working directory (that is the
// user's project, with their features/, steps/, reports/). kubecuke runs either its TypeScript
// sources (a checkout: this module is engine/package-paths.ts) or a build of them
// (scripts/build.mjs: an installed package's dist/, or the build of a checkout that
// `npm run scenarios` runs), where this module sits inside a chunk and the build's directory is
// marked by its build.json, which names the package's root.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);

/** The build directory this module runs from, with the package root its build.json names; undefined for the sources. */
export function buildAround(file: string, exists: (file: string) => boolean = existsSync, read = (f: string) => readFileSync(f, "utf8")): { dir: string; packageRoot: string } | undefined {
  if (!file.endsWith(".js")) return undefined;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const mark = path.join(dir, "build.json");
    if (exists(mark)) return { dir, packageRoot: path.resolve(dir, (JSON.parse(read(mark)) as { packageRoot: string }).packageRoot) };
    if (path.dirname(dir) === dir) break;
  }
  // every build writes its mark (scripts/build.mjs): without it, no path of kubecuke's could be trusted
  throw new Error(`kubecuke: ${file} is compiled JavaScript outside any build (no build.json above it); reinstall kubecuke`);
}

const build = buildAround(here);
/** True when this is a build (dist/, or the checkout's build for a run), false when running the repository's sources. */
export const BUILT = build !== undefined;
/** The package's root: where package.json, templates/ and (built) dist/ are. */
export const PACKAGE_ROOT = build?.packageRoot ?? path.resolve(path.dirname(here), "..");
/** Where the build's entries are (dist/ of the package), or the package root for the sources. */
const CODE_ROOT = build?.dir ?? PACKAGE_ROOT;
/** kubecuke's own checkout (its sources are here), whether it runs them or its build; false for an installed package. */
export const CHECKOUT = existsSync(path.join(PACKAGE_ROOT, "engine", "package-paths.ts"));

/** A file of the package, by its path in the repository (`templates/init`, `scripts/build-kubernetes.sh`). */
export function packageFile(rel: string): string {
  return path.join(PACKAGE_ROOT, rel);
}

/** Where this build keeps kubecuke's code: every file under it is kubecuke's own (steps/support/team-code.ts). */
export function ownCodeRoot(): string {
  return CODE_ROOT;
}

/**
 * A TypeScript module of the repository (`scripts/report.ts`) as this build runs it: the source
 * itself, or its compiled twin in the build (`dist/scripts/report.js`).
 */
export function ownModule(rel: string): string {
  return BUILT ? path.join(CODE_ROOT, rel.replace(/\.ts$/, ".js")) : path.join(PACKAGE_ROOT, rel);
}

/** Node's arguments to run one of our scripts in a new process: sources go through register.mjs (tsx on Node 20). */
export function nodeArgsFor(script: string, args: readonly string[] = []): string[] {
  const file = ownModule(script);
  return BUILT ? [file, ...args] : ["--import", packageFile("steps/support/register.mjs"), file, ...args];
}

/**
 * kubecuke's support code for a cucumber configuration, in load order: register.mjs (Node's
 * compile cache; tsx where Node cannot strip types), then its steps, World and hooks: the one
 * entry steps/index.js when built, every source file in the repository (as its editors see them).
 */
export function ownStepGlobs(): string[] {
  return [packageFile("steps/support/register.mjs"), BUILT ? ownModule("steps/index.ts") : path.join(PACKAGE_ROOT, "steps/**/*.ts")];
}

/** The script behind a CLI command, when this build has it (some commands come from other parts of the project). */
export function scriptIfPresent(rel: string): string | undefined {
  const file = ownModule(rel);
  return existsSync(file) ? file : undefined;
}
