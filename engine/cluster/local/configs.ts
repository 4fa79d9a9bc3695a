// Configuration files for each component, as plain functions of the layout, so they can be
// read (and unit-tested) without starting anything.
import path from "node:path";
import { stringify } from "yaml";
import type { LocalLayout } from "./layout.ts";
import { PINS } from "../../settings/pins.ts";

export interface KubeconfigInput {
  server: string;
  clusterName: string;
  user: string;
  context: string;
  namespace?: string;
  caData: string;
  certData: string;
  keyData: string;
}

/** A self-contained kubeconfig (certificates inline), so it can be copied anywhere. */
export function kubeconfigYaml(k: KubeconfigInput): string {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: k.clusterName, cluster: { server: k.server, "certificate-authority-data": b64(k.caData) } }],
    users: [{ name: k.user, user: { "client-certificate-data": b64(k.certData), "client-key-data": b64(k.keyData) } }],
    contexts: [{ name: k.context, context: { cluster: k.clusterName, user: k.user, ...(k.namespace ? { namespace: k.namespace } : {}) } }],
    "current-context": k.context,
    preferences: {},
  });
}

export function containerdToml(l: LocalLayout): string {
  return `version = 2
root = "${path.join(l.dir, "containerd")}"
state = "${path.join(l.runDir, "containerd")}"
oom_score = 0

[grpc]
  address = "${l.containerdSocket}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${PINS.pause}"
  # This VM cannot write a negative oom_score_adj (no CAP_SYS_RESOURCE); without this runc
  # aborts every sandbox with "failed to update /proc/self/oom_score_adj".
  restrict_oom_score_adj = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${path.join(l.dir, "cni")}"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = ""
`;
}

/** Bridge network with host-local addresses; no masquerade: Pods never need to leave the machine. */
export function cniConflist(l: LocalLayout): string {
  return JSON.stringify(
    {
      cniVersion: "1.0.0",
      name: "kubecuke",
      plugins: [
        {
          type: "bridge",
          bridge: l.network.bridge,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: { type: "host-local", ranges: [[{ subnet: l.network.nodePodCidr }]], routes: [{ dst: "0.0.0.0/0" }] },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

/** nodeIp: the kubelet serves on the node's address only (the API server reaches it there: InternalIP), not on every interface. */
export function kubeletConfigYaml(l: LocalLayout, nodeIp: string): string {
  return stringify({
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    address: nodeIp,
    port: l.ports.kubelet,
    healthzBindAddress: "127.0.0.1",
    healthzPort: l.ports.kubeletHealthz,
    readOnlyPort: 0,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: path.join(l.pki, "ca.crt") } },
    authorization: { mode: "Webhook" },
    tlsCertFile: path.join(l.pki, "kubelet-serving.crt"),
    tlsPrivateKeyFile: path.join(l.pki, "kubelet-serving.key"),
    // PID 1 is not systemd on these machines.
    cgroupDriver: "cgroupfs",
    containerRuntimeEndpoint: `unix://${l.containerdSocket}`,
    failSwapOn: false,
    // No cluster DNS server is shipped. Pods still get the usual resolv.conf (no
    // MissingClusterDNS warning on every Pod); queries to this Service address with no
    // Service behind it are rejected on this host at once. Host-network Pods get a loopback
    // resolver instead of the host's, so no lookup ever leaves the machine.
    clusterDNS: [l.network.dnsServiceIp],
    resolvConf: path.join(l.dir, "pod-resolv.conf"),
    clusterDomain: "cluster.local",
    podCIDR: l.network.nodePodCidr,
    // Test images are imported, never pulled: never garbage-collect them.
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    evictionHard: { "memory.available": "100Mi", "nodefs.available": "1%", "imagefs.available": "1%", "nodefs.inodesFree": "1%" },
    serializeImagePulls: false,
    nodeStatusReportFrequency: "10s",
    // computed every second, posted only on change (or every nodeStatusReportFrequency): the node
    // reports Ready about a second after the runtime and network are, instead of up to 5 s later
    nodeStatusUpdateFrequency: "1s",
    syncFrequency: "10s",
    fileCheckFrequency: "10s",
    volumeStatsAggPeriod: "0s",
    shutdownGracePeriod: "0s",
    localStorageCapacityIsolation: true,
    providerID: `kubecuke://${l.name}`,
    staticPodPath: "",
  });
}

export function kubeProxyConfigYaml(l: LocalLayout): string {
  return stringify({
    apiVersion: "kubeproxy.config.k8s.io/v1alpha1",
    kind: "KubeProxyConfiguration",
    mode: "iptables",
    clusterCIDR: l.network.podCidr,
    bindAddress: "127.0.0.1",
    healthzBindAddress: `127.0.0.1:${l.ports.proxyHealthz}`,
    metricsBindAddress: `127.0.0.1:${l.ports.proxyMetrics}`,
    hostnameOverride: l.nodeName,
    clientConnection: { kubeconfig: path.join(l.dir, "kube-proxy.kubeconfig") },
    // maxPerCore 0 leaves nf_conntrack_max alone: the VM does not let us raise it.
    conntrack: { maxPerCore: 0, min: 0 },
    iptables: { masqueradeAll: false, syncPeriod: "10s", minSyncPeriod: "0s" },
  });
}
