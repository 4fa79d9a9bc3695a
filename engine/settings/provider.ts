// Turns CLI flags, environment and the cucumber profile into provider settings. Precedence:
// command line > environment > profile (worldParameters.kubecuke) > defaults. The environment
// is handed in by env.ts (the one reader of the environment); the flags, variables and profile
// keys are the ones in table.ts. Every bad value is reported with where it came from and what to
// write instead. In engine/settings, not engine/cluster: it is settings, and env.ts's loadSettings
// needs it; engine/cluster builds on it (a folder cycle otherwise).
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { BadInputError } from "../errors.ts";
import { PINS } from "./pins.ts";
import { SETTINGS, type ProfileKey } from "./table.ts";

export const PROVIDER_NAMES = ["kind", "local", "existing"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface ProviderSettings {
  /** undefined: choose automatically (choose.ts). */
  provider?: ProviderName;
  /** Where the provider name came from ("--provider", "KUBECUKE_PROVIDER", "cucumber profile"). */
  providerSource?: string;
  /** kind cluster name or local cluster name. Generated per run unless configured or reused. */
  clusterName: string;
  /** Where a configured name came from; undefined when generated (or the reuse default). */
  clusterNameSource?: string;
  /** Labels namespaces the run creates (kubecuke.io/run) and names the run directory. */
  runId: string;
  /** Holds the run's kubeconfig and provider state; git-ignored (.kubecuke/). */
  runDir: string;
  /** Where a configured run dir came from; undefined when it is the default. */
  runDirSource?: string;
  /** Use the stable cluster name and keep the cluster for the next run. */
  reuse: boolean;
  /** Do not delete the cluster at the end. */
  keep: boolean;
  /** The team's images (KUBECUKE_IMAGES): archive paths as written (relative to cwd) or, for kind, image names. */
  images: string[];
  /** Where the images came from, for messages. */
  imagesSource?: string;
  /** Built binaries and image archives (KUBECUKE_CACHE). */
  cacheDir: string;
  kind: { config?: string; image?: string; binary: string; waitSeconds: number };
  existing: { kubeconfig?: string; context?: string; kubeconfigSource?: string; contextSource?: string };
  /** root: parent of the clusters' directories. */
  local: { version: string; corednsVersion: string; root: string };
}

/** What a cucumber profile may set, under worldParameters.kubecuke (its keys are table.ts's ProfileKey). */
export interface ProfileSettings extends Partial<Record<ProfileKey, string | boolean>> {
  provider?: string;
  clusterName?: string;
  kindConfig?: string;
  kindImage?: string;
  reuse?: boolean;
  keep?: boolean;
  existingKubeconfig?: string;
  existingContext?: string;
  images?: string;
}

export interface SettingsSources {
  argv?: readonly string[];
  /** Required: settings never come from the environment behind the caller's back (env.ts passes it). */
  env: Readonly<Record<string, string | undefined>>;
  profile?: ProfileSettings;
  /** Name of the profile, for messages. */
  profileName?: string;
  cwd?: string;
  now?: Date;
}

/** Thrown for settings a user must fix; the message says what to set. */
export class ProviderConfigError extends BadInputError {}

/** The stable name used when reusing a cluster across runs. */
export const REUSE_CLUSTER_NAME = "kubecuke";

interface FlagSpec { env: string; profile?: keyof ProfileSettings; boolean: boolean }
// From the settings table: one list of flags, variables and profile keys.
const FLAGS: Record<string, FlagSpec> = Object.fromEntries(
  SETTINGS.flatMap((s): Array<[string, FlagSpec]> =>
    "flag" in s ? [[s.flag, { env: s.env, profile: "profile" in s ? s.profile : undefined, boolean: "boolean" in s }]] : []),
);

export interface ParsedFlags { values: Map<string, string>; rest: string[] }

/** Takes the provider flags out of argv (`--x v`, `--x=v`, booleans bare); the rest is returned untouched. */
export function parseProviderFlags(argv: readonly string[]): ParsedFlags {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = FLAGS[flag];
    if (spec === undefined) {
      rest.push(arg);
      continue;
    }
    if (eq > 0) values.set(flag, arg.slice(eq + 1));
    else if (spec.boolean) values.set(flag, "1");
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new ProviderConfigError(`command line ${flag}: expected a value after it, e.g. ${flag}=${example(flag)}`);
      }
      values.set(flag, next);
      i++;
    }
  }
  return { values, rest };
}

