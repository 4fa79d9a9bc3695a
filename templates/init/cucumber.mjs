// Cucumber's configuration for `kubecuke run` (kubecuke reads it from this directory).
// kubecukeConfig loads kubecuke's steps, World and hooks first, then your own support files:
// every steps/**/*.ts (TypeScript: Node 22.18+ runs it by stripping types). It also sets the
// reports (reports/: Allure, HTML, JUnit, messages) and the workers (KUBECUKE_WORKERS).
// Change a field by spreading: export default { ...kubecukeConfig(), failFast: true };
import { kubecukeConfig } from "kubecuke/cucumber";

export default kubecukeConfig({ import: ["steps/**/*.ts"] });
