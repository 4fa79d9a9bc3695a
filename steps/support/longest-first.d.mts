// The type of longest-first.mjs (JavaScript so that cucumber's own process can load it).
import type { Plugin } from "@cucumber/cucumber/api";

declare const plugin: Plugin<unknown>;
export default plugin;
