// What `up` waits for before it returns: API server healthy, node Ready, the default
// ServiceAccount, and a probe Pod that really ran a container.
import https from "node:https";
import { readFileSync } from "node:fs";
import net from "node:net";
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1Node, type V1Pod } from "@kubernetes/client-node";
import { apiClient, clientsFor } from "../../kube/client.ts";
import type { KubeObject } from "../../kube/object.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../../kube/labels.ts";
import { InfrastructureError } from "../../errors.ts";
import { podSummary } from "../../wait/pod-state.ts";
import { waitFor } from "../../wait/wait-for.ts";

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => (s.end(), resolve(true)));
    s.on("error", () => resolve(false));
  });
}

export function apiReady(port: number, pki: { ca: string; cert: string; key: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      { host: "127.0.0.1", port, path: "/readyz", ca: readFileSync(pki.ca), cert: readFileSync(pki.cert), key: readFileSync(pki.key), timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on("error", () => resolve(false));
    req.on("timeout", () => (req.destroy(), resolve(false)));
  });
}

/** The API server reaches kubelets for logs/exec as this user; RBAC must allow it. */
export async function grantApiserverKubeletAccess(kc: KubeConfig, user: string): Promise<void> {
  const rbac = apiClient(kc, RbacAuthorizationV1Api);
  const name = "kubecuke:apiserver-kubelet-client";
  try {
    await rbac.readClusterRoleBinding({ name });
  } catch {
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:kubelet-api-admin" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
      },
    });
  }
}

/** One object (by name) until `predicate` holds; the failure says what it last saw and why the watch failed, if it did. */
async function awaitObject<T extends KubeObject>(
  kc: KubeConfig,
  target: { apiVersion: string; kind: string; namespace: string },
  name: string,
  expected: string,
  predicate: (obj: T) => boolean,
  lastSeen: (obj: T | undefined) => string,
  timeoutMs: number,
): Promise<T> {
  // the watch hands out raw objects; T is the client-node type of the same JSON
  const get = (objects: Map<string, KubeObject>): T | undefined => objects.get(name) as T | undefined;
  return waitFor<T>(clientsFor(kc), {
    operation: "local provider: wait for",
    object: `${target.kind}/${target.namespace ? `${target.namespace}/` : ""}${name}`,
    expected,
    target: { ...target, fieldSelector: `metadata.name=${name}` },
    timeoutMs,
    evaluate: (objects) => {
      const o = get(objects);
      return o && predicate(o) ? { done: o } : undefined;
    },
    lastSeen: (objects) => lastSeen(get(objects)),
  });
}

export const nodeReady = (n: V1Node) => !!n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");

export function describeNode(n: V1Node | undefined): string {
  if (!n) return "no node registered";
  return (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? `(${c.reason}: ${c.message ?? ""})` : ""}`).join(", ");
}

/** Pods are refused in a namespace until the controller manager has made its default ServiceAccount. */
export async function waitForDefaultServiceAccount(kc: KubeConfig, timeoutMs: number): Promise<void> {
  await awaitObject(kc, { apiVersion: "v1", kind: "ServiceAccount", namespace: "default" }, "default", "it to exist", () => true, () => "none", timeoutMs);
}

/** The node registered and Ready. */
export async function waitForNodeReady(kc: KubeConfig, nodeName: string, timeoutMs: number): Promise<void> {
  await awaitObject<V1Node & KubeObject>(kc, { apiVersion: "v1", kind: "Node", namespace: "" }, nodeName, "condition Ready=True", nodeReady, describeNode, timeoutMs);
}

/** Runs a Pod to completion in kube-system: proves scheduler, kubelet, runtime, CNI and DNS work. */
export async function runProbePod(kc: KubeConfig, image: string, timeoutMs: number): Promise<void> {
  const core = apiClient(kc, CoreV1Api);
  const name = `kubecuke-probe-${Date.now().toString(36)}`;
  const namespace = "kube-system";
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
      spec: {
        restartPolicy: "Never",
        terminationGracePeriodSeconds: 0,
        containers: [{ name: "probe", image, imagePullPolicy: "Never", command: ["/bin/sh", "-c", "ip -4 addr show eth0 | grep -q inet && nslookup kubernetes.default.svc.cluster.local && echo probe-ok"] }],
      },
    },
  });
  try {
    const finished = (p: V1Pod): boolean => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
    const pod = await awaitObject<V1Pod & KubeObject>(kc, { apiVersion: "v1", kind: "Pod", namespace }, name, "the probe Pod to finish", finished, describePod, timeoutMs);
    if (pod.status?.phase !== "Succeeded") throw InfrastructureError.of({ operation: "local provider: probe", object: `Pod/${namespace}/${name}`, expected: "phase=Succeeded", lastSeen: describePod(pod) });
  } finally {
    await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}

function describePod(p: V1Pod | undefined): string {
  return p ? podSummary(p) : "no Pod";
}
