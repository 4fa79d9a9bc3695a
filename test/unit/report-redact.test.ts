import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { clearSecretValues, redact, redactObject, registerSecretValue } from "../../engine/report/redact.ts";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const SECRET = "s3cr3t-kubecuke-unit";
const JWT =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6IkFCQyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
const PEM_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890abcdef\nqwertyuiopasdfghjkl==\n-----END RSA PRIVATE KEY-----";
const PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBATANBgkqhkiG9w0B\n-----END CERTIFICATE-----";

beforeEach(() => clearSecretValues());

function assertGone(out: string, ...values: string[]) {
  for (const v of values) assert.ok(!out.includes(v), `expected ${JSON.stringify(v)} to be redacted from:\n${out}`);
}

test("kubectl get secret -o yaml: data values and the last-applied annotation are redacted", () => {
  const lastApplied = JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "kc-1" }, stringData: { password: SECRET } });
  const input = `apiVersion: v1
data:
  password: ${b64(SECRET)}
  user: ${b64("admin-user")}
kind: Secret
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      ${lastApplied}
  creationTimestamp: "2025-01-01T00:00:00Z"
  name: db
  namespace: kc-1
type: Opaque
`;
  const out = redact(input);
  assertGone(out, SECRET, b64(SECRET), b64("admin-user"));
  assert.match(out, /password: "?\[REDACTED\]"?/);
  assert.match(out, /name: db/, "non-secret fields survive");
  assert.match(out, /last-applied-configuration/, "the annotation key stays, only values go");
});

test("a Secret manifest with stringData (as applied by a step) is redacted and its value remembered", () => {
  const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${SECRET}\n`;
  assertGone(redact(manifest), SECRET);
  // The Pod later prints it: the remembered value is redacted from plain text too.
  const log = redact(`connecting with password=${SECRET}\nbase64 ${b64(SECRET)}\n`);
  assertGone(log, SECRET, b64(SECRET));
  assert.match(log, /connecting with password=\[REDACTED\]/);
});

test("JSON Secret (kubectl -o json) including the escaped annotation", () => {
  const obj = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "x", annotations: { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ kind: "Secret", data: { k: b64(SECRET) } }) + "\n" } },
    data: { k: b64(SECRET) },
  };
  const out = redact(JSON.stringify(obj, null, 4));
  assertGone(out, b64(SECRET), SECRET);
  const parsed = JSON.parse(out) as typeof obj;
  assert.equal(parsed.data.k, "[REDACTED]");
  assert.equal(parsed.metadata.name, "x");
});

test("a List of Secrets and ConfigMaps: only Secret data is redacted", () => {
  const input = `apiVersion: v1
items:
- apiVersion: v1
  data:
    color: Ymx1ZQ==
  kind: Secret
  metadata:
    name: s
- apiVersion: v1
  data:
    color: blue
  kind: ConfigMap
  metadata:
    name: c
kind: List
`;
  const out = redact(input);
  assertGone(out, "Ymx1ZQ==");
  assert.match(out, /color: blue/, "ConfigMap data is not a secret and stays readable");
});

test("client-node objects: list items without kind are still recognised as Secrets", () => {
  const secretList = { items: [{ metadata: { name: "a" }, type: "Opaque", data: { pw: b64(SECRET) } }] };
  const red = redactObject(secretList);
  assert.deepEqual(red.items[0]?.data, { pw: "[REDACTED]" });
  assert.equal(secretList.items[0]?.data.pw, b64(SECRET), "the input is not mutated");
  assertGone(redact(`leaked ${SECRET}`), SECRET);
});

test("kubeconfig: client key, client certificate, CA data and token are redacted", () => {
  const kubeconfig = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(PEM_CERT)}
    server: https://127.0.0.1:6443
  name: kubecuke-local
contexts:
- context:
    cluster: kubecuke-local
    user: admin
  name: kubecuke-local
current-context: kubecuke-local
kind: Config
users:
- name: admin
  user:
    client-certificate-data: ${b64(PEM_CERT)}
    client-key-data: ${b64(PEM_KEY)}
- name: sa
  user:
    token: abcdef0123456789tokenvalue
`;
  const out = redact(kubeconfig);
  assertGone(out, b64(PEM_CERT), b64(PEM_KEY), "abcdef0123456789tokenvalue");
  assert.match(out, /server: https:\/\/127\.0\.0\.1:6443/);
  assert.match(out, /current-context: kubecuke-local/);
});

