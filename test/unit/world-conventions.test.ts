// cucumber's conventions on kubecuke's World (steps/support/world.ts, attach.ts) and the report
// category of an error thrown by a team's own step (steps/support/team-code.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { AssertionError } from "node:assert";
import { createRequire } from "node:module";
import path from "node:path";
import { CucumberExpressionGenerator, type ParameterTypeRegistry } from "@cucumber/cucumber-expressions";
import { getMessageAndTraceFromError, getStatusFromError } from "allure-js-commons/sdk";
import { BadInputError, HarnessError, TimeoutError } from "../../engine/errors.ts";
import { categorize } from "../../engine/report/categories.ts";
import { redactError } from "../../engine/report/redact.ts";
import { toReportAttachment } from "../../steps/support/attach.ts";
import { asTeamFailure, KUBECUKE_ROOT, ownCode, thrownInKubecuke, throwingFile, wrapDefinition } from "../../steps/support/team-code.ts";
import { KubeWorld } from "../../steps/support/world.ts";
import { RESOURCE_PATTERN } from "../../steps/support/resource.ts";
import { readFileSync } from "node:fs";

const SECRET = "token=hunter2-very-secret";

function world<P>(parameters: P) {
  const attached: Array<[unknown, unknown]> = [];
  const logged: string[] = [];
  const w = new KubeWorld<P>({ attach: ((d: unknown, o: unknown) => void attached.push([d, o])) as never, log: (t: string) => void logged.push(t), link: () => {}, parameters });
  return { w, attached, logged };
}

test("this.parameters are cucumber's world parameters", () => {
  const { w } = world({ env: "staging", kubecuke: { provider: "local" } });
  assert.equal(w.parameters.env, "staging");
});

test("this.attach takes cucumber's signatures and kubecuke's Attachment, and redacts text", () => {
  const { w, attached, logged } = world({});
  w.attach(`plain ${SECRET}`);
  w.attach(`typed ${SECRET}`, "text/plain");
  w.attach(`{"url":"https://x/?${SECRET}"}`, { mediaType: "application/json", fileName: "cfg.json" });
  w.attach(Buffer.from(`buffer ${SECRET}`), "text/plain");
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
  w.attach(png, "image/png");
  w.attach({ name: "notes", contentType: "text/plain", body: SECRET });
  w.log(`log ${SECRET}`);
  const texts = attached.map(([d]) => (Buffer.isBuffer(d) && d !== png ? d.toString() : d));
  for (const t of [...texts.filter((t) => typeof t === "string"), ...logged]) assert.doesNotMatch(t as string, /hunter2/, `redacted: ${String(t)}`);
  assert.deepEqual(attached.map(([, o]) => o), [
    { mediaType: "text/plain" }, { mediaType: "text/plain" }, { mediaType: "application/json", fileName: "cfg.json" },
    { mediaType: "text/plain" }, { mediaType: "image/png" }, { mediaType: "text/plain", fileName: "notes" },
  ]);
  assert.equal(attached[4]![0], png, "binary data goes as it is");
});

test("attach refuses what it cannot redact or type, saying what to pass", () => {
  assert.throws(() => toReportAttachment(Buffer.from("x")), (e: unknown) => e instanceof BadInputError && /name its media type/.test(e.message));
  assert.throws(() => toReportAttachment(42), (e: unknown) => e instanceof BadInputError && /attach a string, a Buffer/.test(e.message));
  const runtime = toReportAttachment('{"type":"parameter"}', "application/vnd.allure.message+json");
  assert.equal(runtime.data, '{"type":"parameter"}', "allure's runtime messages pass to its formatter");
});

// cucumber's own formatter and allure-cucumberjs's status, as report-categories.test.ts uses them
const { formatError } = createRequire(import.meta.url)("@cucumber/cucumber/lib/runtime/format_error") as {
  formatError: (e: Error, filter: boolean) => { message: string; exception: { type: string; message: string; stackTrace: string } };
};
function ruleOf(err: unknown): string | undefined {
  const r = formatError(redactError(err) as Error, true);
  const e = { message: r.message, stack: r.exception.stackTrace, name: r.exception.type };
  return categorize({ status: getStatusFromError(e), ...getMessageAndTraceFromError(e) })?.id;
}

/** An error as a team's step file would throw it: its first frame in the team's directory. */
function thrownAt(err: Error, file: string): Error {
  err.stack = `${err.name}: ${err.message}\n    at World.<anonymous> (${file}:12:11)\n    at async run (${path.join(KUBECUKE_ROOT, "node_modules/@cucumber/cucumber/lib/user_code_runner.js")}:1:1)`;
  return err;
}

