// A scenario's own credentials: the ServiceAccount `kubecuke-scenario` of its namespace, which
// may do anything in that namespace (a RoleBinding to `cluster-admin`, whose rules then hold in
// that namespace only) and only read elsewhere (a subject of the run's ClusterRoleBinding to its
// read role, engine/run/scope-role.ts). Literal kubectl commands and the steps' API calls use it,
// so a command that would change another namespace or a cluster-scoped object is refused by the
// API server itself (Forbidden). Made by the admin; the ServiceAccount and RoleBinding go with the
// namespace, the subject stays in the run's binding (naming a ServiceAccount that no longer
// exists, it grants nothing) until the runner deletes the binding at the run's end.
import { AuthorizationV1Api, KubeConfig, PatchStrategy, RbacAuthorizationV1Api, setHeaderOptions, type V1ResourceAttributes } from "@kubernetes/client-node";
import { apiClient, type KubeClients } from "../kube/client.ts";
import { withDeadline } from "../kube/deadline.ts";
import { apiError } from "../kube/errors.ts";
import { requestToken } from "../kube/identity.ts";
import { withTokenUser } from "../kube/kubeconfig.ts";
import type { KubeObject } from "../kube/object.ts";
import { BadInputError, describeError, InfrastructureError } from "../errors.ts";
import { secondsText } from "../seconds.ts";
import { splitCommandLine } from "../kube/command-line.ts";

export const SCENARIO_SERVICE_ACCOUNT = "kubecuke-scenario";
const RBAC = "rbac.authorization.k8s.io/v1";

export function scenarioUser(namespace: string): string {
  return `system:serviceaccount:${namespace}:${SCENARIO_SERVICE_ACCOUNT}`;
}

export interface IdentityInput {
  namespace: string;
  namespaceUid: string;
  /** The run's ClusterRoleBinding to its read role (scope-role.ts readRoleName); none: the scenario reads only its namespace. */
  readBinding?: string;
  /** Labels and annotations of what the harness creates for the run (managed-by, run, scenario; owner). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The ServiceAccount and its RoleBinding, as the admin creates them, and the subject the run's binding gets. Pure (unit tested). */
export function identityObjects(input: IdentityInput): { serviceAccount: KubeObject; roleBinding: KubeObject; subject: { kind: string; name: string; namespace: string } } {
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
    subject,
  };
}

/** One JSON patch appending the subject: the API server applies it to the binding as stored, so parallel scenarios do not lose one another's. */
export function joinPatch(subject: { kind: string; name: string; namespace: string }): Array<{ op: "add"; path: string; value: unknown }> {
  return [{ op: "add", path: "/subjects/-", value: subject }];
}

export interface ScopedIdentity {
  user: string;
  /** The scenario's kubeconfig: the admin's cluster entry and the ServiceAccount's token. */
  kubeconfig: string;
}

/** What the identity must be allowed before the scenario starts: RBAC bindings reach the authorizer's cache a moment after they are stored. */
function probes(namespace: string, clusterRead: boolean): V1ResourceAttributes[] {
  return [
    { verb: "create", resource: "configmaps", namespace },
    // cluster-wide: the run's read role grants it
    ...(clusterRead ? [{ verb: "list", resource: "nodes" }] : []),
  ];
}

/**
 * Creates the ServiceAccount and its RoleBinding, adds it to the run's binding, requests a token,
 * and returns once the API server authorizes the token for both halves (normally at once).
 */
export async function createScopedIdentity(admin: KubeClients, input: IdentityInput, minifiedAdmin: string): Promise<ScopedIdentity> {
  const objs = identityObjects(input);
  const object = `ServiceAccount/${input.namespace}/${SCENARIO_SERVICE_ACCOUNT}`;
  const create = (o: KubeObject) => withDeadline("create", `${o.kind}/${o.metadata?.name}`, admin.timeouts.apply, () => admin.objects.createRaw(o)).catch((cause: unknown) => {
    throw apiError(cause, { operation: "create", object: `${o.kind}/${o.metadata?.name}` });
  });
  const readBinding = input.readBinding;
  const join = readBinding
    ? withDeadline("patch", `ClusterRoleBinding/${readBinding}`, admin.timeouts.apply, () =>
        apiClient(admin, RbacAuthorizationV1Api).patchClusterRoleBinding({ name: readBinding, body: joinPatch(objs.subject) }, setHeaderOptions("Content-Type", PatchStrategy.JsonPatch)),
      ).catch((cause: unknown) => {
        throw apiError(cause, { operation: "patch", object: `ClusterRoleBinding/${readBinding}` });
      })
    : undefined;
  await Promise.all([create(objs.serviceAccount), create(objs.roleBinding), join]);
  const token = await withDeadline("token", object, admin.timeouts.apply, () => requestToken(admin, input.namespace, SCENARIO_SERVICE_ACCOUNT));
  const user = scenarioUser(input.namespace);
  const kubeconfig = withTokenUser(minifiedAdmin, user, token);
  await untilAuthorized(kubeconfig, probes(input.namespace, readBinding !== undefined), input.namespace, admin.timeouts.apply);
  return { user, kubeconfig };
}

/** SelfSubjectAccessReviews as the scenario (its kubeconfig), every 50 ms, until both probes are allowed. */
async function untilAuthorized(kubeconfig: string, wanted: V1ResourceAttributes[], namespace: string, timeoutMs: number): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const api = apiClient(kc, AuthorizationV1Api);
  const started = Date.now();
  let last = "no answer yet";
  while (Date.now() - started < timeoutMs) {
    try {
      const answers = await Promise.all(wanted.map((resourceAttributes) => api.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes } } })));
      const denied = answers.map((a, i) => (a.status?.allowed ? "" : `${wanted[i]?.verb} ${wanted[i]?.resource}`)).filter(Boolean);
      if (denied.length === 0) return;
      last = `not yet allowed: ${denied.join(", ")}`;
    } catch (err) {
      last = describeError(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new InfrastructureError(`authorize ${scenarioUser(namespace)}: expected its bindings to take effect, last saw ${last} (after ${secondsText(timeoutMs)})`, { operation: "authorize", object: `ServiceAccount/${namespace}/${SCENARIO_SERVICE_ACCOUNT}` });
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
