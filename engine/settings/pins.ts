// Version pins: the one place they are written. The build scripts (scripts/build-*.sh) get
// them as arguments from the TypeScript side; the docs show them through the settings table.
export const PINS = {
  /** Kubernetes of the local provider (scripts/build-kubernetes.sh); 1.34: its kubelet still runs on cgroup v1 hosts. */
  kubernetes: "v1.34.4",
  /** CoreDNS of the local provider (scripts/build-coredns.sh). */
  coredns: "v1.14.7",
  /** The pod sandbox image the local provider's containerd asks for (catatonit, built locally). */
  pause: "registry.k8s.io/pause:3.10",
} as const;