test("an ordinary Error from a team's step is an assertion failure, not a harness error; its message and place are kept", () => {
  const plain = thrownAt(new Error("expected 3 orders, got 2"), "/home/team/steps/orders.steps.ts");
  assert.equal(ruleOf(plain), "broken", "unwrapped it would be filed as a kubecuke bug");
  const failure = asTeamFailure(plain) as Error;
  assert.equal(ruleOf(failure), "assertions");
  assert.equal(failure.message, "expected 3 orders, got 2");
  assert.match(failure.stack ?? "", /^AssertionError: expected 3 orders, got 2\n\s+at World.<anonymous> \(\/home\/team\/steps\/orders\.steps\.ts:12:11\)/);
  assert.equal(failure.cause, plain);
  const typeError = asTeamFailure(thrownAt(new TypeError("x.items is undefined"), "/home/team/steps/orders.steps.ts")) as Error;
  assert.equal(typeError.message, "TypeError: x.items is undefined");
  assert.equal(ruleOf(typeError), "assertions");
});

test("node's assert, kubecuke's typed errors and errors thrown inside kubecuke's own code keep their category", () => {
  const nodeAssert = new AssertionError({ message: "3 == 2", actual: 3, expected: 2, operator: "==" });
  assert.equal(asTeamFailure(nodeAssert), nodeAssert);
  assert.equal(ruleOf(nodeAssert), "assertions");
  const typed = new TimeoutError("wait Pod/ns/x Ready: expected …");
  assert.equal(asTeamFailure(typed), typed);
  const ours = thrownAt(new TypeError("cannot read x"), path.join(KUBECUKE_ROOT, "engine/kube/apply.ts"));
  assert.equal(asTeamFailure(ours), ours, "kubecuke's engine failed under a team step: a kubecuke bug");
  assert.equal(ruleOf(ours), "broken");
  assert.equal(asTeamFailure(new HarnessError("bug")) instanceof HarnessError, true);
});

test("where an error was thrown: the first frame's file", () => {
  assert.equal(throwingFile("Error: x\n    at f (file:///home/team/steps/a.ts:1:2)\n    at g (/b.ts:3:4)"), "/home/team/steps/a.ts");
  assert.equal(throwingFile("Error: x\n    at /home/team/steps/a.ts:1:2"), "/home/team/steps/a.ts");
  assert.equal(throwingFile("Error: no frames"), undefined);
  assert.equal(thrownInKubecuke(`E: x\n    at f (${KUBECUKE_ROOT}/steps/pod.steps.ts:1:1)`), true);
  assert.equal(thrownInKubecuke(`E: x\n    at f (${KUBECUKE_ROOT}/node_modules/@kubernetes/client-node/dist/x.js:1:1)`), false);
  assert.equal(thrownInKubecuke("E: x\n    at f (/home/team/steps/a.ts:1:1)"), false);
});

test("the definition wrapper: kubecuke's own code unchanged; a team's sync and async errors converted, results kept", async () => {
  const mine = ownCode(function () {
    throw new Error("ours");
  });
  assert.equal(wrapDefinition(mine as never), mine);
  const sync = wrapDefinition(function () {
    throw thrownAt(new Error(`sync ${SECRET}`), "/team/steps/a.ts");
  });
  assert.throws(() => sync.call({}), (e: unknown) => e instanceof Error && e.name === "AssertionError" && !/hunter2/.test(e.message));
  const asyncFail = wrapDefinition(async function () {
    throw thrownAt(new Error("async"), "/team/steps/a.ts");
  });
  await assert.rejects(asyncFail.call({}) as Promise<unknown>, (e: unknown) => e instanceof Error && e.name === "AssertionError" && e.message === "async");
  const ok = wrapDefinition(function (this: unknown, a: unknown) {
    return (this as { n: number }).n + (a as number);
  });
  assert.equal(ok.call({ n: 1 }, 2), 3);
  assert.equal(await (wrapDefinition(async () => "pending") as () => Promise<string>)(), "pending");
});

test("{resource} is not offered for snippets: an undefined step's snippet keeps its words", async () => {
  // the parameter types cucumber itself registers from kubecuke's step files
  const { loadConfiguration, loadSupport } = await import("@cucumber/cucumber/api");
  const { runConfiguration } = await loadConfiguration({ provided: { import: ["steps/support/register.mjs", "steps/**/*.ts"] } }, { cwd: KUBECUKE_ROOT });
  const support = await loadSupport(runConfiguration, { cwd: KUBECUKE_ROOT });
  // ISupportCodeLibrary (the API's type) does not declare the registry it holds
  const registry = (support as unknown as { parameterTypeRegistry: ParameterTypeRegistry }).parameterTypeRegistry;
  assert.equal(registry.lookupByTypeName("resource")?.useForSnippets, false);
  const [snippet] = new CucumberExpressionGenerator(() => registry.parameterTypes).generateExpressions('the widget "w" frobnicates 3 times');
  assert.equal(snippet?.source, "the widget {string} frobnicates {int} times");
  // the literal in define.steps.ts (the language server reads parameter types only from literals) is RESOURCE_PATTERN
  const defined = /defineParameterType\(\{ name: "resource", regexp: \/(.+?)\/, .*useForSnippets: false \}\);/.exec(readFileSync(path.join(KUBECUKE_ROOT, "steps/define.steps.ts"), "utf8"));
  assert.equal(defined?.[1], RESOURCE_PATTERN.source);
});
