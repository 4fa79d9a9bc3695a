// A script that is also a module: `main(argv)` runs when the file is the process's entry point
// (`npm run report`), not when the CLI imports it (`kubecuke report`).
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** True when the module at `url` (its import.meta.url) is the file Node was started with. */
export function isEntryPoint(url: string): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  try {
    return realpathSync(fileURLToPath(url)) === realpathSync(path.resolve(arg));
  } catch {
    return false;
  }
}

/** Runs `main` with the process's arguments when this module is the entry point; its result is the exit code. */
export async function runAsEntryPoint(url: string, main: (argv: string[]) => Promise<number>): Promise<void> {
  if (isEntryPoint(url)) process.exitCode = await main(process.argv.slice(2));
}
