// The command line of each component. Flags, not scattered through `up`, so a reader sees
// in one file how the cluster is wired: TLS everywhere, RBAC, API server on 127.0.0.1.
import path from "node:path";
import type { LocalLayout } from "./layout.ts";
import type { Component } from "./processes.ts";

export function etcd(l: LocalLayout, etcdBin = "etcd"): Component {
  const pki = (f: string) => path.join(l.pki, f);
  return {
    name: "etcd",
    command: etcdBin,
    args: [
      "--name=kubecuke",
      `--data-dir=${path.join(l.dir, "etcd")}`,
      `--listen-client-urls=https://127.0.0.1:${l.ports.etcdClient}`,
      `--advertise-client-urls=https://127.0.0.1:${l.ports.etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${l.ports.etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${l.ports.etcdPeer}`,
      `--initial-cluster=kubecuke=http://127.0.0.1:${l.ports.etcdPeer}`,
      `--cert-file=${pki("etcd-server.crt")}`,
      `--key-file=${pki("etcd-server.key")}`,
      `--trusted-ca-file=${pki("ca.crt")}`,
      "--client-cert-auth=true",
      "--log-level=warn",
    ],
  };
}

export function containerd(l: LocalLayout): Component {
  return { name: "containerd", command: "containerd", args: ["--config", path.join(l.dir, "containerd.toml")] };
}

export function apiserver(l: LocalLayout, nodeIp: string): Component {
  const pki = (f: string) => path.join(l.pki, f);
  return {
    name: "kube-apiserver",
    command: path.join(l.binDir, "kube-apiserver"),
    args: [
      `--etcd-servers=https://127.0.0.1:${l.ports.etcdClient}`,
      `--etcd-cafile=${pki("ca.crt")}`,
      `--etcd-certfile=${pki("apiserver-etcd-client.crt")}`,
      `--etcd-keyfile=${pki("apiserver-etcd-client.key")}`,
      "--bind-address=127.0.0.1",
      `--secure-port=${l.ports.apiserver}`,
      `--advertise-address=${nodeIp}`,
      `--service-cluster-ip-range=${l.network.serviceCidr}`,
      `--client-ca-file=${pki("ca.crt")}`,
      `--tls-cert-file=${pki("apiserver.crt")}`,
      `--tls-private-key-file=${pki("apiserver.key")}`,
      `--kubelet-client-certificate=${pki("apiserver-kubelet-client.crt")}`,
      `--kubelet-client-key=${pki("apiserver-kubelet-client.key")}`,
      `--kubelet-certificate-authority=${pki("ca.crt")}`,
      "--kubelet-preferred-address-types=InternalIP,Hostname",
      `--service-account-key-file=${pki("sa.pub")}`,
      `--service-account-signing-key-file=${pki("sa.key")}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      "--authorization-mode=Node,RBAC",
      "--enable-admission-plugins=NodeRestriction",
      "--allow-privileged=true",
      "--profiling=false",
      "--v=1",
    ],
  };
}

function controlPlaneAuth(kubeconfig: string): string[] {
  return [`--kubeconfig=${kubeconfig}`, `--authentication-kubeconfig=${kubeconfig}`, `--authorization-kubeconfig=${kubeconfig}`];
}

export function controllerManager(l: LocalLayout): Component {
  const pki = (f: string) => path.join(l.pki, f);
  return {
    name: "kube-controller-manager",
    command: path.join(l.binDir, "kube-controller-manager"),
    args: [
      ...controlPlaneAuth(path.join(l.dir, "controller-manager.kubeconfig")),
      "--bind-address=127.0.0.1",
      `--secure-port=${l.ports.controllerManager}`,
      `--service-account-private-key-file=${pki("sa.key")}`,
      `--root-ca-file=${pki("ca.crt")}`,
      `--cluster-signing-cert-file=${pki("ca.crt")}`,
      `--cluster-signing-key-file=${pki("ca.key")}`,
      "--use-service-account-credentials=true",
      `--service-cluster-ip-range=${l.network.serviceCidr}`,
      `--cluster-cidr=${l.network.podCidr}`,
      "--leader-elect=false",
      // each controller starts with requests for its own ServiceAccount credentials; at the default
      // 20 requests/s the ~40 controllers take about 5 s to start, and the default ServiceAccount
      // (what Pods wait for) comes from one of the last. One cluster, one client: no need to throttle.
      "--kube-api-qps=500",
      "--kube-api-burst=1000",
      "--v=1",
    ],
  };
}

export function scheduler(l: LocalLayout): Component {
  return {
    name: "kube-scheduler",
    command: path.join(l.binDir, "kube-scheduler"),
    args: [...controlPlaneAuth(path.join(l.dir, "scheduler.kubeconfig")), "--bind-address=127.0.0.1", `--secure-port=${l.ports.scheduler}`, "--leader-elect=false", "--v=1"],
  };
}

export function kubelet(l: LocalLayout, nodeIp: string): Component {
  return {
    name: "kubelet",
    command: path.join(l.binDir, "kubelet"),
    args: [
      `--config=${path.join(l.dir, "kubelet.yaml")}`,
      `--kubeconfig=${path.join(l.dir, "kubelet.kubeconfig")}`,
      `--root-dir=${path.join(l.dir, "kubelet")}`,
      `--hostname-override=${l.nodeName}`,
      `--node-ip=${nodeIp}`,
      "--v=1",
    ],
  };
}

export function kubeProxy(l: LocalLayout): Component {
  return { name: "kube-proxy", command: path.join(l.binDir, "kube-proxy"), args: [`--config=${path.join(l.dir, "kube-proxy.yaml")}`, "--v=1"] };
}

export function coredns(l: LocalLayout): Component {
  return { name: "coredns", command: l.corednsBin, args: ["-conf", path.join(l.dir, "Corefile")] };
}

/** Start order; `down` stops in reverse. */
export const START_ORDER = ["containerd", "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy", "coredns"] as const;
