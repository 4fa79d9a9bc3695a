// Declarative assertions on any kind the cluster serves: partial match by name or by labels,
// absence, and a way to check an assertion's failure message on purpose. Semantics: docs/assertions.md.
import { stringify } from "yaml";
import { parseExpectation } from "../engine/assert/expectation.ts";
import { Invariant, keepsMatching } from "../engine/assert/over-time.ts";
import { formatMismatches } from "../engine/assert/match.ts";
import * as assert from "../engine/assert/wait.ts";
import { AssertionFailure, describeError, KubecukeError } from "../engine/errors.ts";
import type { KubeObject } from "../engine/kube/object.ts";
import { redactObject } from "../engine/report/redact.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";
import { stepMs } from "./support/deadline.ts";
import { kindOf } from "./support/resource.ts";

/** A step's seconds as its wait's milliseconds, times KUBECUKE_TIMEOUT_SCALE. */
const s = stepMs;

/** An assertion whose failure can only come later: what it saw at the step, and how to ask for its failure. */
interface Later {
  objects: KubeObject[];
  failure: () => Promise<string | undefined>;
}

function attachObjects(w: KubeWorld, name: string, objects: KubeObject[]): void {
  if (objects.length === 0) return;
  const docs = objects.map((o) => stringify(redactObject(assert.trimForReport(o)))).join("---\n");
  w.attach({ name, contentType: "application/yaml", body: docs });
}

/** Run an assertion; attach what it last saw when it fails; capture the failure when one is expected. */
async function assertion(w: KubeWorld, what: string, run: () => Promise<KubeObject[] | Later>): Promise<void> {
  // the World's, per scenario: whether this assertion should fail (world.ts ExpectedFailure)
  const state = w.expectedFailure;
  try {
    const r = await run();
    attachObjects(w, what, Array.isArray(r) ? r : r.objects);
    if (!Array.isArray(r) && state?.pending) {
      w.expectedFailure = { pending: false, later: r.failure };
      return;
    }
  } catch (err) {
    if (err instanceof assert.MatchFailure) attachObjects(w, `${what} (last seen)`, err.lastSeenObjects);
    const checkable = err instanceof KubecukeError && (err.category === "assertion" || err.category === "bad-input");
    if (!state?.pending || !checkable) throw err;
    w.expectedFailure = { pending: false, message: describeError(err) };
    return;
  }
  if (state?.pending) throw new AssertionFailure(`${what}: expected this assertion to fail (the step before said so), but it held`);
}

async function selection(w: KubeWorld, q: assert.Quantity, resource: string, labels: string, seconds: number, yaml: string): Promise<void> {
  await assertion(w, `${resource} -l ${labels}`, async () => assert.waitForSelection(w.env, await kindOf(w, resource), labels, parseExpectation(yaml), q, s(seconds)));
}

