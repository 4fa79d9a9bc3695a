// Names and kubeconfigs for one scenario. Pure: unit tested.
import { randomBytes } from "node:crypto";

/** Lowercase ASCII slug of a scenario name; non-ASCII names (Chinese) fall back to "scenario". */
export function slugify(text: string, max = 20): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return slug || "scenario";
}

/** `kc-<slug>-<6 hex>`: a valid DNS-1123 label (≤ 63 chars), unique per run. */
export function namespaceFor(scenarioName: string, random: string = randomBytes(3).toString("hex")): string {
  return `kc-${slugify(scenarioName)}-${random}`;
}

interface Named<T> {
  name: string;
  [key: string]: unknown;
  context?: T;
}
export interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: Named<unknown>[];
  users?: Named<unknown>[];
  contexts?: Named<{ cluster: string; user: string; namespace?: string }>[];
  "current-context"?: string;
  [key: string]: unknown;
}

/**
 * From an admin kubeconfig, a kubeconfig holding only `context` (its cluster and user), with
 * that context's namespace set to the scenario's and made current. A literal `kubectl get pods`
 * with it lists the scenario's Pods. Throws naming what is missing.
 */
export function scenarioKubeconfig(admin: KubeconfigDoc, context: string | undefined, namespace: string): KubeconfigDoc {
  const ctxName = context ?? admin["current-context"];
  if (!ctxName) throw new Error("scenario kubeconfig: no context given and the kubeconfig has no current-context");
  const ctx = admin.contexts?.find((c) => c.name === ctxName);
  if (!ctx?.context) {
    throw new Error(`scenario kubeconfig: context "${ctxName}" not found (contexts: ${(admin.contexts ?? []).map((c) => c.name).join(", ") || "none"})`);
  }
  const cluster = admin.clusters?.find((c) => c.name === ctx.context?.cluster);
  const user = admin.users?.find((u) => u.name === ctx.context?.user);
  if (!cluster) throw new Error(`scenario kubeconfig: cluster "${ctx.context.cluster}" of context "${ctxName}" not found`);
  if (!user) throw new Error(`scenario kubeconfig: user "${ctx.context.user}" of context "${ctxName}" not found`);
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [cluster],
    users: [user],
    contexts: [{ name: ctxName, context: { ...ctx.context, namespace } }],
    "current-context": ctxName,
  };
}
