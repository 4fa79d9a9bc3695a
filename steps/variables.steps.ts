// Values carried between steps (`${name}`), values from the environment, Secrets whose values
// never appear in a feature or a report.
import { AssertionFailure, BadInputError } from "../engine/errors.ts";
import { getObject, refText } from "../engine/kube/apply.ts";
import { refTo } from "../engine/scenario/actions.ts";
import { kindOf } from "./support/resource.ts";
import { parseJson } from "./support/expect.ts";
import { jsonPathText } from "../engine/kube/output.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";

const G = "Variables and secrets";
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function save(world: KubeWorld, name: string, value: string, from: string): void {
  if (!NAME.test(name)) throw new BadInputError(`save as "${name}": a variable name is letters, digits, _ . - (starting with a letter or _), used later as \${${name}}`);
  world.ctx.saved.set(name, value);
  world.text(`saved \${${name}}`, `\${${name}} = ${value}\n(from ${from})`);
}

/** A JSONPath that must match something: an empty result is bad input, not an empty value. */
function capture(data: unknown, path: string, what: string): string {
  const value = jsonPathText(data, path);
  if (value === "") throw new BadInputError(`save the JSONPath ${path} of ${what}: it matches nothing. Check the path against the object (attached), e.g. {.metadata.uid} or {.spec.clusterIP}`, { object: what });
  return value;
}

export const variableSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("I save the JSONPath {string} of the {resource} {string} as {string}"),
    zh: GivenWhenThen("我把 {resource} {string} 的 JSONPath {string} 保存为 {string}"),
    zhOrder: [2, 0, 1, 3],
    doc: "Read the object from the API and save the JSONPath's value (kubectl's JSONPath) as a variable, for `${name}` in later steps, doc strings and manifest files. A path that matches nothing fails.",
    example: { en: 'When I save the JSONPath "{.spec.clusterIP}" of the Service "go-svc" as "ip"', zh: '当我把 Service "go-svc" 的 JSONPath "{.spec.clusterIP}" 保存为 "ip"' },
    run: async function (this: KubeWorld, path: string, kind: string, name: string, variable: string) {
      const ref = refTo(this.ctx, await kindOf(this, kind), name);
      save(this, variable, capture(await getObject(this.ctx.clients, ref), path, refText(ref)), `${kind} ${name} ${path}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I save the output as {string}"),
    zh: GivenWhenThen("我把输出保存为 {string}"),
    doc: "Save the last kubectl command's stdout (trimmed) as a variable.",
    example: { en: 'When I save the output as "pod-name"', zh: '当我把输出保存为 "pod-name"' },
    run: async function (this: KubeWorld, variable: string) {
      const out = this.kubectlResult.stdout.trim();
      if (out === "") throw new BadInputError(`save the output as "${variable}": the last command printed nothing on stdout (${this.kubectlResult.command})`);
      save(this, variable, out, this.kubectlResult.command);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I save the output JSONPath {string} as {string}"),
    zh: GivenWhenThen("我把输出的 JSONPath {string} 保存为 {string}"),
    doc: "The last command printed JSON (`-o json`): save the JSONPath's value as a variable. A path that matches nothing fails.",
    example: { en: 'When I save the output JSONPath "{.items[0].metadata.name}" as "first-pod"', zh: '当我把输出的 JSONPath "{.items[0].metadata.name}" 保存为 "first-pod"' },
    run: async function (this: KubeWorld, path: string, variable: string) {
      const data = parseJson(this.kubectlResult.stdout, `save the output JSONPath ${path}`, "command output");
      save(this, variable, capture(data, path, "the output"), `${this.kubectlResult.command} ${path}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the variable {string} is {string}"),
    zh: GivenWhenThen("变量 {string} 为 {string}"),
    doc: "Compare a saved variable (or built-in: namespace, scenario, run) with a text, which may itself use `${...}`.",
    example: { en: 'Then the variable "ip" is "${ip}"', zh: '那么变量 "ip" 为 "${ip}"' },
    run: async function (this: KubeWorld, name: string, expected: string) {
      const actual = this.ctx.expand(`\${${name}}`, `variable ${name}`).text;
      if (actual !== expected) throw new AssertionFailure(`variable ${name}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(actual)}`, { expected, lastSeen: actual });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I create the Secret {string} from the environment:"),
    zh: GivenWhenThen("我用环境变量创建 Secret {string}："),
    block: "dataTable",
    doc: "Create a Secret in the scenario's namespace whose values come from environment variables (table columns `key` and `variable`; the variable `(generated)` makes a random 24-character value). Values must be 6 characters or more; they are registered for redaction before anything is written, so no value appears in a feature, a step name, an attachment, junit.xml, cucumber.html, messages.ndjson or the Allure results.",
    example: { en: 'Given I create the Secret "db" from the environment:', zh: '假如我用环境变量创建 Secret "db"：', block: "| key      | variable    |\n| password | DB_PASSWORD |\n| token    | (generated) |" },
    run: async function (this: KubeWorld, name: string, table: { hashes(): Array<Record<string, string>> }) {
      const rows = table.hashes();
      if (rows.length === 0 || rows.some((r) => !r.key || !r.variable)) throw new BadInputError(`create the Secret ${name}: the table needs the columns "key" and "variable" and at least one row`);
      const origin = await this.ctx.createSecretFromEnvironment(name, rows.map((r) => ({ key: r.key ?? "", variable: r.variable ?? "" })), `Secret ${name}`);
      this.text(`Secret ${name} (values redacted)`, origin.join("\n"));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exec output contains the value of the environment variable {string}"),
    zh: GivenWhenThen("执行输出包含环境变量 {string} 的值"),
    doc: "Compare the last exec's stdout with an environment variable's value without writing the value anywhere (a Pod reading a Secret created from the environment).",
    example: { en: 'Then the exec output contains the value of the environment variable "DB_PASSWORD"', zh: '那么执行输出包含环境变量 "DB_PASSWORD" 的值' },
    run: async function (this: KubeWorld, variable: string) {
      const value = this.ctx.options.inputs?.[variable];
      if (!value) throw new BadInputError(`environment variable ${variable} is not set`);
      // the value is never quoted: a failure names the variable only
      if (!this.execResult.stdout.includes(value)) {
        throw new AssertionFailure(`exec stdout: expected to contain the value of ${variable}, it does not (stdout has ${this.execResult.stdout.length} characters)`, { expected: `the value of ${variable}` });
      }
    },
  }),
];
