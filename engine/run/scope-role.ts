// The cluster-wide half of a scenario's scoped credentials (engine/scenario/scope.ts): one
// ClusterRole per run that may read (get, list, watch) what the cluster serves, and one
// ClusterRoleBinding to it, both made by the runner before the scenarios start and removed at
// the run's end; each scenario adds its ServiceAccount to the binding's subjects. Read, not "*": Secrets, and the subresources through which a
// GET runs a command or reaches a process (pods/exec, pods/attach, pods/portforward, */proxy),
// stay out, so cluster-wide read never reaches credentials or another namespace's containers.
// The rules are built from discovery (pure, unit tested): kinds served when the run starts.
import { ApisApi, CoreV1Api, CustomObjectsApi, type V1APIResource } from "@kubernetes/client-node";
import { apiClient, type KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { apiError } from "../kube/errors.ts";
import { deleteExactObject, refText, type ObjectRef } from "../kube/apply.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_LABEL } from "../kube/labels.ts";
import type { KubeObject } from "../kube/object.ts";
import { describeError, InfrastructureError } from "../errors.ts";
import { ownerAnnotations, ownerFrom, ownerIsDead, THIS_MACHINE, type Liveness } from "./owner.ts";

/** The ClusterRole a run's scenarios read the cluster through, and the ClusterRoleBinding to it (same name). */
export function readRoleName(runId: string): string {
  return `kubecuke-scenario-read-${runId}`;
}

/**
 * The binding starts with one subject no authenticator issues (a Group of that name), so that a
 * scenario can append itself with one JSON patch (`add /subjects/-` needs the list to exist);
 * it grants nobody anything.
 */
export const NOBODY: Readonly<{ kind: string; apiGroup: string; name: string }> = { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "kubecuke.io:no-one" };

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** One group-version's resources as discovery lists them. */
export interface ServedResources {
  group: string;
  resources: Array<Pick<V1APIResource, "name" | "verbs">>;
}

const READ_VERBS = ["get", "list", "watch"];
/** Readable subresources that run nothing: a Pod's logs (kubectl logs of another namespace's Pod). */
const READABLE_SUBRESOURCES = new Set(["pods/log"]);
/** Never readable cluster-wide: credentials. */
const NEVER = new Set(["secrets"]);

/**
 * get/list/watch on every listable resource served, per API group (sorted, deduplicated across
 * versions), plus pods/log; without Secrets and without any other subresource.
 */
export function readRules(served: readonly ServedResources[]): PolicyRule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const { group, resources } of served) {
    for (const r of resources) {
      const sub = r.name.includes("/");
      const readable = sub ? READABLE_SUBRESOURCES.has(r.name) : (r.verbs ?? []).includes("list") && !(group === "" && NEVER.has(r.name));
      if (!readable) continue;
      const names = byGroup.get(group) ?? new Set<string>();
      names.add(r.name);
      byGroup.set(group, names);
    }
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, names]) => ({ apiGroups: [group], resources: [...names].sort(), verbs: READ_VERBS }));
}

/** Every group-version the cluster serves; a group that vanishes while it is read (another run's CRD) is skipped. */
async function servedResources(clients: KubeClients): Promise<ServedResources[]> {
  const core = await apiClient(clients, CoreV1Api).getAPIResources();
  const groups = (await apiClient(clients, ApisApi).getAPIVersions()).groups;
  const custom = apiClient(clients, CustomObjectsApi);
  const lists = groups.flatMap((g) =>
    g.versions.map(async ({ version }) => ({ group: g.name, resources: await custom.getAPIResources({ group: g.name, version }).then((l) => l.resources, () => []) })),
  );
  return [{ group: "", resources: core.resources }, ...(await Promise.all(lists))];
}

export interface RunOwnerRecord {
  runId: string;
  host: string;
  pid: number;
}

function runMetadata(owner: RunOwnerRecord): KubeObject["metadata"] {
  return { name: readRoleName(owner.runId), labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_LABEL]: owner.runId }, annotations: ownerAnnotations(owner) };
}

/** The run's read ClusterRole, labelled with the run and annotated with its runner (a later run sweeps it if the runner dies). */
export function readRoleObject(owner: RunOwnerRecord, rules: PolicyRule[]): KubeObject {
  return { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: runMetadata(owner), rules };
}