test("kubeconfig keys inside unstructured text (error messages, flags) are redacted", () => {
  const out = redact(`error: bad config: client-key-data: ${b64(PEM_KEY)} and --token=sometokenvalue123 "token":"jsontokenvalue123"`);
  assertGone(out, b64(PEM_KEY), "sometokenvalue123", "jsontokenvalue123");
});

test("PEM blocks: certificates and private keys, also when cut off by truncation", () => {
  const out = redact(`cert:\n${PEM_CERT}\nkey:\n${PEM_KEY}\n`);
  assertGone(out, "MIIC5zCCAc", "MIIEpAIBAAKCAQEA");
  assert.match(out, /-----BEGIN CERTIFICATE-----\n\[REDACTED\]\n-----END CERTIFICATE-----/);
  const cut = redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
  assertGone(cut, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
});

test("JWTs, raw and base64-encoded (service-account token Secrets)", () => {
  const out = redact(`token is ${JWT}\ndata: ${b64(JWT)}`);
  assertGone(out, JWT, b64(JWT), "eyJhbGciOi");
});

test("Authorization headers and bearer tokens", () => {
  const out = redact(
    [
      "I0101 GET https://10.0.0.1:6443/api/v1/pods",
      "Authorization: Bearer abc.def-ghi_jkl",
      '{"headers":{"Authorization":"Basic dXNlcjpwYXNz"}}',
      "curl -H 'authorization: token ghp_123456789'",
      "sent Bearer xyz123456 to server",
    ].join("\n"),
  );
  assertGone(out, "abc.def-ghi_jkl", "dXNlcjpwYXNz", "ghp_123456789", "xyz123456");
  assert.match(out, /GET https:\/\/10\.0\.0\.1:6443\/api\/v1\/pods/);
});

test("mixed text that is not valid YAML: data blocks are redacted by pattern", () => {
  const input = `Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled
while applying:
  kind: Secret
  stringData:
    password: hunter2-value
    other: |
      multi line value
  metadata: {name: x}
  data: {k: dmFsdWU=}
and {"kind":"Secret","data":{"a":"YWFhYWFh","b":"YmJiYmJi"}}`;
  const out = redact(input);
  assertGone(out, "hunter2-value", "multi line value", "dmFsdWU=", "YWFhYWFh", "YmJiYmJi");
  assert.match(out, /metadata: \{name: x\}/);
});

test("ordinary output is left exactly as it was", () => {
  const describe = `Name:             web
Namespace:        kc-1
Containers:
  app:
    Image:          kubecuke.local/busybox:1
    State:          Running
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  3s    default-scheduler  Successfully assigned kc-1/web to node
`;
  assert.equal(redact(describe), describe);
  const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c # keep comments\ndata:\n  color: blue\n";
  assert.equal(redact(configMap), configMap);
  const log = "try_go listening on :8080\nGET /healthz\n";
  assert.equal(redact(log), log);
  assert.equal(redact("Data\n====\ntoken:  1234 bytes\nca.crt: 570 bytes\n"), "Data\n====\ntoken:  1234 bytes\nca.crt: 570 bytes\n");
});

test("redaction is idempotent and short registered values are ignored", () => {
  registerSecretValue("abc");
  assert.equal(redact("abc abc"), "abc abc");
  const once = redact(`apiVersion: v1\nkind: Secret\ndata:\n  k: ${b64(SECRET)}\n`);
  assert.equal(redact(once), once);
  for (const text of ["Authorization: Bearer abcdef123", "token: abcdefgh12345678", PEM_CERT, JWT]) {
    assert.equal(redact(redact(text)), redact(text), `redacting twice changes nothing: ${text.slice(0, 20)}`);
  }
});

test("huge YAML skips the parser but its Secret data is still redacted by pattern", () => {
  const filler = Array.from({ length: 6000 }, (_, i) => `    l${i}: value-${i}-padding-padding-padding`).join("\n");
  const input = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  labels:\n${filler}\n---\napiVersion: v1\nkind: Secret\ndata:\n  k: ${b64(SECRET)}\n`;
  assert.ok(input.length > 256 * 1024);
  const started = Date.now();
  const out = redact(input);
  assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
  assertGone(out, b64(SECRET));
  assert.match(out, /l5999: value-5999-padding/);
});
