// The kind provider against a scripted ToolRunner: which kind commands it runs, with which
// environment, and what it does with kind's answers. The real executable (a stand-in) is
// exercised end to end in test/providers/kind.test.ts.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { KindProvider } from "../../engine/cluster/kind.ts";
import { ToolMissingError, type ToolResult, type ToolRunner } from "../../engine/cluster/exec.ts";

interface Call { args: string[]; KUBECONFIG: string | undefined }

/** A scripted kind: clusters it knows, answers per command, every call recorded. */
function scriptedKind(clusters: string[], answers: Record<string, Partial<ToolResult>> = {}) {
  const calls: Call[] = [];
  const run: ToolRunner = async (_file, args, options) => {
    calls.push({ args: [...args], KUBECONFIG: options.env.KUBECONFIG });
    const key = args.slice(0, 2).join(" ");
    const answer = answers[key];
    if (answer) return { exitCode: 0, stdout: "", stderr: "", ...answer };
    if (key === "get clusters") return { exitCode: 0, stdout: clusters.join("\n"), stderr: clusters.length ? "" : "No kind clusters found." };
    if (key === "get kubeconfig") return { exitCode: 0, stdout: `contexts:\n- name: kind-${args[3]}\n`, stderr: "" };
    if (key === "create cluster") {
      const file = args[args.indexOf("--kubeconfig") + 1] ?? "";
      writeFileSync(file, `contexts:\n- name: kind-${args[3]}\n`);
      clusters.push(args[3] ?? "");
      options.onStderrLine?.(` ✓ Preparing nodes 📦`);
    }
    if (key === "delete cluster") clusters.splice(clusters.indexOf(args[3] ?? ""), 1);
    return { exitCode: 0, stdout: "", stderr: "" };
  };
  return { run, calls };
}

