// Providers by name. The runner resolves settings (engine/settings), picks a provider
// (choose.ts) and gets it from here; nothing else constructs providers.
import path from "node:path";
import type { ClusterHandle, ClusterProvider } from "./provider.ts";
import { PROVIDER_NAMES, ProviderConfigError, type ProviderName, type ProviderSettings } from "../settings/provider.ts";
import { chooseProvider, type ChoiceProbes, type ProviderChoice } from "./choose.ts";
import { KindProvider } from "./kind.ts";
import { ExistingProvider } from "./existing.ts";
import { LocalProvider } from "./local/index.ts";
import type { LocalPlacement } from "./local/layout.ts";
import { inheritedEnv } from "../settings/env.ts";

export interface CreateOptions {
  log?: (line: string) => void;
  /** Base environment for provider tools (kind); defaults to the one this process inherited. */
  env?: NodeJS.ProcessEnv;
}

type Factory = (settings: ProviderSettings, options: CreateOptions) => Promise<ClusterProvider>;

const FACTORIES: Record<ProviderName, Factory> = {
  kind: async (s, o) =>
    new KindProvider({
      name: s.clusterName,
      runDir: s.runDir,
      configFile: s.kind.config,
      image: s.kind.image,
      keep: s.keep,
      binary: s.kind.binary,
      waitSeconds: s.kind.waitSeconds,
      env: o.env,
      log: o.log,
    }),
  existing: async (s, o) =>
    new ExistingProvider({ kubeconfig: s.existing.kubeconfig, context: s.existing.context, runId: s.runId, runDir: s.runDir, log: o.log }),
  // Only a configured name is passed: the local cluster is long-lived, one per machine by default.
  local: async (s) => new LocalProvider({ ...localPlacement(s), name: s.clusterNameSource ? s.clusterName : undefined }),
};

/** Where the local provider keeps its files and what it runs, from the settings. */
export function localPlacement(s: ProviderSettings): LocalPlacement {
  return { ...s.local, cacheDir: s.cacheDir };
}

export async function createProvider(name: string, settings: ProviderSettings, options: CreateOptions = {}): Promise<ClusterProvider> {
  if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
    throw new ProviderConfigError(`provider "${name}" does not exist; use one of ${PROVIDER_NAMES.join(", ")}`);
  }
  return FACTORIES[name as ProviderName](settings, options);
}

/** Choice plus construction: what a runner calls once per run. */
export async function providerFor(
  settings: ProviderSettings,
  options: CreateOptions & { probes?: ChoiceProbes } = {},
): Promise<{ provider: ClusterProvider; choice: ProviderChoice }> {
  const choice = await chooseProvider(settings, options.probes);
  options.log?.(`provider ${choice.reason}`);
  return { provider: await createProvider(choice.provider, settings, options), choice };
}

/** Environment for the cucumber process: how steps find the cluster and label what they create. */
export function scenarioEnv(handle: ClusterHandle, runId: string, base: NodeJS.ProcessEnv = inheritedEnv()): Record<string, string> {
  const env: Record<string, string> = {
    KUBECUKE_KUBECONFIG: handle.kubeconfigPath,
    KUBECUKE_CONTEXT: handle.context,
    KUBECUKE_PROVIDER: handle.provider,
    KUBECUKE_RUN_ID: runId,
    // this process owns the run: a later run sweeps its namespaces if it is gone (engine/run/owner.ts)
    KUBECUKE_RUNNER_PID: String(process.pid),
    // Anything that still reads KUBECONFIG (kubectl in a user's literal command) sees the run's file.
    KUBECONFIG: handle.kubeconfigPath,
  };
  if (handle.binDir) env.PATH = [handle.binDir, base.PATH ?? ""].join(path.delimiter);
  return env;
}
