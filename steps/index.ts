// `kubecuke/steps`: every module that registers kubecuke's steps, World and hooks with cucumber,
// as one entry for a cucumber configuration written by hand:
//   import: [fileURLToPath(import.meta.resolve("kubecuke/steps")), "steps/**/*.ts"]
// (kubecukeConfig from kubecuke/cucumber does this). The other files under steps/ are imported by these.
import "./define.steps.ts";
import "./support/hooks.ts";
