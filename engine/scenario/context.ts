// One scenario's world on the cluster: its namespace, its kubeconfig (context pointing at the
// namespace), a working directory for manifests, the cleanup stack and the watch timeline.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { BadInputError, describeError, HarnessError, TimeoutError } from "../errors.ts";
import { applyObject, applyObjects, deleteExactObject, findObject, refFromObject, refText, scopeOf, type ObjectRef } from "../kube/apply.ts";
import { makeClients, type KubeClients } from "../kube/client.ts";
import { secondsText, withDeadline, type OperationTimeouts } from "../kube/deadline.ts";
import { runKubectl, type KubectlResult } from "../kube/kubectl.ts";
import { resourceVersionOf } from "../kube/objects.ts";
import { parseManifestDocuments, rebaseNamespace, scopeFromCrds } from "../kube/manifest.ts";
import type { KubeObject } from "../kube/object.ts";
import { wasCreated } from "../kube/raw-api.ts";
import { Timeline } from "../wait/timeline.ts";
import { watchUntil } from "../wait/watch.ts";
import { deleteAndWait } from "../wait/gone.ts";
import { isNotFound } from "../kube/errors.ts";
import { CleanupStack, type CleanupRecord, type CleanupResult } from "./cleanup.ts";
import type { CreationFlow } from "./flow.ts";
import { namespaceFor } from "./naming.ts";
import { minifyKubeconfig } from "../kube/kubeconfig.ts";
import { KEPT_LABEL, ownedNamespaceLabels } from "../kube/labels.ts";
import { ownerAnnotations } from "../run/owner.ts";
import { NamespaceRecorder } from "./recorder.ts";
import type { ReplicaObservation } from "../wait/replica-history.ts";
import { registerSecretValue } from "../report/redact.ts";
import { expand, type Expansion, type VariableSource } from "./variables.ts";
import { resolveManifestPath } from "./manifest-path.ts";
import { randomBytes } from "node:crypto";
import { createScopedIdentity, forbiddenHint, refuseOtherCredentials } from "./scope.ts";
import { decideApply, describeTarget, ownershipLabels, recreateBody, restoreBody, withOwnershipLabels, type AllowedApply } from "./ownership.ts";

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

/** One object of a manifest, moved into the scenario's namespace when namespaced. */
export interface StagedObject {
  object: KubeObject;
  /** Line where its document starts, for messages. */
  line: number;
  namespaced: boolean;
}

export interface AppliedManifest {
  /** Path as the user named it, for messages. */
  source: string;
  /** YAML as sent, after rebasing. */
  yaml: string;
  applied: KubeObject[];
}

