// Cluster DNS for the local provider: CoreDNS runs as a host process on the node's address,
// and the usual kube-dns Service (10.96.0.10) fronts it through an EndpointSlice, so Pods
// resolve `<service>.<namespace>.svc.cluster.local` exactly as in a kubeadm or kind cluster.
// No `forward` plugin: names outside the cluster fail here instead of reaching other resolvers.
import path from "node:path";
import { CoreV1Api, DiscoveryV1Api, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { apiClient } from "../../kube/client.ts";
import { apiError } from "../../kube/errors.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../../kube/labels.ts";
import type { LocalLayout } from "./layout.ts";

export const COREDNS_USER = "system:coredns";

export function corefile(l: LocalLayout, nodeIp: string): string {
  return `.:53 {
    bind ${nodeIp}
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig ${path.join(l.dir, "coredns.kubeconfig")} ${l.context}
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    cache 30
}
`;
}

/** RBAC for CoreDNS, and the kube-dns Service with the node's address as its endpoint. */
export async function ensureDnsObjects(kc: KubeConfig, l: LocalLayout, nodeIp: string): Promise<void> {
  const rbac = apiClient(kc, RbacAuthorizationV1Api);
  const core = apiClient(kc, CoreV1Api);
  const discovery = apiClient(kc, DiscoveryV1Api);
  const labels = { "k8s-app": "kube-dns", [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
  await createIfMissing(`ClusterRole/${COREDNS_USER}`, () =>
    rbac.createClusterRole({
      body: {
        metadata: { name: COREDNS_USER },
        rules: [
          { apiGroups: [""], resources: ["endpoints", "services", "pods", "namespaces"], verbs: ["list", "watch"] },
          { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
        ],
      },
    }),
  );
  await createIfMissing(`ClusterRoleBinding/${COREDNS_USER}`, () =>
    rbac.createClusterRoleBinding({
      body: {
        metadata: { name: COREDNS_USER },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: COREDNS_USER },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: COREDNS_USER }],
      },
    }),
  );
  const ports = [
    { name: "dns", port: 53, protocol: "UDP" },
    { name: "dns-tcp", port: 53, protocol: "TCP" },
  ];
  await createIfMissing("Service/kube-system/kube-dns", () =>
    core.createNamespacedService({
      namespace: "kube-system",
      // No selector: the endpoint is a host process, listed by hand below.
      body: { metadata: { name: "kube-dns", labels }, spec: { clusterIP: l.network.dnsServiceIp, ports } },
    }),
  );
  await createIfMissing("EndpointSlice/kube-system/kube-dns-host", () =>
    discovery.createNamespacedEndpointSlice({
      namespace: "kube-system",
      body: {
        metadata: { name: "kube-dns-host", labels: { ...labels, "kubernetes.io/service-name": "kube-dns", "endpointslice.kubernetes.io/managed-by": MANAGED_BY_VALUE } },
        addressType: "IPv4",
        endpoints: [{ addresses: [nodeIp], conditions: { ready: true }, nodeName: l.nodeName }],
        ports,
      },
    }),
  );
}

async function createIfMissing(object: string, create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code !== 409) throw apiError(e, { operation: "create", object });
  }
}
