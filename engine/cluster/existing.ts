// The existing provider: a cluster someone else runs (staging, a QA context). Used only when
// named explicitly. It creates and deletes nothing but namespaces labelled as this run's:
// the harness labels every namespace it creates with ownedNamespaceLabels(runId), checks
// assertOwnedNamespace before deleting one, and down() removes only this run's leftovers.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { KubeConfig, VersionApi, type V1Namespace } from "@kubernetes/client-node";
import { HarnessError, InfrastructureError, TimeoutError } from "../errors.ts";
import { apiClient, clientsFor } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { secondsText } from "../seconds.ts";
import type { KubeObject } from "../kube/object.ts";
import { deleteNamespacesAndWait } from "../run/sweep.ts";
import type { ClusterHandle, ClusterProvider, ClusterStatus, DownOptions, UpOptions } from "./provider.ts";
import { minifyKubeconfig } from "./kubeconfig.ts";
import { KEPT_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_LABEL, runNamespaceSelector } from "../kube/labels.ts";
import { ProviderConfigError } from "../settings/provider.ts";
import { describeError } from "../errors.ts";

/** Why the harness may not touch this namespace, or undefined when it may. */
export function ownershipProblem(ns: V1Namespace, runId?: string): string | undefined {
  const labels = ns.metadata?.labels ?? {};
  const name = ns.metadata?.name ?? "(unnamed)";
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
    return `namespace ${name} is not the harness's: expected label ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}, last saw ${labels[MANAGED_BY_LABEL] ?? "no such label"}`;
  }
  if (runId !== undefined && labels[RUN_LABEL] !== runId) {
    return `namespace ${name} belongs to another run: expected label ${RUN_LABEL}=${runId}, last saw ${labels[RUN_LABEL] ?? "no such label"}`;
  }
  return undefined;
}

/** Throws unless the namespace carries the harness's labels (and this run's, when runId is given). */
export async function assertOwnedNamespace(kc: KubeConfig, name: string, runId?: string): Promise<void> {
  let ns: V1Namespace;
  try {
    ns = await clientsFor(kc).core.readNamespace({ name });
  } catch (cause) {
    throw new InfrastructureError(`assert owned Namespace//${name}: cannot read it: ${describeError(cause)}`, { operation: "get", object: `Namespace/${name}` }, { cause });
  }
  const problem = ownershipProblem(ns, runId);
  if (problem) throw new HarnessError(`refusing to touch Namespace//${name}: ${problem}`, { object: `Namespace/${name}` });
}

export interface ExistingOptions {
  kubeconfig?: string;
  context?: string;
  runId: string;
  runDir: string;
  /** How long to wait for the API in the dry check, and for namespaces to go at down. */
  apiTimeoutMs?: number;
  deleteTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface ExistingCheck {
  server: string;
  context: string;
  kubeconfig: string;
  version: string;
}

export class ExistingProvider implements ClusterProvider {
  readonly name = "existing";
  readonly scopedDown = true;
  readonly kubeconfig: string;
  readonly context: string;
  readonly runKubeconfig: string;
  /** A nested runner of the same run finds the copy there and leaves it to the one that wrote it. */
  private wroteCopy = false;

  private readonly options: ExistingOptions;

  constructor(options: ExistingOptions) {
    this.options = options;
    const missing: string[] = [];
    if (!options.kubeconfig) missing.push("KUBECUKE_EXISTING_KUBECONFIG=<path> (or --existing-kubeconfig)");
    if (!options.context) missing.push("KUBECUKE_EXISTING_CONTEXT=<context name> (or --existing-context)");
    if (missing.length > 0) {
      throw new ProviderConfigError(
        `existing provider: refusing to guess which cluster to use; set ${missing.join(" and ")}. ` +
          `Both are required with KUBECUKE_PROVIDER=existing; the harness never falls back to ~/.kube/config or its current context.`,
      );
    }
    this.kubeconfig = options.kubeconfig ?? "";
    this.context = options.context ?? "";
    this.runKubeconfig = path.join(options.runDir, "kubeconfig");
  }

