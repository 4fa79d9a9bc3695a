import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CoreV1Event, V1Pod } from "@kubernetes/client-node";
import { Deadline, withTimeout } from "../../engine/kube/deadline.ts";
import { truncateTail } from "../../engine/diagnostics/budget.ts";
import { formatEvents, podContainers } from "../../engine/diagnostics/format.ts";
import { podSummary } from "../../engine/wait/pod-state.ts";
import { sortEvents } from "../../engine/wait/events.ts";
import { collectFailureDiagnostics } from "../../engine/diagnostics/index.ts";
import { toProperties } from "../../engine/report/environment.ts";

const ev = (reason: string, at: Partial<CoreV1Event>): CoreV1Event => ({
  metadata: {},
  involvedObject: { kind: "Pod", name: "web" },
  reason,
  type: "Normal",
  message: `${reason} happened`,
  ...at,
});

test("events read in the order things happened: first occurrence, then creation within a second", () => {
  const events = [
    // second-precision firstTimestamp, created after Scheduled (name suffix = creation nanos)
    ev("Pulled", { metadata: { name: "web.1870000000000002" }, firstTimestamp: new Date("2025-01-01T00:00:01Z"), lastTimestamp: new Date("2025-01-01T00:00:05Z"), count: 3 }),
    ev("Started", { metadata: { name: "web.1870000000000003" }, firstTimestamp: new Date("2025-01-01T00:00:03Z") }),
    ev("NoTime", {}),
    ev("Scheduled", { metadata: { name: "web.1870000000000001" }, eventTime: new Date("2025-01-01T00:00:01.071Z") }),
  ];
  assert.deepEqual(sortEvents(events).map((e) => e.reason), ["Scheduled", "Pulled", "Started", "NoTime"]);
  const lines = formatEvents(events).split("\n");
  assert.equal(lines[0], "2025-01-01T00:00:01.071Z Normal  Scheduled Pod/web [] Scheduled happened");
  assert.equal(lines[1], "2025-01-01T00:00:01.000Z Normal  Pulled Pod/web [] x3 until 2025-01-01T00:00:05.000Z Pulled happened");
  assert.equal(formatEvents([]), "(no events)");
});

test("containers list init containers first with state and restarts", () => {
  const pod: V1Pod = {
    metadata: { name: "web" },
    spec: { nodeName: "n1", initContainers: [{ name: "init" }], containers: [{ name: "app" }] },
    status: {
      phase: "Running",
      initContainerStatuses: [{ name: "init", image: "", imageID: "", ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      containerStatuses: [{ name: "app", image: "", imageID: "", ready: false, restartCount: 2, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 3 } } }],
    },
  };
  assert.deepEqual(podContainers(pod), [
    { name: "init", init: true, restartCount: 0, hasPrevious: false },
    { name: "app", init: false, restartCount: 2, hasPrevious: true },
  ]);
  // the diagnostics' Pod list uses the one Pod summary (a client-node V1Pod here)
  assert.equal(podSummary(pod), "phase=Running node=n1 ip=<none> conditions=none containers=init:init:terminated(Completed,exit=0) app:waiting(CrashLoopBackOff),restarts=2");
});

test("truncateTail keeps the end, whole lines, and says what it cut", () => {
  const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
  const out = truncateTail(text, 100);
  assert.match(out, /^\[… truncated: showing the last \d+ of 8889 bytes\]\n/);
  assert.ok(out.endsWith("line 999"));
  assert.ok(Buffer.byteLength(out) < 160);
  assert.match(out.split("\n")[1]!, /^line \d+$/);
  assert.equal(truncateTail("short", 100), "short");
});

test("withTimeout names what timed out; Deadline hands out what is left", async () => {
  await assert.rejects(withTimeout(new Promise(() => {}), 20, "describe pod/kc-1/web"), /describe pod\/kc-1\/web: timed out \(after 0 s\)/);
  let now = 1000;
  const d = new Deadline(500, () => now);
  assert.equal(d.slice(200), 200);
  now = 1400;
  assert.equal(d.slice(200), 100);
  now = 2000;
  assert.equal(d.slice(200), 1);
});

test("diagnostics without a reachable kubeconfig still return the summary and the timeline", async () => {
  const started = Date.now();
  const out = await collectFailureDiagnostics({
    kubeconfigPath: "/nonexistent/kubeconfig",
    namespace: "kc-1",
    timeline: [{ at: "2025-01-01T00:00:00.000Z", type: "ADDED", kind: "Pod", namespace: "kc-1", name: "web", summary: "phase=Pending" }],
  });
  assert.ok(Date.now() - started < 2000);
  assert.deepEqual(out.map((a) => a.name), ["diagnostics summary namespace/kc-1", "watch timeline"]);
  assert.match(out[0]!.body, /problem: load kubeconfig \/nonexistent\/kubeconfig: /);
  assert.equal(out[1]!.body, "2025-01-01T00:00:00.000Z ADDED    Pod/web phase=Pending");
});

test("environment.properties escapes separators in keys and keeps values readable", () => {
  assert.equal(toProperties({ "Kubernetes server": "v1.34.4", "Node OS image": "Debian GNU/Linux 12 (bookworm)" }),
    "Kubernetes\\ server=v1.34.4\nNode\\ OS\\ image=Debian GNU/Linux 12 (bookworm)\n");
});

test("diagnostics against an API server that never answers stop at their deadline and keep the timeline", async () => {
  // Accepts connections and never replies: the worst case for a hook that must finish.
  const sockets: Socket[] = [];
  const server = createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-diag-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  await writeFile(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\ncurrent-context: x\nusers:\n- name: u\n  user:\n    token: not-a-real-token-123\n`,
  );
  try {
    const started = Date.now();
    const out = await collectFailureDiagnostics(
      { kubeconfigPath: kubeconfig, context: "x", namespace: "kc-2", timeline: [] },
      { totalMs: 1_500, stepMs: 700 },
    );
    const ms = Date.now() - started;
    assert.ok(ms >= 650 && ms < 2_500, `took ${ms} ms: ${out[0]?.body}`);
    assert.deepEqual(out.map((a) => a.name), ["diagnostics summary namespace/kc-2", "watch timeline"]);
    assert.match(out[0]!.body, /problem: list pods in namespace kc-2: timed out \(after 0\.7 s\)/);
    assert.match(out[0]!.body, /problem: list events in namespace kc-2: timed out/);
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
