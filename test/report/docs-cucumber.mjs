// The documentation test's own cucumber run: the tutorial's @smoke scenarios (Chinese and
// English) and one that fails on purpose; every output under reports/docs-test/.
import main from "../../cucumber.mjs";

const OUT = "reports/docs-test";

export default {
  import: main.import,
  paths: ["features/zh-CN/k8s-pods.feature", "features/standalone-pod.feature", "test/report/docs-features/*.feature"],
  tags: "@smoke or @docs-selftest",
  strict: true,
  format: ["progress", ["allure-cucumberjs/reporter", `${OUT}/allure-results/.formatter-output`], `message:${OUT}/messages.ndjson`],
  formatOptions: { ...main.formatOptions, resultsDir: `${OUT}/allure-results` },
};