  /** The dry check: which cluster, which context, and can the API be reached. Changes nothing. */
  async check(log: (line: string) => void = this.options.log ?? console.error, signal?: AbortSignal): Promise<ExistingCheck> {
    if (!existsSync(this.kubeconfig)) {
      throw new ProviderConfigError(`existing provider: kubeconfig ${this.kubeconfig} does not exist; fix KUBECUKE_EXISTING_KUBECONFIG`);
    }
    const { text, server } = minifyKubeconfig(await readFile(this.kubeconfig, "utf8"), this.context, this.kubeconfig);
    log(`Using existing cluster ${server} (context ${this.context}, kubeconfig ${this.kubeconfig})`);
    const kc = new KubeConfig();
    kc.loadFromString(text);
    const timeoutMs = this.options.apiTimeoutMs ?? 15_000;
    try {
      const info = await withDeadline("GET", `${server}/version`, timeoutMs, () => apiClient(kc, VersionApi).getCode(), { message: `no answer within ${secondsText(timeoutMs)}`, signal });
      return { server, context: this.context, kubeconfig: this.kubeconfig, version: info.gitVersion };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw new InfrastructureError(`existing provider: GET ${server}/version (context ${this.context}): expected the API to answer, last saw ${describeError(cause)} (after ${secondsText(timeoutMs)} budget)`, { operation: "GET /version", object: server }, { cause });
    }
  }

  async up(upOptions: UpOptions = {}): Promise<ClusterHandle> {
    const log = upOptions.log ?? this.options.log ?? console.error;
    const checked = await this.check(log, upOptions.signal);
    log(`existing cluster answers: Kubernetes ${checked.version}`);
    // Only the chosen context goes into the run's copy, so nothing in the run can switch to another.
    const { text } = minifyKubeconfig(await readFile(this.kubeconfig, "utf8"), this.context, this.kubeconfig);
    await mkdir(this.options.runDir, { recursive: true, mode: 0o700 });
    if (!existsSync(this.runKubeconfig)) this.wroteCopy = true;
    await writeFile(this.runKubeconfig, text, { mode: 0o600 });
    return {
      provider: this.name,
      name: this.context,
      kubeconfigPath: this.runKubeconfig,
      context: this.context,
      dir: this.options.runDir,
      owned: false,
    };
  }

  /** Deletes this run's leftover namespaces (both labels must match) and waits until they are gone. */
  async down(downOptions: DownOptions = {}): Promise<void> {
    const log = downOptions.log ?? this.options.log ?? console.error;
    const source = existsSync(this.runKubeconfig) ? this.runKubeconfig : this.kubeconfig;
    const kc = new KubeConfig();
    kc.loadFromString(minifyKubeconfig(await readFile(source, "utf8"), this.context, source).text);
    const selector = runNamespaceSelector(this.options.runId);
    // every request (and, through clients.signal, the wait) ends with the signal
    const clients = clientsFor(kc);
    clients.signal = downOptions.signal;
    const list = await clients.core.listNamespace({ labelSelector: selector });
    for (const ns of list.items) {
      // The selector already matched; checking again guards against a selector typo deleting too much.
      const problem = ownershipProblem(ns, this.options.runId) ?? (ns.metadata?.labels?.[KEPT_LABEL] ? `namespace ${ns.metadata.name} is kept for debugging (${KEPT_LABEL})` : undefined);
      if (problem) throw new HarnessError(`existing provider down: ${problem}`);
    }
    if (list.items.length === 0) log(`existing cluster: no namespaces of run ${this.options.runId} left`);
    else {
      // the runner's own sweep: deleted by UID, those already going only awaited, one watch for all
      const timeoutMs = this.options.deleteTimeoutMs ?? 180_000;
      const { cleaned, left } = await deleteNamespacesAndWait(clients, list.items as KubeObject[], timeoutMs);
      for (const line of cleaned) log(`deleted leftover ${line.replace(/^Namespace\/(\S+): deleted$/, "namespace $1")} (run ${this.options.runId})`);
      if (left.length > 0) {
        throw new TimeoutError(`delete Namespace -l ${selector}: expected every namespace of the run gone within ${secondsText(timeoutMs)}, still there:\n  ${left.join("\n  ")}`, { operation: "delete", object: `Namespace -l ${selector}`, elapsedMs: timeoutMs });
      }
    }
    if (this.wroteCopy && !downOptions.keep) await rm(this.runKubeconfig, { force: true });
  }

  async status(): Promise<ClusterStatus> {
    try {
      const c = await this.check(() => {});
      return { running: true, detail: `existing cluster ${c.server} (context ${c.context}) answers: Kubernetes ${c.version}` };
    } catch (err) {
      return { running: false, detail: describeError(err) };
    }
  }
}
