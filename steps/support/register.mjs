// Loaded first by cucumber.mjs and by the npm scripts (`node --import ./steps/support/register.mjs`):
// lets Node import TypeScript. Node 22.18+ and 24 strip types themselves (process.features.typescript),
// which starts faster than tsx and needs no hook; older Node (20) gets tsx's loader.
if (!process.features.typescript) {
  const { register } = await import("tsx/esm/api");
  register();
}
