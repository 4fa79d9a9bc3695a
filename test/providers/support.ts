// Shared by the provider integration tests: which real cluster to use, a clean environment,
// and a small "scenario" run through the harness's own engine (namespace, Pod, wait Running).
import { existsSync } from "node:fs";
import { CoreV1Api, KubeConfig, VersionApi } from "@kubernetes/client-node";
import { rm } from "node:fs/promises";
import { ScenarioContext } from "../../engine/scenario/context.ts";
import { makeClients } from "../../engine/kube/client.ts";
import { watchUntil } from "../../engine/wait/watch.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../../engine/kube/labels.ts";
import { localLayout } from "../../engine/cluster/local/layout.ts";
import { localPlacement } from "../../engine/cluster/registry.ts";
import { inheritedEnv, loadSettings, scenarioSettings } from "../../engine/settings/env.ts";

export interface RealCluster {
  kubeconfig: string;
  context: string;
}

/** The cluster `npm test` brought up (it passes KUBECUKE_KUBECONFIG), else the local one. */
export function realCluster(): RealCluster {
  const local = localLayout("local", localPlacement(loadSettings().cluster));
  const given = scenarioSettings().cluster;
  const kubeconfig = given?.kubeconfig ?? local.kubeconfig;
  const context = given ? (given.context ?? local.context) : local.context;
  if (!existsSync(kubeconfig)) {
    throw new Error(`provider tests need a running cluster: ${kubeconfig} does not exist; start one with npm run cluster:up (or run them through npm test)`);
  }
  return { kubeconfig, context };
}

export async function assertReachable(c: RealCluster): Promise<string> {
  const kc = new KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  kc.setCurrentContext(c.context);
  try {
    return (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
  } catch (cause) {
    throw new Error(`provider tests: the cluster of ${c.kubeconfig} (context ${c.context}) does not answer; is it up? (npm run cluster:status)`, { cause });
  }
}

/** The inherited environment without anything that could steer a provider: each test states its own settings. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(inheritedEnv())) {
    if (!k.startsWith("KUBECUKE_") && k !== "KUBECONFIG" && !k.startsWith("FAKE_KIND_")) env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Active namespaces. stableOnly drops other harness runs' namespaces (and terminating ones):
 * on a shared cluster they come and go on their own; tests name the ones they put there.
 */
export async function namespaceNames(c: RealCluster, stableOnly = false): Promise<Set<string>> {
  const kc = new KubeConfig();
  kc.loadFromFile(c.kubeconfig);
  kc.setCurrentContext(c.context);
  const list = await kc.makeApiClient(CoreV1Api).listNamespace();
  const keep = list.items.filter((n) => !stableOnly || (!n.metadata?.deletionTimestamp && n.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE));
  return new Set(keep.map((n) => n.metadata?.name ?? ""));
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: main
    image: kubecuke.local/busybox:1
    imagePullPolicy: Never
    command: ["sleep", "3600"]
`;

/**
 * One scenario through the harness's engine: a labelled namespace (ScenarioContext), a Pod
 * applied from YAML, watched until Running. keepNamespace leaves it behind like a crashed run.
 */
export async function runPodScenario(kubeconfig: string, context: string, runId: string, leaveNamespace: boolean): Promise<{ namespace: string; seconds: number }> {
  const started = Date.now();
  const ctx = await ScenarioContext.create({ adminKubeconfigPath: kubeconfig, context, scenarioName: "provider test", runId });
  try {
    await ctx.applyText(POD);
    await watchUntil(makeClients(ctx.kubeconfigPath), { apiVersion: "v1", kind: "Pod", namespace: ctx.namespace, fieldSelector: "metadata.name=sleeper" }, {
      timeoutMs: 60_000,
      evaluate: (objs) => {
        const phase = (objs.get("sleeper") as { status?: { phase?: string } } | undefined)?.status?.phase;
        return phase === "Running" ? { done: phase } : phase === "Failed" ? { fail: "Pod sleeper Failed" } : undefined;
      },
    });
  } finally {
    // leaveNamespace: what a scenario whose process died leaves (a namespace kept on purpose for
    // debugging is labelled, and no sweep takes it); the directory holds the admin's client key
    if (leaveNamespace) ctx.abandon();
    else await ctx.finish(false);
    await rm(ctx.dir, { recursive: true, force: true });
  }
  return { namespace: ctx.namespace, seconds: (Date.now() - started) / 1000 };
}
