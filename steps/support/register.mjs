// Loaded first by cucumber.mjs and by the npm scripts (`node --import ./steps/support/register.mjs`):
// lets Node import TypeScript. Node 22.18+ and 24 strip types themselves (process.features.typescript),
// which starts faster than tsx and needs no hook; older Node (20) gets tsx's loader.
import * as nodeModule from "node:module";

// Node 22.1+: V8 keeps the code it compiled on disk (os.tmpdir()/node-compile-cache), so the next
// start loads client-node, cucumber and the step code about a third faster. Passed on through the
// environment to the processes started from here (cucumber's workers, the background report).
if (nodeModule.enableCompileCache && !process.env.NODE_COMPILE_CACHE) {
  const { directory } = nodeModule.enableCompileCache();
  if (directory) process.env.NODE_COMPILE_CACHE = directory;
}

// kubecuke's own suite run from its build (scripts/built.mjs), in the runner and in cucumber's
// processes: nothing TypeScript is loaded, and the packages preloaded below are inside the build.
// (A process of the sources started under such a run, e.g. by a test, still gets tsx.)
const runBuild = process.env.KUBECUKE_RUN_BUILD;
const entry = process.argv[1] ?? "";
const fromBuild = Boolean(runBuild) && (entry.startsWith(`${runBuild}`) || /scripts[/\\]built\.mjs$|@cucumber[/\\]cucumber[/\\]/.test(entry));
if (!process.features.typescript && !fromBuild) {
  // tsx's hooks run (on Node 20, in another thread) for every module loaded after them, which
  // about doubles the load of a big package of plain JavaScript: the ones nearly every process of
  // a run needs are loaded first, without them (client-node alone: 0.97 s → 0.45 s). Imports of
  // them from TypeScript later resolve to these same, already loaded modules.
  await Promise.all(["@kubernetes/client-node", "execa", "yaml"].map((m) => import(m)));
  // A run's processes (the runner, cucumber's workers) load cucumber and the step code's packages
  // too: 0.15-0.2 s of CPU less when loaded here. One after another: cucumber's CommonJS requires
  // @cucumber/messages, which a concurrent import can leave half-loaded (ERR_INTERNAL_ASSERTION).
  // A worker needs only the step code's; the runner (one worker in its process) and cucumber's
  // coordinator also cucumber's API and the Allure formatter.
  const main = process.argv[1] ?? "";
  const steps = ["@cucumber/cucumber", "@cucumber/gherkin", "@cucumber/cucumber-expressions", "allure-js-commons", "jsonpath-plus"];
  const preload = /run_worker\.js$/.test(main) ? steps
    : /scripts[/\\]scenarios\.ts$|@cucumber[/\\]cucumber[/\\]/.test(main) ? ["@cucumber/cucumber/api", ...steps, "allure-cucumberjs/reporter"]
    : [];
  for (const m of preload) await import(m);
  const { register } = await import("tsx/esm/api");
  register();
}
