// kubecuke doctor's pure part: facts → checks → report and exit code (engine/host/doctor.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { doctorChecks, doctorReport, nodeCheck, versionOf, type DoctorFacts } from "../../engine/host/doctor.ts";

const ready: DoctorFacts = {
  node: "v24.11.0",
  ownRepository: false,
  platform: "linux",
  uid: 0,
  apt: true,
  kubectl: "Client Version: v1.34.4",
  go: "go version go1.24.4 linux/amd64",
  docker: { ok: true, detail: "28.1.1" },
  kind: "kind v0.33.0 go1.24.4 linux/amd64",
  missingPackages: [],
  kubernetesBuilt: true,
  existing: { kubeconfig: "/k", kubeconfigExists: true, context: "qa", contextFound: true, api: { ok: true, detail: "answers" } },
};
const report = (provider: "local" | "kind" | "existing", f: DoctorFacts) => doctorReport([{ provider, why: "test", checks: doctorChecks(provider, f) }]);
const misses = (text: string) => text.split("\n").filter((l) => l.includes("MISS"));

test("a machine with everything: nothing missing, exit 0, for every provider", () => {
  for (const p of ["local", "kind", "existing"] as const) {
    const r = report(p, ready);
    assert.equal(r.exitCode, 0, r.text);
    assert.match(r.text, /nothing missing$/);
  }
});

test("Node: 22.18+ for the package, 20.12+ in kubecuke's own repository", () => {
  assert.deepEqual(versionOf("v22.18.0"), [22, 18, 0]);
  assert.equal(nodeCheck({ node: "v22.17.1", ownRepository: false }).ok, false);
  assert.equal(nodeCheck({ node: "v22.18.0", ownRepository: false }).ok, true);
  assert.equal(nodeCheck({ node: "v20.20.2", ownRepository: true }).ok, true);
  const r = report("kind", { ...ready, node: "v20.20.2" });
  assert.equal(r.exitCode, 1);
  assert.match(r.text, /MISS Node 22\.18\+ or 24 .*: v20\.20\.2\n\s+fix: install Node 24: e\.g\. `nvm install 24`/);
});

test("local: not root, old Go, missing packages each name the command that fixes them", () => {
  const r = report("local", { ...ready, uid: 1000, go: "go version go1.19.8 linux/amd64", missingPackages: ["containerd", "etcd-server"] });
  assert.equal(r.exitCode, 1);
  assert.equal(misses(r.text).length, 3, r.text);
  assert.match(r.text, /MISS root .*: uid 1000\n\s+fix: run as root/);
  assert.match(r.text, /MISS Go 1\.24\+ .*go1\.19\.8.*\n\s+fix: Debian 12's golang-go is 1\.19, too old: curl -LO https:\/\/go\.dev\/dl\/go1\.24\.4/);
  assert.match(r.text, /fix: sudo apt-get install -y -q --no-install-recommends containerd etcd-server/);
  assert.match(r.text, /3 things missing; kubecuke doctor installs nothing/);
});

test("local as root on Debian: missing packages are a note (up installs them), not a failure; no Go is", () => {
  const r = report("local", { ...ready, missingPackages: ["runc"], go: undefined, kubernetesBuilt: false });
  assert.match(r.text, /note Debian packages .*: missing runc\n\s+fix: the first `kubecuke cluster up` installs them \(as root\); or now: apt-get install -y -q --no-install-recommends runc/);
  assert.match(r.text, /Kubernetes built for the local provider: not yet\n\s+fix: nothing to do: the first `kubecuke cluster up` builds it/);
  assert.deepEqual(misses(r.text).map((l) => l.trim().slice(0, 20)), ["MISS Go 1.24+ on PAT"]);
  assert.equal(r.exitCode, 1);
});

test("local off Debian or off Linux", () => {
  const r = report("local", { ...ready, platform: "darwin", apt: false });
  assert.match(r.text, /MISS Linux: darwin\n\s+fix: .*KUBECUKE_PROVIDER=kind/);
  assert.match(r.text, /MISS the programs of the Debian packages containerd .*: no apt-get: not Debian\n\s+fix: install their equivalents/);
});

test("kind: no Docker engine, no kind, no kubectl", () => {
  const r = report("kind", { ...ready, docker: { ok: false, detail: "Cannot connect to the Docker daemon" }, kind: undefined, kubectl: undefined });
  assert.equal(misses(r.text).length, 3, r.text);
  assert.match(r.text, /fix: install Docker Engine .* sudo systemctl start docker/);
  assert.match(r.text, /fix: go install sigs\.k8s\.io\/kind@v0\.33\.0/);
  assert.match(r.text, /fix: curl -LO "https:\/\/dl\.k8s\.io\/release/);
});

test("existing: unset, missing file, unknown context, unreachable API", () => {
  const unset = report("existing", { ...ready, existing: { kubeconfigExists: false, contextFound: false } });
  assert.match(unset.text, /MISS KUBECUKE_EXISTING_KUBECONFIG names a kubeconfig file: not set\n\s+fix: export KUBECUKE_EXISTING_KUBECONFIG=/);
  assert.match(unset.text, /MISS KUBECUKE_EXISTING_CONTEXT .*: not set/);
  const wrong = report("existing", { ...ready, existing: { kubeconfig: "/k", kubeconfigExists: true, context: "prod", contextFound: false } });
  assert.match(wrong.text, /: prod \(not in the kubeconfig\)\n\s+fix: export KUBECUKE_EXISTING_CONTEXT=<name> \(kubectl --kubeconfig \/k config get-contexts lists them\)/);
  const down = report("existing", { ...ready, existing: { ...ready.existing, api: { ok: false, detail: "connect ECONNREFUSED" } } });
  assert.match(down.text, /MISS the API server answers: connect ECONNREFUSED/);
  assert.equal(down.exitCode, 1);
});
