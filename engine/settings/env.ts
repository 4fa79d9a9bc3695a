// The one module that reads process.env. Every setting (table.ts lists them all) is parsed here
// into one typed Settings object and passed down; nothing else in the engine, steps or scripts
// looks at the environment. Each section can be read on its own: a cucumber worker needs the
// scenario section, allurerc.ts the report section, and neither should fail on a runner flag.
import { ProviderConfigError, resolveProviderSettings, type ProviderSettings, type SettingsSources } from "./provider.ts";
import { OPERATION_TIMEOUTS_MS, scaleTimeouts, type OperationTimeouts } from "../kube/deadline.ts";
import { DEFAULT_FAIL_FAST, type FailFastPolicy } from "../wait/fail-fast.ts";
import type { SettingName } from "./table.ts";

export type Env = Readonly<Record<string, string | undefined>>;

/** How steps reach the cluster: what the runner passed to cucumber (registry.ts scenarioEnv). */
export interface RunnerCluster {
  kubeconfig: string;
  context?: string;
  provider: string;
  runId?: string;
  /** The runner's pid (KUBECUKE_RUNNER_PID); undefined when cucumber was started by hand. */
  runnerPid?: number;
  /** KUBECUKE_SCENARIO_READ_ROLE: the run's read ClusterRole and ClusterRoleBinding (engine/run/scope-role.ts); undefined: none. */
  readRole?: string;
}

export interface ScenarioSettings {
  /** Parallel cucumber workers; undefined: the caller's default (1 for scenarios, 4 in npm test). */
  workers?: number;
  keepFailed: boolean;
  /** KUBECUKE_CLEANUP_IN_BACKGROUND: whether the runner waits for its namespaces to be gone. */
  cleanupInBackground: Background;
  kubectl: string;
  /** The suite setup file (KUBECUKE_SETUP_FILE); undefined: kubecuke.setup.yaml. */
  setupFile?: string;
  /** undefined outside a runner (cucumber started by hand without KUBECUKE_KUBECONFIG). */
  cluster?: RunnerCluster;
}

export interface ReportSettings {
  dir: string;
  /** true when KUBECUKE_REPORTS_DIR moved the outputs (a test's own run): history moves too. */
  dirOverridden: boolean;
  singleFile: boolean;
  /** KUBECUKE_REPORT_IN_BACKGROUND: whether the runner waits for the report ("auto": see runsInBackground). */
  inBackground: Background;
  name: string;
  history: string;
  appendHistory: boolean;
  issueUrl?: string;
  tmsUrl?: string;
  /** KUBECUKE_DOCS_URL: the published living documentation, for the report's links to it */
  docsUrl?: string;
}

export interface TimeoutSettings {
  /** KUBECUKE_TIMEOUT_SCALE: every limit is multiplied by it (default 1). */
  scale: number;
  /** Per-operation limits (engine/kube/deadline.ts's table), already multiplied by the scale. */
  operations: OperationTimeouts;
}

export interface TestSettings {
  /** Phase names `npm test` runs; undefined: all. */
  phases?: string[];
  chromium: string;
}

export interface Settings {
  cluster: ProviderSettings;
  scenarios: ScenarioSettings;
  reports: ReportSettings;
  timeouts: TimeoutSettings;
  tests: TestSettings;
}

/** Everything, for a runner script: the provider part also takes its flags and the cucumber profile. */
export function loadSettings(sources: Omit<SettingsSources, "env"> & { env?: Env } = {}): Settings {
  const env = sources.env ?? process.env;
  return {
    cluster: resolveProviderSettings({ ...sources, env }),
    scenarios: scenarioSettings(env),
    reports: reportSettings(env),
    timeouts: timeoutSettings(env),
    tests: testSettings(env),
  };
}

/**
 * What the runner passes to cucumber when cucumber runs in the runner's own process (one
 * worker): the same variables a cucumber process would get in its environment.
 */
export function exportToScenarios(vars: Readonly<Record<string, string>>): void {
  Object.assign(process.env, vars);
}

export function scenarioSettings(env: Env = process.env): ScenarioSettings {
  const kubeconfig = get(env, "KUBECUKE_KUBECONFIG");
  const workers = get(env, "KUBECUKE_WORKERS");
  if (workers !== undefined && !/^[1-9]\d*$/.test(workers.trim())) {
    throw new ProviderConfigError(`KUBECUKE_WORKERS: expected a whole number of workers (1 or more), got "${workers}"`);
  }
  return {
    workers: workers === undefined ? undefined : Number(workers),
    keepFailed: bool(env, "KUBECUKE_KEEP_FAILED", false),
    cleanupInBackground: background(env, "KUBECUKE_CLEANUP_IN_BACKGROUND"),
    kubectl: get(env, "KUBECUKE_KUBECTL") ?? "kubectl",
    setupFile: get(env, "KUBECUKE_SETUP_FILE"),
    cluster: kubeconfig
      ? { kubeconfig, context: get(env, "KUBECUKE_CONTEXT"), provider: get(env, "KUBECUKE_PROVIDER") ?? "unknown", runId: get(env, "KUBECUKE_RUN_ID"), runnerPid: positiveInt(get(env, "KUBECUKE_RUNNER_PID")), readRole: get(env, "KUBECUKE_SCENARIO_READ_ROLE") }
      : undefined,
  };
}

