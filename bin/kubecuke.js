#!/usr/bin/env node
// kubecuke's command line. An installed package runs its compiled JavaScript (dist/): Node strips
// no TypeScript types under node_modules. A checkout of the repository runs its sources
// (register.mjs lets Node 20 import them through tsx).
import { existsSync } from "node:fs";

const sources = new URL("../scripts/cli.ts", import.meta.url);
if (existsSync(sources)) {
  await import("../steps/support/register.mjs");
  await import(sources.href);
} else {
  await import("../dist/scripts/cli.js");
}
