// Where a local cluster keeps its files and which addresses it uses. One place, so `up`,
// `down` and `status` agree without passing paths around.
import path from "node:path";
import { BadInputError } from "../../errors.ts";

/** Where a local cluster's files go and what it runs: from the settings (registry.ts localPlacement). */
export interface LocalPlacement {
  version: string;
  corednsVersion: string;
  /** Parent of the clusters' directories (KUBECUKE_LOCAL_ROOT). */
  root: string;
  /** Built binaries and images (KUBECUKE_CACHE). */
  cacheDir: string;
}

export interface LocalLayout {
  name: string;
  version: string;
  corednsVersion: string;
  cacheDir: string;
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

export function localLayout(name: string, placement: LocalPlacement): LocalLayout {
  const { version, corednsVersion, cacheDir } = placement;
  if (!/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/.test(name)) {
    throw new BadInputError(`local cluster name "${name}": use 1-22 lowercase letters, digits or '-'`);
  }
  const dir = path.join(placement.root, name);
  const runDir = path.join("/run/kubecuke", name);
  return {
    name,
    version,
    corednsVersion,
    cacheDir,
    dir,
    runDir,
    pki: path.join(dir, "pki"),
    logs: path.join(dir, "logs"),
    pids: path.join(runDir, "pids"),
    binDir: path.join(cacheDir, "kubernetes", version, "bin"),
    corednsBin: path.join(cacheDir, "coredns", corednsVersion, "coredns"),
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
