// A cucumber-js plugin (cucumber.mjs `plugin`): hands the scenarios to the workers longest first,
// by their times in earlier runs (engine/run/durations.ts). Active only when the runner names the
// durations file in KUBECUKE_DURATIONS, which it does for several workers and no --order of the
// user's; otherwise the order is cucumber's. Its `pickles:order` transform runs after cucumber's
// own filter, --shard and --order, so it changes neither which scenarios run nor a shard's share.
// JavaScript, as cucumber.mjs: cucumber's own process loads plugins before any TypeScript hook;
// the TypeScript module is imported the way cucumber.mjs imports the settings.
// Installed (under node_modules, where Node strips no types): the compiled module; the repository: its source.
import { existsSync } from "node:fs";
const built = new URL("../../dist/engine/run/durations.js", import.meta.url);
const importTs = async (specifier) =>
  import.meta.url.includes("/node_modules/") && existsSync(built) ? import(built.href) : process.features.typescript ? import(specifier) : (await import("tsx/esm/api")).tsImport(specifier, import.meta.url);

export default {
  type: "plugin",
  coordinator: async ({ transform, environment, logger }) => {
    const file = environment.env.KUBECUKE_DURATIONS;
    if (!file) return;
    transform("pickles:order", async (pickles) => {
      const { durationKey, longestFirst, readDurations } = await importTs("../../engine/run/durations.ts");
      const durations = await readDurations(file);
      const timed = pickles.filter(({ pickle }) => durations[durationKey(pickle.uri, pickle.name)] !== undefined).length;
      logger.debug(`longest first: ${timed} of ${pickles.length} scenarios timed in earlier runs (${file})`);
      return longestFirst(pickles, ({ pickle }) => durationKey(pickle.uri, pickle.name), durations);
    });
  },
};
