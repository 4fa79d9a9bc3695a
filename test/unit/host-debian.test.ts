import { test } from "node:test";
import assert from "node:assert/strict";
import { ensureDebianPackages, missingPackages, planInstall, type HostFacts } from "../../engine/host/debian.ts";
import { localBlockers } from "../../engine/cluster/local/index.ts";

const root: HostFacts = { platform: "linux", uid: 0, apt: true };

test("planInstall: nothing missing, nothing to do", () => {
  assert.deepEqual(planInstall([], { platform: "darwin", uid: 501, apt: false }, "the local provider"), { kind: "nothing" });
});

test("planInstall: root on Debian installs the missing packages, after refreshing the lists", () => {
  assert.deepEqual(planInstall(["runc", "containerd"], root, "the local provider"), {
    kind: "install",
    packages: ["containerd", "runc"],
    commands: [
      ["apt-get", "update", "-q"],
      ["apt-get", "install", "-y", "-q", "--no-install-recommends", "containerd", "runc"],
    ],
  });
});

test("planInstall: not root on Debian stops with the exact command to run", () => {
  const plan = planInstall(["etcd-server", "runc"], { ...root, uid: 1000 }, "the local provider");
  assert.equal(plan.kind, "refuse");
  assert.ok(plan.kind === "refuse" && plan.message.endsWith("\n  sudo apt-get install -y -q --no-install-recommends etcd-server runc"), plan.kind === "refuse" ? plan.message : "");
});

test("planInstall: not Debian (or not Linux) names the packages and says there is no apt-get", () => {
  for (const facts of [{ platform: "linux", uid: 0, apt: false }, { platform: "darwin", uid: 0, apt: false }] as HostFacts[]) {
    const plan = planInstall(["runc"], facts, "the local provider");
    assert.equal(plan.kind, "refuse");
    assert.match(plan.kind === "refuse" ? plan.message : "", /the local provider needs the Debian packages runc, and this machine has no apt-get \((not Debian|darwin)\)/);
  }
});

test("missingPackages asks dpkg: an installed package is not missing, an unknown one is", async () => {
  // tar is Essential on Debian; the runner's machine is Debian 12
  assert.deepEqual(await missingPackages(["tar", "kubecuke-no-such-package"]), ["kubecuke-no-such-package"]);
});

test("ensureDebianPackages: a dry run as root lists the commands and installs nothing; as a user it throws the sudo command", async () => {
  const lines: string[] = [];
  const plan = await ensureDebianPackages(["tar", "kubecuke-no-such-package"], { why: "a test", log: (l) => lines.push(l), dryRun: true, facts: root });
  assert.equal(plan.kind, "install");
  assert.deepEqual(lines, ["would install for a test: kubecuke-no-such-package\n  apt-get update -q\n  apt-get install -y -q --no-install-recommends kubecuke-no-such-package"]);
  await assert.rejects(ensureDebianPackages(["kubecuke-no-such-package"], { why: "a test", log: () => {}, facts: { ...root, uid: 1000 } }), /sudo apt-get install -y -q --no-install-recommends kubecuke-no-such-package/);
  assert.deepEqual(await ensureDebianPackages(["tar"], { why: "a test", log: () => assert.fail("nothing to log"), facts: root }), { kind: "nothing" });
});

test("the automatic choice may pick local on a fresh Debian machine as root: only tools up cannot install block it", () => {
  const missing = ["containerd", "ctr", "etcd", "/usr/lib/cni/bridge", "go"];
  assert.deepEqual(localBlockers(missing, root), ["go"], "Go does not come from Debian 12");
  assert.deepEqual(localBlockers(missing, { ...root, uid: 1000 }), missing, "not root: nothing can be installed");
  assert.deepEqual(localBlockers(missing, { ...root, apt: false }), missing, "no apt-get: nothing can be installed");
  assert.deepEqual(localBlockers([], root), []);
});
