// Allure 3 configuration, read by `allure generate` (npm run report). TypeScript so the
// failure categories come from the engine, where they are unit-tested.
import { defineConfig } from "allure";
import { CATEGORY_RULES } from "./engine/report/categories.ts";

// scripts/report.ts sets these; plain `npx allure generate` gets the defaults.
const singleFile = process.env.KUBECUKE_REPORT_SINGLE_FILE === "1";

export default defineConfig({
  name: process.env.KUBECUKE_REPORT_NAME ?? "kubecuke acceptance tests",
  output: "reports/allure-report",
  resultsDir: "reports/allure-results",
  // Outside allure-results on purpose: cleaning results before a run must keep the trend.
  historyPath: process.env.KUBECUKE_REPORT_HISTORY ?? "reports/history/history.jsonl",
  historyLimit: 50,
  // A second rendering of the same run (e.g. single-file next to the directory) adds no entry.
  appendHistory: process.env.KUBECUKE_REPORT_APPEND_HISTORY !== "0",
  categories: { rules: CATEGORY_RULES },
  plugins: {
    awesome: {
      options: {
        singleFile,
        reportName: process.env.KUBECUKE_REPORT_NAME ?? "kubecuke acceptance tests",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
