// Literal kubectl commands, where the user's command is the point, and checks of their output.
import { AssertionFailure, BadInputError } from "../engine/errors.ts";
import { formatKubectlResult } from "../engine/kube/kubectl.ts";
import { findRow, jsonPathText } from "../engine/kube/output.ts";
import { expectContains, expectEqual, expectMatches, expectNotContains, parseJson } from "./support/expect.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";

async function run(world: KubeWorld, command: string, input?: string): Promise<void> {
  const prev = world.lastKubectl;
  if (prev && !world.lastKubectlChecked && prev.exitCode !== 0) {
    // the scenario left a failure unchecked: its text must say what it expects
    throw new BadInputError(`the previous command "${prev.command}" exited ${prev.exitCode} and no step checked it: add "Then the command fails" or a check of its output. stderr: ${prev.stderr.trim()}`);
  }
  const r = await world.ctx.kubectl(command.trim(), input);
  world.lastKubectl = r;
  world.lastKubectlChecked = r.exitCode === 0;
  world.text(`kubectl ${r.args[0] ?? ""} (exit ${r.exitCode})`, formatKubectlResult(r));
}

const G = "kubectl";
export const kubectlSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("I run {string}"),
    zh: GivenWhenThen("我执行 {string}"),
    doc: "Run a literal kubectl command with the scenario's kubeconfig (its context points at the scenario namespace), in the scenario directory. Quotes work as in a shell; pipes do not. `-it` is accepted: there is no TTY, so `-t` is dropped and `-i` only kept when input is given. A non-zero exit is recorded, not an error: check it with the steps below (an unchecked failure fails the next command and the scenario).",
    example: { en: 'When I run "kubectl get pod -o wide -l app=go"', zh: '当我执行 "kubectl get pod -o wide -l app=go"' },
    run: async function (this: KubeWorld, command: string) {
      await run(this, command);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I run:"),
    zh: GivenWhenThen("我执行："),
    block: "docString",
    doc: "The same with the command in a doc string (one command; line breaks are spaces).",
    example: { en: "When I run:", zh: "当我执行：", block: "kubectl run go-test --port=8080 --image-pull-policy='IfNotPresent'\n  --image=registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go" },
    run: async function (this: KubeWorld, command: string) {
      await run(this, command.replace(/\\?\r?\n/g, " "));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I run {string} with input:"),
    zh: GivenWhenThen("我执行 {string} 并输入："),
    block: "docString",
    doc: "Run a command feeding the doc string to its stdin: `kubectl apply -f -`, `kubectl create -f -`, or an interactive one such as the seed's `kubectl exec -it go-test -- /bin/bash` (as if typed).",
    example: { en: 'When I run "kubectl exec -it go-test -- /bin/bash" with input:', zh: '当我执行 "kubectl exec -it go-test -- /bin/bash" 并输入：', block: "echo inside $HOSTNAME\nexit" },
    run: async function (this: KubeWorld, command: string, input: string) {
      await run(this, command, input.endsWith("\n") ? input : `${input}\n`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the command succeeds"),
    zh: GivenWhenThen("命令成功"),
    doc: "The last kubectl command exited 0.",
    example: { en: "Then the command succeeds", zh: "那么命令成功" },
    run: async function (this: KubeWorld) {
      const r = this.kubectlResult;
      if (r.exitCode !== 0) throw new AssertionFailure(`kubectl ${r.args.join(" ")}: expected exit code 0, last saw ${r.exitCode}; stderr: ${r.stderr.trim()}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the command fails"),
    zh: GivenWhenThen("命令失败"),
    doc: "The last kubectl command exited non-zero.",
    example: { en: "Then the command fails", zh: "那么命令失败" },
    run: async function (this: KubeWorld) {
      const r = this.kubectlResult;
      if (r.exitCode === 0) throw new AssertionFailure(`kubectl ${r.args.join(" ")}: expected a non-zero exit code, last saw 0; stdout: ${r.stdout.trim()}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exit code is {int}"),
    zh: GivenWhenThen("退出码为 {int}"),
    doc: "The last kubectl command's exit code.",
    example: { en: "Then the exit code is 1", zh: "那么退出码为 1" },
    run: async function (this: KubeWorld, code: number) {
      expectEqual(this.kubectlResult.exitCode, code, "kubectl exit code");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the output contains {string}"),
    zh: GivenWhenThen("输出包含 {string}"),
    doc: "stdout of the last kubectl command contains the text.",
    example: { en: 'Then the output contains "go-test"', zh: '那么输出包含 "go-test"' },
    run: async function (this: KubeWorld, text: string) {
      expectContains(this.kubectlResult.stdout, text, "kubectl stdout");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the output does not contain {string}"),
    zh: GivenWhenThen("输出不包含 {string}"),
    doc: "stdout of the last kubectl command does not contain the text.",
    example: { en: 'Then the output does not contain "go-test"', zh: '那么输出不包含 "go-test"' },
    run: async function (this: KubeWorld, text: string) {
      expectNotContains(this.kubectlResult.stdout, text, "kubectl stdout");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the output matches {string}"),
    zh: GivenWhenThen("输出匹配 {string}"),
    doc: "stdout matches a regular expression (multiline: ^ and $ match at line breaks).",
    example: { en: 'Then the output matches "^Node:\\s+\\S+"', zh: '那么输出匹配 "^Node:\\s+\\S+"' },
    run: async function (this: KubeWorld, pattern: string) {
      expectMatches(this.kubectlResult.stdout, pattern, "kubectl stdout");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the error output contains {string}"),
    zh: GivenWhenThen("错误输出包含 {string}"),
    doc: "stderr of the last kubectl command contains the text.",
    example: { en: 'Then the error output contains "NotFound"', zh: '那么错误输出包含 "NotFound"' },
    run: async function (this: KubeWorld, text: string) {
      expectContains(this.kubectlResult.stderr, text, "kubectl stderr");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the output has a row whose {string} is {string}"),
    zh: GivenWhenThen("输出表格中有 {string} 为 {string} 的行"),
    doc: "stdout is a kubectl table (get, get -o wide); one row has that value in that column (header as printed, e.g. \"NOMINATED NODE\").",
    example: { en: 'Then the output has a row whose "NAME" is "go-test"', zh: '那么输出表格中有 "NAME" 为 "go-test" 的行' },
    run: async function (this: KubeWorld, column: string, value: string) {
      findRow(this.kubectlResult.stdout, column, value);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("in the output row whose {string} is {string}, {string} is {string}"),
    zh: GivenWhenThen("输出表格中 {string} 为 {string} 的行，{string} 为 {string}"),
    doc: "A cell of the row found by another cell equals the value.",
    example: { en: 'Then in the output row whose "NAME" is "go-controller-test", "READY" is "2/2"', zh: '那么输出表格中 "NAME" 为 "go-controller-test" 的行，"READY" 为 "2/2"' },
    run: async function (this: KubeWorld, keyCol: string, key: string, col: string, value: string) {
      const row = findRow(this.kubectlResult.stdout, keyCol, key);
      expectEqual(row[col], value, `row ${keyCol}=${key}, column ${col}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("in the output row whose {string} is {string}, {string} matches {string}"),
    zh: GivenWhenThen("输出表格中 {string} 为 {string} 的行，{string} 匹配 {string}"),
    doc: "A cell of the row found by another cell matches a regular expression.",
    example: { en: 'Then in the output row whose "NAME" is "go-test", "IP" matches "^\\d+\\.\\d+\\.\\d+\\.\\d+$"', zh: '那么输出表格中 "NAME" 为 "go-test" 的行，"IP" 匹配 "^\\d+\\.\\d+\\.\\d+\\.\\d+$"' },
    run: async function (this: KubeWorld, keyCol: string, key: string, col: string, pattern: string) {
      const row = findRow(this.kubectlResult.stdout, keyCol, key);
      expectMatches(row[col] ?? "", pattern, `row ${keyCol}=${key}, column ${col}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the output JSONPath {string} is {string}"),
    zh: GivenWhenThen("输出的 JSONPath {string} 为 {string}"),
    doc: "stdout is JSON (`-o json`); the JSONPath template prints what `kubectl -o jsonpath` would: filters `[?(@.type==\"Ready\")]`, `[*]`, slices, `{range}…{end}`; several matches joined by spaces, maps and lists as JSON (docs/assertions.md).",
    example: { en: 'Then the output JSONPath "{.spec.containers[0].ports[0].containerPort}" is "8080"', zh: '那么输出的 JSONPath "{.spec.containers[0].ports[0].containerPort}" 为 "8080"' },
    run: async function (this: KubeWorld, path: string, value: string) {
      const data = parseJson(this.kubectlResult.stdout, `JSONPath ${path}`, "command output");
      expectEqual(jsonPathText(data, path), value, `JSONPath ${path}`);
    },
  }),
];
