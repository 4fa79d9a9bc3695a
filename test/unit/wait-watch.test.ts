// The list/watch primitive against a fake API server (this unit test only; scenarios use the real
// cluster): 410 Gone → list again, stream closed → resume from the last version, 403 → kept and
// named in the timeout message, abort → stops, a kind not served → fails at once.
import { listenOnLoopback } from "../support/loopback-server.ts";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { test } from "node:test";
import { categoryOf } from "../../engine/errors.ts";
import { clientsFor, type KubeClients } from "../../engine/kube/client.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { NamespaceRecorder } from "../../engine/scenario/recorder.ts";
import { Timeline } from "../../engine/wait/timeline.ts";
import { waitForPod } from "../../engine/wait/waits.ts";
import { WaitTimeout, watchUntil, type WatchTarget } from "../../engine/wait/watch.ts";

type Handler = (n: number, url: URL, res: ServerResponse) => void;

const DISCOVERY = {
  kind: "APIResourceList",
  groupVersion: "v1",
  resources: [
    { name: "pods", singularName: "pod", namespaced: true, kind: "Pod", verbs: ["get", "list", "watch"] },
    { name: "events", singularName: "event", namespaced: true, kind: "Event", verbs: ["get", "list", "watch"] },
  ],
};

const APPS_DISCOVERY = {
  kind: "APIResourceList",
  groupVersion: "apps/v1",
  resources: [{ name: "deployments", singularName: "deployment", namespaced: true, kind: "Deployment", verbs: ["get", "list", "watch"] }],
};

const FORBIDDEN = (verb: string) => ({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "Forbidden", code: 403, message: `pods is forbidden: User "system:serviceaccount:ns:default" cannot ${verb} resource "pods" in API group "" in the namespace "ns"` });

const json = (res: ServerResponse, code: number, body: unknown): void => {
  res.writeHead(code, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};
const podList = (rv: string, items: KubeObject[]) => ({ kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: rv }, items });
const pod = (rv: string, ready: boolean): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "ns", uid: "u1", resourceVersion: rv },
  status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});
const event = (res: ServerResponse, type: string, object: unknown): boolean => res.write(`${JSON.stringify({ type, object })}\n`);
const startStream = (res: ServerResponse): void => void res.writeHead(200, { "Content-Type": "application/json" });

/** A fake API server: discovery for v1, then `list` and `watch` answer the n-th request of each. */
async function fakeApi(list: Handler, watch: Handler) {
  const lists: URL[] = [];
  const watches: URL[] = [];
  let open = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/api/v1") return json(res, 200, DISCOVERY);
    if (url.pathname === "/apis/apps/v1") return json(res, 200, APPS_DISCOVERY);
    // Events and Deployments (the recorder's other watches, the waits' failure decoration): none, stream kept open
    if (url.pathname.endsWith("/events") || url.pathname.endsWith("/deployments")) return url.searchParams.get("watch") ? startStream(res) : json(res, 200, { kind: "List", metadata: { resourceVersion: "1" }, items: [] });
    if (url.searchParams.get("watch") === "true") {
      watches.push(url);
      open++;
      res.on("close", () => open--);
      return watch(watches.length, url, res);
    }
    lists.push(url);
    list(lists.length, url, res);
  });
  const { kc, close } = await listenOnLoopback(server);
  return { clients: clientsFor(kc) as KubeClients, lists, watches, openWatches: () => open, close };
}

