// Every environment variable the harness reads, with its default and meaning: the source of
// docs/settings.md and of README's settings table (scripts/settings-doc.ts renders both and
// `--check`s them in `npm test`). env.ts reads exactly these; a variable missing here is a defect.
import { OPERATION_TIMEOUTS_MS } from "../kube/deadline.ts";
import { secondsText } from "../seconds.ts";
import { PINS } from "./pins.ts";

/** The per-operation defaults as docs/settings.md shows them: "apply 30 s, get 15 s, …". */
const OPERATION_DEFAULTS = Object.entries(OPERATION_TIMEOUTS_MS).map(([op, ms]) => `${op === "cleanup" ? "cleanup per object" : op === "http" ? "http per request" : op} ${secondsText(ms)}`).join(", ");

export type SettingSection = "cluster" | "kind" | "existing" | "local" | "scenarios" | "reports" | "runner to cucumber" | "timeouts" | "project tests";

/** Keys a cucumber profile may set under worldParameters.kubecuke (provider.ts ProfileSettings). */
export type ProfileKey = "provider" | "clusterName" | "kindConfig" | "kindImage" | "reuse" | "keep" | "existingKubeconfig" | "existingContext" | "images";

export interface SettingSpec {
  env: `KUBECUKE_${string}`;
  section: SettingSection;
  /** The default as a reader should see it ("" when there is none). */
  default: string;
  meaning: string;
  /** Command-line flag of the runner scripts (provider.ts parses it); wins over the variable. */
  flag?: `--${string}`;
  /** Key under a cucumber profile's worldParameters.kubecuke; loses to the variable. */
  profile?: ProfileKey;
  /** 1/0, true/false, yes/no. */
  boolean?: true;
  /** Shown in README's short table too (the generated docs/settings.md has them all). */
  readme?: true;
}