function example(flag: string): string {
  return flag === "--provider" ? "kind" : flag.includes("kubeconfig") ? "/path/to/kubeconfig" : "value";
}

/** Reads worldParameters.kubecuke from a cucumber profile, checking every field's type. */
export function profileSettingsFrom(worldParameters: unknown, profileName = "default"): ProfileSettings | undefined {
  if (worldParameters === null || typeof worldParameters !== "object") return undefined;
  const raw = (worldParameters as Record<string, unknown>)["kubecuke"];
  if (raw === undefined) return undefined;
  const where = `cucumber profile "${profileName}" worldParameters.kubecuke`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ProviderConfigError(`${where}: expected an object like { provider: "kind" }, got ${JSON.stringify(raw)}`);
  }
  const out: ProfileSettings = {};
  const allowed = new Set(Object.values(FLAGS).flatMap((f) => (f.profile ? [f.profile] : [])));
  for (const [key, value] of Object.entries(raw)) {
    const spec = Object.values(FLAGS).find((f) => f.profile === key);
    if (!spec) {
      throw new ProviderConfigError(`${where}.${key}: unknown setting; use one of ${[...allowed].join(", ")}`);
    }
    const want = spec.boolean ? "boolean" : "string";
    if (typeof value !== want) {
      throw new ProviderConfigError(`${where}.${key}: expected a ${want}, got ${JSON.stringify(value)}`);
    }
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

interface Picked { value: string; source: string }

/** A setting's value and where it came from: the command line, then the environment, then the profile. */
interface Picker {
  pick: (flag: string) => Picked | undefined;
  /** 1/true/yes or 0/false/no; absent: false. */
  bool: (flag: string) => boolean;
}

function pickerFor(sources: SettingsSources): Picker {
  const profileWhere = `cucumber profile "${sources.profileName ?? "default"}" worldParameters.kubecuke`;
  const { values } = parseProviderFlags(sources.argv ?? []);
  const pick = (flag: string): Picked | undefined => {
    const spec = FLAGS[flag];
    const cli = values.get(flag);
    if (cli !== undefined) return { value: cli, source: `command line ${flag}` };
    if (!spec) return undefined;
    const fromEnv = sources.env[spec.env];
    if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: spec.env };
    const fromProfile = spec.profile ? sources.profile?.[spec.profile] : undefined;
    if (fromProfile !== undefined) return { value: String(fromProfile), source: `${profileWhere}.${spec.profile}` };
    return undefined;
  };
  const bool = (flag: string): boolean => {
    const p = pick(flag);
    if (!p) return false;
    const v = p.value.trim().toLowerCase();
    if (["1", "true", "yes"].includes(v)) return true;
    if (["0", "false", "no", ""].includes(v)) return false;
    throw new ProviderConfigError(`${p.source}: expected 1 or 0 (true/false), got "${p.value}"`);
  };
  return { pick, bool };
}

/** The provider named (undefined: auto), checked against the known names. */
function providerOf(providerPick: Picked | undefined): ProviderName | undefined {
  if (!providerPick || providerPick.value === "auto") return undefined;
  const v = providerPick.value.trim().toLowerCase();
  if (!(PROVIDER_NAMES as readonly string[]).includes(v)) {
    throw new ProviderConfigError(`${providerPick.source}: "${providerPick.value}" is not a provider; use one of ${PROVIDER_NAMES.join(", ")} (or auto)`);
  }
  return v as ProviderName;
}

