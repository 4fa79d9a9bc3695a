import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  generateRunId,
  parseProviderFlags,
  profileSettingsFrom,
  ProviderConfigError,
  resolveProviderSettings,
  REUSE_CLUSTER_NAME,
} from "../../engine/settings/provider.ts";

const base = { cwd: "/work/proj", env: { HOME: "/home/u" } as NodeJS.ProcessEnv, now: new Date("2025-03-01T14:22:33Z") };

test("defaults: automatic provider, generated cluster name and run dir under .kubecuke/runs", () => {
  const s = resolveProviderSettings(base);
  assert.equal(s.provider, undefined);
  assert.match(s.runId, /^20250301-142233-[0-9a-f]{4}$/);
  assert.equal(s.clusterName, `kubecuke-${s.runId}`);
  assert.equal(s.clusterNameSource, undefined);
  assert.equal(s.runDir, path.join("/work/proj/.kubecuke/runs", s.runId));
  assert.deepEqual([s.reuse, s.keep, s.kind.binary, s.kind.waitSeconds], [false, false, "kind", 120]);
});

test("precedence: command line over environment over cucumber profile", () => {
  const profile = { provider: "local", clusterName: "from-profile", kindImage: "kindest/node:p" };
  const fromProfile = resolveProviderSettings({ ...base, profile, profileName: "ci" });
  assert.equal(fromProfile.provider, "local");
  assert.equal(fromProfile.providerSource, 'cucumber profile "ci" worldParameters.kubecuke.provider');
  assert.equal(fromProfile.kind.image, "kindest/node:p");

  const env = { ...base.env, KUBECUKE_PROVIDER: "kind", KUBECUKE_CLUSTER_NAME: "from-env" };
  const fromEnv = resolveProviderSettings({ ...base, env, profile });
  assert.deepEqual([fromEnv.provider, fromEnv.clusterName, fromEnv.clusterNameSource], ["kind", "from-env", "KUBECUKE_CLUSTER_NAME"]);

  const fromCli = resolveProviderSettings({ ...base, env, profile, argv: ["--provider=existing", "--cluster-name", "from-cli"] });
  assert.deepEqual([fromCli.provider, fromCli.providerSource, fromCli.clusterName], ["existing", "command line --provider", "from-cli"]);
});

test("every environment variable of the spec is read", () => {
  const env = {
    HOME: "/home/u",
    KUBECUKE_PROVIDER: "Kind",
    KUBECUKE_CLUSTER_NAME: "ci-1",
    KUBECUKE_KIND_CONFIG: "kind.yaml",
    KUBECUKE_KIND_IMAGE: "kindest/node:v1.34.0",
    KUBECUKE_KEEP_CLUSTER: "1",
    KUBECUKE_EXISTING_KUBECONFIG: "~/.kube/staging",
    KUBECUKE_EXISTING_CONTEXT: "staging",
    KUBECUKE_RUN_ID: "run-7",
    KUBECUKE_RUN_DIR: "out/run",
  };
  const s = resolveProviderSettings({ ...base, env });
  assert.equal(s.provider, "kind");
  assert.equal(s.clusterName, "ci-1");
  assert.equal(s.kind.config, "/work/proj/kind.yaml");
  assert.equal(s.kind.image, "kindest/node:v1.34.0");
  assert.equal(s.keep, true);
  assert.equal(s.reuse, false);
  assert.equal(s.existing.kubeconfig, "/home/u/.kube/staging");
  assert.equal(s.existing.kubeconfigSource, "KUBECUKE_EXISTING_KUBECONFIG");
  assert.equal(s.existing.context, "staging");
  assert.equal(s.runId, "run-7");
  assert.equal(s.runDir, "/work/proj/out/run");
});

test("reuse: stable cluster name, kept at the end; an explicit name still wins", () => {
  const s = resolveProviderSettings({ ...base, env: { KUBECUKE_REUSE: "true" } });
  assert.deepEqual([s.clusterName, s.reuse, s.keep], [REUSE_CLUSTER_NAME, true, true]);
  const named = resolveProviderSettings({ ...base, argv: ["--reuse", "--cluster-name", "mine"] });
  assert.deepEqual([named.clusterName, named.reuse, named.keep], ["mine", true, true]);
});

test("KUBECUKE_KUBECONFIG / KUBECUKE_CONTEXT are fallbacks for the existing provider's settings", () => {
  const env = { KUBECUKE_KUBECONFIG: "/k/config", KUBECUKE_CONTEXT: "qa" };
  const s = resolveProviderSettings({ ...base, env });
  assert.deepEqual(s.existing, { kubeconfig: "/k/config", kubeconfigSource: "KUBECUKE_KUBECONFIG", context: "qa", contextSource: "KUBECUKE_CONTEXT" });
  const explicit = resolveProviderSettings({ ...base, env: { ...env, KUBECUKE_EXISTING_CONTEXT: "staging" } });
  assert.equal(explicit.existing.context, "staging");
});

