// A step only the shard test uses: fails the first time each scenario runs it in this process
// and passes after, so `--retry 1` makes that scenario pass on its second attempt.
import { Then } from "@cucumber/cucumber";
import type { KubeWorld } from "../../../steps/support/world.ts";

const attempts = new Map<string, number>();

Then("this scenario fails on its first attempt", async function (this: KubeWorld) {
  const name = this.ctx.options.scenarioName;
  const n = (attempts.get(name) ?? 0) + 1;
  attempts.set(name, n);
  this.text("attempt", `attempt ${n} in namespace ${this.ctx.namespace}`);
  if (n === 1) throw new Error(`fails on purpose on attempt 1 (namespace ${this.ctx.namespace}); the retry must pass in a fresh namespace`);
});
