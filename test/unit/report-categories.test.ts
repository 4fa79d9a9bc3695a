// One error of each kind, through the path a step's error takes to the report: redactError
// (steps/define.steps.ts), cucumber's formatError, allure-cucumberjs's status and statusDetails,
// then Allure's first-match category rules. Categories are by type: wording does not matter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AssertionError } from "node:assert";
import { createRequire } from "node:module";
import { ApiException } from "@kubernetes/client-node";
import { getMessageAndTraceFromError, getStatusFromError } from "allure-js-commons/sdk";
import { ToolMissingError } from "../../engine/cluster/exec.ts";
import { ProviderConfigError } from "../../engine/settings/provider.ts";
import { AssertionFailure, BadInputError, CannotHappenError, ERROR_CATEGORIES, HarnessError, InfrastructureError, InterruptedError, TimeoutError, type ErrorCategory } from "../../engine/errors.ts";
import { CommandLineError } from "../../engine/kube/command-line.ts";
import { apiError } from "../../engine/kube/errors.ts";
import { KubeconfigError } from "../../engine/kube/kubeconfig.ts";
import { ManifestError } from "../../engine/kube/manifest.ts";
import { CATEGORY_RULES, categorize, RULE_OF_CATEGORY } from "../../engine/report/categories.ts";
import { redactError } from "../../engine/report/redact.ts";

// cucumber's own formatter, exactly as its runtime calls it for a failed step
const { formatError } = createRequire(import.meta.url)("@cucumber/cucumber/lib/runtime/format_error") as {
  formatError: (e: Error | string, filterStackTraces: boolean) => { message: string; exception: { type: string; message: string; stackTrace: string } };
};

/** What Allure files for a step that threw `err` (allure-cucumberjs reporter.js exceptionToError + parseStatus). */
function reported(err: unknown): { status: string; message?: string; trace?: string } {
  const r = formatError(redactError(err) as Error, true);
  const error = { message: r.message, stack: r.exception.stackTrace, name: r.exception.type };
  return { status: getStatusFromError(error), ...getMessageAndTraceFromError(error) };
}

function apiException(code: number, reason: string, message: string): ApiException<unknown> {
  const body = JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", reason, message, code });
  return new ApiException(code, `HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nBody: ${body}\nHeaders: {}`, body, {});
}

function connectionRefused(): Error {
  const e = new Error("request to https://127.0.0.1:6443/api/v1/namespaces/kc-1/pods failed, reason: connect ECONNREFUSED 127.0.0.1:6443") as Error & { code: string };
  e.name = "FetchError";
  e.code = "ECONNREFUSED";
  return e;
}

const cases: Array<[what: string, err: unknown, rule: string]> = [
  ["a wait that ran out", new TimeoutError("wait Pod/kc-1/web Ready: expected condition Ready=True, last saw phase=Running ready=false (after 30.0 s)"), "timeouts"],
  // misfiled before: its "(after 2.0 s)" read as a timeout
  [
    "ErrImageNeverPull: the wait stopped early after 2 s",
    new CannotHappenError("wait Pod/kc-1/never-pulled Ready: expected condition Ready=True, but it cannot happen: container app: ErrImageNeverPull; last saw phase=Pending (after 2.0 s)"),
    "cannot-happen",
  ],
  // misfiled before: no file:line and no "Fix the", so a harness error
  ["the API server's Invalid on apply", apiError(apiException(422, "Invalid", 'Pod "empty" is invalid: spec.containers: Required value'), { operation: "apply", object: "Pod/kc-1/empty" }), "bad-input"],
  ["admission's Forbidden on apply", apiError(apiException(403, "Forbidden", 'pods "root" is forbidden: violates PodSecurity "restricted:latest"'), { operation: "apply", object: "Pod/kc-1/root" }), "bad-input"],
  ["a manifest that does not parse", new ManifestError("fixtures/manifests/bad.yaml:12:7: All mapping items must start at the same column. Fix the indentation", "fixtures/manifests/bad.yaml", 12, 7), "bad-input"],
  ["a step's command line", new CommandLineError('unsupported shell operator "|" in: kubectl get pods | wc'), "bad-input"],
  ["a kubeconfig without the context", new KubeconfigError('kubeconfig /tmp/k: context "x" not found (contexts: y)'), "bad-input"],
  ["a bad setting", new ProviderConfigError("KUBECUKE_PROVIDER: expected kind, local or existing, got \"knd\""), "bad-input"],
  ["plain bad step text", new BadInputError('the Pod "web" was not deleted in this scenario: add When I delete the Pod "web" first'), "bad-input"],
  ["an API server that does not answer", apiError(connectionRefused(), { operation: "list", object: "Pods in kc-1" }), "infrastructure"],
  ["RBAC's Forbidden", apiError(apiException(403, "Forbidden", 'pods is forbidden: User "qa" cannot list resource "pods" in API group "" in the namespace "kc-1"'), { operation: "list", object: "Pods in kc-1" }), "infrastructure"],
  ["a 503", apiError(apiException(503, "ServiceUnavailable", "the server is currently unable to handle the request"), { operation: "get", object: "Pod/kc-1/web" }), "infrastructure"],
  ["a tool the machine lacks", new ToolMissingError("kind: cannot run it (ENOENT)"), "infrastructure"],
  ["plain infrastructure", new InfrastructureError("local provider: kube-apiserver exited while starting"), "infrastructure"],
  ["a check that did not hold", new AssertionFailure('kubectl stdout: expected to contain "1/1", last saw:\nNAME READY\nweb 0/1'), "assertions"],
  ["node:assert", new AssertionError({ actual: 1, expected: 2, operator: "strictEqual" }), "assertions"],
  ["a harness bug", new HarnessError("the watch delivered an object without metadata.name"), "broken"],
  ["an API Conflict (the harness should have retried)", apiError(apiException(409, "Conflict", "the object has been modified"), { operation: "update", object: "Pod/kc-1/web" }), "broken"],
  ["an untyped TypeError", new TypeError("Cannot read properties of undefined (reading 'items')"), "broken"],
  ["cucumber's step timeout", new Error("function timed out, ensure the promise resolves within 180000 milliseconds"), "timeouts"],
];

