// Allure 3 configuration, read by `allure generate` (npm run report). TypeScript so the
// failure categories come from the engine, where they are unit-tested.
// Only allure's type: its module is its command line, which runs on import (with the importing
// process's arguments) and loads every command; engine/report/allure-generate.mjs loads this file.
import type { defineConfig } from "allure";
import { CATEGORY_RULES } from "./engine/report/categories.ts";
import { reportSettings } from "./engine/settings/env.ts";

// scripts/report.ts sets these; plain `npx allure generate` gets the defaults.
const { singleFile, name, history, appendHistory } = reportSettings();

export default {
  name,
  output: "reports/allure-report",
  resultsDir: "reports/allure-results",
  // Outside allure-results on purpose: cleaning results before a run must keep the trend.
  historyPath: history,
  historyLimit: 50,
  // A second rendering of the same run (e.g. single-file next to the directory) adds no entry.
  appendHistory,
  categories: { rules: CATEGORY_RULES },
  plugins: {
    awesome: {
      options: {
        singleFile,
        reportName: name,
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
} satisfies Parameters<typeof defineConfig>[0];
