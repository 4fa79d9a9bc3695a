// The report test's own cucumber run: the harness's steps, the features under
// test/report/features, every output under reports/report-test/.
import main from "../../cucumber.mjs";

const OUT = "reports/report-test";

export default {
  import: main.import,
  paths: ["test/report/features/**/*.feature"],
  strict: true,
  format: [
    "progress",
    ["allure-cucumberjs/reporter", `${OUT}/allure-results/.formatter-output`],
    `html:${OUT}/cucumber.html`,
    `junit:${OUT}/junit.xml`,
    `message:${OUT}/messages.ndjson`,
  ],
  formatOptions: { ...main.formatOptions, resultsDir: `${OUT}/allure-results` },
};
