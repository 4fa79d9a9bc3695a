// Clients that talk to the API server as a ServiceAccount instead of the admin: a short-lived
// token from the TokenRequest API (nothing is stored in the cluster), the admin's cluster entry.
import { KubeConfig } from "@kubernetes/client-node";
import { BadInputError, InfrastructureError, KubecukeError } from "../errors.ts";
import { clientsFor, type KubeClients } from "./client.ts";
import { apiFailure } from "./errors.ts";

/** The API server's minimum lifetime for a requested token. */
const TOKEN_SECONDS = 3600;

/** A short-lived token for a ServiceAccount (TokenRequest API; nothing is stored in the cluster). */
export async function requestToken(admin: KubeClients, namespace: string, name: string): Promise<string> {
  const object = `ServiceAccount/${namespace}/${name}`;
  let token: string | undefined;
  try {
    // no audiences: the token is for the API server itself
    const tr = await admin.core.createNamespacedServiceAccountToken({ name, namespace, body: { spec: { audiences: [], expirationSeconds: TOKEN_SECONDS } } });
    token = tr.status?.token;
  } catch (cause) {
    // its limit passed, or the step's signal ended it (transport.ts): already says what happened
    if (cause instanceof KubecukeError) throw cause;
    const f = apiFailure(cause);
    const message = `request a token for ${object}: ${f.reason}: ${f.message}`;
    if (f.code === 404) throw new BadInputError(`${message}. Create the ServiceAccount first (apply a manifest), or name "default"`, { operation: "token", object }, { cause });
    throw new InfrastructureError(message, { operation: "token", object }, { cause });
  }
  if (!token) throw new InfrastructureError(`request a token for ${object}: expected status.token, last saw none`, { operation: "token", object });
  return token;
}

export async function clientsAsServiceAccount(admin: KubeClients, namespace: string, name: string): Promise<KubeClients> {
  const object = `ServiceAccount/${namespace}/${name}`;
  const token = await requestToken(admin, namespace, name);
  const cluster = admin.kc.getCurrentCluster();
  if (!cluster) throw new BadInputError(`request a token for ${object}: the admin kubeconfig has no current cluster`, { operation: "token", object });
  const user = `system:serviceaccount:${namespace}:${name}`;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user, token }],
    contexts: [{ name: user, cluster: cluster.name, user, namespace }],
    currentContext: user,
  });
  return clientsFor(kc, admin.timeouts);
}