for (const [what, err, rule] of cases) {
  test(`${what} → ${rule}`, () => {
    const r = reported(err);
    assert.equal(categorize(r)?.id, rule, `status ${r.status}, trace: ${r.trace?.slice(0, 160)}`);
  });
}

test("the wording of a message does not move a typed error: a timeout that says 'Forbidden' and 'expected … last saw' is a timeout", () => {
  const r = reported(new TimeoutError("wait Pod/kc-1/web Ready: expected Ready, last saw Forbidden: pods is forbidden, ECONNREFUSED (after 3 s)"));
  assert.equal(categorize(r)?.id, "timeouts");
  const b = reported(new BadInputError("apply Pod/kc-1/web: expected a manifest, last saw nothing (after 2 s)"));
  assert.equal(categorize(b)?.id, "bad-input");
});

test("wording does not make a foreign error ours: a plain Error worded like a wait is a harness error", () => {
  assert.equal(categorize(reported(new Error("wait Pod/kc-1/web Ready: expected Ready, last saw Pending (after 30 s)")))?.id, "broken");
});

test("assertions are 'failed' in Allure, every other category 'broken'", () => {
  assert.equal(reported(new AssertionFailure("x: expected 1, last saw 2")).status, "failed");
  assert.equal(reported(new TimeoutError("wait x: expected y (after 1 s)")).status, "broken");
  assert.equal(reported(new CannotHappenError("wait x: cannot happen")).status, "broken");
});

test("the name survives redaction, even when the message quotes a credential", () => {
  const r = reported(new AssertionFailure("kubectl stdout: expected to contain \"ok\", last saw:\ntoken: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
  assert.match(r.trace ?? "", /^AssertionError: kubectl stdout/);
  assert.doesNotMatch(r.trace ?? "", /eyJhbGci/);
  assert.equal(categorize(r)?.id, "assertions");
});

test("the name survives redaction that rewrites the message (a Secret as JSON is re-serialised) but not the stack", () => {
  const secret = JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { password: Buffer.from("s3cr3t-value-1234").toString("base64") } });
  const err = new TimeoutError(secret);
  // V8 formats a stack on first read; once read (logged, inspected) it no longer follows the message
  void err.stack;
  const r = reported(err);
  assert.doesNotMatch(r.trace ?? "", /czNjcjN0/);
  assert.equal(categorize(r)?.id, "timeouts", `trace: ${r.trace?.slice(0, 120)}`);
});

test("every error category has a rule, and that rule files it", () => {
  const make: Record<ErrorCategory, () => Error> = {
    // (cucumber splits message from frames at the message's first occurrence in the stack,
    // so a one-letter message would be found inside the name: real messages name an operation)
    timeout: () => new TimeoutError("wait x: expected y (after 1 s)"),
    "cannot-happen": () => new CannotHappenError("wait x: expected y, but it cannot happen"),
    "bad-input": () => new BadInputError("read manifest x.yaml: ENOENT"),
    infrastructure: () => new InfrastructureError("start etcd: exited"),
    assertion: () => new AssertionFailure("check x: expected y, last saw z"),
    interrupted: () => new InterruptedError("step x: interrupted by SIGINT while it ran; the scenario's cleanup runs next"),
    harness: () => new HarnessError("record x: no such flow"),
  };
  for (const c of ERROR_CATEGORIES) {
    assert.ok(CATEGORY_RULES.some((r) => r.id === RULE_OF_CATEGORY[c]), `a rule ${RULE_OF_CATEGORY[c]} exists for ${c}`);
    assert.equal(categorize(reported(make[c]()))?.id, RULE_OF_CATEGORY[c], c);
  }
});

test("passed and skipped results have no category", () => {
  assert.equal(categorize({ status: "passed" }), undefined);
  assert.equal(categorize({ status: "skipped", message: "function timed out, ensure the promise resolves within 1 milliseconds" }), undefined);
});