export const SETTINGS = [
  { env: "KUBECUKE_PROVIDER", section: "cluster", default: "auto", flag: "--provider", profile: "provider", readme: true,
    meaning: "`kind`, `local`, `existing` or `auto`: kind when Docker and kind work, else local when Linux and root, else an error that lists the options" },
  { env: "KUBECUKE_CLUSTER_NAME", section: "cluster", default: "`kubecuke-<run id>` (kind), `local` (local), `kubecuke` with reuse or `cluster:*`", flag: "--cluster-name", profile: "clusterName",
    meaning: "cluster name (kind cluster name, local cluster name)" },
  { env: "KUBECUKE_REUSE", section: "cluster", default: "0", flag: "--reuse", profile: "reuse", boolean: true, readme: true,
    meaning: "use the stable name `kubecuke`: create it if missing, keep it for the next run" },
  { env: "KUBECUKE_KEEP_CLUSTER", section: "cluster", default: "0", flag: "--keep-cluster", profile: "keep", boolean: true, readme: true,
    meaning: "do not delete the cluster this run created" },
  { env: "KUBECUKE_RUN_ID", section: "cluster", default: "time + random, e.g. `20250301-142233-9f3a`", flag: "--run-id",
    meaning: "labels the run's namespaces (`kubecuke.io/run`) and names its directory; the runner passes it to cucumber" },
  { env: "KUBECUKE_RUN_DIR", section: "cluster", default: "`.kubecuke/runs/<run id>` (`.kubecuke/clusters/<name>` for `cluster:*`)", flag: "--run-dir",
    meaning: "the run's files: kubeconfig copy, provider state (git-ignored)" },
  { env: "KUBECUKE_IMAGES", section: "cluster", default: "", flag: "--images", profile: "images", readme: true,
    meaning: "the team's images, put into the cluster before the first scenario (and by `kubecuke images load`): a comma-separated list of image archives (`docker save` tars, OCI image layout tars, plain or gzipped; paths relative to the directory the run starts in), each image in it tagged; for kind also image names from the local Docker (saved with `docker save --platform`). local imports them into its containerd; existing refuses (its images come from a registry). docs/own-steps.md#your-images" },
  { env: "KUBECUKE_CACHE", section: "cluster", default: "`~/.cache/kubecuke`", readme: true,
    meaning: "where built Kubernetes/CoreDNS binaries and test image archives are cached" },
  { env: "KUBECUKE_KIND_CONFIG", section: "kind", default: "", flag: "--kind-config", profile: "kindConfig",
    meaning: "kind config file (`kind create cluster --config`)" },
  { env: "KUBECUKE_KIND_IMAGE", section: "kind", default: "kind's own", flag: "--kind-image", profile: "kindImage",
    meaning: "kind node image (`kind create cluster --image`), i.e. the Kubernetes version" },
  { env: "KUBECUKE_KIND_BINARY", section: "kind", default: "`kind` from PATH",
    meaning: "the kind executable to run" },
  { env: "KUBECUKE_EXISTING_KUBECONFIG", section: "existing", default: "`KUBECUKE_KUBECONFIG`", flag: "--existing-kubeconfig", profile: "existingKubeconfig",
    meaning: "kubeconfig of the existing cluster (required with `existing`)" },
  { env: "KUBECUKE_EXISTING_CONTEXT", section: "existing", default: "`KUBECUKE_CONTEXT`", flag: "--existing-context", profile: "existingContext",
    meaning: "context in it (required: the current context is never assumed)" },
  { env: "KUBECUKE_K8S_VERSION", section: "local", default: `\`${PINS.kubernetes}\``, readme: true,
    meaning: "Kubernetes version the local provider builds and runs" },
  { env: "KUBECUKE_COREDNS_VERSION", section: "local", default: `\`${PINS.coredns}\``,
    meaning: "CoreDNS version the local provider builds and runs" },
  { env: "KUBECUKE_LOCAL_ROOT", section: "local", default: "`/var/lib/kubecuke`",
    meaning: "parent of the local clusters' directories (certificates, configs, logs, etcd data)" },
  { env: "KUBECUKE_WORKERS", section: "scenarios", default: "1 for `kubecuke run` (`npm run scenarios` in kubecuke's own checkout), 4 inside kubecuke's self-test (`npm test` in its checkout)", readme: true,
    meaning: "parallel cucumber workers; scenarios are isolated by namespace" },
  { env: "KUBECUKE_KEEP_FAILED", section: "scenarios", default: "0", boolean: true, readme: true,
    meaning: "keep the namespace of a failed scenario for debugging" },
  { env: "KUBECUKE_FAIL_FAST", section: "scenarios", default: "1", boolean: true, readme: true,
    meaning: "Ready, Running and rollout waits end at once (a `CannotHappenError` naming the container, the reason and the Pod's events) when a Pod will not come up by itself: a container in `CrashLoopBackOff` after `KUBECUKE_FAIL_FAST_RESTARTS` restarts, an image that cannot be pulled (`ErrImagePull`, `ImagePullBackOff`, `ErrImageNeverPull`, `InvalidImageName`), a Pod unschedulable for `KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS`; `0`: those waits run to their limit (a cluster autoscaler or a registry that comes back may still help). Config errors no one mends (`CreateContainerConfigError`, `CreateContainerError`, `RunContainerError`, `ImageInspectError`) and a finished Pod end a wait either way (docs/assertions.md)" },
  { env: "KUBECUKE_FAIL_FAST_RESTARTS", section: "scenarios", default: "3",
    meaning: "with `KUBECUKE_FAIL_FAST`: the restarts after which a container waiting in `CrashLoopBackOff` ends a wait (a whole number, 1 or more)" },
  { env: "KUBECUKE_FAIL_FAST_UNSCHEDULABLE_SECONDS", section: "scenarios", default: "15",
    meaning: "with `KUBECUKE_FAIL_FAST`: how long a Pod may stay unschedulable (`PodScheduled=False`, `Unschedulable`, counted from the condition's last transition) before it ends a wait; times `KUBECUKE_TIMEOUT_SCALE` (a positive number of seconds)" },
  { env: "KUBECUKE_KUBECTL", section: "scenarios", default: "`kubectl` from PATH (the runner puts the server-matched one first)",
    meaning: "the kubectl that literal `kubectl …` steps run" },
  { env: "KUBECUKE_SETUP_FILE", section: "scenarios", default: "`kubecuke.setup.yaml`",
    meaning: "the suite setup file: what is installed once per run for scenarios tagged `@setup:<name>` (docs/setup.md)" },
  { env: "KUBECUKE_REPORTS_DIR", section: "reports", default: "`reports`",
    meaning: "where `kubecuke run` (`npm run scenarios` in kubecuke's own checkout) and cucumber write results, reports and history" },
  { env: "KUBECUKE_REPORT_SINGLE_FILE", section: "reports", default: "0", boolean: true, readme: true,
    meaning: "`kubecuke run` (`npm run scenarios` in kubecuke's own checkout) writes a single-file Allure report" },
  { env: "KUBECUKE_REPORT_IN_BACKGROUND", section: "reports", default: "auto", readme: true,
    meaning: "`1`: `kubecuke run` (`npm run scenarios` in kubecuke's own checkout) does not wait for the Allure report: a background process generates it after the run ends (its log: `<reports>/report.log`); `0`: the run waits for it; `auto`: background when the run's terminal is interactive (stderr is a TTY) and `CI` is not set, else wait" },
  { env: "KUBECUKE_CLEANUP_IN_BACKGROUND", section: "scenarios", default: "auto", readme: true,
    meaning: "who waits for the run's namespaces to be gone, on a cluster that stays up. The run always deletes everything in them and awaits that (what will not go is named); the namespaces themselves go after Kubernetes' fixed 5 s. `1`: on a cluster kubecuke started (local, kind with reuse/keep), a background process waits for them and names any that stay in `<reports>/cleanup.log`; `0`: the run waits; `auto`: `1` at a terminal outside CI, otherwise nobody: the run returns, and a later run on this machine names any namespace of it still there after the `cleanup` limit. On an existing cluster `1` and `auto` start no background process (the later run names what stays); after an interrupt and under kubecuke's self-test (`npm test` in its checkout) the run waits; a run whose cluster goes down at its end has nothing to wait for" },
  { env: "KUBECUKE_REPORT_NAME", section: "reports", default: "`kubecuke acceptance tests`",
    meaning: "title of the Allure report" },
  { env: "KUBECUKE_REPORT_HISTORY", section: "reports", default: "`reports/history/history.jsonl`",
    meaning: "the Allure history file (trends)" },
  { env: "KUBECUKE_REPORT_APPEND_HISTORY", section: "reports", default: "1", boolean: true,
    meaning: "add this rendering to the history (0 for a second rendering of the same run)" },
  { env: "KUBECUKE_ISSUE_URL", section: "reports", default: "", readme: true,
    meaning: "URL pattern (`…/%s`) that makes `@issue:N` tags clickable links in the report" },
  { env: "KUBECUKE_TMS_URL", section: "reports", default: "", readme: true,
    meaning: "URL pattern (`…/%s`) that makes `@tms:ID` tags clickable links in the report" },
  { env: "KUBECUKE_DOCS_URL", section: "reports", default: "",
    meaning: "where the living documentation (`<reports>/docs`) is published, e.g. `https://ci.example.com/job/42/reports/docs/`: each Allure test's \"documentation\" link then points there and is clickable; without it the link is the relative `../docs/<page>.html#<scenario>`, which the Allure report shows as text (it makes only http(s) links clickable)" },
  { env: "KUBECUKE_KUBECONFIG", section: "runner to cucumber", default: "set by the runner",
    meaning: "admin kubeconfig of the run's cluster; set it yourself to run `npx cucumber-js` by hand (also the fallback of `KUBECUKE_EXISTING_KUBECONFIG`)" },
  { env: "KUBECUKE_CONTEXT", section: "runner to cucumber", default: "set by the runner",
    meaning: "context in `KUBECUKE_KUBECONFIG` (also the fallback of `KUBECUKE_EXISTING_CONTEXT`)" },
  { env: "KUBECUKE_SCENARIO_READ_ROLE", section: "runner to cucumber", default: "set by the runner (`kubecuke-scenario-read-<run id>`)",
    meaning: "the ClusterRole, and the ClusterRoleBinding to it of the same name, through which a scenario's ServiceAccount reads the cluster (get/list/watch on every kind served at the run's start but Secrets); the runner makes both for its run, each scenario adds itself to the binding, and the runner deletes both at the end. Unset (cucumber started by hand): a scenario reads only its own namespace" },
  { env: "KUBECUKE_RUNNER_PID", section: "runner to cucumber", default: "set by the runner",
    meaning: "pid of the runner that owns the run: annotated on scenario namespaces, so a later run on this machine sweeps them if that runner is gone" },
  { env: "KUBECUKE_DURATIONS", section: "runner to cucumber", default: "set by the runner",
    meaning: "a `durations.json` of earlier runs: cucumber's workers get the longest scenarios first (`steps/support/longest-first.mjs`); the runner sets it with several workers and no `--order` of yours" },
  { env: "KUBECUKE_TIMEOUT_SCALE", section: "timeouts", default: "1", readme: true,
    meaning: `multiplies every time limit, for slow clusters (e.g. 3 for kind in CI): each operation's own (${OPERATION_DEFAULTS}), every step's "within N seconds" and its deadline; a positive number, shown in the report's environment` },
  { env: "KUBECUKE_TEST_PHASES", section: "project tests", default: "all",
    meaning: "comma-separated phase names kubecuke's self-test (`npm test` in its checkout) runs (e.g. `typecheck,unit tests`)" },
  { env: "KUBECUKE_CHROMIUM", section: "project tests", default: "`/usr/bin/chromium`",
    meaning: "the browser the report test drives" },
] as const satisfies readonly SettingSpec[];

export type SettingName = (typeof SETTINGS)[number]["env"];

export const SECTION_ORDER: readonly SettingSection[] = ["cluster", "kind", "existing", "local", "scenarios", "reports", "runner to cucumber", "timeouts", "project tests"];
