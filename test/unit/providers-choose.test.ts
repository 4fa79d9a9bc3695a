import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseProvider, type ChoiceProbes } from "../../engine/cluster/choose.ts";
import { ProviderConfigError, resolveProviderSettings } from "../../engine/settings/provider.ts";

/** Probes that record which were consulted; defaults describe a machine where nothing works. */
function probes(over: Partial<{ docker: boolean; kind: boolean; platform: NodeJS.Platform; uid: number | undefined; missing: string[] }> = {}) {
  const asked: string[] = [];
  const p: ChoiceProbes = {
    docker: async () => (asked.push("docker"), { ok: over.docker ?? false, detail: over.docker ? "27.3.1" : "Cannot connect to the Docker daemon" }),
    kind: async () => (asked.push("kind"), { ok: over.kind ?? false, detail: over.kind ? "kind v0.29.0" : "kind not found on PATH" }),
    platform: () => (asked.push("platform"), over.platform ?? "linux"),
    uid: () => (asked.push("uid"), "uid" in over ? over.uid : 1000),
    localMissing: async () => (asked.push("localMissing"), over.missing ?? []),
  };
  return { p, asked };
}
const settings = (env: NodeJS.ProcessEnv = {}) => resolveProviderSettings({ env, cwd: "/w" });

test("explicit choice wins and probes nothing", async () => {
  for (const name of ["kind", "local", "existing"] as const) {
    const { p, asked } = probes({ docker: true, kind: true });
    const c = await chooseProvider(settings({ KUBECUKE_PROVIDER: name }), p);
    assert.deepEqual([c.provider, c.explicit], [name, true]);
    assert.match(c.reason, new RegExp(`^${name}: set by KUBECUKE_PROVIDER`));
    assert.deepEqual(asked, []);
  }
});

test("kind when docker info and kind version both work", async () => {
  const { p, asked } = probes({ docker: true, kind: true, uid: 0 });
  const c = await chooseProvider(settings(), p);
  assert.deepEqual([c.provider, c.explicit], ["kind", false]);
  assert.equal(c.reason, "kind: chosen automatically (docker 27.3.1, kind v0.29.0)");
  assert.deepEqual(asked.sort(), ["docker", "kind"]);
});

test("docker without kind, or kind without docker, falls through to local on Linux as root", async () => {
  for (const [docker, kind, why] of [[true, false, /kind: kind not found/], [false, true, /docker: Cannot connect/]] as const) {
    const { p } = probes({ docker, kind, uid: 0 });
    const c = await chooseProvider(settings(), p);
    assert.equal(c.provider, "local");
    assert.match(c.reason, why);
  }
});

test("local is not chosen when its prerequisites are missing: the error lists them and the options", async () => {
  const { p } = probes({ uid: 0, missing: ["containerd", "etcd"] });
  await assert.rejects(chooseProvider(settings(), p), (err: unknown) => {
    assert.ok(err instanceof ProviderConfigError);
    assert.match(err.message, /local: {4}missing containerd, etcd/);
    assert.match(err.message, /KUBECUKE_PROVIDER=kind/);
    return true;
  });
});

test("not root, or not Linux: error says why for each provider and how to set one", async () => {
  const cases = [
    { over: { uid: 1000 }, says: /needs root, running as uid 1000/ },
    { over: { platform: "darwin" as const, uid: 501 }, says: /needs Linux, this is darwin; needs root, running as uid 501/ },
    { over: { platform: "win32" as const, uid: undefined }, says: /needs root, running as uid unknown/ },
  ];
  for (const { over, says } of cases) {
    const { p, asked } = probes(over);
    await assert.rejects(chooseProvider(settings(), p), (err: unknown) => {
      assert.ok(err instanceof ProviderConfigError);
      const m = err.message;
      assert.match(m, /^No cluster provider was named and none could be chosen automatically:/);
      assert.match(m, says);
      assert.match(m, /kind: {5}docker: Cannot connect to the Docker daemon; kind: kind not found on PATH/);
      assert.match(m, /existing: used only when named explicitly/);
      for (const how of ["KUBECUKE_PROVIDER=kind", "KUBECUKE_PROVIDER=local", "KUBECUKE_EXISTING_KUBECONFIG=<path>", "KUBECUKE_EXISTING_CONTEXT=<context>", "KUBECUKE_KUBECONFIG", "KUBECUKE_CONTEXT", "--provider"]) {
        assert.ok(m.includes(how), `error should mention ${how}:\n${m}`);
      }
      return true;
    });
    // Not root or not Linux: the local prerequisites are not even looked at.
    assert.ok(!asked.includes("localMissing"));
  }
});

test("existing settings without the provider named are refused, never used and never ignored", async () => {
  const { p, asked } = probes({ docker: true, kind: true });
  const s = settings({ KUBECUKE_EXISTING_KUBECONFIG: "/k/staging", KUBECUKE_EXISTING_CONTEXT: "staging" });
  await assert.rejects(chooseProvider(s, p), /^KubecukeBadInputError: KUBECUKE_EXISTING_KUBECONFIG and KUBECUKE_EXISTING_CONTEXT are set but no provider is named.*Set KUBECUKE_PROVIDER=existing/);
  assert.deepEqual(asked, []);
});

test("every alias of the existing settings is refused the same way without a provider (issue 9)", async () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ KUBECUKE_KUBECONFIG: "/run/kubeconfig" }, /^KubecukeBadInputError: KUBECUKE_KUBECONFIG is set but no provider is named.*to use \/run\/kubeconfig, or unset KUBECUKE_KUBECONFIG\./],
    [{ KUBECUKE_CONTEXT: "staging" }, /^KubecukeBadInputError: KUBECUKE_CONTEXT is set but no provider is named.*to use the context staging, or unset KUBECUKE_CONTEXT\./],
    [{ KUBECUKE_EXISTING_CONTEXT: "staging" }, /^KubecukeBadInputError: KUBECUKE_EXISTING_CONTEXT is set but no provider is named/],
    [{ KUBECUKE_EXISTING_KUBECONFIG: "/k" }, /^KubecukeBadInputError: KUBECUKE_EXISTING_KUBECONFIG is set but no provider is named/],
  ];
  for (const [env, says] of cases) {
    const { p, asked } = probes({ docker: true, kind: true });
    await assert.rejects(chooseProvider(settings(env), p), says);
    assert.deepEqual(asked, [], "nothing on the machine is probed");
  }
  // named explicitly, the same variable is simply used
  const { p } = probes({ docker: true, kind: true });
  const c = await chooseProvider(settings({ KUBECUKE_KUBECONFIG: "/run/kubeconfig", KUBECUKE_PROVIDER: "existing" }), p);
  assert.equal(c.provider, "existing");
});
