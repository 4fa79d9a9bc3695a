// Everything a local cluster needs on disk before a process starts: certificates, kubeconfigs
// and component configs. Certificates are reused on a second `up`; configs are rewritten.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { containerdToml, cniConflist, kubeconfigYaml, kubeletConfigYaml, kubeProxyConfigYaml } from "./configs.ts";
import { COREDNS_USER, corefile } from "./dns.ts";
import { InfrastructureError } from "../../errors.ts";
import { commandText } from "../../commands.ts";
import type { LocalLayout } from "./layout.ts";
import { ensureCa, ensureCert, ensureServiceAccountKey, type CertRequest } from "./pki.ts";
import { readCertFacts, renewalPlan, type RenewalPlan } from "./renewal.ts";

export const APISERVER_KUBELET_USER = "kube-apiserver-kubelet-client";

export function certRequests(l: LocalLayout, nodeIp: string): CertRequest[] {
  const apiSans = ["DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc", "DNS:kubernetes.default.svc.cluster.local",
    "IP:127.0.0.1", `IP:${l.network.apiServiceIp}`, `IP:${nodeIp}`];
  return [
    { stem: "apiserver", cn: "kube-apiserver", sans: apiSans, usage: "server" },
    { stem: "apiserver-etcd-client", cn: "kube-apiserver-etcd-client", usage: "client" },
    { stem: "apiserver-kubelet-client", cn: APISERVER_KUBELET_USER, usage: "client" },
    { stem: "etcd-server", cn: "etcd", sans: ["DNS:localhost", "IP:127.0.0.1"], usage: "both" },
    { stem: "admin", cn: "kubecuke-admin", org: "system:masters", usage: "client" },
    { stem: "controller-manager", cn: "system:kube-controller-manager", usage: "client" },
    { stem: "scheduler", cn: "system:kube-scheduler", usage: "client" },
    { stem: "kubelet", cn: `system:node:${l.nodeName}`, org: "system:nodes", usage: "client" },
    { stem: "kubelet-serving", cn: l.nodeName, sans: [`DNS:${l.nodeName}`, "DNS:localhost", "IP:127.0.0.1", `IP:${nodeIp}`], usage: "server" },
    { stem: "kube-proxy", cn: "system:kube-proxy", usage: "client" },
    { stem: "coredns", cn: COREDNS_USER, usage: "client" },
  ];
}

const KUBECONFIGS: Array<{ file: string; stem: string; user: string }> = [
  { file: "controller-manager.kubeconfig", stem: "controller-manager", user: "system:kube-controller-manager" },
  { file: "scheduler.kubeconfig", stem: "scheduler", user: "system:kube-scheduler" },
  { file: "kubelet.kubeconfig", stem: "kubelet", user: "kubelet" },
  { file: "kube-proxy.kubeconfig", stem: "kube-proxy", user: "system:kube-proxy" },
  { file: "coredns.kubeconfig", stem: "coredns", user: COREDNS_USER },
  { file: "kubeconfig", stem: "admin", user: "kubecuke-admin" },
];

/** The certificates of this cluster that must be issued again now (renewal.ts), with why; none for a fresh directory. */
export async function certificatesDue(l: LocalLayout, nodeIp: string, now = Date.now()): Promise<RenewalPlan> {
  return renewalPlan({ now, ...(await readCertFacts(l.pki, certRequests(l, nodeIp).map((r) => r.stem))) });
}

export async function writeClusterFiles(l: LocalLayout, nodeIp: string, log: (line: string) => void = () => {}): Promise<void> {
  for (const d of [l.dir, l.runDir, l.logs, l.pids, path.join(l.dir, "cni")]) await mkdir(d, { recursive: true });
  // certificates that survive from an earlier start are kept unless due (renewal.ts)
  const plan = await certificatesDue(l, nodeIp);
  for (const reason of plan.reasons) log(`certificate issued again: ${reason}`);
  await ensureCa(l.pki, plan.ca === "renew");
  const saKey = ensureServiceAccountKey(l.pki);
  // If the node IP changed since the certificates were made, serving certs would not match.
  const ipMarker = path.join(l.pki, "node-ip");
  const previousIp = await readFile(ipMarker, "utf8").catch(() => nodeIp);
  if (previousIp.trim() !== nodeIp) {
    throw new InfrastructureError(`local provider: node IP changed (${previousIp.trim()} → ${nodeIp}); run \`${commandText("cluster down")}\` to start afresh`);
  }
  await writeFile(ipMarker, nodeIp);
  // independent of one another (each signed with its own serial): made at once, not one by one
  await Promise.all([saKey, ...certRequests(l, nodeIp).map((req) => ensureCert(l.pki, req, plan.leaves[req.stem] === "renew"))]);

  const ca = await readFile(path.join(l.pki, "ca.crt"), "utf8");
  const server = `https://127.0.0.1:${l.ports.apiserver}`;
  for (const k of KUBECONFIGS) {
    const yaml = kubeconfigYaml({
      server,
      clusterName: l.context,
      user: k.user,
      context: l.context,
      caData: ca,
      certData: await readFile(path.join(l.pki, `${k.stem}.crt`), "utf8"),
      keyData: await readFile(path.join(l.pki, `${k.stem}.key`), "utf8"),
    });
    await writeFile(path.join(l.dir, k.file), yaml, { mode: 0o600 });
  }
  await writeFile(path.join(l.dir, "containerd.toml"), containerdToml(l));
  await writeFile(path.join(l.dir, "cni", "10-kubecuke.conflist"), cniConflist(l));
  await writeFile(path.join(l.dir, "kubelet.yaml"), kubeletConfigYaml(l, nodeIp));
  await writeFile(path.join(l.dir, "kube-proxy.yaml"), kubeProxyConfigYaml(l));
  await writeFile(path.join(l.dir, "Corefile"), corefile(l, nodeIp));
  // Loopback only: a lookup inside a Pod fails at once instead of reaching the host's resolvers.
  await writeFile(path.join(l.dir, "pod-resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
}
