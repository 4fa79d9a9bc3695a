// One place that turns (kubeconfig path, context) into client-node handles.
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { describeError } from "../errors.ts";
import { OPERATION_TIMEOUTS_MS, type OperationTimeouts } from "./deadline.ts";
import { KubeconfigError } from "./kubeconfig.ts";
import { RawObjectApi } from "./raw-api.ts";

export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  objects: RawObjectApi;
  /** Namespace of the current context (the scenario's, for scenario kubeconfigs). */
  namespace: string;
  /** Each operation's time limit (deadline.ts), scaled by the caller from the settings. */
  timeouts: OperationTimeouts;
}

export function loadKubeConfig(kubeconfigPath: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(kubeconfigPath);
  } catch (cause) {
    throw new KubeconfigError(`load kubeconfig ${kubeconfigPath}: ${describeError(cause)}`, { operation: "load kubeconfig", object: kubeconfigPath, cause });
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map((c) => c.name).join(", ") || "none";
      const err = new KubeconfigError(`load kubeconfig ${kubeconfigPath}: context "${context}" not found (contexts: ${known})`, { operation: "load kubeconfig", object: kubeconfigPath });
      err.missingContext = true;
      throw err;
    }
    kc.setCurrentContext(context);
  }
  return kc;
}

/** `timeouts`: the settings' scaled table (timeoutSettings().operations); the unscaled defaults otherwise. */
export function makeClients(kubeconfigPath: string, context?: string, timeouts: OperationTimeouts = OPERATION_TIMEOUTS_MS): KubeClients {
  return clientsFor(loadKubeConfig(kubeconfigPath, context), timeouts);
}

/** Handles for a KubeConfig already loaded (the local provider builds its own). */
export function clientsFor(kc: KubeConfig, timeouts: OperationTimeouts = OPERATION_TIMEOUTS_MS): KubeClients {
  const namespace = kc.getContextObject(kc.getCurrentContext())?.namespace ?? "default";
  return { kc, core: kc.makeApiClient(CoreV1Api), objects: RawObjectApi.fromConfig(kc), namespace, timeouts: { ...timeouts } };
}
