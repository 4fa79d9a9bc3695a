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

if (!process.features.typescript) {
  const { register } = await import("tsx/esm/api");
  register();
}