const scratch: string[] = [];
after(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

function provider(run: ToolRunner, extra: Partial<ConstructorParameters<typeof KindProvider>[0]> = {}) {
  const base = mkdtempSync(path.join(tmpdir(), "kind-unit-"));
  scratch.push(base);
  const runDir = path.join(base, "run");
  const lines: string[] = [];
  const p = new KindProvider({ name: "t1", runDir, run, env: { PATH: "/bin", KUBECONFIG: "/home/u/.kube/config" }, log: (l) => lines.push(l), ...extra });
  return { p, runDir, lines };
}

test("up creates a missing cluster with --kubeconfig in the run dir; every call sees KUBECONFIG = that file", async () => {
  const k = scriptedKind([]);
  const { p, runDir, lines } = provider(k.run, { configFile: undefined, image: "kindest/node:v1.34.0", waitSeconds: 90 });
  const h = await p.up();
  const kc = path.join(runDir, "kubeconfig");
  assert.deepEqual(k.calls.map((c) => c.args.join(" ")), [
    "get clusters",
    `create cluster --name t1 --image kindest/node:v1.34.0 --wait 90s --kubeconfig ${kc}`,
  ]);
  assert.ok(k.calls.every((c) => c.KUBECONFIG === kc), "the user's KUBECONFIG must never reach kind");
  assert.deepEqual(h, { provider: "kind", name: "t1", kubeconfigPath: kc, context: "kind-t1", dir: runDir, owned: true });
  assert.equal(statSync(kc).mode & 0o777, 0o600);
  assert.ok(lines.includes("  kind:  ✓ Preparing nodes 📦"), `progress lines are passed on: ${lines.join(" | ")}`);
});

test("up reuses a listed cluster: no create, kubeconfig from get kubeconfig, not owned, down deletes nothing", async () => {
  const k = scriptedKind(["other", "t1"]);
  const { p, runDir, lines } = provider(k.run);
  const h = await p.up();
  assert.equal(h.owned, false);
  assert.deepEqual(k.calls.map((c) => c.args.join(" ")), ["get clusters", "get kubeconfig --name t1"]);
  assert.equal(readFileSync(path.join(runDir, "kubeconfig"), "utf8"), "contexts:\n- name: kind-t1\n");
  assert.ok(lines.some((l) => l.startsWith("Reusing kind cluster t1")));
  await p.down();
  assert.deepEqual(k.calls.map((c) => c.args[0]), ["get", "get"], "down of a reused cluster calls kind not at all");
  assert.ok(!existsSync(path.join(runDir, "kubeconfig")), "the run's copy of the kubeconfig is removed");
});

test("down deletes the cluster this run created (also from a new provider object: state is on disk)", async () => {
  const k = scriptedKind([]);
  const { p, runDir } = provider(k.run);
  await p.up();
  await p.up(); // idempotent: second up finds its own cluster
  const again = new KindProvider({ name: "t1", runDir, run: k.run, env: {} });
  await again.down();
  const kc = path.join(runDir, "kubeconfig");
  assert.deepEqual(k.calls.map((c) => c.args.join(" ")), [
    "get clusters",
    `create cluster --name t1 --wait 120s --kubeconfig ${kc}`,
    "get clusters",
    "get kubeconfig --name t1",
    `delete cluster --name t1 --kubeconfig ${kc}`,
  ]);
});

test("a nested runner of the same run finds the cluster up: not owned, deletes nothing, leaves the kubeconfig; its creator deletes", async () => {
  const k = scriptedKind([]);
  const { p: outer, runDir, lines } = provider(k.run);
  assert.equal((await outer.up()).owned, true);
  const nested = new KindProvider({ name: "t1", runDir, run: k.run, env: {}, log: (l) => lines.push(l) });
  assert.equal((await nested.up()).owned, false);
  await nested.down();
  assert.ok(!k.calls.some((c) => c.args[0] === "delete"), "the nested runner must not delete the cluster");
  assert.ok(existsSync(path.join(runDir, "kubeconfig")), "the creator's kubeconfig stays for the creator");
  assert.ok(lines.includes("Leaving kind cluster t1 running: its creator in this run deletes it"), lines.join("\n"));
  await outer.down();
  assert.equal(k.calls.filter((c) => c.args[0] === "delete").length, 1);
  assert.ok(!existsSync(path.join(runDir, "kubeconfig")));
});

test("keep: the cluster this run created stays, with its kubeconfig", async () => {
  const k = scriptedKind([]);
  const { p, runDir, lines } = provider(k.run, { keep: true });
  await p.up();
  await p.down();
  assert.ok(!k.calls.some((c) => c.args[0] === "delete"));
  assert.ok(existsSync(path.join(runDir, "kubeconfig")));
  assert.ok(lines.some((l) => l.includes("Keeping kind cluster t1") && l.includes("kind delete cluster --name t1")));
});

test("loadImages runs kind load image-archive per tar and refuses a missing tar before calling kind", async () => {
  const k = scriptedKind(["t1"]);
  const { p, runDir } = provider(k.run);
  await p.up();
  const tar = path.join(runDir, "a.tar");
  writeFileSync(tar, "x");
  await p.loadImages([tar]);
  assert.deepEqual(k.calls.at(-1)?.args, ["load", "image-archive", tar, "--name", "t1"]);
  const before = k.calls.length;
  await assert.rejects(p.loadImages([path.join(runDir, "missing.tar")]), /^KubecukeInfrastructureError: kind load image-archive .*missing.tar into cluster t1: the archive does not exist; build images first/);
  assert.equal(k.calls.length, before);
});

test("errors name the tool, the cluster and kind's stderr", async () => {
  const k = scriptedKind([], { "create cluster": { exitCode: 1, stderr: 'Creating cluster "t1" ...\nERROR: failed to create cluster: could not find a log line that matches "Reached target .*Multi-User System.*"' } });
  const { p } = provider(k.run);
  await assert.rejects(p.up(), (err: Error) => {
    assert.match(err.message, /^kind create cluster t1: exit 1; kind create cluster --name t1 .* said:\n/);
    assert.match(err.message, /ERROR: failed to create cluster: could not find a log line/);
    return true;
  });
});

test("a missing kind executable says how to install it or choose another provider", async () => {
  const run: ToolRunner = async () => {
    throw new ToolMissingError("kind: cannot run it (ENOENT)");
  };
  const { p } = provider(run);
  await assert.rejects(p.status(), /^KubecukeInfrastructureError: kind get clusters: the kind executable \(kind\) could not be run; install kind .* KUBECUKE_PROVIDER=local\|existing/);
});

test("a configured kind config file that does not exist is reported before kind runs", async () => {
  const k = scriptedKind([]);
  const { p } = provider(k.run, { configFile: "/nonexistent/kind.yaml" });
  await assert.rejects(p.up(), /kind create cluster t1: config file \/nonexistent\/kind.yaml does not exist; fix KUBECUKE_KIND_CONFIG/);
  assert.deepEqual(k.calls.map((c) => c.args.join(" ")), ["get clusters"]);
});

test("status reports whether the named cluster is listed and whose it is", async () => {
  const k = scriptedKind(["a", "t1"]);
  const { p } = provider(k.run);
  assert.deepEqual(await p.status(), { running: true, detail: "kind cluster t1 is running (not created by this run), context kind-t1" });
  const none = provider(scriptedKind([]).run).p;
  assert.deepEqual(await none.status(), { running: false, detail: "no kind cluster named t1 (kind get clusters: none)" });
});

test("a create that fails half-way is still this run's: down deletes what it left", async () => {
  const k = scriptedKind([], { "create cluster": { exitCode: 1, stderr: "ERROR: failed to create cluster: node(s) not ready" } });
  const { p } = provider(k.run);
  await assert.rejects(p.up(), /kind create cluster t1: exit 1/);
  await p.down();
  assert.deepEqual(k.calls.map((c) => c.args.slice(0, 2).join(" ")), ["get clusters", "create cluster", "delete cluster"]);
});
