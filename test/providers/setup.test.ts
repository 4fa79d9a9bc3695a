// A suite setup that fails ends the run before any scenario, says why (file, entry, object and
// the API server's reason), shows it in the Allure results, and removes what it had installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeClients } from "../../engine/kube/client.ts";
import { findObject } from "../../engine/kube/apply.ts";
import { assertReachable, cleanEnv, realCluster } from "./support.ts";
import { runnerPath, runScenarios, scratchDir } from "./runner.ts";

test("a failing suite setup stops the run at once, is reported, and leaves nothing", async (t) => {
  const c = realCluster();
  await assertReachable(c);
  const dir = scratchDir("kubecuke-setup-");
  const reports = path.join(dir, "reports");
  const run = await runScenarios(
    ["--provider", "existing", "--existing-kubeconfig", c.kubeconfig, "--existing-context", c.context, "--run-id", `setup-${randomBytes(3).toString("hex")}`, "--run-dir", path.join(dir, "run"), "test/providers/features/needs-broken-setup.feature"],
    cleanEnv({ PATH: runnerPath(), KUBECUKE_SETUP_FILE: "test/providers/features/bad-setup.yaml" }),
    reports,
  );
  t.diagnostic(`runner wall time ${run.seconds.toFixed(1)} s`);
  assert.notEqual(run.exitCode, 0, run.output);
  assert.match(run.output, /suite setup failed, no scenario runs: suite setup "broken" \(test\/providers\/features\/bad-setup\.yaml:2\): apply Deployment\/default\/kubecuke-setup-test-invalid: Invalid: .*spec\.selector: Required value/, run.output);
  assert.match(run.output, /removed what it had installed:\n {2}ConfigMap\/default\/kubecuke-setup-test-first \(setup broken\): deleted/, run.output);
  assert.deepEqual(run.scenarios, [], "no scenario ran");
  const results = readdirSync(path.join(reports, "allure-results")).filter((f) => f.endsWith("-result.json")).map((f) => JSON.parse(readFileSync(path.join(reports, "allure-results", f), "utf8")) as { name: string; status: string; statusDetails: { message: string } });
  assert.deepEqual(results.map((r) => [r.name, r.status]), [["Suite setup", "broken"]]);
  assert.match(results[0]?.statusDetails.message ?? "", /spec\.selector: Required value/);
  const clients = makeClients(c.kubeconfig, c.context);
  assert.equal(await findObject(clients, { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "kubecuke-setup-test-first" }), undefined, "the ConfigMap the setup created first is gone");
});
