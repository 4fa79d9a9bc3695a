// `node scripts/built.mjs scripts/scenarios.ts ARGS` (`npm run scenarios`): runs one of
// kubecuke's scripts from the checkout's build (scripts/build.mjs: rebuilt when a source changed,
// in about a second), not from its TypeScript sources: no loader hooks (tsx on Node 20) and a few large
// files to load instead of some hundred small ones, in the runner and in each cucumber worker
// (issue 21). KUBECUKE_FROM_SOURCES=1 runs the sources as before (a harness bug's stack then
// names the .ts files; the build's names the chunk, with each module's path in a comment).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [script, ...args] = process.argv.slice(2);
if (!script?.endsWith(".ts")) {
  console.error("usage: node scripts/built.mjs scripts/NAME.ts [arguments]");
  process.exit(2);
}

if (process.env.KUBECUKE_FROM_SOURCES === "1") {
  await import("../steps/support/register.mjs");
  await import("./top-errors-preload.ts");
  await start(path.resolve(root, script));
} else {
  const { runBuild } = await import("./build.mjs");
  const { dir, built, ms } = await runBuild(root);
  if (built) console.error(`[kubecuke] built the checkout for this run in ${(ms / 1000).toFixed(1)} s: ${path.relative(process.cwd(), dir)}`);
  // cucumber's configuration (cucumber.mjs), its workers and the run's other processes read the build from here
  process.env.KUBECUKE_RUN_BUILD = dir;
  await import("../steps/support/register.mjs"); // Node's compile cache (22+); no tsx with a build
  await import(pathToFileURL(path.join(dir, "scripts", "top-errors-preload.js")).href);
  await start(path.join(dir, script.replace(/\.ts$/, ".js")));
}

/** The script as the process's entry point: its `runAsEntryPoint` sees itself in argv[1]. */
async function start(file) {
  process.argv.splice(1, process.argv.length - 1, file, ...args);
  await import(pathToFileURL(file).href);
}
