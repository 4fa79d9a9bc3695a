// Minify and flatten a kubeconfig to one context (like `kubectl config view --minify --flatten`),
// working on the raw YAML so auth settings client-node does not model (exec options,
// extensions) survive. The result is self-contained: referenced cert/key files are embedded,
// so the copy works from any directory. Used for the existing provider's run copy and for
// each scenario's kubeconfig (whose context points at the scenario namespace).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { BadInputError } from "../errors.ts";

/** A kubeconfig the harness cannot use; `missingContext` when the named context is not in it. */
export class KubeconfigError extends BadInputError {
  missingContext = false;
}

interface Named {
  name?: unknown;
  [key: string]: unknown;
}

export interface Minified {
  text: string;
  server: string;
}

/**
 * sourcePath locates relative file references and names the file in errors. Without a context
 * the file's current-context is used; with a namespace, the context is pointed at it.
 */
export function minifyKubeconfig(text: string, context: string | undefined, sourcePath: string, options: { namespace?: string } = {}): Minified {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new KubeconfigError(`kubeconfig ${sourcePath}: not valid YAML; check the file`, { cause });
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  const { wanted, ctx, ctxBody } = contextOf(root, context, sourcePath);
  const clusterName = ctxBody["cluster"];
  const cluster = entries(root["clusters"]).find((c) => c.name === clusterName);
  const clusterBody = (cluster?.["cluster"] ?? {}) as Record<string, unknown>;
  const server = clusterBody["server"];
  if (!cluster || typeof server !== "string") {
    throw new KubeconfigError(`kubeconfig ${sourcePath}: context "${wanted}" names cluster "${String(clusterName)}" which has no server URL`);
  }
  const userName = ctxBody["user"];
  const user = userName === undefined ? undefined : entries(root["users"]).find((u) => u.name === userName);
  if (userName !== undefined && !user) throw new KubeconfigError(`kubeconfig ${sourcePath}: user "${String(userName)}" of context "${wanted}" not found`);
  const embed = embedder(sourcePath);
  const newCluster = structuredClone(cluster);
  embed(newCluster["cluster"] as Record<string, unknown>, "certificate-authority", "certificate-authority-data", "base64");
  const newCtx = structuredClone(ctx);
  if (options.namespace) newCtx["context"] = { ...ctxBody, namespace: options.namespace };
  const out: Record<string, unknown> = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [newCluster],
    contexts: [newCtx],
    users: [],
    preferences: {},
    "current-context": wanted,
  };
  if (user) {
    const newUser = structuredClone(user);
    const body = (newUser["user"] ?? {}) as Record<string, unknown>;
    embed(body, "client-certificate", "client-certificate-data", "base64");
    embed(body, "client-key", "client-key-data", "base64");
    embed(body, "tokenFile", "token", "utf8");
    out["users"] = [newUser];
  }
  return { text: stringify(out), server };
}

/** The context asked for (or the file's current-context); a missing one is an error that lists those there are. */
function contextOf(root: Record<string, unknown>, context: string | undefined, sourcePath: string): { wanted: string; ctx: Named; ctxBody: Record<string, unknown> } {
  const contexts = entries(root["contexts"]);
  const wanted = context ?? (typeof root["current-context"] === "string" ? root["current-context"] : undefined);
  const ctx = contexts.find((c) => c.name === wanted);
  if (!ctx || wanted === undefined) {
    const names = contexts.map((c) => String(c.name)).join(", ") || "none";
    const err = new KubeconfigError(
      wanted === undefined
        ? `kubeconfig ${sourcePath}: no context given and no current-context (contexts: ${names})`
        : `kubeconfig ${sourcePath}: context "${wanted}" not found (contexts: ${names})`,
    );
    err.missingContext = true;
    throw err;
  }
  return { wanted, ctx, ctxBody: (ctx["context"] ?? {}) as Record<string, unknown> };
}

/** Replaces a file reference (relative to the kubeconfig's directory) in `body` with the file's content, inline. */
function embedder(sourcePath: string): (body: Record<string, unknown>, fileKey: string, dataKey: string, encoding: "base64" | "utf8") => void {
  const baseDir = path.dirname(path.resolve(sourcePath));
  return (body, fileKey, dataKey, encoding) => {
    const ref = body[fileKey];
    if (typeof ref !== "string" || ref === "") return;
    const file = path.resolve(baseDir, ref);
    try {
      const bytes = readFileSync(file);
      body[dataKey] = encoding === "base64" ? bytes.toString("base64") : bytes.toString("utf8").trim();
    } catch (cause) {
      throw new KubeconfigError(`kubeconfig ${sourcePath}: ${fileKey} ${file} cannot be read`, { cause });
    }
    delete body[fileKey];
  };
}

function entries(v: unknown): Named[] {
  return Array.isArray(v) ? v.filter((e): e is Named => e !== null && typeof e === "object") : [];
}

/**
 * A minified kubeconfig (minifyKubeconfig's text) whose one user is replaced by a bearer token:
 * the cluster entry (server, CA, proxy) and the context's namespace stay as they were.
 */
export function withTokenUser(minified: string, userName: string, token: string): string {
  const root = parse(minified) as Record<string, unknown>;
  const contexts = entries(root["contexts"]).map((c) => ({ ...c, context: { ...((c["context"] ?? {}) as Record<string, unknown>), user: userName } }));
  return stringify({ ...root, contexts, users: [{ name: userName, user: { token } }] });
}
