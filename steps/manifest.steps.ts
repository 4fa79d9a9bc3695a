// Applying manifests from fixtures/ or doc strings, and reading back what was applied.
import { metadataValue, objectText } from "../engine/scenario/actions.ts";
import type { AppliedManifest } from "../engine/scenario/apply.ts";
import { refOf } from "../engine/kube/manifest.ts";
import { expectContains, expectEqual, expectFailure } from "./support/expect.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";
import { kindOf } from "./support/resource.ts";

function report(world: KubeWorld, a: AppliedManifest): void {
  world.attach({ name: `manifest ${a.source} (as applied)`, contentType: "application/yaml", body: a.yaml });
  world.text("applied objects", a.applied.map((o) => `${refOf(o)} uid=${o.metadata?.uid} resourceVersion=${String(o.metadata?.resourceVersion)}`).join("\n"));
}

export const manifestSteps: StepSpec[] = [
  step({
    group: "Manifests",
    en: GivenWhenThen("I apply the manifest {string}"),
    zh: GivenWhenThen("我应用清单 {string}"),
    doc: "Server-side apply every document of a file under fixtures/manifests/ (or a path from the repository root). `namespace: default` and missing namespaces are rebased into the scenario's namespace (tag @keep-namespace keeps them). Re-applying an edited file updates the objects. The rebased file is also written to the scenario directory, so a later `kubectl delete -f <file name>` finds it.",
    example: { en: 'When I apply the manifest "pod-try-go.yaml"', zh: '当我应用清单 "pod-try-go.yaml"' },
    run: async function (this: KubeWorld, file: string) {
      report(this, await this.ctx.applyFile(file));
    },
  }),
  step({
    group: "Manifests",
    en: GivenWhenThen("I apply the manifest:"),
    zh: GivenWhenThen("我应用以下清单："),
    block: "docString",
    doc: "Like applying a file, with the YAML (one or more documents) in a doc string.",
    example: { en: "When I apply the manifest:", zh: "当我应用以下清单：", block: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: test" },
    run: async function (this: KubeWorld, yaml: string) {
      report(this, await this.ctx.applyText(yaml));
    },
  }),
  step({
    group: "Manifests",
    en: GivenWhenThen("the manifest {string} is in the working directory"),
    zh: GivenWhenThen("工作目录中有清单 {string}"),
    doc: "Write the (rebased) manifest into the scenario directory without applying it, so a literal `kubectl apply -f <file name>` can.",
    example: { en: 'Given the manifest "pod-try-go.yaml" is in the working directory', zh: '假如工作目录中有清单 "pod-try-go.yaml"' },
    run: async function (this: KubeWorld, file: string) {
      const staged = await this.ctx.stageFile(file);
      this.attach({ name: `manifest ${staged.shown} (staged)`, contentType: "application/yaml", body: staged.yaml });
    },
  }),
  step({
    group: "Manifests",
    en: GivenWhenThen("applying the manifest {string} fails with an error containing {string}"),
    zh: GivenWhenThen("应用清单 {string} 失败，错误信息包含 {string}"),
    doc: "Bad input: the apply must fail as bad input (not, say, for an unreachable cluster), and its message (YAML position, API server reason) must contain the text.",
    example: {
      en: 'Then applying the manifest "seed-as-printed/pod-try-go.yaml" fails with an error containing "pod-try-go.yaml:12:7"',
      zh: '那么应用清单 "seed-as-printed/pod-try-go.yaml" 失败，错误信息包含 "pod-try-go.yaml:12:7"',
    },
    run: async function (this: KubeWorld, file: string, text: string) {
      const message = await expectFailure(() => this.ctx.applyFile(file), `apply ${file}`, "bad-input");
      this.text(`apply ${file}: error`, message);
      expectContains(message, text, `apply ${file} error message`);
    },
  }),
  step({
    group: "Manifests",
    en: GivenWhenThen("the {resource} {string} has the label {string} set to {string}"),
    zh: GivenWhenThen("{resource} {string} 的标签 {string} 为 {string}"),
    doc: "Read the object from the API and compare one label.",
    example: { en: 'Then the Pod "go-test" has the label "app" set to "go"', zh: '那么 Pod "go-test" 的标签 "app" 为 "go"' },
    run: async function (this: KubeWorld, kind: string, name: string, key: string, value: string) {
      const k = await kindOf(this, kind);
      expectEqual(await metadataValue(this.ctx, k, name, "labels", key), value, `${objectText(this.ctx, k, name)} label ${key}`);
    },
  }),
  step({
    group: "Manifests",
    en: GivenWhenThen("the {resource} {string} has the annotation {string} set to {string}"),
    zh: GivenWhenThen("{resource} {string} 的注解 {string} 为 {string}"),
    doc: "Read the object from the API and compare one annotation.",
    example: { en: 'Then the Pod "go-test" has the annotation "owner" set to "qa"', zh: '那么 Pod "go-test" 的注解 "owner" 为 "qa"' },
    run: async function (this: KubeWorld, kind: string, name: string, key: string, value: string) {
      const k = await kindOf(this, kind);
      expectEqual(await metadataValue(this.ctx, k, name, "annotations", key), value, `${objectText(this.ctx, k, name)} annotation ${key}`);
    },
  }),
];
