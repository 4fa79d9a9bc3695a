import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { localLayout } from "../../engine/cluster/local/layout.ts";
import { cniConflist, containerdToml, kubeconfigYaml, kubeletConfigYaml, kubeProxyConfigYaml } from "../../engine/cluster/local/configs.ts";
import { certRequests } from "../../engine/cluster/local/files.ts";
import * as components from "../../engine/cluster/local/components.ts";

const placement = { version: "v1.34.4", corednsVersion: "v1.14.7", root: "/var/lib/kubecuke", cacheDir: "/cache" };
const l = localLayout("unit", placement);

test("layout rejects names that are not DNS-safe", () => {
  assert.throws(() => localLayout("Bad_Name", placement), /use 1-22 lowercase letters/);
  assert.equal(localLayout("ok-1", placement).context, "kubecuke-ok-1");
});

test("layout puts files where the settings say", () => {
  const m = localLayout("m", { version: "v1.99.0", corednsVersion: "v9.9.9", root: "/srv/kc", cacheDir: "/c" });
  assert.equal(m.dir, "/srv/kc/m");
  assert.equal(m.binDir, "/c/kubernetes/v1.99.0/bin");
  assert.equal(m.corednsBin, "/c/coredns/v9.9.9/coredns");
});

test("containerd config carries the quirks these machines need", () => {
  const toml = containerdToml(l);
  assert.match(toml, /restrict_oom_score_adj = true/);
  assert.match(toml, /SystemdCgroup = false/);
  assert.match(toml, /bin_dir = "\/usr\/lib\/cni"/);
  assert.match(toml, /sandbox_image = "registry.k8s.io\/pause:3.10"/);
  assert.ok(toml.includes(`address = "${l.containerdSocket}"`));
});

test("CNI bridge never masquerades Pod traffic off the machine", () => {
  const conf = JSON.parse(cniConflist(l)) as { plugins: Array<{ type: string; ipMasq?: boolean; ipam?: { ranges: Array<Array<{ subnet: string }>> } }> };
  const bridge = conf.plugins.find((p) => p.type === "bridge");
  assert.equal(bridge?.ipMasq, false);
  assert.equal(bridge?.ipam?.ranges[0]?.[0]?.subnet, l.network.nodePodCidr);
});

test("kubelet: on the node's address only, cgroupfs, x509 + webhook auth, no host resolvers, no image GC", () => {
  const k = parse(kubeletConfigYaml(l, "10.1.2.3")) as Record<string, any>; // any: free-form YAML under test
  assert.equal(k.address, "10.1.2.3", "not 0.0.0.0: the kubelet's API is not on every interface");
  assert.equal(k.healthzBindAddress, "127.0.0.1");
  assert.equal(k.cgroupDriver, "cgroupfs");
  assert.equal(k.authentication.anonymous.enabled, false);
  assert.equal(k.authorization.mode, "Webhook");
  assert.match(k.resolvConf, /pod-resolv\.conf$/);
  assert.equal(k.imageGCHighThresholdPercent, 100);
});

test("kube-proxy leaves conntrack limits alone", () => {
  const p = parse(kubeProxyConfigYaml(l)) as Record<string, any>; // any: free-form YAML under test
  assert.equal(p.mode, "iptables");
  assert.equal(p.conntrack.maxPerCore, 0);
});

test("kubeconfig is self-contained and selects its context", () => {
  const y = parse(kubeconfigYaml({ server: "https://127.0.0.1:6443", clusterName: "c", user: "u", context: "ctx", namespace: "ns1", caData: "CA", certData: "CERT", keyData: "KEY" })) as Record<string, any>; // any: free-form YAML under test
  assert.equal(y["current-context"], "ctx");
  assert.equal(y.contexts[0].context.namespace, "ns1");
  assert.equal(Buffer.from(y.users[0].user["client-key-data"], "base64").toString(), "KEY");
});

test("certificates: identities RBAC expects, serving SANs cover the node IP", () => {
  const reqs = certRequests(l, "192.0.2.9");
  const by = (stem: string) => reqs.find((r) => r.stem === stem)!;
  assert.equal(by("kubelet").cn, `system:node:${l.nodeName}`);
  assert.equal(by("kubelet").org, "system:nodes");
  assert.equal(by("admin").org, "system:masters");
  assert.ok(by("kubelet-serving").sans?.includes("IP:192.0.2.9"));
  assert.ok(by("apiserver").sans?.includes(`IP:${l.network.apiServiceIp}`));
});

test("API server: loopback only, RBAC, verifies kubelet serving certs", () => {
  const args = components.apiserver(l, "192.0.2.9").args;
  assert.ok(args.includes("--bind-address=127.0.0.1"));
  assert.ok(args.includes("--authorization-mode=Node,RBAC"));
  assert.ok(args.some((a) => a.startsWith("--kubelet-certificate-authority=")));
  assert.ok(args.every((a) => !a.includes("AlwaysAllow")));
});

test("CoreDNS serves the cluster zone only: no forward plugin, bound to the node address", async () => {
  const { corefile } = await import("../../engine/cluster/local/dns.ts");
  const cf = corefile(l, "192.0.2.9");
  assert.match(cf, /kubernetes cluster\.local in-addr\.arpa ip6\.arpa/);
  assert.match(cf, /bind 192\.0\.2\.9/);
  assert.doesNotMatch(cf, /forward/);
  assert.ok(cf.includes(`kubeconfig ${l.dir}/coredns.kubeconfig ${l.context}`));
});
