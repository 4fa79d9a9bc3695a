// A scenario's own credentials: the ServiceAccount `kubecuke-scenario` of its namespace, which
// may do anything in that namespace (a RoleBinding to `cluster-admin`, whose rules then hold in
// that namespace only) and only read elsewhere (a ClusterRoleBinding to the run's read role,
// engine/run/scope-role.ts). Literal kubectl commands and the steps' API calls use it, so a
// command that would change another namespace or a cluster-scoped object is refused by the API
// server itself (Forbidden). Made by the admin; the ClusterRoleBinding is deleted with the
// scenario (and, as a dependent of the namespace, by the garbage collector if nobody does).
import { AuthorizationV1Api, KubeConfig, type V1ResourceAttributes } from "@kubernetes/client-node";
import type { KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { apiError } from "../kube/errors.ts";
import { requestToken } from "../kube/identity.ts";
import { withTokenUser } from "../kube/kubeconfig.ts";
import type { KubeObject } from "../kube/manifest.ts";
import type { ObjectRef } from "../kube/apply.ts";
import { BadInputError, describeError, InfrastructureError } from "../errors.ts";
import { splitCommandLine } from "../kube/command-line.ts";

export const SCENARIO_SERVICE_ACCOUNT = "kubecuke-scenario";
/** Read-only elsewhere when the run made no read role (cucumber started by hand): the built-in `view` (namespaced kinds, no Secrets). */
export const FALLBACK_READ_ROLE = "view";
const RBAC = "rbac.authorization.k8s.io/v1";

export function scenarioUser(namespace: string): string {
  return `system:serviceaccount:${namespace}:${SCENARIO_SERVICE_ACCOUNT}`;
}

export interface IdentityInput {
  namespace: string;
  namespaceUid: string;
  /** The run's read ClusterRole (scope-role.ts readRoleName). */
  readRole: string;
  /** Labels and annotations of what the harness creates for the run (managed-by, run, scenario; owner). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The three objects, as the admin creates them. Pure (unit tested). */
export function identityObjects(input: IdentityInput): { serviceAccount: KubeObject; roleBinding: KubeObject; clusterRoleBinding: KubeObject } {
  const subject = { kind: "ServiceAccount", name: SCENARIO_SERVICE_ACCOUNT, namespace: input.namespace };
  const metadata = { labels: input.labels, annotations: input.annotations };
  return {
    serviceAccount: { apiVersion: "v1", kind: "ServiceAccount", metadata: { ...metadata, name: SCENARIO_SERVICE_ACCOUNT, namespace: input.namespace } },
    roleBinding: {
      apiVersion: RBAC,
      kind: "RoleBinding",
      metadata: { ...metadata, name: SCENARIO_SERVICE_ACCOUNT, namespace: input.namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [subject],
    },
    clusterRoleBinding: {
      apiVersion: RBAC,
      kind: "ClusterRoleBinding",
      metadata: {
        ...metadata,
        name: clusterBindingName(input.namespace),
        // garbage-collected with the namespace if the scenario's cleanup never runs
        ownerReferences: [{ apiVersion: "v1", kind: "Namespace", name: input.namespace, uid: input.namespaceUid }],
      },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: input.readRole },
      subjects: [subject],
    },
  };
}

export function clusterBindingName(namespace: string): string {
  return `kubecuke-scenario-read-${namespace}`;
}

export interface ScopedIdentity {
  user: string;
  /** The scenario's kubeconfig: the admin's cluster entry and the ServiceAccount's token. */
  kubeconfig: string;
  /** The ClusterRoleBinding, deleted by UID with the scenario. */
  binding: { ref: ObjectRef; uid: string };
}

/** What the identity must be allowed before the scenario starts: RBAC bindings reach the authorizer's cache a moment after they are stored. */
function probes(namespace: string): V1ResourceAttributes[] {
  return [
    { verb: "create", resource: "configmaps", namespace },
    // cluster-wide: the run's read role (or the fallback `view`) grants it
    { verb: "list", resource: "pods" },
  ];
}

/**
 * Creates the ServiceAccount and its two bindings, requests a token, and returns once the API
 * server authorizes the token for both halves (normally at the first check).
 */
export async function createScopedIdentity(admin: KubeClients, input: IdentityInput, minifiedAdmin: string): Promise<ScopedIdentity> {
  const objs = identityObjects(input);
  const object = `ServiceAccount/${input.namespace}/${SCENARIO_SERVICE_ACCOUNT}`;
  const create = (o: KubeObject) => withDeadline("create", `${o.kind}/${o.metadata?.name}`, admin.timeouts.apply, () => admin.objects.createRaw(o)).catch((cause: unknown) => {
    throw apiError(cause, { operation: "create", object: `${o.kind}/${o.metadata?.name}` });
  });
  const [, , crb] = await Promise.all([create(objs.serviceAccount), create(objs.roleBinding), create(objs.clusterRoleBinding)]);
  const token = await withDeadline("token", object, admin.timeouts.apply, () => requestToken(admin, input.namespace, SCENARIO_SERVICE_ACCOUNT));
  const user = scenarioUser(input.namespace);
  const kubeconfig = withTokenUser(minifiedAdmin, user, token);
  await untilAuthorized(kubeconfig, input.namespace, admin.timeouts.apply);
  return { user, kubeconfig, binding: { ref: { apiVersion: RBAC, kind: "ClusterRoleBinding", name: clusterBindingName(input.namespace) }, uid: crb.metadata?.uid ?? "" } };
}

/** SelfSubjectAccessReviews as the scenario (its kubeconfig), every 50 ms, until both probes are allowed. */
async function untilAuthorized(kubeconfig: string, namespace: string, timeoutMs: number): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const api = kc.makeApiClient(AuthorizationV1Api);
  const started = Date.now();
  let last = "no answer yet";
  while (Date.now() - started < timeoutMs) {
    try {
      const answers = await Promise.all(probes(namespace).map((resourceAttributes) => api.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes } } })));
      const denied = answers.map((a, i) => (a.status?.allowed ? "" : `${probes(namespace)[i]?.verb} ${probes(namespace)[i]?.resource}`)).filter(Boolean);
      if (denied.length === 0) return;
      last = `not yet allowed: ${denied.join(", ")}`;
    } catch (err) {
      last = describeError(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new InfrastructureError(`authorize ${scenarioUser(namespace)}: expected its bindings to take effect, last saw ${last} (after ${(timeoutMs / 1000).toFixed(0)} s)`, { operation: "authorize", object: `ServiceAccount/${namespace}/${SCENARIO_SERVICE_ACCOUNT}` });
}

/** The `[kubecuke] …` note added to a literal kubectl's stderr when the API server refused it for the scenario's identity. */
export function forbiddenHint(command: string, stderr: string, namespace: string, exitCode: number): string | undefined {
  if (exitCode === 0 || !stderr.includes(`"${scenarioUser(namespace)}"`) || !/forbidden/i.test(stderr)) return undefined;
  return (
    `[kubecuke] kubectl ${JSON.stringify(command)}: refused by the API server: a scenario's kubectl acts as ${scenarioUser(namespace)}, ` +
    `which may change only the scenario's namespace (${namespace}) and only read elsewhere. To change another namespace or a cluster-scoped object, ` +
    "tag the scenario @allow-shared-changes (its kubectl then runs with the admin's credentials; what a literal command changes is not restored), or apply a manifest (objects it creates outside the namespace are deleted after the scenario)."
  );
}

/** kubectl flags that would replace the scenario's credentials with others. */
// (not --user: `kubectl create rolebinding --user` names a subject)
const CREDENTIAL_FLAGS = ["--kubeconfig", "--token", "--as", "--as-group", "--as-uid", "--client-certificate", "--client-key"];

/**
 * Refuses up front a literal command that names other credentials (before `--`, which starts
 * the command run in a container): it would step around the scenario's identity.
 */
export function refuseOtherCredentials(commandLine: string): void {
  const words = splitCommandLine(commandLine);
  const end = words.indexOf("--");
  const flag = (end < 0 ? words : words.slice(0, end)).find((w) => CREDENTIAL_FLAGS.some((f) => w === f || w.startsWith(`${f}=`)));
  if (flag) {
    throw new BadInputError(
      `kubectl ${JSON.stringify(commandLine)}: ${flag.split("=")[0]} would replace the scenario's credentials; a scenario's kubectl acts as its own ServiceAccount. ` +
        "Leave the flag out, or tag the scenario @allow-shared-changes to act with the admin's credentials.",
      { operation: "run kubectl" },
    );
  }
}
