// What a scenario applies: manifests staged into its namespace (parsed, rebased, written to its
// directory for a literal `kubectl -f`), then applied under the ownership rules (ownership.ts
// decides; the cluster calls are here). What an apply creates is remembered by UID and, outside
// the namespace, registered on the cleanup stack; a pre-existing object changed under
// @allow-shared-changes is saved and registered for restoring.
import { resolveManifestPath } from "./manifest-path.ts";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { BadInputError, KubecukeError } from "../errors.ts";
import { applyObjectOutcome, findObject, refFromObject, refText, scopeOf, type ObjectRef } from "../kube/apply.ts";
import type { KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { parseManifestDocuments, rebaseNamespace, scopeFromCrds } from "../kube/manifest.ts";
import type { KubeObject } from "../kube/object.ts";
import { deleteAndWait } from "../wait/gone.ts";
import type { Timeline } from "../wait/timeline.ts";
import type { CleanupItem, CleanupResult, CleanupStack } from "./cleanup.ts";
import type { ScenarioOptions } from "./options.ts";
import { decideApply, describeTarget, ownershipLabels, recreateBody, restoreBody, withOwnershipLabels, type AllowedApply } from "./ownership.ts";
import type { Expansion } from "./variables.ts";

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

/** What applying needs of its scenario (ScenarioContext is one). */
export interface ApplyScope {
  readonly namespace: string;
  /** The scenario's own clients: they apply inside its namespace and resolve kinds. */
  readonly clients: KubeClients;
  /** The admin's: they read and apply outside the namespace, as the ownership rules allow, and undo it after. */
  readonly admin: KubeClients;
  /** Where staged manifests are written (the working directory of literal kubectl commands). */
  readonly dir: string;
  readonly timeline: Timeline;
  readonly cleanup: CleanupStack;
  readonly options: Pick<ScenarioOptions, "runId" | "allowSharedChanges" | "keepManifestNamespace" | "fixturesDir" | "stop">;
  /** `${...}` filled into a manifest file's text. */
  expand(text: string, where: string): Expansion;
}

/** One object's apply, decided before anything changes. */
interface Plan {
  staged: StagedObject;
  ref: ObjectRef;
  decision: AllowedApply;
  existing?: KubeObject;
  /** In the scenario's namespace: applied with the scenario's own clients. */
  inside: boolean;
}

export class Applier {
  /** UIDs of the objects this scenario created (from the create responses): the only ones cleanup deletes. */
  private readonly createdUids = new Set<string>();
  private readonly scope: ApplyScope;

  constructor(scope: ApplyScope) {
    this.scope = scope;
  }

  /** Whether this scenario created the object with this UID (it may delete it; nothing else outside its namespace). */
  created(uid: string): boolean {
    return this.createdUids.has(uid);
  }

  /** Parse, rebase and write a manifest into the scenario directory (so `kubectl -f <basename>` finds it). */
  async stage(text: string, source: string, fileName: string): Promise<{ objects: StagedObject[]; yaml: string }> {
    const objects: StagedObject[] = [];
    const docs = parseManifestDocuments(text, source);
    for (const doc of docs) {
      const namespaced = await this.isNamespaced(doc.object, docs.map((d) => d.object));
      objects.push({ object: rebaseNamespace(doc.object, this.scope.namespace, this.scope.options.keepManifestNamespace === true, namespaced), line: doc.line, namespaced });
    }
    const yaml = objects.map((o) => toYaml(o.object)).join("---\n");
    await writeFile(path.join(this.scope.dir, path.basename(fileName)), yaml);
    return { objects, yaml };
  }

  /** A manifest file, `${...}` filled in (doc strings already were, as step arguments), staged. */
  async stageFile(name: string): Promise<{ objects: StagedObject[]; yaml: string; shown: string }> {
    const { abs, shown } = resolveManifestPath(name, this.scope.options.fixturesDir);
    let text: string;
    try {
      text = await readFile(abs, "utf8");
    } catch (cause) {
      throw new BadInputError(`read manifest ${shown}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}. Put it under fixtures/manifests/ or give a path from the repository root.`, { operation: "read", object: shown }, { cause });
    }
    return { ...(await this.stage(this.scope.expand(text, shown).text, shown, abs)), shown };
  }

  /**
   * Scope from discovery. A kind the cluster does not serve yet takes the scope a CRD of the same
   * manifest gives it, else is staged as namespaced (every built-in cluster-scoped kind is
   * served), so a literal `kubectl apply -f` (or our apply) can fail on it with its own message.
   */
  private async isNamespaced(obj: KubeObject, manifest: readonly KubeObject[]): Promise<boolean> {
    try {
      return (await scopeOf(this.scope.clients, obj.apiVersion ?? "v1", obj.kind ?? "", "stage")).namespaced;
    } catch (err) {
      if (err instanceof BadInputError) return scopeFromCrds(manifest, obj.apiVersion ?? "v1", obj.kind ?? "") ?? true;
      throw err;
    }
  }

  /**
   * Apply staged objects in order. Ownership is decided for every object first, so a refused
   * object refuses the whole manifest before anything changes. What the apply creates is
   * registered for cleanup by its UID; a pre-existing object changed under
   * @allow-shared-changes is saved for restoring.
   */
  async apply(objects: StagedObject[], yaml: string, source: string): Promise<AppliedManifest> {
    const plans: Plan[] = [];
    for (const staged of objects) plans.push(await this.plan(staged, source));
    const applied: KubeObject[] = [];
    for (const plan of plans) {
      // interrupted (Ctrl-C) or past the step's deadline: apply nothing more; what was applied is cleaned up
      this.scope.options.stop?.throwIfAborted();
      this.scope.clients.signal?.throwIfAborted();
      applied.push(await this.applyOne(plan, source));
    }
    return { source, yaml, applied };
  }

  /** What the ownership rules allow for one object (outside the namespace, read as the admin); a refusal throws. */
  private async plan(staged: StagedObject, source: string): Promise<Plan> {
    const ref = refFromObject(staged.object);
    if (!staged.namespaced) delete ref.namespace;
    const { namespace, admin, options } = this.scope;
    const inside = staged.namespaced && ref.namespace === namespace;
    const existing = inside || !ref.name ? undefined : await findObject(admin, ref);
    const decision = decideApply({
      target: { kind: ref.kind, namespace: ref.namespace, name: ref.name },
      scenarioNamespace: namespace,
      existing,
      createdUids: this.createdUids,
      runId: options.runId,
      allowSharedChanges: options.allowSharedChanges === true,
    });
    if (decision.action === "refuse") {
      throw new BadInputError(`apply ${source}:${staged.line}: ${decision.message}`, { operation: "apply", object: refText(ref) });
    }
    return { staged, ref, decision, existing, inside };
  }

  private async applyOne({ staged, ref, decision, existing, inside }: Plan, source: string): Promise<KubeObject> {
    const { namespace, admin, clients, cleanup, options } = this.scope;
    const ours = decision.action === "create" || (decision.action === "apply" && decision.why !== "scenario namespace");
    const body = ours ? withOwnershipLabels(staged.object, ownershipLabels(namespace, options.runId)) : staged.object;
    if (decision.action === "apply-and-restore" && existing) cleanup.push(restoreItem(admin, ref, existing));
    const { object: obj, created } = await applyObjectOutcome(inside ? clients : admin, body).catch((err: unknown) => {
      throw atManifestLine(err, source, staged.line);
    });
    const uid = obj.metadata?.uid ?? "";
    if (created) {
      this.createdUids.add(uid);
      // inside the scenario namespace, the namespace's deletion takes it (one DELETE for all)
      if (decision.action !== "apply") cleanup.push(deleteItem(admin, ref, uid));
    } else if (decision.action === "create") {
      // someone created it between our read and our apply: it is not ours to delete
      throw new BadInputError(
        `apply ${source}:${staged.line}: ${describeTarget({ ...ref })} was created by someone else while this step ran; kubecuke applied over it and will not delete it. Use a name nobody else uses.`,
        { operation: "apply", object: refText(ref) },
      );
    }
    const where = decision.why === "scenario namespace" ? "" : ` (${decision.why === "new object" ? "created outside the scenario namespace; deleted after the scenario" : decision.why})`;
    this.scope.timeline.record({ type: "STEP", kind: obj.kind ?? "", namespace: obj.metadata?.namespace ?? "", name: obj.metadata?.name ?? "", summary: `applied from ${source}${where}` });
    return obj;
  }
}

/**
 * An apply the API server refuses for the input (a bad name, an invalid field) names the
 * manifest's file and the object's line: `fixtures/manifests/app.yaml:7: apply ConfigMap/…: Invalid: …`
 * (a doc string's "doc string:7" becomes the feature file's line at the step). Other errors pass.
 */
export function atManifestLine(err: unknown, source: string, line: number): unknown {
  if (!(err instanceof KubecukeError) || err.category !== "bad-input") return err;
  return new BadInputError(`${source}:${line}: ${err.message}`, err.facts, { cause: err });
}

/** Delete after the scenario, and wait for, exactly the object this scenario created outside its namespace (UID precondition). */
export function deleteItem(admin: KubeClients, ref: ObjectRef, uid: string): CleanupItem {
  return {
    what: `${refText(ref)} (outside the scenario namespace)`,
    critical: true,
    run: async (): Promise<CleanupResult> => {
      const outcome = await deleteAndWait(admin, ref, uid, admin.timeouts.cleanup);
      if (outcome === "replaced by another object") return { outcome: "left alone", detail: `a same-named object with another UID is not this scenario's` };
      return { outcome };
    },
  };
}

/** Put a pre-existing object back to the state saved before the scenario changed it. */
export function restoreItem(admin: KubeClients, ref: ObjectRef, saved: KubeObject): CleanupItem {
  return {
    what: `${refText(ref)} (not created by this run: restore resourceVersion ${String(saved.metadata?.resourceVersion)})`,
    critical: true,
    // the whole restore (a read, two PUTs or a create) within the cleanup limit of one object
    run: () =>
      withDeadline("restore", refText(ref), admin.timeouts.cleanup, async (): Promise<CleanupResult> => {
        const current = await findObject(admin, ref);
        if (!current) {
          await admin.objects.createRaw(recreateBody(saved));
          return { outcome: "re-created", detail: "it had been deleted; created again from the saved state (new UID)" };
        }
        const restored = await admin.objects.replaceRaw(restoreBody(saved, String(current.metadata?.resourceVersion ?? "")));
        // the PUT's own change is recorded as ours; a second PUT that changes nothing else puts the saved field owners back
        await admin.objects.replaceRaw(restoreBody(saved, String(restored.metadata?.resourceVersion ?? "")));
        return { outcome: "restored" };
      }),
  };
}
