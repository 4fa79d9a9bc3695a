// Where kubecuke's own files are: beside this module, never the working directory (that is the
// user's project, with their features/, steps/, reports/). From the repository this module is
// engine/package-paths.ts and kubecuke runs its TypeScript sources; from an installed package
// it is dist/engine/package-paths.js and everything runs compiled (Node strips no types under
// node_modules).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);
/** True when this is the compiled package (dist/), false when running the repository's sources. */
export const BUILT = here.endsWith(".js");
/** The package's root: where package.json, templates/ and (built) dist/ are. */
export const PACKAGE_ROOT = path.resolve(path.dirname(here), BUILT ? "../.." : "..");

/** A file of the package, by its path in the repository (`templates/init`, `scripts/build-kubernetes.sh`). */
export function packageFile(rel: string): string {
  return path.join(PACKAGE_ROOT, rel);
}

/**
 * A TypeScript module of the repository (`scripts/report.ts`) as this build runs it: the source
 * itself, or its compiled twin under dist/ (`dist/scripts/report.js`).
 */
export function ownModule(rel: string): string {
  return BUILT ? path.join(PACKAGE_ROOT, "dist", rel.replace(/\.ts$/, ".js")) : path.join(PACKAGE_ROOT, rel);
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
  return [packageFile("steps/support/register.mjs"), BUILT ? path.join(PACKAGE_ROOT, "dist/steps/index.js") : path.join(PACKAGE_ROOT, "steps/**/*.ts")];
}

/** The script behind a CLI command, when this build has it (some commands come from other parts of the project). */
export function scriptIfPresent(rel: string): string | undefined {
  const file = ownModule(rel);
  return existsSync(file) ? file : undefined;
}
