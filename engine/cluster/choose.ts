// Which provider to use when the user names none. An explicit choice always wins; otherwise
// kind when Docker and kind both work, else local where it can run (Linux, root, its tools),
// else an error that lists every option and how to set it. `existing` is never chosen here:
// pointing the harness at someone's cluster must be said out loud.
import type { ProviderName, ProviderSettings } from "../settings/provider.ts";
import { ProviderConfigError } from "../settings/provider.ts";
import { runTool, ToolMissingError } from "./exec.ts";
import { describeError } from "../errors.ts";
import { commandText } from "../commands.ts";
import { localPrerequisites } from "./local/index.ts";
import { inheritedEnv } from "../settings/env.ts";

export interface ProbeResult {
  ok: boolean;
  /** What was seen: a version, or the reason it failed. */
  detail: string;
}

/** Everything the choice looks at on the machine; tests inject their own. */
export interface ChoiceProbes {
  docker(): Promise<ProbeResult>;
  kind(): Promise<ProbeResult>;
  platform(): NodeJS.Platform;
  /** undefined where uids do not exist (Windows). */
  uid(): number | undefined;
  /** What the local provider needs and this machine lacks (empty: it can run). */
  localMissing(): Promise<string[]>;
}

export interface ProviderChoice {
  provider: ProviderName;
  explicit: boolean;
  /** One line for the run log: why this provider. */
  reason: string;
}

export const HOW_TO_CHOOSE = [
  "Choose one with an environment variable or the --provider flag:",
  "  KUBECUKE_PROVIDER=kind      a throwaway kind cluster (needs Docker and kind on PATH)",
  "  KUBECUKE_PROVIDER=local     Kubernetes as host processes (Linux, root; scripts/install-deps.sh)",
  "  KUBECUKE_PROVIDER=existing KUBECUKE_EXISTING_KUBECONFIG=<path> KUBECUKE_EXISTING_CONTEXT=<context>",
  "                              a cluster you already have (KUBECUKE_KUBECONFIG / KUBECUKE_CONTEXT also work)",
  `  e.g. ${commandText("run", "--provider kind")}`,
].join("\n");

export async function chooseProvider(settings: ProviderSettings, probes: ChoiceProbes = systemProbes(settings)): Promise<ProviderChoice> {
  if (settings.provider) {
    return { provider: settings.provider, explicit: true, reason: `${settings.provider}: set by ${settings.providerSource ?? "configuration"}` };
  }
  // Existing-cluster settings without the provider named, under any of their names (the runner's
  // KUBECUKE_KUBECONFIG / KUBECUKE_CONTEXT included): refuse rather than silently test elsewhere.
  const named = [settings.existing.kubeconfigSource, settings.existing.contextSource].filter((s): s is string => s !== undefined);
  if (named.length > 0) {
    const what = named.join(" and ");
    throw new ProviderConfigError(
      `${what} ${named.length > 1 ? "are" : "is"} set but no provider is named: the harness uses an existing cluster only when told to. ` +
        `Set KUBECUKE_PROVIDER=existing (or --provider existing) to use ${settings.existing.kubeconfig ?? `the context ${settings.existing.context}`}, or unset ${what}.`,
    );
  }
  const [docker, kind] = await Promise.all([probes.docker(), probes.kind()]);
  if (docker.ok && kind.ok) {
    return { provider: "kind", explicit: false, reason: `kind: chosen automatically (docker ${docker.detail}, ${kind.detail})` };
  }
  const platform = probes.platform();
  const uid = probes.uid();
  const localBlockers: string[] = [];
  if (platform !== "linux") localBlockers.push(`needs Linux, this is ${platform}`);
  if (uid !== 0) localBlockers.push(`needs root, running as uid ${uid ?? "unknown"}`);
  if (localBlockers.length === 0) {
    const missing = await probes.localMissing();
    if (missing.length === 0) {
      return { provider: "local", explicit: false, reason: `local: chosen automatically (kind unusable: ${!docker.ok ? `docker: ${docker.detail}` : `kind: ${kind.detail}`})` };
    }
    localBlockers.push(`missing ${missing.join(", ")}`);
  }
  throw new ProviderConfigError(
    [
      "No cluster provider was named and none could be chosen automatically:",
      `  kind:     ${docker.ok ? "docker works" : `docker: ${docker.detail}`}; ${kind.ok ? "kind works" : `kind: ${kind.detail}`}`,
      `  local:    ${localBlockers.join("; ")}`,
      "  existing: used only when named explicitly",
      HOW_TO_CHOOSE,
    ].join("\n"),
  );
}

/** The real machine: `docker info`, `kind version`, the process's uid, the local provider's tools. */
export function systemProbes(settings: ProviderSettings, env: NodeJS.ProcessEnv = inheritedEnv()): ChoiceProbes {
  const tool = async (file: string, args: string[]): Promise<ProbeResult> => {
    try {
      const r = await runTool(file, args, { env, timeoutMs: 20_000 });
      const firstLine = (s: string): string => s.trim().split("\n")[0] ?? "";
      if (r.exitCode === 0 && r.stdout.trim() !== "") return { ok: true, detail: firstLine(r.stdout) };
      return { ok: false, detail: `${file} ${args.join(" ")} exited ${r.exitCode}: ${firstLine(r.stderr) || firstLine(r.stdout)}` };
    } catch (err) {
      return { ok: false, detail: err instanceof ToolMissingError ? `${file} not found on PATH` : describeError(err) };
    }
  };
  return {
    docker: () => tool("docker", ["info", "--format", "{{.ServerVersion}}"]),
    kind: () => tool(settings.kind.binary, ["version"]),
    platform: () => process.platform,
    uid: () => process.getuid?.(),
    localMissing: localPrerequisites,
  };
}
