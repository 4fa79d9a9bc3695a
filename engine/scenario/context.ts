// One scenario's world on the cluster: its namespace, its kubeconfig (context pointing at the
// namespace), a working directory for manifests, the cleanup stack and the watch timeline.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { applyObjects, deleteObject, refFromObject, refText } from "../kube/apply.ts";
import { makeClients, type KubeClients } from "../kube/client.ts";
import { runKubectl, type KubectlResult } from "../kube/kubectl.ts";
import { parseManifests, rebaseNamespace, type KubeObject } from "../kube/manifest.ts";
import { Timeline } from "../wait/timeline.ts";
import { watchUntil } from "../wait/watch.ts";
import { isNotFound } from "../kube/errors.ts";
import { CleanupStack, type CleanupRecord } from "./cleanup.ts";
import type { CreationFlow } from "./flow.ts";
import { namespaceFor } from "./naming.ts";
import { minifyKubeconfig } from "../kube/kubeconfig.ts";
import { ownedNamespaceLabels } from "../kube/labels.ts";
import { NamespaceRecorder } from "./recorder.ts";

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

  readonly options: ScenarioOptions;
  readonly namespace: string;
  /** Working directory of literal kubectl commands; holds the scenario kubeconfig. */
  readonly dir: string;
  readonly kubeconfigPath: string;
  readonly admin: KubeClients;
  readonly clients: KubeClients;

  // Fields assigned by hand, not parameter properties: Node's type stripping cannot run those.
  private constructor(options: ScenarioOptions, namespace: string, dir: string, kubeconfigPath: string, admin: KubeClients, clients: KubeClients) {
    this.options = options;
    this.namespace = namespace;
    this.dir = dir;
    this.kubeconfigPath = kubeconfigPath;
    this.admin = admin;
    this.clients = clients;
  }

  static async create(opts: ScenarioOptions): Promise<ScenarioContext> {
    const namespace = namespaceFor(opts.scenarioName);
    const admin = makeClients(opts.adminKubeconfigPath, opts.context);
    const dir = await mkdtemp(path.join(tmpdir(), `kubecuke-${namespace}-`));
    const kubeconfigPath = path.join(dir, "kubeconfig");
    const { text } = minifyKubeconfig(await readFile(opts.adminKubeconfigPath, "utf8"), opts.context, opts.adminKubeconfigPath, { namespace });
    // holds the admin credentials: owner-only, like the file it copies
    await writeFile(kubeconfigPath, text, { mode: 0o600 });
    const ctx = new ScenarioContext(opts, namespace, dir, kubeconfigPath, admin, makeClients(kubeconfigPath));
    await ctx.createNamespace();
    return ctx;
  }

  private async createNamespace(): Promise<void> {
    const ns: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: this.namespace, labels: ownedNamespaceLabels(this.options.runId ?? process.env.KUBECUKE_RUN_ID) } };
    await applyObjects(this.admin, [ns]);
    this.timeline.record({ type: "STEP", kind: "Namespace", namespace: this.namespace, name: this.namespace, summary: "created the scenario namespace" });
    this.recorder = new NamespaceRecorder(this.clients, this.namespace, this.timeline);
    // Pods are refused until the namespace's default ServiceAccount exists; the recorder connects meanwhile
    await Promise.all([
      this.recorder.start(),
      watchUntil(this.clients, { apiVersion: "v1", kind: "ServiceAccount", namespace: this.namespace, fieldSelector: "metadata.name=default" }, {
        timeoutMs: 30_000,
        evaluate: (objs) => (objs.has("default") ? { done: true } : undefined),
      }).catch((cause: unknown) => {
        throw new Error(`create Namespace/${this.namespace}: expected ServiceAccount "default" to be created by the controller manager, last saw none (after 30 s)`, { cause });
      }),
    ]);
  }

  /** Resolve a manifest name: fixtures/manifests first, then the working directory. */
  resolveManifest(name: string): { abs: string; shown: string } {
    const fixtures = this.options.fixturesDir ?? path.resolve("fixtures/manifests");
    const abs = path.isAbsolute(name) ? name : name.startsWith("fixtures/") ? path.resolve(name) : path.join(fixtures, name);
    return { abs, shown: path.relative(process.cwd(), abs) };
  }

  /** Parse, rebase and write a manifest into the scenario directory (so `kubectl -f <basename>` finds it). */
  async stageManifest(text: string, source: string, fileName: string): Promise<{ objects: KubeObject[]; yaml: string }> {
    const objects = parseManifests(text, source).map((o) => rebaseNamespace(o, this.namespace, this.options.keepManifestNamespace));
    const yaml = objects.map((o) => toYaml(o)).join("---\n");
    await writeFile(path.join(this.dir, path.basename(fileName)), yaml);
    return { objects, yaml };
  }

  async stageFile(name: string): Promise<{ objects: KubeObject[]; yaml: string; shown: string }> {
    const { abs, shown } = this.resolveManifest(name);
    let text: string;
    try {
      text = await readFile(abs, "utf8");
    } catch (cause) {
      throw new Error(`read manifest ${shown}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}. Put it under fixtures/manifests/ or give a path from the repository root.`, { cause });
    }
    return { ...(await this.stageManifest(text, shown, abs)), shown };
  }

  async applyFile(name: string): Promise<AppliedManifest> {
    const staged = await this.stageFile(name);
    return this.applyStaged(staged.objects, staged.yaml, staged.shown);
  }

  async applyText(text: string): Promise<AppliedManifest> {
    const staged = await this.stageManifest(text, "doc string", "doc-string.yaml");
    return this.applyStaged(staged.objects, staged.yaml, "doc string");
  }

  private async applyStaged(objects: KubeObject[], yaml: string, source: string): Promise<AppliedManifest> {
    for (const o of objects) this.registerForCleanup(o);
    const applied = await applyObjects(this.clients, objects);
    for (const o of applied) this.timeline.record({ type: "STEP", kind: o.kind ?? "", namespace: o.metadata?.namespace ?? "", name: o.metadata?.name ?? "", summary: `applied from ${source}` });
    return { source, yaml, applied };
  }

  registerForCleanup(obj: KubeObject): void {
    const ref = refFromObject(obj);
    this.cleanup.push({ what: refText(ref), run: () => deleteObject(this.clients, ref, 0) });
  }

  async kubectl(commandLine: string, input?: string): Promise<KubectlResult> {
    const r = await runKubectl(commandLine, { kubeconfigPath: this.kubeconfigPath, cwd: this.dir, input });
    this.timeline.record({ type: "STEP", kind: "kubectl", namespace: this.namespace, name: r.args[0] ?? "", summary: `${commandLine} → exit ${r.exitCode}` });
    return r;
  }

  /** What the scenario's watch saw of a Pod, including the version stored now. */
  async flowOf(pod: string): Promise<CreationFlow> {
    const recorder = this.recorder;
    if (!recorder) return { pod, observations: [], events: [] };
    try {
      const current = await this.clients.objects.getRaw("v1", "Pod", this.namespace, pod);
      const rv = current.metadata?.resourceVersion as string | undefined;
      if (rv && !(await recorder.caughtUp(pod, rv, 10_000))) {
        throw new Error(`creation flow of Pod/${this.namespace}/${pod}: expected the watch to deliver resourceVersion ${rv}, last saw ${recorder.flowOf(pod).observations.at(-1)?.resourceVersion ?? "none"} (after 10 s)`);
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return recorder.flowOf(pod);
  }

  /**
   * After the scenario: stop watching; unless kept, run the cleanup stack and delete the namespace
   * (without waiting for it to disappear: nothing else uses it). Never throws.
   */
  async finish(keep: boolean): Promise<{ kept: boolean; records: CleanupRecord[] }> {
    this.recorder?.stop();
    if (keep) {
      this.timeline.record({ type: "STEP", kind: "Namespace", namespace: this.namespace, name: this.namespace, summary: `kept for debugging (kubeconfig ${this.kubeconfigPath})` });
      return { kept: true, records: [] };
    }
    const nsRef = { apiVersion: "v1", kind: "Namespace", name: this.namespace };
    const stack = new CleanupStack();
    stack.push({ what: refText(nsRef), run: () => deleteObject(this.admin, nsRef) });
    const record = (r: CleanupRecord): void =>
      this.timeline.record({ type: "STEP", kind: "cleanup", namespace: this.namespace, name: r.what, summary: `${r.outcome}${r.detail ? `: ${r.detail}` : ""} (${r.ms} ms)` });
    const records = [...(await this.cleanup.runAll(record)), ...(await stack.runAll(record))];
    await rm(this.dir, { recursive: true, force: true });
    return { kept: false, records };
  }
}
