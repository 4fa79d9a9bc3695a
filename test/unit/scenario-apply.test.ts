// Applying into a scenario (engine/scenario/apply.ts) against a fake object API, the cleanup items
// it registers, and Secrets from the environment (secrets.ts): no cluster.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import { ApiException } from "@kubernetes/client-node";
import { BadInputError } from "../../engine/errors.ts";
import type { KubeObject } from "../../engine/kube/object.ts";
import { clearSecretValues, redact } from "../../engine/report/redact.ts";
import { Applier, deleteItem, restoreItem, type ApplyScope } from "../../engine/scenario/apply.ts";
import { resolveManifestPath as resolveManifest } from "../../engine/scenario/manifest-path.ts";
import { CleanupStack } from "../../engine/scenario/cleanup.ts";
import { secretFromEnvironment } from "../../engine/scenario/secrets.ts";
import { Timeline } from "../../engine/wait/timeline.ts";

const NS = "kc-apply-abc123";
const TIMEOUTS = { get: 1000, apply: 1000, delete: 1000, cleanup: 1000 };

/** Clients over a fake object API: `stored` answers reads, every apply is recorded under `who`. */
function fakeClients(who: string, stored: Map<string, KubeObject>, applied: string[]) {
  const objects = {
    served: async (_v: string, kind: string) => ({ namespaced: kind !== "Namespace", name: `${kind.toLowerCase()}s` }),
    getRaw: async (_v: string, kind: string, namespace: string | undefined, name: string) => {
      const o = stored.get(`${kind}/${namespace ?? ""}/${name}`);
      if (!o) throw new ApiException(404, "Not Found", { reason: "NotFound" }, {});
      return o;
    },
    apply: async (o: KubeObject) => {
      applied.push(`${who}: ${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`);
      const created = !stored.has(`${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`);
      return { object: { ...o, metadata: { ...o.metadata, uid: `uid-${o.metadata?.name}` } }, created };
    },
  };
  return { objects, timeouts: TIMEOUTS, namespace: NS } as never;
}

async function scope(stored = new Map<string, KubeObject>()): Promise<{ s: ApplyScope; applied: string[]; timeline: Timeline; cleanup: CleanupStack }> {
  const applied: string[] = [];
  const timeline = new Timeline();
  const cleanup = new CleanupStack();
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-apply-test-"));
  test.after(() => rm(dir, { recursive: true, force: true }));
  const s: ApplyScope = {
    namespace: NS,
    clients: fakeClients("scenario", stored, applied),
    admin: fakeClients("admin", stored, applied),
    dir,
    timeline,
    cleanup,
    options: { runId: "run-1" },
    expand: (text) => ({ text, used: new Map() }),
  };
  return { s, applied, timeline, cleanup };
}

test("a manifest is rebased into the scenario's namespace, written to its directory, and applied as the scenario", async () => {
  const { s, applied, timeline } = await scope();
  const applier = new Applier(s);
  const staged = await applier.stage("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n", "doc string", "doc-string.yaml");
  assert.equal(staged.objects[0]?.object.metadata?.namespace, NS);
  assert.match(await readFile(path.join(s.dir, "doc-string.yaml"), "utf8"), new RegExp(`namespace: ${NS}`));
  const r = await applier.apply(staged.objects, staged.yaml, "doc string");
  assert.deepEqual(applied, [`scenario: ConfigMap/${NS}/settings`]);
  assert.equal(r.applied[0]?.metadata?.uid, "uid-settings");
  assert.match(timeline.toText(), /applied from doc string/);
});

test("an object outside the namespace that the run did not create refuses the whole manifest before anything is applied", async () => {
  const foreign: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "theirs", namespace: "other", uid: "u-theirs" } };
  const { s, applied, cleanup } = await scope(new Map([["ConfigMap/other/theirs", foreign]]));
  const applier = new Applier(s);
  const staged = await applier.stage("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: mine\n---\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: theirs\n  namespace: other\n", "m.yaml", "m.yaml");
  await assert.rejects(applier.apply(staged.objects, staged.yaml, "m.yaml"), (e: unknown) => e instanceof BadInputError && /^apply m\.yaml:6: ConfigMap other\/theirs exists and was not created by this run/.test(e.message));
  assert.deepEqual(applied, [], "nothing applied, not even the first object");
  assert.equal(cleanup.size, 0);
});

