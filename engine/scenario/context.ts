// One scenario's world on the cluster: its namespace, its kubeconfig (context pointing at the
// namespace), a working directory for manifests, the cleanup stack and the watch timeline.
// Applying (and what the scenario owns) is apply.ts's; the namespace's watches are recorder.ts's.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeError, HarnessError } from "../errors.ts";
import { applyObjects, deleteExactObject, refText, type ObjectRef } from "../kube/apply.ts";
import { makeClients, type KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { runKubectl, type KubectlResult } from "../kube/kubectl.ts";
import type { KubeObject } from "../kube/object.ts";
import { Timeline } from "../wait/timeline.ts";
import { waitFor } from "../wait/wait-for.ts";
import { CleanupStack, type CleanupRecord, type CleanupResult } from "./cleanup.ts";
import type { CreationFlow } from "./flow.ts";
import { namespaceFor } from "./naming.ts";
import { minifyKubeconfig } from "../kube/kubeconfig.ts";
import { KEPT_LABEL, ownedNamespaceLabels } from "../kube/labels.ts";
import { ownerAnnotations } from "../run/owner.ts";
import { NamespaceRecorder } from "./recorder.ts";
import type { ReplicaObservation } from "../wait/replica-history.ts";
import { secondsText } from "../seconds.ts";
import { expand, type Expansion, type VariableSource } from "./variables.ts";
import { createScopedIdentity, forbiddenHint, refuseOtherCredentials } from "./scope.ts";
import { ownershipLabels } from "./ownership.ts";
import { Applier, type AppliedManifest, type StagedObject } from "./apply.ts";
import { secretFromEnvironment } from "./secrets.ts";
import type { ScenarioOptions } from "./options.ts";

export type { ScenarioOptions } from "./options.ts";


export class ScenarioContext {
  readonly timeline = new Timeline();
  readonly cleanup = new CleanupStack();
  private recorder?: NamespaceRecorder;
  /** What the scenario applies and created (apply.ts). */
  private readonly applier: Applier;
  private namespaceUid = "";
  /** Values saved by steps, for `${name}` in later steps. */
  readonly saved = new Map<string, string>();

  readonly options: ScenarioOptions;
  readonly namespace: string;
  /** Working directory of literal kubectl commands; holds the scenario kubeconfig. */
  readonly dir: string;
  readonly kubeconfigPath: string;
  readonly admin: KubeClients;
  /** The scenario's own clients (scope.ts), set once its identity exists. */
  private scoped?: KubeClients;
  /** How long the scoped identity took to make (ServiceAccount, bindings, token, authorization), ms. */
  identityMs = 0;

  // Fields assigned by hand, not parameter properties: Node's type stripping cannot run those.
  private constructor(options: ScenarioOptions, namespace: string, dir: string, kubeconfigPath: string, admin: KubeClients) {
    this.options = options;
    this.namespace = namespace;
    this.dir = dir;
    this.kubeconfigPath = kubeconfigPath;
    this.admin = admin;
    this.applier = new Applier(this);
  }

  /** What kubectl and the steps act as: the scenario's ServiceAccount, or the admin under @allow-shared-changes. */
  get clients(): KubeClients {
    if (!this.scoped) throw new HarnessError("the scenario's clients are used before its identity exists");
    return this.scoped;
  }

  /** Whether the scenario acts as its own ServiceAccount (not @allow-shared-changes). */
  get scopedIdentity(): boolean {
    return this.options.allowSharedChanges !== true;
  }

  static async create(opts: ScenarioOptions): Promise<ScenarioContext> {
    const namespace = namespaceFor(opts.scenarioName);
    const admin = makeClients(opts.adminKubeconfigPath, opts.context, opts.timeouts);
    const dir = await mkdtemp(path.join(opts.scratchDir ?? tmpdir(), `kubecuke-${namespace}-`));
    const ctx = new ScenarioContext(opts, namespace, dir, path.join(dir, "kubeconfig"), admin);
    await ctx.createNamespace();
    return ctx;
  }

  /**
   * The scenario's kubeconfig (its context in the scenario namespace) and clients: its own
   * ServiceAccount's token, or under @allow-shared-changes a copy of the admin's.
   */
  private async makeIdentity(): Promise<void> {
    const started = Date.now();
    const { text } = minifyKubeconfig(await readFile(this.options.adminKubeconfigPath, "utf8"), this.options.context, this.options.adminKubeconfigPath, { namespace: this.namespace });
    let kubeconfig = text;
    if (this.scopedIdentity) {
      const input = {
        namespace: this.namespace,
        namespaceUid: this.namespaceUid,
        readBinding: this.options.readBinding,
        labels: ownershipLabels(this.namespace, this.runId),
        annotations: this.options.owner ? ownerAnnotations(this.options.owner) : {},
      };
      kubeconfig = (await createScopedIdentity(this.admin, input, text)).kubeconfig;
    }
    // credentials (a token, or the admin's): owner-only, like the admin's own file
    await writeFile(this.kubeconfigPath, kubeconfig, { mode: 0o600 });
    this.scoped = makeClients(this.kubeconfigPath, undefined, this.options.timeouts);
    this.identityMs = Date.now() - started;
  }

  /** How to reach a kept namespace after the run (the scenario's own kubeconfig goes with the run's scratch directory). */
  keptHint(): string {
    const context = this.options.context ? ` --context ${this.options.context}` : "";
    return `kubectl --kubeconfig ${this.options.adminKubeconfigPath}${context} -n ${this.namespace} get all; delete it with kubectl --kubeconfig ${this.options.adminKubeconfigPath}${context} delete namespace ${this.namespace}`;
  }

  /** The scenario namespace as the harness applies it (server-side apply: a second apply must repeat every field it owns). */
  private namespaceObject(extraLabels: Record<string, string> = {}): KubeObject {
    const annotations = this.options.owner ? ownerAnnotations(this.options.owner) : undefined;
    return { apiVersion: "v1", kind: "Namespace", metadata: { name: this.namespace, labels: { ...ownedNamespaceLabels(this.options.runId), ...extraLabels }, ...(annotations ? { annotations } : {}) } };
  }

  private async createNamespace(): Promise<void> {
    const [created] = await applyObjects(this.admin, [this.namespaceObject()]);
    this.namespaceUid = created?.metadata?.uid ?? "";
    this.timeline.record({ type: "STEP", kind: "Namespace", namespace: this.namespace, name: this.namespace, summary: "created the scenario namespace" });
    // the harness's own observer: admin, like the diagnostics
    this.recorder = new NamespaceRecorder(this.admin, this.namespace, this.timeline);
    // Pods are refused until the namespace's default ServiceAccount exists; the recorder connects and the identity is made meanwhile
    const saWaitMs = this.admin.timeouts.apply;
    await Promise.all([
      this.recorder.start(),
      this.makeIdentity(),
      waitFor(this.admin, {
        operation: "create",
        object: `Namespace/${this.namespace}`,
        expected: `ServiceAccount "default" created by the controller manager within ${secondsText(saWaitMs)}`,
        target: { apiVersion: "v1", kind: "ServiceAccount", namespace: this.namespace, fieldSelector: "metadata.name=default" },
        timeoutMs: saWaitMs,
        evaluate: (objs) => (objs.has("default") ? { done: true } : undefined),
        lastSeen: () => "none",
        eventsOf: { namespace: this.namespace, kind: "Namespace", name: this.namespace },
      }),
    ]);
  }

  /** A manifest file (fixtures/manifests first) rebased and written into the scenario directory, `${...}` filled in, not applied. */
  stageFile(name: string): Promise<{ objects: StagedObject[]; yaml: string; shown: string }> {
    return this.applier.stageFile(name);
  }

  /** Apply a manifest file (fixtures/manifests first) into the scenario, under the ownership rules (apply.ts). */
  async applyFile(name: string): Promise<AppliedManifest> {
    const staged = await this.applier.stageFile(name);
    return this.applier.apply(staged.objects, staged.yaml, staged.shown);
  }

  /** Apply YAML (a doc string) into the scenario, under the ownership rules. */
  async applyText(text: string): Promise<AppliedManifest> {
    const staged = await this.applier.stage(text, "doc string", "doc-string.yaml");
    return this.applier.apply(staged.objects, staged.yaml, "doc string");
  }

  /** What `${...}` may name in this scenario. */
  variables(): VariableSource {
    return { builtins: { namespace: this.namespace, scenario: this.options.scenarioName, run: this.runId ?? "" }, saved: this.saved, env: this.options.inputs ?? {} };
  }

  expand(text: string, where: string): Expansion {
    return expand(text, this.variables(), where);
  }

  /**
   * A Secret whose values come from environment variables (or are generated), applied in the
   * scenario's namespace (secrets.ts). Resolves to the keys with where each value came from.
   */
  async createSecretFromEnvironment(name: string, entries: Array<{ key: string; variable: string }>, where: string): Promise<string[]> {
    const { object, origin } = secretFromEnvironment(this.namespace, name, entries, this.options.inputs ?? {}, where);
    await this.applier.apply([{ object, line: 1, namespaced: true }], "", where);
    return origin;
  }

  /** Whether this scenario created the object with this UID (it may delete it; nothing else outside its namespace). */
  createdByScenario(uid: string): boolean {
    return this.applier.created(uid);
  }

  private get runId(): string | undefined {
    return this.options.runId;
  }

  /**
   * A literal kubectl command, as the scenario's identity. When the API server refuses it for
   * that identity, stderr gets a `[kubecuke] …` note naming the command and the opt-in; the exit
   * code stays kubectl's, for the scenario to check.
   */
  async kubectl(commandLine: string, input?: string): Promise<KubectlResult> {
    if (this.scopedIdentity) refuseOtherCredentials(commandLine);
    const r = await runKubectl(commandLine, { kubeconfigPath: this.kubeconfigPath, cwd: this.dir, input, bin: this.options.kubectl, timeoutMs: this.clients.timeouts.kubectl });
    const hint = this.scopedIdentity ? forbiddenHint(commandLine, r.stderr, this.namespace, r.exitCode) : undefined;
    if (hint) r.stderr = `${r.stderr.replace(/\n?$/, "\n")}${hint}\n`;
    this.timeline.record({ type: "STEP", kind: "kubectl", namespace: this.namespace, name: r.args[0] ?? "", summary: `${commandLine} → exit ${r.exitCode}` });
    return r;
  }

  /** What the scenario's watch saw of a Pod, including the version stored now. */
  async flowOf(pod: string): Promise<CreationFlow> {
    if (!this.recorder) return { pod, observations: [], events: [] };
    await this.recorder.catchUp(this.clients, "Pod", pod, "creation flow");
    return this.recorder.flowOf(pod);
  }

  /** Every version of a Deployment the scenario's watch saw, up to the one stored now. */
  async replicaHistoryOf(deployment: string): Promise<readonly ReplicaObservation[]> {
    if (!this.recorder) return [];
    await this.recorder.catchUp(this.clients, "Deployment", deployment, "ready replicas over the scenario");
    return this.recorder.replicaHistoryOf(deployment);
  }

  /** Stops watching and leaves the namespace and everything else as they are, as a killed process would (no cleanup, no label). */
  abandon(): void {
    this.recorder?.stop();
  }

  /**
   * After the scenario: stop watching; unless kept, run the cleanup stack, then delete the
   * namespace. Not awaited here: Kubernetes' namespace controller waits a fixed 5 s before it
   * even starts on a deleted namespace, so each scenario would pay 5 s; the runner empties the
   * run's namespaces at its end (engine/run/sweep.ts endRun) and names anything that stays.
   * Never throws.
   */
  async finish(keep: boolean): Promise<{ kept: boolean; records: CleanupRecord[] }> {
    this.recorder?.stop();
    if (keep) {
      // labelled, so neither this run's end nor a later run's start sweeps it
      const labelled = await applyObjects(this.admin, [this.namespaceObject({ [KEPT_LABEL]: "true" })]).then(() => "", (err: unknown) => `; could not label it ${KEPT_LABEL}, so the run's end deletes it: ${describeError(err)}`);
      this.timeline.record({ type: "STEP", kind: "Namespace", namespace: this.namespace, name: this.namespace, summary: `kept for debugging: ${this.keptHint()}${labelled}` });
      return { kept: !labelled, records: [] };
    }
    const nsRef = { apiVersion: "v1", kind: "Namespace", name: this.namespace };
    const stack = new CleanupStack();
    stack.push({ what: refText(nsRef), run: () => this.deleteNamespace(nsRef) });
    const record = (r: CleanupRecord): void =>
      this.timeline.record({ type: "STEP", kind: "cleanup", namespace: this.namespace, name: r.what, summary: `${r.outcome}${r.detail ? `: ${r.detail}` : ""} (${r.ms} ms)` });
    const records = [...(await this.cleanup.runAll(record)), ...(await stack.runAll(record))];
    await rm(this.dir, { recursive: true, force: true });
    return { kept: false, records };
  }

  /**
   * The namespace goes with everything in it. Its Pods are deleted at once (grace period 0):
   * otherwise each would hold the namespace for its own grace period (30 s by default, all of
   * it for a process that ignores SIGTERM, like `sleep` as PID 1). Deleting the namespace
   * first stops controllers from making new Pods in it.
   */
  private async deleteNamespace(nsRef: ObjectRef): Promise<CleanupResult> {
    const outcome = await deleteExactObject(this.admin, nsRef, this.namespaceUid);
    if (outcome === "replaced by another object") return { outcome: "left alone", detail: "a same-named namespace with another UID is not this scenario's" };
    if (outcome === "already gone") return { outcome };
    await withDeadline("delete", `Pods in Namespace/${this.namespace}`, this.admin.timeouts.delete, () =>
      this.admin.core.deleteCollectionNamespacedPod({ namespace: this.namespace, gracePeriodSeconds: 0 }),
    ).catch(() => undefined); // the namespace controller deletes them anyway, only slower
    return { outcome, detail: "its Pods at once; the run's end empties it and names anything that stays" };
  }
}
