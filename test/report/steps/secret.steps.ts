// A step only the report test uses: a Secret whose value comes from the environment, so the
// value never appears in a feature file and the test can search the reports for it.
import { Given } from "@cucumber/cucumber";
import { stringify } from "yaml";
import { redactError, registerSecretValue } from "../../../engine/report/redact.ts";
import type { KubeWorld } from "../../../steps/support/world.ts";

Given("a Secret {string} whose {string} is the value of the environment variable {string}", async function (this: KubeWorld, name: string, key: string, variable: string) {
  const value = process.env[variable];
  if (!value) throw new Error(`test/report/features: the environment variable ${variable} is not set; the report test (npm run test:report) sets it`);
  registerSecretValue(value);
  const manifest = stringify({ apiVersion: "v1", kind: "Secret", metadata: { name }, type: "Opaque", stringData: { [key]: value } });
  try {
    const applied = await this.ctx.applyText(manifest);
    this.attach({ name: `manifest Secret ${name} (as applied)`, contentType: "application/yaml", body: applied.yaml });
  } catch (e) {
    throw redactError(e);
  }
});
