// Installs the suite setup once per run and removes it at the end. The ownership rules of
// scenarios hold here too: an object that exists and was not created by this run is refused
// before anything is applied; what is created carries the run's labels and is deleted by UID.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { BadInputError, TimeoutError, describeError } from "../errors.ts";
import { applyObjectOutcome, findObject, refFromObject, refText, scopeOf, type ObjectRef } from "../kube/apply.ts";
import type { KubeClients } from "../kube/client.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_LABEL, SETUP_LABEL } from "../kube/labels.ts";
import { parseManifestDocuments } from "../kube/manifest.ts";
import type { KubeObject } from "../kube/object.ts";
import { crdSpecOf } from "../kube/objects.ts";
import { RawObjectApi } from "../kube/raw-api.ts";
import { decideApply, withOwnershipLabels } from "../scenario/ownership.ts";
import { expand } from "../scenario/variables.ts";
import { waitFor } from "../wait/wait-for.ts";
import { secondsText } from "../seconds.ts";
import { deleteAndWait } from "../wait/gone.ts";
import { CleanupStack, type CleanupRecord } from "../scenario/cleanup.ts";
import type { SetupEntry } from "./declaration.ts";
import { readiness } from "./readiness.ts";


export interface InstalledObject {
  ref: ObjectRef;
  uid: string;
  entry: string;
}

export interface SetupContext {
  clients: KubeClients;
  runId: string;
  /** Repository root: manifest and kustomize paths are relative to it. */
  root: string;
  env: Record<string, string | undefined>;
  /** kubectl to run `kubectl kustomize` with (the server-matched one). */
  kubectl?: string;
  log?: (line: string) => void;
}

/** Objects of one entry, parsed with where each came from. */
async function objectsOf(entry: SetupEntry, ctx: SetupContext): Promise<Array<{ object: KubeObject; where: string }>> {
  const out: Array<{ object: KubeObject; where: string }> = [];
  const sources: Array<{ text: string; source: string }> = [];
  for (const m of entry.manifests) {
    const abs = path.resolve(ctx.root, m);
    let text: string;
    try {
      text = await readFile(abs, "utf8");
    } catch (cause) {
      throw new BadInputError(`read ${m} (${entry.where}): ${(cause as NodeJS.ErrnoException).code ?? describeError(cause)}. Give a path from the repository root.`, { object: m }, { cause });
    }
    sources.push({ text, source: m });
  }
  if (entry.kustomize) {
    const r = await execa(ctx.kubectl ?? "kubectl", ["kustomize", path.resolve(ctx.root, entry.kustomize)], { reject: false });
    if (r.exitCode !== 0) throw new BadInputError(`kubectl kustomize ${entry.kustomize} (${entry.where}): exit ${r.exitCode}: ${String(r.stderr).trim()}`, { object: entry.kustomize });
    sources.push({ text: String(r.stdout), source: `kustomize ${entry.kustomize}` });
  }
  const builtins = { run: ctx.runId };
  for (const { text, source } of sources) {
    const filled = expand(text, { builtins, saved: new Map(), env: ctx.env }, source).text;
    for (const d of parseManifestDocuments(filled, source)) out.push({ object: d.object, where: `${source}:${d.line}` });
  }
  return out;
}

/**
 * Install one entry: judge every object, apply them in order, then wait until each is ready.
 * Whatever it created is appended to `installed` as it goes, so a failure midway can be undone.
 */
