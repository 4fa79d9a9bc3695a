// What a scenario is made with (hooks.ts fills it from the settings and the scenario's tags).
import type { OperationTimeouts } from "../kube/deadline.ts";

export interface ScenarioOptions {
  adminKubeconfigPath: string;
  context?: string;
  scenarioName: string;
  /** Tag @keep-namespace: manifests keep `namespace: default`. */
  keepManifestNamespace?: boolean;
  /** Where manifest names are looked up first. */
  fixturesDir?: string;
  /** Labels the namespace kubecuke.io/run=<id> so the provider's down finds this run's leftovers. */
  runId?: string;
  /** Tag @allow-shared-changes: objects the run did not create may be changed; they are restored afterwards. */
  allowSharedChanges?: boolean;
  /** kubectl binary for literal commands (KUBECUKE_KUBECTL); default "kubectl" from PATH. */
  kubectl?: string;
  /** Environment variables the scenario may name (${env:NAME}, Secrets from the environment); default none. */
  inputs?: Readonly<Record<string, string | undefined>>;
  /** Each operation's limit, scaled (timeoutSettings().operations); default engine/kube/deadline.ts's, unscaled. */
  timeouts?: OperationTimeouts;
  /** The runner that owns this run (annotated on the namespace, so a later run can sweep it if the runner dies). */
  owner?: { host: string; pid: number };
  /** Where the scenario's temporary directory goes (the run's scratch directory); default the system's tmpdir. */
  scratchDir?: string;
  /** Aborted when the run is interrupted: a multi-object apply stops between objects. */
  stop?: AbortSignal;
  /**
   * The run's ClusterRoleBinding to its read role (engine/run/scope-role.ts), which the scenario's
   * ServiceAccount joins to read the cluster; none (cucumber started by hand): it reads only its
   * namespace. Not used under @allow-shared-changes, whose scenario acts as the admin.
   */
  readBinding?: string;
}
