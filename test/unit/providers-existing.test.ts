import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { ExistingProvider, ownershipProblem } from "../../engine/cluster/existing.ts";
import { ownedNamespaceLabels, runNamespaceSelector } from "../../engine/kube/labels.ts";
import { minifyKubeconfig } from "../../engine/cluster/kubeconfig.ts";
import { ProviderConfigError } from "../../engine/settings/provider.ts";

const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster: { server: "https://prod.example:6443", certificate-authority-data: UFJPRA== }
- name: staging
  cluster: { server: "https://staging.example:6443", certificate-authority: certs/ca.crt }
users:
- name: admin
  user: { token: prod-token }
- name: qa
  user:
    client-certificate: certs/qa.crt
    client-key: /ABS/qa.key
    exec: { apiVersion: client.authentication.k8s.io/v1, command: helper, interactiveMode: Never }
contexts:
- name: prod
  context: { cluster: prod, user: admin }
- name: qa-staging
  context: { cluster: staging, user: qa, namespace: qa }
`;

function kubeconfigDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "existing-unit-"));
  writeFileSync(path.join(dir, "config"), KUBECONFIG);
  return dir;
}

test("minify keeps only the chosen context, embeds referenced files, keeps auth fields client-node does not model", () => {
  const dir = kubeconfigDir();
  mkdirSync(path.join(dir, "certs"));
  writeFileSync(path.join(dir, "certs/ca.crt"), "CA-PEM");
  writeFileSync(path.join(dir, "certs/qa.crt"), "QA-PEM");
  const text = KUBECONFIG.replace("/ABS/qa.key", path.join(dir, "certs/qa.crt"));
  const { text: out, server } = minifyKubeconfig(text, "qa-staging", path.join(dir, "config"));
  assert.equal(server, "https://staging.example:6443");
  const doc = parse(out);
  assert.equal(doc["current-context"], "qa-staging");
  assert.deepEqual(doc.contexts, [{ name: "qa-staging", context: { cluster: "staging", user: "qa", namespace: "qa" } }]);
  assert.deepEqual(doc.clusters, [{ name: "staging", cluster: { server, "certificate-authority-data": Buffer.from("CA-PEM").toString("base64") } }]);
  assert.equal(doc.users.length, 1);
  assert.equal(doc.users[0].user["client-certificate-data"], Buffer.from("QA-PEM").toString("base64"));
  assert.equal(doc.users[0].user["client-key"], undefined);
  assert.equal(doc.users[0].user.exec.interactiveMode, "Never");
  assert.ok(!out.includes("prod-token"), "the other context's credentials must not be copied");
});

test("minify: unknown context lists the ones there; unreadable referenced file is named", () => {
  const dir = kubeconfigDir();
  assert.throws(() => minifyKubeconfig(KUBECONFIG, "nope", path.join(dir, "config")), (err: unknown) => {
    assert.ok(err instanceof ProviderConfigError);
    assert.match(err.message, /kubeconfig .*config: context "nope" not found \(contexts: prod, qa-staging\)\. Fix KUBECUKE_EXISTING_CONTEXT/);
    return true;
  });
  assert.throws(() => minifyKubeconfig(KUBECONFIG, "qa-staging", path.join(dir, "config")), /certificate-authority .*certs\/ca.crt cannot be read/);
  assert.throws(() => minifyKubeconfig("a: [", "x", "/k"), /kubeconfig \/k: not valid YAML/);
});

test("the provider refuses without kubeconfig and context, saying what to set", () => {
  const runDir = tmpdir();
  assert.throws(() => new ExistingProvider({ runId: "r1", runDir }), (err: unknown) => {
    assert.ok(err instanceof ProviderConfigError);
    assert.match(err.message, /refusing to guess which cluster to use; set KUBECUKE_EXISTING_KUBECONFIG=<path> \(or --existing-kubeconfig\) and KUBECUKE_EXISTING_CONTEXT=<context name>/);
    assert.match(err.message, /never falls back to ~\/.kube\/config/);
    return true;
  });
  assert.throws(() => new ExistingProvider({ kubeconfig: "/k", runId: "r1", runDir }), /set KUBECUKE_EXISTING_CONTEXT=<context name> \(or --existing-context\)\. Both/);
});

test("the dry check names a missing kubeconfig and an unknown context before any network call", async () => {
  const dir = kubeconfigDir();
  const lines: string[] = [];
  const missing = new ExistingProvider({ kubeconfig: path.join(dir, "nope"), context: "prod", runId: "r1", runDir: dir });
  await assert.rejects(missing.check((l) => lines.push(l)), /kubeconfig .*nope does not exist; fix KUBECUKE_EXISTING_KUBECONFIG/);
  const wrong = new ExistingProvider({ kubeconfig: path.join(dir, "config"), context: "qa", runId: "r1", runDir: dir });
  await assert.rejects(wrong.check((l) => lines.push(l)), /context "qa" not found/);
  assert.deepEqual(lines, []);
});

test("the dry check prints the cluster it will use, then reports an unreachable API with the server and budget", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "existing-unit-"));
  // Port 9 on loopback: nothing listens, so the version call fails fast.
  const cfg = KUBECONFIG.replace("https://prod.example:6443", "https://127.0.0.1:9");
  writeFileSync(path.join(dir, "config"), cfg);
  const lines: string[] = [];
  const p = new ExistingProvider({ kubeconfig: path.join(dir, "config"), context: "prod", runId: "r1", runDir: dir, apiTimeoutMs: 3000 });
  await assert.rejects(p.check((l) => lines.push(l)), /^KubecukeInfrastructureError: existing provider: GET https:\/\/127.0.0.1:9\/version \(context prod\): expected the API to answer, last saw .* \(after 3 s budget\)/);
  assert.deepEqual(lines, [`Using existing cluster https://127.0.0.1:9 (context prod, kubeconfig ${path.join(dir, "config")})`]);
  assert.deepEqual(await p.status().then((s) => s.running), false);
});

test("ownership: both labels for a run; managed-by alone for the harness in general", () => {
  const ns = (labels: Record<string, string> | undefined) => ({ metadata: { name: "n1", labels } });
  assert.equal(ownershipProblem(ns(ownedNamespaceLabels("r1")), "r1"), undefined);
  assert.equal(ownershipProblem(ns(ownedNamespaceLabels("r2"))), undefined);
  assert.equal(ownershipProblem(ns(ownedNamespaceLabels("r2")), "r1"), "namespace n1 belongs to another run: expected label kubecuke.io/run=r1, last saw r2");
  assert.equal(ownershipProblem(ns(undefined)), "namespace n1 is not the harness's: expected label app.kubernetes.io/managed-by=kubecuke, last saw no such label");
  assert.equal(ownershipProblem(ns({ "app.kubernetes.io/managed-by": "Helm" }), "r1"), "namespace n1 is not the harness's: expected label app.kubernetes.io/managed-by=kubecuke, last saw Helm");
  assert.equal(runNamespaceSelector("r1"), "app.kubernetes.io/managed-by=kubecuke,kubecuke.io/run=r1,!kubecuke.io/kept-for-debugging");
});
