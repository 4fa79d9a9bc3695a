// A step of your own, beside kubecuke's, in English and in Chinese (one function, two texts).
// `this` is kubecuke's World: `this.kube` holds the scenario's Kubernetes clients (client-node),
// `this.ctx.namespace` its namespace, `this.text` attaches text to the report (redacted). Throw
// kubecuke's typed errors: an AssertionFailure is reported as a test failure with your message.
import { Then } from "@cucumber/cucumber";
import { AssertionFailure, type KubeWorld } from "kubecuke";

async function hasKeys(this: KubeWorld, name: string, keys: number): Promise<void> {
  const cm = await this.kube.core.readNamespacedConfigMap({ name, namespace: this.ctx.namespace });
  const seen = Object.keys(cm.data ?? {});
  this.text(`ConfigMap ${name}`, seen.join("\n"));
  if (seen.length !== keys) {
    throw new AssertionFailure(`read ConfigMap/${this.ctx.namespace}/${name}: expected ${keys} keys, last saw ${seen.length} (${seen.join(", ")})`);
  }
}

Then("the ConfigMap {string} has {int} keys", hasKeys);
Then("ConfigMap {string} 有 {int} 个键", hasKeys);