test("bad values name their source and what to write", () => {
  const bad = (sources: Partial<Parameters<typeof resolveProviderSettings>[0]>, pattern: RegExp): void => {
    assert.throws(() => resolveProviderSettings({ ...base, ...sources }), (err: unknown) => {
      assert.ok(err instanceof ProviderConfigError);
      assert.match(err.message, pattern);
      return true;
    });
  };
  bad({ env: { KUBECUKE_PROVIDER: "minikube" } }, /^KUBECUKE_PROVIDER: "minikube" is not a provider; use one of kind, local, existing/);
  bad({ argv: ["--provider", "k3d"] }, /^command line --provider: "k3d"/);
  bad({ env: { KUBECUKE_REUSE: "sure" } }, /^KUBECUKE_REUSE: expected 1 or 0 \(true\/false\), got "sure"/);
  bad({ env: { KUBECUKE_CLUSTER_NAME: "My_Cluster" } }, /^KUBECUKE_CLUSTER_NAME "My_Cluster": cluster names are/);
  bad({ env: { KUBECUKE_RUN_ID: "Run 1" } }, /^run id "Run 1"/);
  bad({ profile: { provider: "nope" }, profileName: "qa" }, /^cucumber profile "qa" worldParameters.kubecuke.provider: "nope"/);
});

test("provider 'auto' means automatic choice", () => {
  assert.equal(resolveProviderSettings({ ...base, env: { KUBECUKE_PROVIDER: "auto" } }).provider, undefined);
});

test("parseProviderFlags leaves other arguments alone and wants values after value flags", () => {
  const { values, rest } = parseProviderFlags(["up", "--provider", "kind", "--verbose", "--keep-cluster", "--kind-image=img:1"]);
  assert.deepEqual(rest, ["up", "--verbose"]);
  assert.deepEqual(Object.fromEntries(values), { "--provider": "kind", "--keep-cluster": "1", "--kind-image": "img:1" });
  assert.throws(() => parseProviderFlags(["--provider"]), /command line --provider: expected a value after it, e.g. --provider=kind/);
  assert.throws(() => parseProviderFlags(["--existing-context", "--reuse"]), /--existing-context: expected a value/);
});

test("profileSettingsFrom checks the cucumber profile's worldParameters.kubecuke", () => {
  assert.equal(profileSettingsFrom({ other: 1 }), undefined);
  assert.deepEqual(profileSettingsFrom({ kubecuke: { provider: "kind", reuse: true } }, "ci"), { provider: "kind", reuse: true });
  assert.throws(() => profileSettingsFrom({ kubecuke: { provder: "kind" } }, "ci"), /cucumber profile "ci" worldParameters.kubecuke.provder: unknown setting; use one of provider,/);
  assert.throws(() => profileSettingsFrom({ kubecuke: { reuse: "yes" } }), /worldParameters.kubecuke.reuse: expected a boolean, got "yes"/);
  assert.throws(() => profileSettingsFrom({ kubecuke: "kind" }), /expected an object like/);
});

test("generateRunId is a valid label value and differs between calls", () => {
  const now = new Date("2025-12-31T23:59:59Z");
  const a = generateRunId(now);
  assert.match(a, /^20251231-235959-[0-9a-f]{4}$/);
  const ids = new Set(Array.from({ length: 20 }, () => generateRunId(now)));
  assert.ok(ids.size > 15, `expected distinct ids, got ${ids.size} of 20`);
});

test("the team's images: a comma-separated list from the flag, the environment or a profile, with where it came from", () => {
  assert.deepEqual(resolveProviderSettings(base).images, []);
  const profile = profileSettingsFrom({ kubecuke: { images: "dist/app.tar, dist/sidecar.tar" } }, "qa");
  const fromProfile = resolveProviderSettings({ ...base, profile, profileName: "qa" });
  assert.deepEqual([fromProfile.images, fromProfile.imagesSource], [["dist/app.tar", "dist/sidecar.tar"], 'cucumber profile "qa" worldParameters.kubecuke.images']);
  const fromEnv = resolveProviderSettings({ ...base, env: { ...base.env, KUBECUKE_IMAGES: "a.tar,,team/app:1 " }, profile });
  assert.deepEqual([fromEnv.images, fromEnv.imagesSource], [["a.tar", "team/app:1"], "KUBECUKE_IMAGES"]);
  assert.deepEqual(resolveProviderSettings({ ...base, argv: ["--images", "x.tar"] }).images, ["x.tar"]);
  assert.throws(() => profileSettingsFrom({ kubecuke: { images: ["a.tar"] } }), /worldParameters\.kubecuke\.images: expected a string, got \["a\.tar"\]/);
});
