// The report's Environment block when the API server does not answer: each fact says what did not
// answer and within what limit, and the whole call ends within about that limit.
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectEnvironmentInfo } from "../../engine/report/environment.ts";

test("an API server that never answers: the environment names what did not answer, within the limit", async (t) => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => sockets.add(s)).listen(0, "127.0.0.1");
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as net.AddressInfo;
  const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), "kubecuke-env-")), "kubeconfig");
  writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: {} }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`);
  const started = Date.now();
  const info = await collectEnvironmentInfo({ kubeconfigPath: kubeconfig, provider: "local", timeoutMs: 300, timeoutScale: 2 });
  assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
  assert.equal(info["Kubernetes server"], "unknown (get server version: no answer from the API server within 0.3 s)");
  assert.equal(info.Nodes, "unknown (list nodes: no answer from the API server within 0.3 s)");
  assert.equal(info["Timeout scale"], "2");
});