/** The run id (given or generated) and the cluster name (given, the reused one, or kubecuke-<run id>), checked. */
function namesOf(p: Picker, reuse: boolean, now: Date): { runId: string; clusterName: string; namePick?: Picked } {
  const runId = p.pick("--run-id")?.value ?? generateRunId(now);
  if (!/^[a-z0-9]([a-z0-9.-]{0,40}[a-z0-9])?$/.test(runId)) {
    throw new ProviderConfigError(
      `run id "${runId}" (--run-id or KUBECUKE_RUN_ID): use 1-42 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit`,
    );
  }
  const namePick = p.pick("--cluster-name");
  const clusterName = namePick?.value ?? (reuse ? REUSE_CLUSTER_NAME : `kubecuke-${runId}`);
  if (!/^[a-z0-9]([a-z0-9.-]{0,48}[a-z0-9])?$/.test(clusterName)) {
    throw new ProviderConfigError(`${namePick?.source ?? "generated cluster name"} "${clusterName}": cluster names are 1-50 lowercase letters, digits, '-' or '.'`);
  }
  return { runId, clusterName, namePick };
}

export function resolveProviderSettings(sources: SettingsSources): ProviderSettings {
  const env = sources.env;
  const cwd = sources.cwd ?? process.cwd();
  const p = pickerFor(sources);
  const file = (picked: Picked | undefined): string | undefined => (picked ? absolute(picked.value, cwd, env) : undefined);
  const providerPick = p.pick("--provider");
  const provider = providerOf(providerPick);
  const reuse = p.bool("--reuse");
  const { runId, clusterName, namePick } = namesOf(p, reuse, sources.now ?? new Date());
  const imagesPick = p.pick("--images");
  const runDirPick = p.pick("--run-dir");
  // The runner→cucumber variables double as the existing provider's, for users who already export them.
  const kubeconfigPick = p.pick("--existing-kubeconfig") ?? envPick(env, "KUBECUKE_KUBECONFIG");
  const contextPick = p.pick("--existing-context") ?? envPick(env, "KUBECUKE_CONTEXT");
  return {
    provider,
    providerSource: provider ? providerPick?.source : undefined,
    clusterName,
    clusterNameSource: namePick?.source,
    runId,
    runDir: runDirPick ? absolute(runDirPick.value, cwd, env) : path.join(cwd, ".kubecuke", "runs", runId),
    runDirSource: runDirPick?.source,
    reuse,
    keep: reuse || p.bool("--keep-cluster"),
    images: (imagesPick?.value ?? "").split(",").map((i) => i.trim()).filter(Boolean),
    imagesSource: imagesPick?.source,
    cacheDir: env.KUBECUKE_CACHE ? absolute(env.KUBECUKE_CACHE, cwd, env) : path.join(env.HOME ?? os.homedir(), ".cache", "kubecuke"),
    kind: { config: file(p.pick("--kind-config")), image: p.pick("--kind-image")?.value, binary: env.KUBECUKE_KIND_BINARY || "kind", waitSeconds: 120 },
    existing: { kubeconfig: file(kubeconfigPick), kubeconfigSource: kubeconfigPick?.source, context: contextPick?.value, contextSource: contextPick?.source },
    local: {
      version: env.KUBECUKE_K8S_VERSION || PINS.kubernetes,
      corednsVersion: env.KUBECUKE_COREDNS_VERSION || PINS.coredns,
      root: env.KUBECUKE_LOCAL_ROOT ? absolute(env.KUBECUKE_LOCAL_ROOT, cwd, env) : "/var/lib/kubecuke",
    },
  };
}

function envPick(env: SettingsSources["env"], name: string): Picked | undefined {
  const v = env[name];
  return v ? { value: v, source: name } : undefined;
}

function absolute(p: string, cwd: string, env: SettingsSources["env"]): string {
  if (p === "~" || p.startsWith("~/")) return path.join(env.HOME ?? os.homedir(), p.slice(1));
  return path.resolve(cwd, p);
}

/** e.g. 20250301-142233-9f3a: sortable, unique enough for concurrent runs, valid as a label value. */
export function generateRunId(now: Date): string {
  const iso = now.toISOString(); // 2025-03-01T14:22:33.123Z
  const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
  return `${stamp}-${randomBytes(2).toString("hex")}`;
}

/** Lines for --help in scripts. */
export const PROVIDER_FLAGS_HELP = Object.entries(FLAGS)
  .map(([flag, spec]) => `  ${(spec.boolean ? flag : `${flag} <value>`).padEnd(30)} env ${spec.env}`)
  .join("\n");
