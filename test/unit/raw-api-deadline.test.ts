// No read through KubeClients can outlive its limit: a fake API server that never answers, and
// every request (the raw API's own, client-node's discovery and typed calls) ends by the
// per-operation limit or by clients.signal, and its connection is closed then, not abandoned.
import { listenOnLoopback } from "../support/loopback-server.ts";
import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { clientsFor, withStepSignal, type KubeClients } from "../../engine/kube/client.ts";
import { OPERATION_TIMEOUTS_MS } from "../../engine/kube/deadline.ts";
import { InterruptedError, TimeoutError } from "../../engine/errors.ts";

/** A server that takes every request and never answers; counts the connections still open. */
async function silentServer(): Promise<{ clients: KubeClients; open: () => number; requests: string[]; close: () => Promise<void> }> {
  let open = 0;
  const requests: string[] = [];
  const server = http.createServer((req) => {
    requests.push(`${req.method} ${req.url}`);
    open++;
    req.socket.on("close", () => open--);
  });
  const { kc, close } = await listenOnLoopback(server);
  const clients = clientsFor(kc, { ...OPERATION_TIMEOUTS_MS, get: 150, apply: 150, delete: 150 });
  return { clients, open: () => open, requests, close };
}

async function closedSoon(open: () => number): Promise<void> {
  for (let i = 0; i < 50 && open() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(open(), 0, "the request's connection is closed when it ends");
}

test("a read the server never answers ends at its get limit, with a TimeoutError naming the request, and its connection is closed", async () => {
  const s = await silentServer();
  try {
    const started = Date.now();
    await assert.rejects(s.clients.objects.listAt("/api/v1/namespaces/ns/pods"), (e: unknown) => e instanceof TimeoutError && /^get GET \/api\/v1\/namespaces\/ns\/pods: no answer from the API server within 0\.2 s$/.test(e.message));
    assert.ok(Date.now() - started < 2_000, "ended near its limit, not later");
    await closedSoon(s.open);
    // client-node's own calls go the same way: discovery before a read, and the typed API
    await assert.rejects(s.clients.objects.getRaw("v1", "Pod", "ns", "p"), TimeoutError);
    await assert.rejects(s.clients.core.readNamespacedPod({ name: "p", namespace: "ns" }), TimeoutError);
    await closedSoon(s.open);
    assert.deepEqual(s.requests.slice(0, 2), ["GET /api/v1/namespaces/ns/pods", "GET /api/v1"]);
  } finally {
    await s.close();
  }
});

test("aborting clients.signal ends a read at once with the signal's reason; once taken away, reads have their limit alone", async () => {
  const s = await silentServer();
  try {
    const step = new AbortController();
    const restore = withStepSignal(s.clients, step.signal);
    // a limit far away, so only the signal can end it
    s.clients.timeouts.get = 60_000;
    const read = s.clients.objects.listAt("/api/v1/namespaces/ns/pods");
    const reason = new InterruptedError("interrupted by SIGINT");
    setTimeout(() => step.abort(reason), 50);
    const started = Date.now();
    await assert.rejects(read, (e: unknown) => e === reason);
    assert.ok(Date.now() - started < 2_000);
    await closedSoon(s.open);
    // an already aborted signal refuses the next request before it is sent
    const before = s.requests.length;
    await assert.rejects(s.clients.objects.rawGet("/version"), (e: unknown) => e === reason);
    assert.equal(s.requests.length, before);
    // the cleanup after a step: the step's signal is gone, the limits stay
    restore();
    assert.equal(s.clients.signal, undefined);
    s.clients.timeouts.get = 100;
    await assert.rejects(s.clients.objects.listAt("/api/v1/namespaces/ns/pods"), TimeoutError);
  } finally {
    await s.close();
  }
});

test("a per-call signal (a ListWatch's) ends a list too, and rawGet can take the http limit", async () => {
  const s = await silentServer();
  try {
    s.clients.timeouts.get = 60_000;
    const own = new AbortController();
    const list = s.clients.objects.listAt("/api/v1/namespaces/ns/pods", { signal: own.signal });
    setTimeout(() => own.abort(new Error("the wait ended")), 30);
    await assert.rejects(list, /the wait ended/);
    s.clients.timeouts.http = 100;
    await assert.rejects(s.clients.objects.rawGet("/api/v1/namespaces/ns/services/web:80/proxy/", undefined, { limit: "http" }), (e: unknown) => e instanceof TimeoutError && /^http GET \/api\/v1\/namespaces\/ns\/services\/web:80\/proxy: no answer from the API server within 0\.1 s$/.test(e.message));
    await closedSoon(s.open);
  } finally {
    await s.close();
  }
});
