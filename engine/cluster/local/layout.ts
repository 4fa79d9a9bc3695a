// Where a local cluster keeps its files and which addresses it uses. One place, so `up`,
// `down` and `status` agree without passing paths around.
import path from "node:path";
import { BadInputError } from "../../errors.ts";
import { cacheDir } from "../../images/build.ts";

export const DEFAULT_VERSION = "v1.34.4";
export const COREDNS_VERSION = process.env.KUBECUKE_COREDNS_VERSION ?? "v1.14.7";

export interface LocalLayout {
  name: string;
  version: string;
  /** Persistent files: pki, configs, logs, pid files, kubelet and containerd roots, etcd data. */
  dir: string;
  /** Runtime state (sockets, containerd state) lives on /run so it never outlives a reboot. */
  runDir: string;
  pki: string;
  logs: string;
  pids: string;
  binDir: string;
  /** CoreDNS binary (scripts/build-coredns.sh). */
  corednsBin: string;
  kubeconfig: string;
  context: string;
  containerdSocket: string;
  nodeName: string;
  ports: { apiserver: number; etcdClient: number; etcdPeer: number; kubelet: number; kubeletHealthz: number; proxyHealthz: number; proxyMetrics: number; scheduler: number; controllerManager: number };
  network: { podCidr: string; nodePodCidr: string; serviceCidr: string; apiServiceIp: string; dnsServiceIp: string; bridge: string };
}

export function localLayout(name = "local", version = DEFAULT_VERSION): LocalLayout {
  if (!/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/.test(name)) {
    throw new BadInputError(`local cluster name "${name}": use 1-22 lowercase letters, digits or '-'`);
  }
  const dir = path.join(process.env.KUBECUKE_LOCAL_ROOT ?? "/var/lib/kubecuke", name);
  const runDir = path.join("/run/kubecuke", name);
  return {
    name,
    version,
    dir,
    runDir,
    pki: path.join(dir, "pki"),
    logs: path.join(dir, "logs"),
    pids: path.join(runDir, "pids"),
    binDir: path.join(cacheDir(), "kubernetes", version, "bin"),
    corednsBin: path.join(cacheDir(), "coredns", COREDNS_VERSION, "coredns"),
    kubeconfig: path.join(dir, "kubeconfig"),
    context: `kubecuke-${name}`,
    containerdSocket: path.join(runDir, "containerd.sock"),
    nodeName: `kubecuke-${name}-node`,
    ports: {
      apiserver: 6443,
      etcdClient: 2379,
      etcdPeer: 2380,
      kubelet: 10250,
      kubeletHealthz: 10248,
      proxyHealthz: 10256,
      proxyMetrics: 10249,
      scheduler: 10259,
      controllerManager: 10257,
    },
    network: {
      podCidr: "10.244.0.0/16",
      nodePodCidr: "10.244.0.0/24",
      serviceCidr: "10.96.0.0/16",
      apiServiceIp: "10.96.0.1",
      dnsServiceIp: "10.96.0.10",
      bridge: "kubecuke0",
    },
  };
}
