// The pure parts of the checks over time: how one version is judged and said, and "never fewer
// than N ready replicas" over a Deployment's record. The watches themselves: features/checks-over-time.feature.
import assert from "node:assert/strict";
import { test } from "node:test";
import { breakText, versionProblem } from "../../engine/assert/over-time.ts";
import { parseExpectation } from "../../engine/assert/expectation.ts";
import { neverFewerThan, replicaObservation, replicaVerdictText, type ReplicaObservation } from "../../engine/wait/replica-history.ts";

const cm = (mode: unknown, rv = "812") => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", resourceVersion: rv }, data: { mode, other: "x" } });

test("a matching version has no problem; a mismatching one names its resourceVersion and every field, with what it had", () => {
  const expected = parseExpectation("data:\n  mode: test\n  other: y\n");
  assert.equal(versionProblem(parseExpectation("data: {mode: test}"), cm("test"), true), undefined);
  assert.equal(versionProblem(expected, cm("prod"), true), 'resourceVersion 812 did not match, 2 mismatch(es):\n  data.mode: expected "test", saw "prod"\n  data.other: expected "y", saw "x"');
});

test("a missing object: did not exist at first, deleted once it had", () => {
  const expected = parseExpectation("data: {mode: test}");
  assert.equal(versionProblem(expected, undefined, false), "it did not exist");
  assert.equal(versionProblem(expected, undefined, true), "it was deleted");
});

test("a type look-alike keeps its hint in a version's mismatch", () => {
  assert.match(versionProblem(parseExpectation("data: {mode: 3}"), cm("3"), true) ?? "", /data\.mode: expected 3, saw "3" \(YAML reads an unquoted 3 as a number/);
});

test("a break is said with its clock time (UTC, milliseconds) and the seconds since the check started", () => {
  assert.equal(breakText({ at: new Date("2025-01-02T12:03:04.123Z"), afterMs: 3210, problem: "it was deleted" }), "at 12:03:04.123 (after 3.2 s) it was deleted");
});

const at = (s: number): Date => new Date(Date.UTC(2025, 0, 2, 12, 0, s));
const obs = (s: number, ready: number, rv = String(100 + s)): ReplicaObservation => ({ at: at(s), resourceVersion: rv, ready, summary: `ready=${ready}` });

test("never fewer than N counts from the first version with N ready: the ramp-up from 0 is not a drop", () => {
  const v = neverFewerThan([obs(0, 0), obs(1, 1), obs(2, 2), obs(3, 3), obs(4, 2)], 2);
  assert.equal(v.held, true);
  assert.equal(replicaVerdictText(v, 2), "2 or more ready replicas in every version since 12:00:02.000 (3 version(s) seen)");
});

test("never fewer than N fails at the first version with fewer after it had N, with its time, count and status", () => {
  const v = neverFewerThan([obs(0, 0), obs(2, 2), obs(5, 1), obs(6, 0)], 2);
  assert.equal(v.held, false);
  assert.equal(replicaVerdictText(v, 2), "expected never fewer than 2 ready replicas (from 12:00:02.000, when it first had 2), but at 12:00:05.000 (after 3 s) resourceVersion 105 had 1: ready=1");
});

test("never fewer than N fails when it never had N, saying the most it had", () => {
  const v = neverFewerThan([obs(0, 0), obs(1, 1)], 2);
  assert.equal(replicaVerdictText(v, 2), "expected never fewer than 2 ready replicas, but it never had 2: at most 1 in 2 version(s) seen this scenario");
  assert.equal(neverFewerThan([], 1).held, false);
});

test("a deleted Deployment is an observation with 0 ready, whatever its last status said", () => {
  const d = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", resourceVersion: "9", generation: 1 }, spec: { replicas: 2 }, status: { readyReplicas: 2, replicas: 2, observedGeneration: 1 } };
  assert.equal(replicaObservation("MODIFIED", d).ready, 2);
  assert.match(replicaObservation("MODIFIED", d).summary, /ready=2/);
  const gone = replicaObservation("DELETED", d);
  assert.deepEqual([gone.ready, gone.summary, gone.resourceVersion], [0, "deleted", "9"]);
  assert.equal(neverFewerThan([replicaObservation("MODIFIED", d, at(1)), replicaObservation("DELETED", d, at(2))], 2).held, false);
});