export function reportSettings(env: Env = process.env): ReportSettings {
  const dir = get(env, "KUBECUKE_REPORTS_DIR");
  return {
    dir: dir ?? "reports",
    dirOverridden: dir !== undefined,
    singleFile: bool(env, "KUBECUKE_REPORT_SINGLE_FILE", false),
    inBackground: background(env, "KUBECUKE_REPORT_IN_BACKGROUND"),
    name: get(env, "KUBECUKE_REPORT_NAME") ?? "kubecuke acceptance tests",
    history: get(env, "KUBECUKE_REPORT_HISTORY") ?? "reports/history/history.jsonl",
    appendHistory: bool(env, "KUBECUKE_REPORT_APPEND_HISTORY", true),
    issueUrl: get(env, "KUBECUKE_ISSUE_URL"),
    tmsUrl: get(env, "KUBECUKE_TMS_URL"),
    docsUrl: get(env, "KUBECUKE_DOCS_URL"),
  };
}

export function timeoutSettings(env: Env = process.env): TimeoutSettings {
  const raw = get(env, "KUBECUKE_TIMEOUT_SCALE");
  const scale = raw === undefined ? 1 : Number(raw.trim());
  if (raw !== undefined && !(/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw) && Number.isFinite(scale) && scale > 0)) {
    throw new ProviderConfigError(`KUBECUKE_TIMEOUT_SCALE: expected a positive number that multiplies every time limit (e.g. 3 for a slow cluster, 1 for none), got "${raw}"`);
  }
  return { scale, operations: scaleTimeouts(OPERATION_TIMEOUTS_MS, scale) };
}

/** KUBECUKE_FAIL_FAST*: when Ready, Running and rollout waits give up early (engine/wait/fail-fast.ts). */
export function failFastSettings(env: Env = process.env): FailFastPolicy {
  const restarts = get(env, "KUBECUKE_FAIL_FAST_RESTARTS");
  if (restarts !== undefined && positiveInt(restarts.trim()) === undefined) {
    throw new ProviderConfigError(`KUBECUKE_FAIL_FAST_RESTARTS: expected a whole number of restarts (1 or more) after which a crash-looping container ends a wait, got "${restarts}"`);
  }
  const secs = get(env, "KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS");
  const n = Number(secs?.trim());
  if (secs !== undefined && !(/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(secs) && n > 0)) {
    throw new ProviderConfigError(`KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS: expected a positive number of seconds a Pod may stay unschedulable before a wait ends, got "${secs}"`);
  }
  return {
    enabled: bool(env, "KUBECUKE_FAIL_FAST", DEFAULT_FAIL_FAST.enabled),
    crashLoopRestarts: restarts === undefined ? DEFAULT_FAIL_FAST.crashLoopRestarts : Number(restarts.trim()),
    unschedulableMs: Math.round((secs === undefined ? DEFAULT_FAIL_FAST.unschedulableMs : n * 1000) * timeoutSettings(env).scale),
  };
}

export function testSettings(env: Env = process.env): TestSettings {
  const phases = get(env, "KUBECUKE_TEST_PHASES");
  return {
    phases: phases?.split(",").map((s) => s.trim()).filter(Boolean),
    chromium: get(env, "KUBECUKE_CHROMIUM") ?? "/usr/bin/chromium",
  };
}

/**
 * Variables a scenario names itself (`${env:NAME}`, a Secret from the environment, "the value of
 * the environment variable"): inputs of that scenario, not settings of the harness, so they are
 * not in the table. A copy, handed to the scenario context.
 */
export function scenarioInputs(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}

/** A scenario input's value when the environment has none, set here so cucumber workers inherit it. */
export function defaultScenarioInput(name: string, value: string): void {
  process.env[name] ??= value;
}

/**
 * What child processes inherit (PATH, HOME, DOCKER_HOST, ...): passed through untouched, never
 * interpreted as a setting. A copy, so a caller's additions never leak into this process.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

function get(env: Env, name: SettingName): string | undefined {
  const v = env[name];
  return v === undefined || v === "" ? undefined : v;
}

function bool(env: Env, name: SettingName, fallback: boolean): boolean {
  const v = get(env, name)?.trim().toLowerCase();
  if (v === undefined) return fallback;
  if (["1", "true", "yes"].includes(v)) return true;
  if (["0", "false", "no"].includes(v)) return false;
  throw new ProviderConfigError(`${name}: expected 1 or 0 (true/false), got "${env[name]}"`);
}

/** 1/0 as bool; "auto" (the default): decided by runsInBackground. */
export type Background = boolean | "auto";

function background(env: Env, name: SettingName): Background {
  const v = get(env, name)?.trim().toLowerCase();
  if (v === undefined || v === "auto") return "auto";
  if (["1", "true", "yes"].includes(v)) return true;
  if (["0", "false", "no"].includes(v)) return false;
  throw new ProviderConfigError(`${name}: expected auto, 1 or 0 (true/false), got "${env[name]}"`);
}

/**
 * Whether a part of the run's ending goes to the background: as set, or with "auto" when someone
 * is at a terminal waiting (stderr is a TTY) and not in CI, where the job ends with the process.
 */
export function runsInBackground(setting: Background, facts: { interactive: boolean; ci: boolean }): boolean {
  return setting === "auto" ? facts.interactive && !facts.ci : setting;
}

/** CI: the CI variable most CI systems set (GitHub Actions, GitLab, Buildkite, CircleCI, ...), not 0/false. */
export function inCi(env: Env = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== "" && v !== "0" && v !== "false";
}

function positiveInt(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}
