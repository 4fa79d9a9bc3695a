// A test HTTP server on loopback and a KubeConfig that points at it: the shared start of every
// fake API server in the unit tests (test/unit/fake-api.ts, wait-watch, raw-api-deadline).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";

/** Listens on 127.0.0.1 (a free port) and returns a KubeConfig for it (context "fake", namespace "ns"), and a close that ends open connections. */
export async function listenOnLoopback(server: Server): Promise<{ kc: KubeConfig; close: () => Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "fake", server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "fake", cluster: "fake", user: "u", namespace: "ns" }],
    currentContext: "fake",
  });
  const close = (): Promise<void> => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  };
  return { kc, close };
}
