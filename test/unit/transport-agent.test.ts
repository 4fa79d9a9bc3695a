// engine/kube/transport.ts sharedAgent: client-node's new https.Agent per request becomes one
// keep-alive agent per TLS identity, so a scenario's requests reuse their connections.
import assert from "node:assert/strict";
import http from "node:http";
import https from "node:https";
import { test } from "node:test";
import { sharedAgent } from "../../engine/kube/transport.ts";

const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

test("agents with the same TLS settings share one keep-alive agent; other settings get their own", () => {
  const a = sharedAgent(new https.Agent({ ca: CA, rejectUnauthorized: true }));
  const b = sharedAgent(new https.Agent({ ca: Buffer.from(CA), rejectUnauthorized: true }));
  assert.ok(a instanceof https.Agent);
  assert.equal(a, b, "an equal CA (another Buffer): the same agent");
  assert.equal((a as https.Agent & { keepAlive: boolean }).keepAlive, true);
  assert.equal((a as https.Agent & { options: https.AgentOptions }).options.ca, CA, "the TLS settings are kept");
  assert.notEqual(sharedAgent(new https.Agent({ ca: CA, rejectUnauthorized: false })), a, "no verification: another agent");
  assert.notEqual(sharedAgent(new https.Agent({ ca: CA, rejectUnauthorized: true, cert: "client", key: "k" })), a, "a client certificate: another agent");
});

test("no agent stays none, a plain-HTTP or proxy agent is used as it is", () => {
  assert.equal(sharedAgent(undefined), undefined);
  const plain = new http.Agent();
  assert.equal(sharedAgent(plain), plain);
  class ProxyAgent extends https.Agent {}
  const proxy = new ProxyAgent({ ca: CA });
  assert.equal(sharedAgent(proxy), proxy);
});
