// The one wait failure (engine/wait/wait-for.ts, failure.ts) against a fake API server: every wait
// says what it awaited, for how long, what it last saw, why it cannot come, the list/watch failure
// going on and the relevant events; the assertions' waits (match, selection, none, JSONPath) too,
// which the scenarios otherwise check only on a live cluster.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseExpectation } from "../../engine/assert/expectation.ts";
import { keepsMatching } from "../../engine/assert/over-time.ts";
import { MatchFailure, waitForJsonPath, waitForMatch, waitForNone, waitForSelection } from "../../engine/assert/wait.ts";
import { categoryOf, type KubecukeError } from "../../engine/errors.ts";
import type { ResolvedKind } from "../../engine/kube/kinds.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { waitNamespacesGone } from "../../engine/run/sweep.ts";
import { staysReady } from "../../engine/wait/containers.ts";
import { waitForRollout } from "../../engine/wait/rollout.ts";
import { waitUntilGone } from "../../engine/wait/gone.ts";
import { Timeline } from "../../engine/wait/timeline.ts";
import { waitForPod } from "../../engine/wait/waits.ts";
import { watchUntil } from "../../engine/wait/watch.ts";
import { fakeApi } from "./fake-api.ts";

const CONFIGMAP = { apiVersion: "v1", kind: "ConfigMap", namespaced: true } as ResolvedKind;
const cm = (name: string, data: Record<string, string>, labels: Record<string, string> = { app: "demo" }): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "ns", labels }, data });
const pod = (name: string, status: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "ns" }, status });
const warning = (about: string, reason: string, message: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: `${about}.1`, namespace: "ns" },
  involvedObject: { kind: "Pod", name: about, namespace: "ns" },
  type: "Warning",
  reason,
  message,
  source: { component: "default-scheduler" },
  firstTimestamp: "2026-12-06T10:00:00Z",
});

const modeOf = (o: KubeObject): unknown => (o.data as { mode?: unknown } | undefined)?.mode;

/** The message with its one elapsed time replaced: the rest is asserted exactly. */
const fixed = (message: string): string => message.replace(/\(after \d+(\.\d)? s\)/, "(after N s)");

async function failureOf(work: Promise<unknown>): Promise<KubecukeError> {
  return work.then(
    () => assert.fail("the wait should fail"),
    (e: unknown) => e as KubecukeError,
  );
}

test("a match that never comes: an assertion naming every mismatch, the object last seen attached", async () => {
  const api = await fakeApi([cm("settings", { mode: "production" })]);
  const timeline = new Timeline();
  try {
    const err = await failureOf(waitForMatch({ clients: api.clients, namespace: "ns", timeline }, CONFIGMAP, "settings", parseExpectation("data: {mode: test}"), 300));
    assert.equal(categoryOf(err), "assertion");
    assert.equal(fixed(err.message), 'match ConfigMap/ns/settings: expected it to exist and match within 0.3 s, last saw 1 mismatch(es) (after N s)\n  data.mode: expected "test", last saw "production"');
    assert.deepEqual({ ...err.facts, elapsedMs: undefined }, { operation: "match", object: "ConfigMap/ns/settings", expected: "it to exist and match within 0.3 s", lastSeen: "1 mismatch(es)", elapsedMs: undefined, problem: undefined, details: '  data.mode: expected "test", last saw "production"' });
    assert.ok(err.facts.elapsedMs! >= 300, `${err.facts.elapsedMs} ms`);
    assert.ok(err instanceof MatchFailure);
    assert.deepEqual(err.lastSeenObjects.map((o) => o.metadata?.name), ["settings"]);
    assert.match(timeline.toText(), /WAIT\s+ConfigMap\/ConfigMap\/ns\/settings match ConfigMap\/ns\/settings: expecting it to exist and match within 0\.3 s \(timeout 0\.3 s\)/);
    assert.match(timeline.toText(), /match ConfigMap\/ns\/settings: expected it to exist and match within 0\.3 s, last saw 1 mismatch\(es\)/);
  } finally {
    await api.close();
  }
});

