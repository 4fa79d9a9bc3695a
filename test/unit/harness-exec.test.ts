import assert from "node:assert/strict";
import { test } from "node:test";
import type { V1Status } from "@kubernetes/client-node";
import { execNotRun, exitCodeOf } from "../../engine/kube/exec.ts";

// Status frames as the 1.34 API server sent them for `exec` in a busybox container (containerd 1.6, runc).
const runtime = (what: string): V1Status => ({
  status: "Failure",
  reason: "InternalError",
  code: 500,
  message: `Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "4cd7": OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`,
});

test("a program not on $PATH is named, with the words the runtime used", () => {
  const r = execNotRun(runtime('exec: "printenv": executable file not found in $PATH'));
  assert.deepEqual(r, { missing: "printenv", reason: "executable file not found in $PATH: printenv" });
});

test("a path that does not exist is named", () => {
  const r = execNotRun(runtime('exec: "/nope/x": stat /nope/x: no such file or directory'));
  assert.deepEqual(r, { missing: "/nope/x", reason: "no such file or directory: /nope/x" });
});

test("another failure without an exit code keeps the API server's message", () => {
  const r = execNotRun({ status: "Failure", reason: "NotFound", message: 'container "x" not found in pod "p"' });
  assert.deepEqual(r, { reason: 'container "x" not found in pod "p"' });
});

test("a command that ran is not a failure to run: Success, or a non-zero exit code", () => {
  const exit3: V1Status = { status: "Failure", reason: "NonZeroExitCode", message: "command terminated with non-zero exit code: command terminated with exit code 3", details: { causes: [{ reason: "ExitCode", message: "3" }] } };
  assert.equal(execNotRun({ status: "Success" }), undefined);
  assert.equal(execNotRun(exit3), undefined);
  assert.equal(exitCodeOf(exit3), 3);
});