export async function installEntry(entry: SetupEntry, ctx: SetupContext, installed: InstalledObject[]): Promise<void> {
  const deadline = Date.now() + entry.timeoutSeconds * 1000;
  try {
    const objects = await objectsOf(entry, ctx);
    const plans: Array<{ object: KubeObject; ref: ObjectRef; where: string }> = [];
    for (const { object, where } of objects) {
      const { namespaced } = await scopeOf(ctx.clients, object.apiVersion ?? "v1", object.kind ?? "", `setup ${where}`);
      const ref = refFromObject(object);
      if (!namespaced) delete ref.namespace;
      else if (!ref.namespace) throw new BadInputError(`setup ${where}: ${ref.kind} ${ref.name} is namespaced: give it metadata.namespace (suite setup has no scenario namespace)`, { object: refText(ref) });
      const existing = await findObject(ctx.clients, ref);
      const decision = decideApply({ target: { kind: ref.kind, namespace: ref.namespace, name: ref.name }, scenarioNamespace: "", existing, createdUids: new Set(installed.map((i) => i.uid)), runId: ctx.runId, allowSharedChanges: false });
      if (decision.action === "refuse") throw new BadInputError(`setup ${where}: ${decision.message.replace(/, or tag the scenario .*$/, ".")}`, { object: refText(ref) });
      plans.push({ object: withOwnershipLabels(object, { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_LABEL]: ctx.runId, [SETUP_LABEL]: entry.name }), ref, where });
    }
    for (const p of plans) {
      const { object: applied, created } = await applyObjectOutcome(ctx.clients, p.object);
      if (created) installed.push({ ref: p.ref, uid: applied.metadata?.uid ?? "", entry: entry.name });
    }
    for (const p of plans) {
      const check = readiness(p.ref.kind);
      if (!check) continue;
      const left = Math.max(1000, deadline - Date.now());
      await waitFor(ctx.clients, {
        operation: "setup",
        object: refText(p.ref),
        expected: `it ready within ${secondsText(left)} (what the suite setup waits for: readiness.ts)`,
        target: { apiVersion: p.ref.apiVersion, kind: p.ref.kind, namespace: p.ref.namespace ?? "", fieldSelector: `metadata.name=${p.ref.name}` },
        timeoutMs: left,
        evaluate: (objs) => {
          const o = objs.get(p.ref.name);
          if (!o) return undefined;
          const v = check(o);
          return v.ready ? { done: true } : v.failed ? { fail: v.failed } : undefined;
        },
        lastSeen: (objs) => (objs.get(p.ref.name) ? "it stored, not ready yet" : "nothing under that name"),
        eventsOf: { namespace: p.ref.namespace ?? "default", kind: p.ref.kind, name: p.ref.name },
      });
      if (p.ref.kind === "CustomResourceDefinition") await servedByDiscovery(ctx.clients, p.object, deadline);
      ctx.log?.(`setup ${entry.name}: ${refText(p.ref)} ready`);
    }
  } catch (err) {
    if (err instanceof Error) err.message = `suite setup "${entry.name}" (${entry.where}): ${err.message}`;
    throw err;
  }
}

/**
 * Established is not yet served: API discovery lags a moment behind, and scenarios find kinds
 * through discovery. Discovery cannot be watched, so ask a fresh client every 200 ms.
 */
async function servedByDiscovery(clients: KubeClients, crd: KubeObject, deadline: number): Promise<void> {
  const spec = crdSpecOf(crd);
  const kind = spec?.names?.kind ?? "";
  for (const v of (spec?.versions ?? []).filter((x) => x.served !== false)) {
    const apiVersion = `${spec?.group}/${v.name}`;
    for (;;) {
      if (await RawObjectApi.fromConfig(clients.kc).served(apiVersion, kind)) break;
      if (Date.now() > deadline) throw new TimeoutError(`${kind} ${apiVersion}: the CRD is Established but API discovery does not serve it yet`, { operation: "setup", object: `${apiVersion}/${kind}` });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Delete what the setup created, last first, each awaited (twice the cleanup limit): the
 * scenarios' cleanup stack, so removals are recorded the same way. Never throws.
 */
export async function teardown(installed: InstalledObject[], clients: KubeClients): Promise<CleanupRecord[]> {
  const stack = new CleanupStack();
  for (const obj of installed) {
    stack.push({
      what: `${refText(obj.ref)} (setup ${obj.entry})`,
      critical: true,
      run: async () => {
        const outcome = await deleteAndWait(clients, obj.ref, obj.uid, 2 * clients.timeouts.cleanup);
        return { outcome: outcome === "replaced by another object" ? "left alone" : outcome };
      },
    });
  }
  return stack.runAll();
}
