// The one cluster lifecycle of a run: choose and build the provider, `up` inside the guarded
// region, run the work, then end the run the one way the settings and ownership say. Runners
// (engine/run/phases/cluster.ts, scripts/test.ts) call withCluster and never up/down themselves.
import type { ProviderSettings } from "../settings/provider.ts";
import { canFindLeftovers, type ClusterHandle, type ClusterProvider } from "./provider.ts";
import { providerFor, type CreateOptions } from "./registry.ts";
import type { ChoiceProbes } from "./choose.ts";
import { HarnessError } from "../errors.ts";
import { commandText } from "../commands.ts";
import { secondsSince } from "../seconds.ts";

export interface ClusterSession {
  provider: ClusterProvider;
  handle: ClusterHandle;
  /** What the end of the run will do with the cluster (decided once, here): the run's own cleanup depends on it. */
  ending: Ending;
}

export interface WithClusterOptions extends CreateOptions {
  probes?: ChoiceProbes;
  /** After a down, ask a provider that can (LeftoverFinder) what is still on the machine. */
  checkLeftovers?: boolean;
  /**
   * The run's interrupt: ends the provider's up (UpOptions.signal). The ending's down is not
   * given it: like a scenario's cleanup, it runs to its end after the first Ctrl-C.
   */
  signal?: AbortSignal;
}

/** What the end of the run does with the cluster, and why (one line for the log). */
export interface Ending {
  down: boolean;
  why: string;
}

export interface ClusterOutcome<T> {
  value: T;
  ending: Ending;
  /** Only when checkLeftovers was asked, the provider can tell, and it went down. */
  leftovers?: string[];
}

/**
 * The keep/reuse/ownership decision, made here only. settings.keep already includes reuse
 * (engine/settings/provider.ts). handle undefined: `up` failed. A scoped down removes what that up made half-way
 * (kind records ownership before it creates); an unscoped one (local) is not run, because it
 * is machine-wide (bridge, iptables chains, Pod netns) and the failure may be another
 * cluster's doing (ports in use); local's next up starts from clean anyway.
 */
export function endingFor(provider: ClusterProvider, handle: ClusterHandle | undefined, settings: Pick<ProviderSettings, "keep">): Ending {
  if (!handle) {
    if (settings.keep) return { down: false, why: "up failed; left as it is because keep/reuse was requested" };
    if (provider.scopedDown) return { down: true, why: "up failed: removing what it made" };
    return { down: false, why: `up failed; ${provider.name}'s down is machine-wide, so it is not run here: the next up starts clean, or run ${commandText("cluster down")}` };
  }
  if (handle.owned && !settings.keep) return { down: true, why: "this run started it" };
  if (provider.scopedDown) return { down: true, why: `${provider.name}'s down removes only what this run made` };
  return { down: false, why: handle.owned ? "keep/reuse requested" : "it was running before this run" };
}

/** Chooses and builds the provider from the settings, then runs fn on its cluster (withProvider). */
export async function withCluster<T>(
  settings: ProviderSettings,
  fn: (session: ClusterSession) => Promise<T>,
  options: WithClusterOptions = {},
): Promise<ClusterOutcome<T>> {
  const { provider } = await providerFor(settings, options);
  return withProvider(provider, settings, fn, options);
}

/**
 * up, fn, then the ending endingFor decides, whether up or fn failed or not. A down that fails
 * after an earlier failure is logged and the earlier error thrown (it is the one to fix).
 */
export async function withProvider<T>(
  provider: ClusterProvider,
  settings: Pick<ProviderSettings, "keep">,
  fn: (session: ClusterSession) => Promise<T>,
  options: Pick<WithClusterOptions, "log" | "checkLeftovers" | "signal"> = {},
): Promise<ClusterOutcome<T>> {
  const log = options.log ?? (() => {});
  let handle: ClusterHandle | undefined;
  let result: { value: T } | undefined;
  let failure: { error: unknown } | undefined;
  let ending: Ending | undefined;
  try {
    const started = Date.now();
    handle = await provider.up({ log, signal: options.signal });
    log(`cluster ready in ${secondsSince(started)} (${handle.provider} ${handle.name})`);
    ending = endingFor(provider, handle, settings);
    result = { value: await fn({ provider, handle, ending }) };
  } catch (error) {
    failure = { error };
  }

  ending ??= endingFor(provider, handle, settings);
  let leftovers: string[] | undefined;
  try {
    if (ending.down) {
      log(`cluster ${provider.name} down: ${ending.why}`);
      await provider.down({ log });
      if (options.checkLeftovers && canFindLeftovers(provider)) leftovers = await provider.leftovers();
    } else {
      log(`leaving cluster ${handle?.name ?? provider.name} running: ${ending.why}`);
    }
  } catch (downError) {
    if (!failure) throw downError;
    // The first failure is the one to fix; this one is only reported.
    log(`cluster ${provider.name} down after a failure failed too: ${downError instanceof Error ? downError.message : String(downError)}`);
  }
  if (failure) throw failure.error;
  if (!result) throw new HarnessError("withProvider: neither a result nor an error (a bug in lifecycle.ts)");
  return { value: result.value, ending, leftovers };
}
