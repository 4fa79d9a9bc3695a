// The error model: names follow categories, facts and causes are kept, API failures are
// wrapped once and filed by reason, and describeError is the one way to put any error in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiException } from "@kubernetes/client-node";
import { AssertionFailure, BadInputError, categoryOf, CannotHappenError, describeError, ERROR_NAMES, failureMessage, HarnessError, InfrastructureError, KubecukeError, TimeoutError } from "../../engine/errors.ts";
import { ManifestError } from "../../engine/kube/manifest.ts";
import { ApiError, apiError, apiFailure, categoryOfFailure, isNotFound } from "../../engine/kube/errors.ts";

function apiException(code: number, reason: string | undefined, message: string): ApiException<string> {
  const body = JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", ...(reason ? { reason } : {}), message, code });
  return new ApiException(code, `HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nBody: ${body}\nHeaders: {"audit-id":"x"}`, body, { "audit-id": "x" });
}

test("an error's name is its category's, in the stack too, and a subclass keeps it", () => {
  const cases: Array<[KubecukeError, string]> = [
    [new TimeoutError("wait a: expected b"), "KubecukeTimeoutError"],
    [new CannotHappenError("wait a: cannot happen"), "KubecukeCannotHappenError"],
    [new BadInputError("step: bad"), "KubecukeBadInputError"],
    [new InfrastructureError("etcd: exited"), "KubecukeInfrastructureError"],
    [new AssertionFailure("check: expected a, last saw b"), "AssertionError"],
    [new HarnessError("bug: oops"), "KubecukeHarnessError"],
    [new ManifestError("x.yaml:1:1: bad", "x.yaml", 1, 1), "KubecukeBadInputError"],
  ];
  for (const [err, name] of cases) {
    assert.equal(err.name, name);
    assert.equal(ERROR_NAMES[err.category], name);
    assert.ok(err.stack?.startsWith(`${name}: ${err.message}`), err.stack);
    assert.equal(categoryOf(err), err.category);
  }
  assert.equal(categoryOf(new TypeError("x")), "harness", "anything untyped is a harness error");
  assert.equal(categoryOf("a string"), "harness");
});

test("facts and cause: the usual { cause } works, facts may carry it, and the third argument wins", () => {
  const root = new Error("root");
  assert.equal(new BadInputError("m", { cause: root }).cause, root);
  const e = new TimeoutError("m", { operation: "wait", object: "Pod/ns/a", cause: root });
  assert.equal(e.cause, root);
  assert.deepEqual(e.facts, { operation: "wait", object: "Pod/ns/a" }, "the cause is not a fact");
  assert.equal(new TimeoutError("m", {}, { cause: "other" }).cause, "other");
  assert.ok(!("cause" in new TimeoutError("m")), "no cause property when there is none");
});

test("failureMessage writes the house format from facts and leaves out what is unknown", () => {
  assert.equal(
    failureMessage({ operation: "wait", object: "Pod/kc-1/web", expected: "Ready=True", lastSeen: "phase=Pending", elapsedMs: 2_400, events: ["Warning Failed (kubelet): ErrImageNeverPull"] }, "Set imagePullPolicy"),
    "wait Pod/kc-1/web: expected Ready=True, last saw phase=Pending (after 2.4 s). Set imagePullPolicy\nrecent events:\n  Warning Failed (kubelet): ErrImageNeverPull",
  );
  assert.equal(failureMessage({ operation: "logs", object: "Pod/ns/a", expected: '"x"', elapsedMs: 30_000 }), 'logs Pod/ns/a: expected "x" (after 30 s)');
  const t = TimeoutError.of({ operation: "exec", object: "Pod/ns/a", expected: "the command to finish", elapsedMs: 5_000 });
  assert.ok(t instanceof TimeoutError);
  assert.equal(t.message, "exec Pod/ns/a: expected the command to finish (after 5 s)");
  assert.equal(t.facts.elapsedMs, 5_000);
});