export class ScenarioContext {
  readonly timeline = new Timeline();
  readonly cleanup = new CleanupStack();
  private recorder?: NamespaceRecorder;
  /** UIDs of the objects this scenario created (from the create responses): the only ones cleanup deletes. */
  private readonly createdUids = new Set<string>();
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
      watchUntil(this.admin, { apiVersion: "v1", kind: "ServiceAccount", namespace: this.namespace, fieldSelector: "metadata.name=default" }, {
        timeoutMs: saWaitMs,
        evaluate: (objs) => (objs.has("default") ? { done: true } : undefined),
      }).catch((cause: unknown) => {
        throw new TimeoutError(`create Namespace/${this.namespace}: expected ServiceAccount "default" to be created by the controller manager, last saw none (after ${secondsText(saWaitMs)} s)`, { operation: "create", object: `Namespace/${this.namespace}`, elapsedMs: saWaitMs }, { cause });
      }),
    ]);
  }

  /** Resolve a manifest name: fixtures/manifests first, then the working directory. */
  resolveManifest(name: string): { abs: string; shown: string } {
    return resolveManifestPath(name, this.options.fixturesDir);
  }

  /** Parse, rebase and write a manifest into the scenario directory (so `kubectl -f <basename>` finds it). */
  async stageManifest(text: string, source: string, fileName: string): Promise<{ objects: StagedObject[]; yaml: string }> {
    const objects: StagedObject[] = [];
    const docs = parseManifestDocuments(text, source);
    for (const doc of docs) {
      const namespaced = await this.isNamespaced(doc.object, docs.map((d) => d.object));
      objects.push({ object: rebaseNamespace(doc.object, this.namespace, this.options.keepManifestNamespace === true, namespaced), line: doc.line, namespaced });
    }
    const yaml = objects.map((o) => toYaml(o.object)).join("---\n");
    await writeFile(path.join(this.dir, path.basename(fileName)), yaml);
    return { objects, yaml };
  }

  /**
   * Scope from discovery. A kind the cluster does not serve yet takes the scope a CRD of the same
   * manifest gives it, else is staged as namespaced (every built-in cluster-scoped kind is
   * served), so a literal `kubectl apply -f` (or our apply) can fail on it with its own message.
   */
  private async isNamespaced(obj: KubeObject, manifest: readonly KubeObject[]): Promise<boolean> {
    try {
      return (await scopeOf(this.clients, obj.apiVersion ?? "v1", obj.kind ?? "", "stage")).namespaced;
    } catch (err) {
      if (err instanceof BadInputError) return scopeFromCrds(manifest, obj.apiVersion ?? "v1", obj.kind ?? "") ?? true;
      throw err;
    }
  }

  async stageFile(name: string): Promise<{ objects: StagedObject[]; yaml: string; shown: string }> {
    const { abs, shown } = this.resolveManifest(name);
    let text: string;
    try {
      text = await readFile(abs, "utf8");
    } catch (cause) {
      throw new BadInputError(`read manifest ${shown}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}. Put it under fixtures/manifests/ or give a path from the repository root.`, { operation: "read", object: shown }, { cause });
    }
    // files get ${...} filled in here; doc strings already were, as step arguments
    return { ...(await this.stageManifest(this.expand(text, shown).text, shown, abs)), shown };
  }

  async applyFile(name: string): Promise<AppliedManifest> {
    const staged = await this.stageFile(name);
    return this.applyStaged(staged.objects, staged.yaml, staged.shown);
  }

  async applyText(text: string): Promise<AppliedManifest> {
    const staged = await this.stageManifest(text, "doc string", "doc-string.yaml");
    return this.applyStaged(staged.objects, staged.yaml, "doc string");
  }

  /**
   * Every object is judged before any is applied (ownership.ts), so a refused object stops the
   * whole manifest before anything changes. What the apply creates is registered for cleanup by
   * its UID; a pre-existing object changed under @allow-shared-changes is saved for restoring.
   */
  private async applyStaged(objects: StagedObject[], yaml: string, source: string): Promise<AppliedManifest> {
    const plans: Array<{ staged: StagedObject; ref: ObjectRef; decision: AllowedApply; existing?: KubeObject; inside: boolean }> = [];
    for (const staged of objects) {
      const ref = refFromObject(staged.object);
      if (!staged.namespaced) delete ref.namespace;
      const inside = staged.namespaced && ref.namespace === this.namespace;
      // outside the namespace: the ownership rules below decide, and the admin applies what they allow
      const existing = inside || !ref.name ? undefined : await findObject(this.admin, ref);
      const decision = decideApply({
        target: { kind: ref.kind, namespace: ref.namespace, name: ref.name },
        scenarioNamespace: this.namespace,
        existing,
        createdUids: this.createdUids,
        runId: this.runId,
        allowSharedChanges: this.options.allowSharedChanges === true,
      });
      if (decision.action === "refuse") {
        throw new BadInputError(`apply ${source}:${staged.line}: ${decision.message}`, { operation: "apply", object: refText(ref) });
      }
      plans.push({ staged, ref, decision, existing, inside });
    }
    const applied: KubeObject[] = [];
    for (const { staged, ref, decision, existing, inside } of plans) {
      // interrupted (Ctrl-C): apply nothing more; what was applied is cleaned up
      this.options.stop?.throwIfAborted();
      const ours = decision.action === "create" || (decision.action === "apply" && decision.why !== "scenario namespace");
      const body = ours ? withOwnershipLabels(staged.object, ownershipLabels(this.namespace, this.runId)) : staged.object;
      if (decision.action === "apply-and-restore" && existing) this.registerRestore(ref, existing);
      const obj = await applyObject(inside ? this.clients : this.admin, body);
      const uid = obj.metadata?.uid ?? "";
      if (wasCreated(obj)) {
        this.createdUids.add(uid);
        // inside the scenario namespace, the namespace's deletion takes it (one DELETE for all)
        if (decision.action !== "apply") this.registerDelete(ref, uid);
      } else if (decision.action === "create") {
        // someone created it between our read and our apply: it is not ours to delete
        throw new BadInputError(
          `apply ${source}:${staged.line}: ${describeTarget({ ...ref })} was created by someone else while this step ran; kubecuke applied over it and will not delete it. Use a name nobody else uses.`,
          { operation: "apply", object: refText(ref) },
        );
      }
      applied.push(obj);
      const where = decision.why === "scenario namespace" ? "" : ` (${decision.why === "new object" ? "created outside the scenario namespace; deleted after the scenario" : decision.why})`;
      this.timeline.record({ type: "STEP", kind: obj.kind ?? "", namespace: obj.metadata?.namespace ?? "", name: obj.metadata?.name ?? "", summary: `applied from ${source}${where}` });
    }
    return { source, yaml, applied };
  }

  /** What `${...}` may name in this scenario. */
  variables(): VariableSource {
    return { builtins: { namespace: this.namespace, scenario: this.options.scenarioName, run: this.runId ?? "" }, saved: this.saved, env: this.options.inputs ?? {} };
  }

  expand(text: string, where: string): Expansion {
    return expand(text, this.variables(), where);
  }

  /**
   * A Secret whose values come from environment variables (or are generated): the values are
   * registered for redaction before anything is sent or written, and never leave this process
   * except to the API server. Resolves to the keys with where each value came from.
   */
  async createSecretFromEnvironment(name: string, entries: Array<{ key: string; variable: string }>, where: string): Promise<string[]> {
    const stringData: Record<string, string> = {};
    const origin: string[] = [];
    for (const { key, variable } of entries) {
      let value: string;
      if (variable === "(generated)") {
        value = randomBytes(18).toString("base64url");
        origin.push(`${key}: generated (24 characters)`);
      } else {
        const v = this.options.inputs?.[variable];
        if (v === undefined || v === "") {
          throw new BadInputError(`${where}: environment variable ${variable} (for key "${key}" of Secret ${name}) is not set. Set it before the run, e.g. ${variable}=… npm run scenarios`, { object: `Secret/${this.namespace}/${name}` });
        }
        if (v.length < 6) {
          throw new BadInputError(`${where}: the value of ${variable} is shorter than 6 characters: too short to redact from reports without mangling them. Use a longer value.`, { object: `Secret/${this.namespace}/${name}` });
        }
        value = v;
        origin.push(`${key}: from $${variable}`);
      }
      registerSecretValue(value);
      stringData[key] = value;
    }
    const object: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: this.namespace }, type: "Opaque", stringData };
    await this.applyStaged([{ object, line: 1, namespaced: true }], "", where);
    return origin;
  }

  /** Whether this scenario created the object with this UID (it may delete it; nothing else outside its namespace). */
  createdByScenario(uid: string): boolean {
    return this.createdUids.has(uid);
  }

  private get runId(): string | undefined {
    return this.options.runId;
  }

  /** Delete after the scenario, and wait for, exactly the object this scenario created outside its namespace (UID precondition). */
  private registerDelete(ref: ObjectRef, uid: string): void {
    this.cleanup.push({
      what: `${refText(ref)} (outside the scenario namespace)`,
      critical: true,
      run: async (): Promise<CleanupResult> => {
        const outcome = await deleteAndWait(this.admin, ref, uid, this.admin.timeouts.cleanup);
        if (outcome === "replaced by another object") return { outcome: "left alone", detail: `a same-named object with another UID is not this scenario's` };
        return { outcome };
      },
    });
  }

  /** Save a pre-existing object's state (once) and put it back after the scenario. */
  private registerRestore(ref: ObjectRef, saved: KubeObject): void {
    this.cleanup.push({
      what: `${refText(ref)} (not created by this run: restore resourceVersion ${String(saved.metadata?.resourceVersion)})`,
      critical: true,
      // the whole restore (a read, two PUTs or a create) within the cleanup limit of one object
      run: () =>
        withDeadline("restore", refText(ref), this.admin.timeouts.cleanup, async (): Promise<CleanupResult> => {
          const current = await findObject(this.admin, ref);
          if (!current) {
            await this.admin.objects.createRaw(recreateBody(saved));
            return { outcome: "re-created", detail: "it had been deleted; created again from the saved state (new UID)" };
          }
          const restored = await this.admin.objects.replaceRaw(restoreBody(saved, String(current.metadata?.resourceVersion ?? "")));
          // the PUT's own change is recorded as ours; a second PUT that changes nothing else puts the saved field owners back
          await this.admin.objects.replaceRaw(restoreBody(saved, String(restored.metadata?.resourceVersion ?? "")));
          return { outcome: "restored" };
        }),
    });
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
    await this.catchUp(this.recorder, "v1", "Pod", pod, "creation flow");
    return this.recorder.flowOf(pod);
  }

  /** Every version of a Deployment the scenario's watch saw, up to the one stored now. */
  async replicaHistoryOf(deployment: string): Promise<readonly ReplicaObservation[]> {
    if (!this.recorder) return [];
    await this.catchUp(this.recorder, "apps/v1", "Deployment", deployment, "ready replicas over the scenario");
    return this.recorder.replicaHistoryOf(deployment);
  }

  /** Read the object once and wait until the recorder's watch has delivered that version (none: nothing to wait for). */
  private async catchUp(recorder: NamespaceRecorder, apiVersion: string, kind: "Pod" | "Deployment", name: string, what: string): Promise<void> {
    const ref = { apiVersion, kind, namespace: this.namespace, name };
    try {
      const current = await withDeadline("get", refText(ref), this.clients.timeouts.get, () => this.clients.objects.getRaw(apiVersion, kind, this.namespace, name));
      const rv = resourceVersionOf(current);
      const catchUpMs = this.clients.timeouts.get;
      if (rv && !(await recorder.caughtUp(kind, name, rv, catchUpMs))) {
        const last = (kind === "Pod" ? recorder.flowOf(name).observations : recorder.replicaHistoryOf(name)).at(-1)?.resourceVersion ?? "none";
        throw new TimeoutError(`${what} of ${refText(ref)}: expected the watch to deliver resourceVersion ${rv}, last saw ${last} (after ${secondsText(catchUpMs)} s)`, { operation: what, object: refText(ref), elapsedMs: catchUpMs });
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
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