const target: WatchTarget = { apiVersion: "v1", kind: "Pod", namespace: "ns", fieldSelector: "metadata.name=p" };
const readyP = (objs: Map<string, KubeObject>) => {
  const p = objs.get("p");
  const conditions = (p?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return p && conditions?.some((c) => c.type === "Ready" && c.status === "True") ? { done: p } : undefined;
};
const fast = { first: 20, max: 50 };

const expired = { kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired", message: "too old resource version: 10 (15)" };
for (const [how, answer] of [
  ["as an ERROR event in the stream", (res: ServerResponse) => (startStream(res), event(res, "ERROR", expired))],
  ["as the HTTP status", (res: ServerResponse) => json(res, 410, expired)],
] as const) {
  test(`410 Gone ${how}: lists again and sees the state the watch missed`, async () => {
    const api = await fakeApi(
      (n, _url, res) => json(res, 200, n === 1 ? podList("10", [pod("10", false)]) : podList("20", [pod("20", true)])),
      (_n, _url, res) => void answer(res),
    );
    try {
      const r = await watchUntil(api.clients, target, { timeoutMs: 5000, evaluate: readyP, backoffMs: fast });
      assert.equal(r.value.metadata?.resourceVersion, "20");
      assert.equal(api.lists.length, 2, "a second list after the 410");
      assert.equal(api.watches[0]?.searchParams.get("resourceVersion"), "10", "the watch starts from the list's version");
    } finally {
      await api.close();
    }
  });
}

test("a judge never sees half a list: 'fewer than 3 Pods' is not met while a list of 3 is read in", async () => {
  const named = (n: string): KubeObject => ({ ...pod("10", true), metadata: { name: n, namespace: "ns", uid: `u-${n}`, resourceVersion: "10" } });
  const api = await fakeApi(
    (_n, _url, res) => json(res, 200, podList("10", [named("a"), named("b"), named("c")])),
    (_n, _url, res) => {
      startStream(res);
      setTimeout(() => event(res, "DELETED", named("b")), 50);
    },
  );
  try {
    const seen: number[] = [];
    const r = await watchUntil(api.clients, { apiVersion: "v1", kind: "Pod", namespace: "ns" }, {
      timeoutMs: 5000,
      backoffMs: fast,
      evaluate: (objs) => {
        seen.push(objs.size);
        return objs.size < 3 ? { done: [...objs.keys()].sort().join(",") } : undefined;
      },
    });
    assert.equal(r.value, "a,c", "met only by the real deletion");
    assert.ok(seen.every((n, i) => n === 3 || i === seen.length - 1), `sizes judged: ${seen.join(" ")}`);
  } finally {
    await api.close();
  }
});

test("stream closed by the server: the watch resumes from the last version seen, without listing again", async () => {
  const api = await fakeApi(
    (_n, _url, res) => json(res, 200, podList("10", [pod("10", false)])),
    (n, _url, res) => {
      startStream(res);
      if (n === 1) {
        event(res, "MODIFIED", pod("11", false));
        event(res, "BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "12" } });
        res.end();
      } else event(res, "MODIFIED", pod("13", true));
    },
  );
  try {
    const changes: string[] = [];
    const r = await watchUntil(api.clients, target, { timeoutMs: 5000, evaluate: readyP, onChange: (t, o) => changes.push(`${t} ${o.metadata?.resourceVersion}`), backoffMs: fast });
    assert.equal(r.value.metadata?.resourceVersion, "13");
    assert.equal(api.lists.length, 1);
    assert.deepEqual(api.watches.map((u) => u.searchParams.get("resourceVersion")), ["10", "12"], "resumed from the bookmark's version");
    assert.deepEqual(changes, ["ADDED 10", "MODIFIED 11", "MODIFIED 13"]);
  } finally {
    await api.close();
  }
});

test("403 on the watch: kept, retried, and named in the wait's timeout message", async () => {
  const api = await fakeApi(
    (_n, _url, res) => json(res, 200, podList("10", [])),
    (_n, _url, res) => json(res, 403, FORBIDDEN("watch")),
  );
  try {
    const err = await waitForPod({ clients: api.clients, namespace: "ns" }, "p", { kind: "Ready" }, 800).then(
      () => assert.fail("the wait should time out"),
      (e: unknown) => e as Error & { facts: { lastSeen?: string } },
    );
    assert.equal(categoryOf(err), "timeout");
    assert.match(
      err.message,
      /^wait Pod\/ns\/p Ready: expected condition Ready=True, last saw no such Pod \(after 0\.\d s\)\nwatch failing since \d\d:\d\d:\d\d \(\d+ failures\): watch Pod\/ns --field-selector metadata\.name=p: Forbidden: pods is forbidden: User "system:serviceaccount:ns:default" cannot watch resource "pods"/,
    );
    assert.ok(api.watches.length >= 2, `the watch was retried (${api.watches.length} attempts)`);
    assert.equal(err.facts.lastSeen, "no such Pod");
  } finally {
    await api.close();
  }
});

test("403 on the list: the timeout says no list answered, and why", async () => {
  const api = await fakeApi(
    (_n, _url, res) => json(res, 403, FORBIDDEN("list")),
    () => assert.fail("no watch without a list"),
  );
  try {
    const err = await watchUntil(api.clients, target, { timeoutMs: 300, evaluate: readyP, backoffMs: fast }).then(
      () => assert.fail("should time out"),
      (e: unknown) => e as WaitTimeout,
    );
    assert.ok(err instanceof WaitTimeout);
    assert.equal(err.synced, false);
    assert.equal(err.problem?.reason, "Forbidden");
    assert.match(err.message, /watch failing since .*: list Pod\/ns --field-selector metadata\.name=p: Forbidden: pods is forbidden: .* cannot list/);
    assert.ok(api.lists.length >= 2, "the list was retried");
  } finally {
    await api.close();
  }
});

test("abort: the wait rejects with the reason and the watch connection is closed", async () => {
  const api = await fakeApi(
    (_n, _url, res) => json(res, 200, podList("10", [])),
    (_n, _url, res) => startStream(res),
  );
  try {
    const ac = new AbortController();
    const wait = watchUntil(api.clients, target, { timeoutMs: 5000, evaluate: readyP, signal: ac.signal });
    while (api.openWatches() === 0) await new Promise((r) => setTimeout(r, 10));
    ac.abort(new Error("scenario over"));
    await assert.rejects(wait, /scenario over/);
    for (let i = 0; i < 50 && api.openWatches() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(api.openWatches(), 0, "the watch request was closed");
    const watches = api.watches.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(api.watches.length, watches, "no new watch after the abort");
  } finally {
    await api.close();
  }
});

test("a kind the cluster does not serve fails at once as bad input", async () => {
  const api = await fakeApi(
    () => assert.fail("no list"),
    () => assert.fail("no watch"),
  );
  try {
    const started = Date.now();
    const err = await watchUntil(api.clients, { ...target, kind: "Podd" }, { timeoutMs: 5000, evaluate: readyP }).then(
      () => assert.fail("should fail"),
      (e: unknown) => e as Error,
    );
    assert.equal(categoryOf(err), "bad-input");
    assert.match(err.message, /kind "Podd" \(v1\) is not served/);
    assert.ok(Date.now() - started < 2000, "without waiting for the timeout");
  } finally {
    await api.close();
  }
});

test("the recorder keeps a failing watch in the timeline instead of swallowing it", async () => {
  const api = await fakeApi(
    (_n, _url, res) => json(res, 200, podList("10", [pod("10", false)])),
    (_n, _url, res) => json(res, 403, FORBIDDEN("watch")),
  );
  const timeline = new Timeline();
  const recorder = new NamespaceRecorder(api.clients, "ns", timeline);
  try {
    await recorder.start();
    for (let i = 0; i < 100 && !timeline.toText().includes("Forbidden"); i++) await new Promise((r) => setTimeout(r, 10));
    assert.match(timeline.toText(), /WATCH\s+Pod\/ns watch failing since .*: watch Pod\/ns: Forbidden: pods is forbidden/);
    assert.equal(recorder.flowOf("p").observations.length, 1, "the listed Pod is recorded");
  } finally {
    recorder.stop();
    await api.close();
  }
});

test("a state that becomes decisive with time alone is judged again when due: an unschedulable Pod fails its Ready wait at the fail-fast time, without any change to it", async () => {
  const since = new Date(Date.now() - 14_700).toISOString().replace(/\.\d+Z$/, "Z"); // whole seconds, as the API server writes them
  const unschedulable: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "ns", uid: "u1", resourceVersion: "10" },
    status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", lastTransitionTime: since, message: "0/1 nodes are available" }] },
  };
  const api = await fakeApi(
    (_n, _url, res) => json(res, 200, podList("10", [unschedulable])),
    (_n, _url, res) => startStream(res), // no change ever comes
  );
  try {
    const started = Date.now();
    await assert.rejects(
      waitForPod({ clients: api.clients, namespace: "ns" }, "p", { kind: "Ready" }, 10_000),
      (e: unknown) => categoryOf(e) === "cannot-happen" && /but it cannot happen: unschedulable for 1[56] s \(fail-fast limit 15 s\): PodScheduled=False \(Unschedulable\): 0\/1 nodes are available/.test((e as Error).message),
    );
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    // switched off: the same Pod runs the wait to its limit
    await assert.rejects(waitForPod({ clients: api.clients, namespace: "ns", failFast: { enabled: false, crashLoopRestarts: 3, unschedulableMs: 15_000 } }, "p", { kind: "Ready" }, 600), (e: unknown) => categoryOf(e) === "timeout");
  } finally {
    await api.close();
  }
});