/** The run's ClusterRoleBinding to it, with no real subject yet (scenarios add theirs). */
export function readBindingObject(owner: RunOwnerRecord): KubeObject {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: runMetadata(owner),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: readRoleName(owner.runId) },
    subjects: [NOBODY],
  };
}

/** Both made by the runner after the suite setup (whose kinds the role then covers), before the scenarios. */
export async function createReadRole(admin: KubeClients, owner: RunOwnerRecord): Promise<string> {
  const name = readRoleName(owner.runId);
  const object = `ClusterRole/${name}`;
  try {
    const rules = await withDeadline("discovery", "for the scenarios' read role", admin.timeouts.get, () => servedResources(admin));
    await withDeadline("create", object, admin.timeouts.apply, () => admin.objects.apply(readRoleObject(owner, readRules(rules))));
    await withDeadline("create", `ClusterRoleBinding/${name}`, admin.timeouts.apply, () => admin.objects.apply(readBindingObject(owner)));
  } catch (cause) {
    const err = apiError(cause, { operation: "create", object });
    throw new InfrastructureError(
      `create ${object}: expected the run's credentials to make the ClusterRole (and its binding) its scenarios read the cluster through, last saw ${describeError(err)}. ` +
        "The credentials kubecuke runs with must be allowed to create ClusterRoles, ClusterRoleBindings, ServiceAccounts, RoleBindings and ServiceAccount tokens.",
      { operation: "create", object },
      { cause },
    );
  }
  return name;
}

const RBAC_KINDS = ["ClusterRoleBinding", "ClusterRole"] as const;

async function labelledRbac(admin: KubeClients, selector: string): Promise<Array<{ ref: ObjectRef; object: KubeObject }>> {
  const out: Array<{ ref: ObjectRef; object: KubeObject }> = [];
  for (const kind of RBAC_KINDS) {
    const items = (await admin.objects.listRaw("rbac.authorization.k8s.io/v1", kind, "", { labelSelector: selector })).items;
    for (const o of items) out.push({ ref: { apiVersion: "rbac.authorization.k8s.io/v1", kind, name: o.metadata?.name ?? "" }, object: o });
  }
  return out;
}

async function deleteAll(admin: KubeClients, found: Array<{ ref: ObjectRef; object: KubeObject }>): Promise<{ cleaned: string[]; left: string[] }> {
  const cleaned: string[] = [];
  const left: string[] = [];
  for (const { ref, object } of found) {
    try {
      cleaned.push(`${refText(ref)}: ${await deleteExactObject(admin, ref, object.metadata?.uid ?? "")}`);
    } catch (err) {
      left.push(`${refText(ref)}: delete failed: ${describeError(err)}`);
    }
  }
  return { cleaned, left };
}

/** The end of a run: its ClusterRole and ClusterRoleBinding. Never throws. */
export async function deleteRunRbac(admin: KubeClients, runId: string): Promise<{ cleaned: string[]; left: string[] }> {
  try {
    return await deleteAll(admin, await labelledRbac(admin, `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${RUN_LABEL}=${runId}`));
  } catch (err) {
    return { cleaned: [], left: [`ClusterRoles/ClusterRoleBindings labelled ${RUN_LABEL}=${runId}: could not list them: ${describeError(err)}`] };
  }
}

/** What of it a dead run's RBAC is: labelled with a run whose runner (annotated) is gone from this machine. */
export function deadRunRbac<T extends { object: KubeObject }>(found: readonly T[], here: Liveness): T[] {
  return found.filter(({ object }) => ownerIsDead(ownerFrom(object.metadata?.annotations, object.metadata?.labels?.[RUN_LABEL] ?? ""), here));
}

/** The start of a run: RBAC of earlier runs on this machine whose runner is gone (killed before its end). */
export async function sweepDeadRunRbac(admin: KubeClients, here: Liveness = THIS_MACHINE): Promise<{ cleaned: string[]; left: string[] }> {
  return deleteAll(admin, deadRunRbac(await labelledRbac(admin, `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${RUN_LABEL}`), here));
}
