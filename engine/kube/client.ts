// One place that turns (kubeconfig path, context) into client-node handles.
import { CoreV1Api, KubeConfig, type Configuration } from "@kubernetes/client-node";
import { describeError } from "../errors.ts";
import { OPERATION_TIMEOUTS_MS, type OperationTimeouts } from "./deadline.ts";
import { KubeconfigError } from "./kubeconfig.ts";
import { boundedConfiguration, RawObjectApi } from "./raw-api.ts";
import { DeadlineTransport } from "./transport.ts";

export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  objects: RawObjectApi;
  /** Namespace of the current context (the scenario's, for scenario kubeconfigs). */
  namespace: string;
  /** Each operation's time limit (deadline.ts), scaled by the caller from the settings. */
  timeouts: OperationTimeouts;
  /**
   * The running step's signal: its deadline and the interrupt combined. Every request on `core`
   * and `objects` ends when it aborts (rejecting with its reason), besides its own limit from
   * `timeouts`; waits and engine calls without a `signal` option of their own read it here.
   * steps/define.steps.ts sets it for each step (withStepSignal) and takes it away after, so a
   * scenario's cleanup (After hooks) runs under the limits alone, never ended by the interrupt.
   * Undefined outside steps (the runner's own clients, suite setup, providers).
   */
  signal?: AbortSignal;
}

/** Give `clients` the step's signal; returns what puts the one before back (call it when the step ends). */
export function withStepSignal(clients: KubeClients, signal: AbortSignal | undefined): () => void {
  const before = clients.signal;
  clients.signal = signal;
  return () => {
    clients.signal = before;
  };
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

/**
 * Handles for a KubeConfig already loaded (the local provider builds its own). Their requests
 * read `signal` and `timeouts` from the returned object at each request (transport.ts).
 */
export function clientsFor(kc: KubeConfig, timeouts: OperationTimeouts = OPERATION_TIMEOUTS_MS): KubeClients {
  const namespace = kc.getContextObject(kc.getCurrentContext())?.namespace ?? "default";
  const transport = new DeadlineTransport(() => clients);
  const clients: KubeClients = {
    kc,
    core: new CoreV1Api(boundedConfiguration(kc, transport)),
    objects: RawObjectApi.fromConfig(kc, transport),
    namespace,
    timeouts: { ...timeouts },
  };
  return clients;
}

/**
 * Any of client-node's generated API clients (ApisApi, RbacAuthorizationV1Api, …) whose requests
 * end like the clients' own (transport.ts): with `clients`, by their limits and clients.signal;
 * with a bare KubeConfig, by the default limits. Use it instead of kc.makeApiClient, whose
 * requests have no limit at all.
 */
export function apiClient<T>(from: KubeClients | KubeConfig, Api: new (configuration: Configuration) => T): T {
  if (from instanceof KubeConfig) return new Api(boundedConfiguration(from, new DeadlineTransport(() => ({ timeouts: OPERATION_TIMEOUTS_MS }))));
  return new Api(boundedConfiguration(from.kc, new DeadlineTransport(() => from)));
}
