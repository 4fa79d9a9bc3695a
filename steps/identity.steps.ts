// Who later steps talk to the API as: the scenario's own identity by default, another ServiceAccount on request.
import { clientsAsServiceAccount } from "../engine/kube/identity.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";

export const identitySteps: StepSpec[] = [
  step({
    group: "Identity",
    en: GivenWhenThen("I act as the ServiceAccount {string}"),
    zh: GivenWhenThen("我以 ServiceAccount {string} 的身份操作"),
    doc: "Later waits, exec and log steps talk to the API as this ServiceAccount of the scenario's namespace (a token from the TokenRequest API), so its RBAC applies: the `default` ServiceAccount may do nothing. Applies, deletes and kubectl commands stay with the scenario's own identity (its ServiceAccount `kubecuke-scenario`, or the admin under `@allow-shared-changes`); cleanup stays admin.",
    example: { en: 'When I act as the ServiceAccount "default"', zh: '当我以 ServiceAccount "default" 的身份操作' },
    run: async function (this: KubeWorld, name: string) {
      this.actingAs = { serviceAccount: name, clients: await clientsAsServiceAccount(this.ctx.clients, this.ctx.namespace, name) };
      this.text("identity", `system:serviceaccount:${this.ctx.namespace}:${name} (token from the TokenRequest API)`);
    },
  }),
];
