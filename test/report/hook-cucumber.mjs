// The hook-failure report test's own cucumber run: the harness's steps, the features under
// test/report/hook-features, every output under reports/report-hooks/.
import main from "../../cucumber.mjs";

const OUT = "reports/report-hooks";

export default {
  import: main.import,
  paths: ["test/report/hook-features/**/*.feature"],
  strict: true,
  format: ["progress", ["allure-cucumberjs/reporter", `${OUT}/allure-results/.formatter-output`], `junit:${OUT}/junit.xml`],
  formatOptions: { ...main.formatOptions, resultsDir: `${OUT}/allure-results` },
};