test("describeError: message, then causes that add something; an ApiException by its Status, not its headers", () => {
  assert.equal(describeError("plain"), "plain");
  const inner = new Error("connect ECONNREFUSED 127.0.0.1:6443");
  assert.equal(describeError(new Error("GET /version", { cause: inner })), "GET /version: connect ECONNREFUSED 127.0.0.1:6443");
  assert.equal(describeError(new Error("x: connect ECONNREFUSED 127.0.0.1:6443", { cause: inner })), "x: connect ECONNREFUSED 127.0.0.1:6443", "a cause already quoted is not repeated");
  const api = apiException(404, "NotFound", 'namespaces "kc-x" not found');
  assert.equal(describeError(api), 'NotFound (HTTP 404): namespaces "kc-x" not found');
  assert.equal(describeError(new Error('delete Namespace/kc-x: NotFound: namespaces "kc-x" not found', { cause: api })), 'delete Namespace/kc-x: NotFound: namespaces "kc-x" not found', "a wrapper that quotes the Status adds nothing");
  assert.doesNotMatch(describeError(api), /audit-id|Headers/);
});

test("API failures are filed by reason: bad input, infrastructure, or the harness's own mistake", () => {
  const at = (code: number, reason: string | undefined, message: string) => categoryOfFailure(apiFailure(apiException(code, reason, message)));
  assert.equal(at(422, "Invalid", 'Pod "a" is invalid: spec.containers: Required value'), "bad-input");
  assert.equal(at(400, "BadRequest", ".spec.x: field not declared in schema"), "bad-input");
  assert.equal(at(404, "NotFound", 'pods "a" not found'), "bad-input");
  assert.equal(at(422, undefined, "no reason in the body: the code says Invalid"), "bad-input");
  assert.equal(at(403, "Forbidden", 'pods "a" is forbidden: violates PodSecurity "restricted:latest"'), "bad-input", "admission refused the object");
  assert.equal(at(403, "Forbidden", 'pods is forbidden: User "qa" cannot list resource "pods" in API group ""'), "infrastructure", "RBAC refused the user");
  assert.equal(at(401, "Unauthorized", "Unauthorized"), "infrastructure");
  assert.equal(at(500, "InternalError", "etcdserver: request timed out"), "infrastructure");
  // what the local cluster (v1.34) answers to server-side apply of a misspelt field
  assert.equal(at(500, undefined, 'failed to create typed patch object (kc-1/misspelt; /v1, Kind=Pod): .spec.containers[name="c"].imagePullPolicyy: field not declared in schema'), "bad-input");
  assert.equal(at(502, undefined, "bad gateway"), "infrastructure");
  assert.equal(at(409, "Conflict", "the object has been modified"), "harness");
  assert.equal(at(410, "Expired", "too old resource version"), "harness");
  const refused = Object.assign(new Error("request to https://127.0.0.1:6443/api failed, reason: connect ECONNREFUSED"), { name: "FetchError", code: "ECONNREFUSED" });
  assert.equal(categoryOfFailure(apiFailure(refused)), "infrastructure");
  assert.equal(categoryOfFailure(apiFailure(Object.assign(new Error("network timeout"), { name: "FetchError" }))), "infrastructure");
  assert.equal(categoryOfFailure(apiFailure(new TypeError("Cannot read properties of undefined"))), "harness");
});

test("apiError wraps once: the server's words after what was attempted, the cause kept, our own errors passed through", () => {
  const cause = apiException(422, "Invalid", 'Pod "empty" is invalid: spec.containers: Required value');
  const e = apiError(cause, { operation: "apply", object: "Pod/kc-1/empty" });
  assert.ok(e instanceof ApiError && e instanceof BadInputError === false && e instanceof KubecukeError);
  assert.equal(e.message, 'apply Pod/kc-1/empty: Invalid: Pod "empty" is invalid: spec.containers: Required value');
  assert.equal(e.name, "KubecukeBadInputError");
  assert.equal(e.cause, cause);
  assert.equal((e as ApiError).code, 422);
  assert.equal((e as ApiError).reason, "Invalid");
  assert.equal(apiError(e, { operation: "apply again" }), e, "wrapping twice returns the same error");
  const t = new TimeoutError("wait x: expected y (after 1 s)");
  assert.equal(apiError(t, { operation: "list" }), t);
  assert.deepEqual(apiFailure(e), apiFailure(cause), "apiFailure reads a wrapped error like the original");
  assert.ok(isNotFound(apiError(apiException(404, "NotFound", "gone"), { operation: "get" })));
  assert.ok(!isNotFound(e));
  const down = apiError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6443"), { code: "ECONNREFUSED" }), { operation: "list", object: "Pods in kc-1" });
  assert.equal(down.category, "infrastructure");
  assert.match(down.message, /^list Pods in kc-1: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:6443\. The API server did not answer: check the cluster/);
});