test("a match on an object that is not there names the objects that are", async () => {
  const api = await fakeApi([cm("settings", { mode: "test" }), cm("other", {})]);
  try {
    const err = await failureOf(waitForMatch({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "nope", parseExpectation("data: {mode: test}"), 200));
    assert.equal(fixed(err.message), 'match ConfigMap/ns/nope: expected it to exist and match within 0.2 s, last saw no ConfigMap named "nope" in the namespace ns (it has other, settings) (after N s)');
    assert.deepEqual((err as MatchFailure).lastSeenObjects, []);
  } finally {
    await api.close();
  }
});

test("a match met by a later version resolves to it", async () => {
  const api = await fakeApi([cm("settings", { mode: "production" })]);
  try {
    const wait = waitForMatch({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "settings", parseExpectation("data: {mode: test}"), 5000);
    while (api.openWatches() === 0) await new Promise((r) => setTimeout(r, 10));
    api.emit("MODIFIED", cm("settings", { mode: "test" }));
    assert.equal(modeOf(await wait), "test");
  } finally {
    await api.close();
  }
});

test("a selection that does not hold: how many, which match, and each one's mismatches", async () => {
  const api = await fakeApi([cm("one", { mode: "test", replicas: "3" }), cm("two", { mode: "production", replicas: "3" }), cm("three", { mode: "test" }, { app: "other" })]);
  try {
    const err = await failureOf(waitForSelection({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "app=demo", parseExpectation("data: {mode: test}"), { kind: "every" }, 200));
    assert.equal(categoryOf(err), "assertion");
    assert.equal(
      fixed(err.message),
      'match ConfigMap with labels app=demo in the namespace ns: expected every one (and at least one) to match, last saw 2 with these labels, 1 matching (one) (after N s)\n  two:\n    data.mode: expected "test", last saw "production"',
    );
    assert.equal(err.facts.lastSeen, "2 with these labels, 1 matching (one)");
    assert.deepEqual((err as MatchFailure).lastSeenObjects.map((o) => o.metadata?.name).sort(), ["one", "two"]);
    const none = await failureOf(waitForSelection({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "app=nobody", parseExpectation("data: {mode: test}"), { kind: "atLeast", n: 1 }, 200));
    assert.equal(fixed(none.message), "match ConfigMap with labels app=nobody in the namespace ns: expected at least 1 to match, last saw no ConfigMap with these labels (after N s)");
  } finally {
    await api.close();
  }
});

test("a label selector the API server refuses is bad input, at once", async () => {
  const api = await fakeApi([]);
  try {
    const started = Date.now();
    const err = await failureOf(waitForSelection({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "app in (demo", parseExpectation("data: {}"), { kind: "every" }, 5000));
    assert.equal(categoryOf(err), "bad-input");
    assert.match(err.message, /^label selector "app in \(demo": .*unable to parse requirement.*; write key=value, key!=value/);
    assert.ok(Date.now() - started < 2000);
  } finally {
    await api.close();
  }
});

test("none left: what is left, with its deletion state and finalizers", async () => {
  const held: KubeObject = { ...cm("held", {}), metadata: { ...cm("held", {}).metadata, deletionTimestamp: "2026-12-06T10:00:00Z", finalizers: ["example.com/hold"] } };
  const api = await fakeApi([held]);
  try {
    const err = await failureOf(waitForNone({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "app=demo", 200));
    assert.equal(categoryOf(err), "assertion");
    assert.equal(fixed(err.message), 'expect no ConfigMap with labels app=demo in the namespace ns: expected none within 0.2 s, last saw 1: held (deletionTimestamp=2026-12-06T10:00:00Z, finalizers=["example.com/hold"]) (after N s)');
  } finally {
    await api.close();
  }
});

test("a JSONPath that prints something else says what it printed", async () => {
  const api = await fakeApi([cm("settings", { mode: "production" })]);
  try {
    const err = await failureOf(waitForJsonPath({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "settings", "{.data.mode}", "test", 200));
    assert.equal(fixed(err.message), 'jsonpath ConfigMap/ns/settings {.data.mode}: expected "test", last saw "production" (after N s)');
  } finally {
    await api.close();
  }
});

test("a wait that runs out of time: a timeout with the last state and the object's events", async () => {
  const pending = pod("p", { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable" }] });
  const api = await fakeApi([pending, warning("p", "FailedScheduling", "0/1 nodes are available")]);
  try {
    const err = await failureOf(waitForPod({ clients: api.clients, namespace: "ns", failFast: { enabled: false, crashLoopRestarts: 3, unschedulableMs: 15_000 } }, "p", { kind: "Ready" }, 300));
    assert.equal(categoryOf(err), "timeout");
    assert.equal(
      fixed(err.message),
      "wait Pod/ns/p Ready: expected condition Ready=True, last saw phase=Pending node=<none> ip=<none> conditions=PodScheduled=False containers=none (after N s)\nrecent events:\n  Warning FailedScheduling (default-scheduler): 0/1 nodes are available",
    );
    assert.deepEqual(err.facts.events, ["Warning FailedScheduling (default-scheduler): 0/1 nodes are available"]);
  } finally {
    await api.close();
  }
});

test("a wait that cannot come ends at once, saying why", async () => {
  const pulled = pod("p", { phase: "Pending", containerStatuses: [{ name: "app", state: { waiting: { reason: "ErrImageNeverPull", message: "image is not present" } } }] });
  const api = await fakeApi([pulled]);
  try {
    const started = Date.now();
    const err = await failureOf(waitForPod({ clients: api.clients, namespace: "ns" }, "p", { kind: "Ready" }, 10_000));
    assert.ok(Date.now() - started < 2000);
    assert.equal(categoryOf(err), "cannot-happen");
    assert.equal(
      fixed(err.message),
      "wait Pod/ns/p Ready: expected condition Ready=True, but it cannot happen: container app: ErrImageNeverPull: image is not present, last saw phase=Pending node=<none> ip=<none> conditions=none containers=app:waiting(ErrImageNeverPull) (after N s)",
    );
  } finally {
    await api.close();
  }
});

test("a failing watch is named on its own line", async () => {
  const forbidden = { kind: "Status", apiVersion: "v1", status: "Failure", reason: "Forbidden", code: 403, message: 'configmaps is forbidden: User "u" cannot watch resource "configmaps"' };
  const api = await fakeApi([cm("settings", { mode: "production" })], { refuseWatch: forbidden });
  try {
    const err = await failureOf(waitForMatch({ clients: api.clients, namespace: "ns" }, CONFIGMAP, "settings", parseExpectation("data: {mode: test}"), 400));
    assert.match(err.message, /^match ConfigMap\/ns\/settings: expected it to exist and match within 0\.4 s, last saw 1 mismatch\(es\) \(after 0\.\d s\)\nwatch failing since \d\d:\d\d:\d\d \(\d+ failures?\): watch ConfigMap\/ns: Forbidden: configmaps is forbidden/);
    assert.match(err.message, /\n {2}data\.mode: expected "test", last saw "production"$/);
  } finally {
    await api.close();
  }
});

test("a check over time fails at the first version that breaks it, with its time; a whole period of matching versions holds", async () => {
  const api = await fakeApi([cm("settings", { mode: "test" })]);
  try {
    const env = { clients: api.clients, namespace: "ns" };
    assert.equal(modeOf(await keepsMatching(env, CONFIGMAP, "settings", parseExpectation("data: {mode: test}"), 200)), "test");
    const check = failureOf(keepsMatching(env, CONFIGMAP, "settings", parseExpectation("data: {mode: test}"), 5000));
    while (api.openWatches() === 0) await new Promise((r) => setTimeout(r, 10));
    api.emit("MODIFIED", cm("settings", { mode: "production" }));
    const err = await check;
    assert.equal(categoryOf(err), "assertion");
    assert.match(
      err.message,
      /^keep matching ConfigMap\/ns\/settings: expected every version to match for 5 s, but at \d\d:\d\d:\d\d\.\d{3} \(after \d+(\.\d)? s\) resourceVersion \d+ did not match, 1 mismatch\(es\):\n {2}data\.mode: expected "test", saw "production"$/,
    );
    assert.deepEqual((err as MatchFailure).lastSeenObjects.map(modeOf), ["production"]);
  } finally {
    await api.close();
  }
});

test("stays Ready: the first version not Ready fails it, naming what was wrong", async () => {
  const ready = pod("p", { phase: "Running", conditions: [{ type: "Ready", status: "True" }] });
  const api = await fakeApi([ready]);
  try {
    const env = { clients: api.clients, namespace: "ns" };
    await staysReady(env, "p", 200);
    const check = failureOf(staysReady(env, "p", 5000));
    while (api.openWatches() === 0) await new Promise((r) => setTimeout(r, 10));
    api.emit("MODIFIED", pod("p", { phase: "Running", conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady" }] }));
    const err = await check;
    assert.equal(categoryOf(err), "assertion");
    assert.match(err.message, /^check Pod\/ns\/p: expected to stay Ready for 5 s, but at \d\d:\d\d:\d\d\.\d{3} \(after \d+(\.\d)? s\) it was not: Ready=False \(ContainersNotReady\); phase=Running/);
  } finally {
    await api.close();
  }
});

test("an object that does not go: the delete's timeout names its finalizers", async () => {
  const held: KubeObject = { ...cm("held", {}), metadata: { name: "held", namespace: "ns", uid: "u-held", deletionTimestamp: "2026-12-06T10:00:00Z", finalizers: ["example.com/hold"] } };
  const api = await fakeApi([held]);
  try {
    const err = await failureOf(waitUntilGone(api.clients, { apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "held" }, "u-held", 200));
    assert.equal(categoryOf(err), "timeout");
    assert.equal(fixed(err.message), 'delete ConfigMap/ns/held: expected it gone within 0.2 s, last saw deletionTimestamp=2026-12-06T10:00:00Z finalizers=["example.com/hold"] (after N s)');
  } finally {
    await api.close();
  }
});

test("the run's end: namespaces still there at the limit are named with why, the others are not", async () => {
  const ns = (name: string): KubeObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, uid: `uid-${name}`, deletionTimestamp: "2026-12-06T10:00:00Z" }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Terminating" } });
  const api = await fakeApi([ns("kc-a"), ns("kc-b")]);
  try {
    const left = waitNamespacesGone(api.clients, [ns("kc-a"), ns("kc-b")], 400);
    while (api.openWatches() === 0) await new Promise((r) => setTimeout(r, 10));
    api.emit("DELETED", ns("kc-a"));
    assert.deepEqual(await left, ["Namespace/kc-b: phase Terminating; deleting since 2026-12-06T10:00:00Z; finalizers kubernetes"]);
  } finally {
    await api.close();
  }
});

test("the step's signal on the clients ends a wait with its reason; a background watch ignores it", async () => {
  const api = await fakeApi([pod("p", { phase: "Pending" })]);
  try {
    const step = new AbortController();
    const clients = { ...api.clients, signal: step.signal };
    const wait = waitForPod({ clients, namespace: "ns" }, "p", { kind: "Ready" }, 10_000);
    const own = new AbortController();
    const background = watchUntil(clients, { apiVersion: "v1", kind: "Pod", namespace: "ns" }, { timeoutMs: 10_000, background: true, signal: own.signal, evaluate: () => undefined });
    while (api.openWatches() < 2) await new Promise((r) => setTimeout(r, 10));
    step.abort(new Error("step over"));
    await assert.rejects(wait, /^Error: step over$/);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(api.openWatches(), 1, "the background watch is still open");
    own.abort(new Error("scenario over"));
    await assert.rejects(background, /scenario over/);
  } finally {
    await api.close();
  }
});

const deployment = (status: Record<string, unknown>): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "ns", generation: 2, annotations: { "deployment.kubernetes.io/revision": "2" } },
  spec: { replicas: 1, selector: { matchLabels: { app: "web" } } },
  status: { observedGeneration: 2, ...status },
});
const replicaSet = (name: string, revision: string): KubeObject => ({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name, namespace: "ns", annotations: { "deployment.kubernetes.io/revision": revision } } });
const webPod = (name: string, rs: string, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "ns", labels: { app: "web" }, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, uid: `uid-${rs}`, controller: true }] },
  status,
});

test("a rollout whose new Pod cannot start ends at once, naming the Pod and its events; the old revision's Pods do not count", async () => {
  const stuck = { phase: "Pending", containerStatuses: [{ name: "app", state: { waiting: { reason: "ErrImageNeverPull", message: "image is not present" } } }] };
  const oldStuck = { phase: "Pending", containerStatuses: [{ name: "app", state: { waiting: { reason: "ImagePullBackOff" } } }] };
  const api = await fakeApi([
    deployment({ replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 }),
    replicaSet("web-new", "2"),
    replicaSet("web-old", "1"),
    webPod("web-new-x", "web-new", stuck),
    webPod("web-old-y", "web-old", oldStuck),
    { ...warning("web-new-x", "Failed", "Container image is not present with pull policy of Never"), source: { component: "kubelet" } },
  ]);
  try {
    const started = Date.now();
    const err = await failureOf(waitForRollout({ clients: api.clients, namespace: "ns" }, "Deployment", "web", 10_000));
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(categoryOf(err), "cannot-happen");
    assert.equal(
      fixed(err.message),
      "wait Deployment/ns/web rollout: expected the current spec rolled out (every replica updated, ready and available), but it cannot happen: Pod web-new-x: container app: ErrImageNeverPull: image is not present, last saw desired=1 replicas=2 updated=1 ready=1 available=1 observedGeneration=2/2 (after N s)\nrecent events:\n  Warning Failed (kubelet): Container image is not present with pull policy of Never",
    );
  } finally {
    await api.close();
  }
});

test("a rollout is done once the status says so and the old Pods are gone", async () => {
  const ready = { phase: "Running", conditions: [{ type: "Ready", status: "True" }] };
  const api = await fakeApi([deployment({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 }), replicaSet("web-new", "2"), webPod("web-new-x", "web-new", ready), webPod("web-old-y", "web-old", ready)]);
  try {
    let done = false;
    const rollout = waitForRollout({ clients: api.clients, namespace: "ns" }, "Deployment", "web", 5000).finally(() => (done = true));
    // the Deployment's status is done; the old Pod still runs until it is deleted
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(done, false, "not done while an old Pod is left");
    api.emit("DELETED", webPod("web-old-y", "web-old", ready));
    assert.equal(await rollout, "desired=1 replicas=1 updated=1 ready=1 available=1 observedGeneration=2/2");
  } finally {
    await api.close();
  }
});