const G = "Assertions on any resource";
export const assertSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} matches within {int} seconds:"),
    zh: GivenWhenThen("{resource} {string} 在 {int} 秒内匹配："),
    block: "docString",
    doc: "Watch the object until every field of the YAML matches: maps as subsets, lists contain the items in any order (`!exact` for exact order and length), scalars by value and YAML type, and the matchers `!present`, `!absent`, `!regex`, `!gt`/`!ge`/`!lt`/`!le`. A failure lists every mismatch (path, expected, last seen) and attaches the object. See docs/assertions.md.",
    example: { en: 'Then the Deployment "web" matches within 60 seconds:', zh: '那么 Deployment "web" 在 60 秒内匹配：', block: 'status:\n  readyReplicas: !ge 2\n  conditions:\n    - type: Available\n      status: "True"' },
    run: async function (this: KubeWorld, resource: string, name: string, seconds: number, yaml: string) {
      await assertion(this, `${resource} ${name}`, async () => [await assert.waitForMatch(this.env, await kindOf(this, resource), name, parseExpectation(yaml), s(seconds))]);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} does not match:"),
    zh: GivenWhenThen("{resource} {string} 不匹配："),
    block: "docString",
    doc: "Read the object once: it must exist and differ from the YAML in at least one field (same rules as `matches`). A missing object fails, so a misspelt name cannot pass.",
    example: { en: 'Then the ConfigMap "settings" does not match:', zh: '那么 ConfigMap "settings" 不匹配：', block: "data:\n  mode: production" },
    run: async function (this: KubeWorld, resource: string, name: string, yaml: string) {
      await assertion(this, `${resource} ${name}`, async () => {
        this.text(`${resource} ${name} differs`, formatMismatches(await assert.expectNoMatch(this.env, await kindOf(this, resource), name, parseExpectation(yaml))));
        return [];
      });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} does not exist"),
    zh: GivenWhenThen("{resource} {string} 不存在"),
    doc: "Read once: no object of that kind and name (in the scenario's namespace when the kind is namespaced). An object still being deleted exists.",
    example: { en: 'Then the ConfigMap "old-settings" does not exist', zh: '那么 ConfigMap "old-settings" 不存在' },
    run: async function (this: KubeWorld, resource: string, name: string) {
      await assertion(this, `${resource} ${name}`, async () => (await assert.expectAbsent(this.env, await kindOf(this, resource), name), []));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("every {resource} with labels {string} matches within {int} seconds:"),
    zh: GivenWhenThen("带有标签 {string} 的每个 {resource} 在 {int} 秒内匹配："),
    zhOrder: [1, 0, 2],
    block: "docString",
    doc: "Watch the objects with the label selector until there is at least one and every one matches the YAML (rules as for one object). A failure lists each object's mismatches.",
    example: { en: 'Then every Pod with labels "app=web" matches within 60 seconds:', zh: '那么带有标签 "app=web" 的每个 Pod 在 60 秒内匹配：', block: "status:\n  phase: Running" },
    run: async function (this: KubeWorld, resource: string, labels: string, seconds: number, yaml: string) {
      await selection(this, { kind: "every" }, resource, labels, seconds, yaml);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("exactly {int} {resource} with labels {string} match within {int} seconds:"),
    zh: GivenWhenThen("带有标签 {string} 的 {resource} 在 {int} 秒内恰好有 {int} 个匹配："),
    zhOrder: [3, 1, 0, 2],
    block: "docString",
    doc: "Watch the objects with the label selector until exactly N of them match the YAML (the others may differ; `exactly 0` means none matches).",
    example: { en: 'Then exactly 2 pods with labels "app=web" match within 60 seconds:', zh: '那么带有标签 "app=web" 的 pods 在 60 秒内恰好有 2 个匹配：', block: "status:\n  phase: Running" },
    run: async function (this: KubeWorld, n: number, resource: string, labels: string, seconds: number, yaml: string) {
      await selection(this, { kind: "exactly", n }, resource, labels, seconds, yaml);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("at least {int} {resource} with labels {string} match within {int} seconds:"),
    zh: GivenWhenThen("带有标签 {string} 的 {resource} 在 {int} 秒内至少有 {int} 个匹配："),
    zhOrder: [3, 1, 0, 2],
    block: "docString",
    doc: "Watch the objects with the label selector until at least N of them match the YAML (the others may differ).",
    example: { en: 'Then at least 1 Pod with labels "app=web" match within 60 seconds:', zh: '那么带有标签 "app=web" 的 Pod 在 60 秒内至少有 1 个匹配：', block: "status:\n  phase: Running" },
    run: async function (this: KubeWorld, n: number, resource: string, labels: string, seconds: number, yaml: string) {
      await selection(this, { kind: "atLeast", n }, resource, labels, seconds, yaml);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("no {resource} with labels {string} exists within {int} seconds"),
    zh: GivenWhenThen("{int} 秒内不存在带有标签 {string} 的 {resource}"),
    zhOrder: [2, 1, 0],
    doc: "Watch until no object of the kind has the labels (deleted and its finalizers done); a failure lists what is left, with deletionTimestamp and finalizers.",
    example: { en: 'Then no Pod with labels "app=web" exists within 60 seconds', zh: '那么 60 秒内不存在带有标签 "app=web" 的 Pod' },
    run: async function (this: KubeWorld, resource: string, labels: string, seconds: number) {
      await assertion(this, `${resource} -l ${labels}`, async () => (await assert.waitForNone(this.env, await kindOf(this, resource), labels, s(seconds)), []));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the JSONPath {string} of the {resource} {string} is {string} within {int} seconds"),
    zh: GivenWhenThen("{resource} {string} 的 JSONPath {string} 在 {int} 秒内为 {string}"),
    zhOrder: [2, 0, 1, 4, 3],
    doc: "Watch the object until the kubectl JSONPath template prints exactly the text (like `kubectl wait --for=jsonpath`); filters take single quotes inside the step's double quotes. See docs/assertions.md#jsonpath.",
    example: {
      en: "Then the JSONPath \"{.status.conditions[?(@.type=='Available')].status}\" of the Deployment \"web\" is \"True\" within 60 seconds",
      zh: "那么 Deployment \"web\" 的 JSONPath \"{.status.conditions[?(@.type=='Available')].status}\" 在 60 秒内为 \"True\"",
    },
    run: async function (this: KubeWorld, template: string, resource: string, name: string, value: string, seconds: number) {
      await assertion(this, `${resource} ${name}`, async () => [await assert.waitForJsonPath(this.env, await kindOf(this, resource), name, template, value, s(seconds))]);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} keeps matching for {int} seconds:"),
    zh: GivenWhenThen("{resource} {string} 持续匹配 {int} 秒："),
    block: "docString",
    doc: "A check over time: the object matches the YAML now and every version the watch sees for N seconds matches too (rules as for `matches within`). Fails at the first version that does not, with its time and every mismatching field (path, expected, what that version had). N is a time to observe, not a limit: the timeout scale does not stretch it.",
    example: { en: 'Then the ConfigMap "settings" keeps matching for 10 seconds:', zh: '那么 ConfigMap "settings" 持续匹配 10 秒：', block: "data:\n  mode: test" },
    run: async function (this: KubeWorld, resource: string, name: string, seconds: number, yaml: string) {
      const expected = parseExpectation(yaml);
      await assertion(this, `${resource} ${name}`, async () => [await keepsMatching(this.env, await kindOf(this, resource), name, expected, seconds * 1000)]);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("throughout the scenario, the {resource} {string} always matched:"),
    zh: GivenWhenThen("在整个场景中，{resource} {string} 始终匹配："),
    block: "docString",
    doc: "A check from this step to the end of the scenario: the object must match the YAML now (else the step fails at once), and a watch judges every later version. When the scenario ends (before cleanup), it fails if a version did not match, naming the first one: its time and every mismatching field.",
    example: { en: 'Then throughout the scenario, the ConfigMap "settings" always matched:', zh: '那么在整个场景中，ConfigMap "settings" 始终匹配：', block: "data:\n  mode: test" },
    run: async function (this: KubeWorld, resource: string, name: string, yaml: string) {
      const expected = parseExpectation(yaml);
      const from = this.currentStep?.where ?? "this step";
      await assertion(this, `${resource} ${name}`, async () => {
        const check = new Invariant(this.env, await kindOf(this, resource), name, expected);
        const now = await check.start(this.ctx.clients.timeouts.get);
        this.checksToTheEnd.push({ check, from, expectBreak: this.expectedFailure?.pending === true });
        const failure = async (): Promise<string | undefined> => {
          const b = await check.verdict(this.ctx.clients.timeouts.get);
          return b && check.failureText(b, from);
        };
        return { objects: [now], failure };
      });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the next assertion is expected to fail"),
    zh: GivenWhenThen("预期下一个断言失败"),
    doc: "The next step of this group must fail (with a mismatch or bad input); its message is kept for `the assertion failed with a message containing:`. Used to check failure messages on purpose.",
    example: { en: "When the next assertion is expected to fail", zh: "当预期下一个断言失败" },
    run: async function (this: KubeWorld) {
      this.expectedFailure = { pending: true };
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the assertion failed with a message containing:"),
    zh: GivenWhenThen("断言失败，消息包含："),
    block: "docString",
    doc: "The assertion expected to fail did fail, and its message contains every non-blank line of the doc string (each line as written, leading spaces ignored). For `throughout the scenario, …`: it has failed by now (the watch caught up with the object as stored now).",
    example: { en: "Then the assertion failed with a message containing:", zh: "那么断言失败，消息包含：", block: "spec.size: expected 5, last saw 3" },
    run: async function (this: KubeWorld, text: string) {
      const state = this.expectedFailure;
      const message = state?.message ?? (await state?.later?.());
      if (message === undefined && state?.later) throw new AssertionFailure("the check over the scenario that was expected to fail has held so far: every version matched");
      if (message === undefined) throw new AssertionFailure('no assertion failed as expected: put "When the next assertion is expected to fail" before an assertion step');
      const missing = text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !message.includes(l));
      if (missing.length > 0) throw new AssertionFailure(`the assertion's message lacks:\n  ${missing.join("\n  ")}\nlast saw:\n${message}`);
    },
  }),
];
