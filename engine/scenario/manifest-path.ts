// Where a manifest a step names is read from, and which ${env:NAME} in it are unset: the scenario
// context reads the file through resolveManifestPath, and the check before any cluster work
// (steps/support/locate.ts) reads it the same way, so both name the same file.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { unsetEnvironment, type VariableSource } from "./variables.ts";

/** fixtures/manifests first, then a path from the working directory (the repository root). */
export function resolveManifestPath(name: string, fixturesDir = path.resolve("fixtures/manifests")): { abs: string; shown: string } {
  const inFixtures = path.join(fixturesDir, name);
  const abs = path.isAbsolute(name) ? name : name.startsWith("fixtures/") || (!existsSync(inFixtures) && existsSync(path.resolve(name))) ? path.resolve(name) : inFixtures;
  return { abs, shown: path.relative(process.cwd(), abs) };
}

/**
 * Unset `${env:NAME}` in a manifest file, as "file:line: ${env:NAME}", or [] when the file
 * cannot be read (the step that names it says so itself, with its own message).
 */
export function unsetEnvironmentInFile(name: string, env: VariableSource["env"], fixturesDir?: string): string[] {
  const { abs, shown } = resolveManifestPath(name, fixturesDir);
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch {
    return [];
  }
  // a reference never spans lines, so line by line gives each one its line
  return text.split("\n").flatMap((line, i) => [...new Set(unsetEnvironment(line, env, `${shown}:${i + 1}`))].map((n) => `${shown}:${i + 1}: \${env:${n}}`));
}
