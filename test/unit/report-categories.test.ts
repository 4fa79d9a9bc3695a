import { test } from "node:test";
import assert from "node:assert/strict";
import { categorize } from "../../engine/report/categories.ts";

const cases: Array<[status: string, message: string, expected: string | undefined]> = [
  ["failed", "wait for Pod kc-1/web Running: expected phase Running, last saw Pending (after 30 s)", "timeouts"],
  ["broken", "wait pod/kc-1/web Ready: expected Ready=True, last saw ContainersNotReady (after 12.5s)", "timeouts"],
  ["broken", "function timed out, ensure the promise resolves within 60000 milliseconds", "timeouts"],
  ["broken", "connect ECONNREFUSED 127.0.0.1:6443 timed out", "timeouts"],
  ["broken", "features/pods.feature:12:7: unknown field spec.contaners. Fix the manifest", "bad-input"],
  ["failed", "Fix the doc string: expected a YAML mapping", "bad-input"],
  ["broken", "fixtures/web.yaml:3: mapping values are not allowed here", "bad-input"],
  ["broken", "Undefined. Implement with the following snippet:", "bad-input"],
  ["broken", "connect ECONNREFUSED 127.0.0.1:6443", "infrastructure"],
  ["broken", "HTTP-Code: 401 Message: Unauthorized", "infrastructure"],
  ["failed", "Error from server (NotFound): the server could not find the requested resource", "infrastructure"],
  ["broken", "KUBECUKE_KUBECONFIG is not set: run scenarios through npm test", "infrastructure"],
  ["failed", "expected exec output to contain \"hello\", got \"bye\"", "assertions"],
  ["failed", "Expected values to be strictly equal:\n\n1 !== 2\n", "assertions"],
  ["broken", 'kubectl stdout: expected to contain "1/1", last saw:\nNAME READY', "assertions"],
  ["broken", "TypeError: Cannot read properties of undefined (reading 'items')", "broken"],
  ["passed", "", undefined],
  ["skipped", "timed out", undefined],
];

for (const [status, message, expected] of cases) {
  test(`${status} "${message.slice(0, 50)}" → ${expected ?? "no category"}`, () => {
    assert.equal(categorize(status, message)?.id, expected);
  });
}
