// A step of your own, beside kubecuke's. `this` is kubecuke's World: `this.kube` holds the
// scenario's Kubernetes clients (client-node), `this.ctx.namespace` its namespace, `this.text`
// attaches text to the report (redacted). Throw kubecuke's typed errors: an AssertionFailure is
// reported as a test failure with your message.
import { Then } from "@cucumber/cucumber";
import { AssertionFailure, type KubeWorld } from "kubecuke";

Then("the ConfigMap {string} has {int} keys", async function (this: KubeWorld, name: string, keys: number) {
  const cm = await this.kube.core.readNamespacedConfigMap({ name, namespace: this.ctx.namespace });
  const seen = Object.keys(cm.data ?? {});
  this.text(`ConfigMap ${name}`, seen.join("\n"));
  if (seen.length !== keys) {
    throw new AssertionFailure(`read ConfigMap/${this.ctx.namespace}/${name}: expected ${keys} keys, last saw ${seen.length} (${seen.join(", ")})`);
  }
});