test("an apply stops between objects once the run is interrupted", async () => {
  const { s, applied } = await scope();
  const stop = new AbortController();
  const applier = new Applier({ ...s, options: { ...s.options, stop: stop.signal } });
  const staged = await applier.stage("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: a\n", "doc string", "a.yaml");
  stop.abort(new Error("interrupted by SIGINT"));
  await assert.rejects(applier.apply(staged.objects, staged.yaml, "doc string"), /interrupted by SIGINT/);
  assert.deepEqual(applied, []);
});

test("an apply stops between objects once the step's signal (on its clients) is aborted", async () => {
  const { s, applied } = await scope();
  const step = new AbortController();
  const applier = new Applier({ ...s, clients: Object.assign(s.clients, { signal: step.signal }) });
  const staged = await applier.stage("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: a\n", "doc string", "a.yaml");
  step.abort(new Error("step past its deadline"));
  await assert.rejects(applier.apply(staged.objects, staged.yaml, "doc string"), /step past its deadline/);
  assert.deepEqual(applied, []);
});

test("cleanup items: deleting what the scenario created and restoring what it changed are critical, named by object", () => {
  const ref = { apiVersion: "v1", kind: "ConfigMap", namespace: "other", name: "x" };
  const admin = fakeClients("admin", new Map(), []);
  const del = deleteItem(admin, ref, "u-1");
  assert.equal(del.what, "ConfigMap/other/x (outside the scenario namespace)");
  assert.equal(del.critical, true);
  const restore = restoreItem(admin, ref, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "other", resourceVersion: "41" } });
  assert.equal(restore.what, "ConfigMap/other/x (not created by this run: restore resourceVersion 41)");
  assert.equal(restore.critical, true);
});

test("a manifest name: fixtures/manifests first, else a path from the working directory", async () => {
  const fixtures = await mkdtemp(path.join(tmpdir(), "kubecuke-fixtures-"));
  test.after(() => rm(fixtures, { recursive: true, force: true }));
  assert.equal(resolveManifest("pod.yaml", fixtures).abs, path.join(fixtures, "pod.yaml"), "missing everywhere: named under fixtures, for the message");
  assert.equal(resolveManifest("package.json", fixtures).abs, path.resolve("package.json"));
  assert.equal(resolveManifest("/abs/pod.yaml", fixtures).abs, "/abs/pod.yaml");
});

test("a Secret from the environment: values registered for redaction, their origin named, missing or short ones refused", () => {
  clearSecretValues();
  const inputs = { DB_PASSWORD: "s3cret-value-1" };
  const { object, origin } = secretFromEnvironment(NS, "db", [{ key: "password", variable: "DB_PASSWORD" }, { key: "token", variable: "(generated)" }], inputs, "x.feature:5");
  assert.deepEqual(origin, ["password: from $DB_PASSWORD", "token: generated (24 characters)"]);
  assert.equal(object.metadata?.namespace, NS);
  const data = (object as { stringData: Record<string, string> }).stringData;
  assert.equal(data.password, "s3cret-value-1");
  assert.equal(data.token?.length, 24);
  assert.doesNotMatch(redact(`pw ${data.password} tok ${data.token}`), /s3cret-value-1|[A-Za-z0-9_-]{24}/);
  assert.throws(() => secretFromEnvironment(NS, "db", [{ key: "k", variable: "NOPE" }], inputs, "x.feature:5"), (e: unknown) => e instanceof BadInputError && /x\.feature:5: environment variable NOPE \(for key "k" of Secret db\) is not set/.test(e.message));
  assert.throws(() => secretFromEnvironment(NS, "db", [{ key: "k", variable: "SHORT" }], { SHORT: "abc" }, "x.feature:5"), /shorter than 6 characters/);
  clearSecretValues();
});
