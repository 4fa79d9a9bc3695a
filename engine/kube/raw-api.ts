// A generic object client that speaks plain JSON. client-node's KubernetesObjectApi
// deserialises into typed models and, when serialising known kinds, silently drops fields
// its models do not know: a misspelt field would vanish instead of being rejected by the
// API server. Tests must see what the server says, so bodies go out and come back verbatim.
import {
  ApiException,
  createConfiguration,
  HttpMethod,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  type Configuration,
  type KubeConfig,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
} from "@kubernetes/client-node";
import { OPERATION_TIMEOUTS_MS } from "./deadline.ts";
import { KubeconfigError } from "./kubeconfig.ts";
import type { KubeObject } from "./object.ts";
import { DeadlineTransport, type SendOptions } from "./transport.ts";

export interface RawList {
  items: KubeObject[];
  metadata?: { resourceVersion?: string };
}

/** An apply's answer: the object as stored, and whether this request created it (HTTP 201). */
export interface Applied {
  object: KubeObject;
  created: boolean;
}

export const FIELD_MANAGER = "kubecuke";

/** client-node's configuration for `kc`'s current cluster, with requests sent through `transport`. */
export function boundedConfiguration(kc: KubeConfig, transport: DeadlineTransport): Configuration {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`kubeconfig: context "${kc.getCurrentContext()}" names no cluster`, { operation: "load kubeconfig" });
  return createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: kc }, httpApi: transport });
}

/** A 2xx answer's JSON body; any other status as client-node's ApiException (its body parsed when JSON). */
async function jsonOf<T>(response: ResponseContext): Promise<T> {
  const text = await response.body.text();
  if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return (text ? JSON.parse(text) : {}) as T;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (a proxy error page): keep the text
  }
  throw new ApiException(response.httpStatusCode, "Unsuccessful HTTP Request", body, response.headers);
}

/**
 * Every request, client-node's own (discovery, read, list, delete) and this class's, goes through
 * a DeadlineTransport (transport.ts): it ends by its per-operation limit or the clients' signal.
 */
export class RawObjectApi extends KubernetesObjectApi {
  private readonly transport: DeadlineTransport;

  constructor(configuration: Configuration, transport: DeadlineTransport) {
    super(configuration);
    this.transport = transport;
  }

  /** For `kc`'s current context, with the default limits and no signal (KubeClients' own is made by client.ts). */
  static fromConfig(kc: KubeConfig, transport = new DeadlineTransport(() => ({ timeouts: OPERATION_TIMEOUTS_MS }))): RawObjectApi {
    const api = new RawObjectApi(boundedConfiguration(kc, transport), transport);
    api.setDefaultNamespace(kc);
    return api;
  }

  protected override async processResponse<T extends KubernetesObject>(response: ResponseContext): Promise<T> {
    return jsonOf<T>(response);
  }

  /** Authenticate and send one request of this class's own, with per-call options. */
  private async answer(ctx: RequestContext, opts?: SendOptions): Promise<ResponseContext> {
    const auth = this.configuration.authMethods.default;
    if (auth?.applySecurityAuthentication) await auth.applySecurityAuthentication(ctx);
    return this.transport.sendBounded(ctx, opts);
  }

  /** Discovery for one kind: undefined when the cluster does not serve it. */
  async served(apiVersion: string, kind: string): Promise<{ namespaced: boolean; name: string } | undefined> {
    try {
      const r = await this.resource(apiVersion, kind);
      return r ? { namespaced: r.namespaced, name: r.name } : undefined;
    } catch (err) {
      // an unknown group/version answers 404 to discovery: the kind is not served either
      if (err instanceof ApiException && err.code === 404) return undefined;
      throw err;
    }
  }

  /** Server-side apply with our field manager; force so a re-apply after `kubectl apply` takes over. */
  async apply(obj: KubeObject): Promise<Applied> {
    const spec = structuredClone(obj) as KubernetesObject;
    const path = await this.specUriPath(spec, "patch");
    const ctx = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    ctx.setHeaderParam("Accept", "application/json");
    ctx.setHeaderParam("Content-Type", PatchStrategy.ServerSideApply);
    ctx.setQueryParam("fieldManager", FIELD_MANAGER);
    ctx.setQueryParam("force", "true");
    ctx.setQueryParam("fieldValidation", "Strict");
    ctx.setBody(JSON.stringify(spec)); // JSON is YAML: apply-patch+yaml accepts it
    const response = await this.answer(ctx);
    return { object: await jsonOf<KubeObject>(response), created: response.httpStatusCode === 201 };
  }

  /**
   * Delete only the object with this UID (a same-named object created since is left alone: the
   * API server answers 409 Conflict). Background propagation, so owned objects go too.
   */
  async deleteExact(ref: { apiVersion: string; kind: string; namespace?: string; name: string }, uid: string, gracePeriodSeconds?: number): Promise<void> {
    await this.delete({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } }, undefined, undefined, gracePeriodSeconds, undefined, "Background", {
      apiVersion: "v1",
      kind: "DeleteOptions",
      preconditions: { uid },
      propagationPolicy: "Background",
      ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
    });
  }

  /**
   * Delete every object of a collection (an API path such as /api/v1/namespaces/ns/pods), as
   * Kubernetes' namespace controller does for a namespace being deleted (the run's end,
   * engine/run/empty.ts); Background propagation. Answers what was deleted.
   */
  async deleteCollectionAt(collection: string, gracePeriodSeconds?: number): Promise<RawList> {
    const ctx = this.configuration.baseServer.makeRequestContext(collection, HttpMethod.DELETE);
    ctx.setHeaderParam("Accept", "application/json");
    ctx.setHeaderParam("Content-Type", "application/json");
    ctx.setBody(JSON.stringify({ apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background", ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }) }));
    return jsonOf<RawList>(await this.answer(ctx));
  }

  /** List a collection by its API path (no per-kind discovery first, as listRaw does). */
  async listAt(collection: string, opts: { labelSelector?: string; fieldSelector?: string; signal?: AbortSignal } = {}): Promise<RawList> {
    const ctx = this.configuration.baseServer.makeRequestContext(collection, HttpMethod.GET);
    ctx.setHeaderParam("Accept", "application/json");
    if (opts.fieldSelector !== undefined) ctx.setQueryParam("fieldSelector", opts.fieldSelector);
    if (opts.labelSelector !== undefined) ctx.setQueryParam("labelSelector", opts.labelSelector);
    return jsonOf<RawList>(await this.answer(ctx, { signal: opts.signal }));
  }

  /** PUT the object as given (its resourceVersion makes it conditional): restores a saved state. */
  async replaceRaw(obj: KubeObject): Promise<KubeObject> {
    return this.sendJson(obj, "replace", HttpMethod.PUT);
  }

  /** POST the object (fails with AlreadyExists when the name is taken). */
  async createRaw(obj: KubeObject): Promise<KubeObject> {
    return this.sendJson(obj, "create", HttpMethod.POST);
  }

  /** The body goes out verbatim (client-node's own create/replace re-serialise through typed models). */
  private async sendJson(obj: KubeObject, action: "create" | "replace", method: HttpMethod): Promise<KubeObject> {
    const spec = structuredClone(obj) as KubernetesObject;
    const ctx = this.configuration.baseServer.makeRequestContext(await this.specUriPath(spec, action), method);
    ctx.setHeaderParam("Accept", "application/json");
    ctx.setHeaderParam("Content-Type", "application/json");
    ctx.setQueryParam("fieldManager", FIELD_MANAGER);
    ctx.setBody(JSON.stringify(spec));
    return jsonOf<KubeObject>(await this.answer(ctx));
  }

  /**
   * GET any API path and return status and body as they came, without turning non-2xx into an
   * error: the API server's proxy paths answer with the proxied application's own status.
   * `opts.limit`: which limit bounds it (the proxy's `http`; `get` by default).
   */
  async rawGet(path: string, accept?: string, opts?: SendOptions): Promise<{ status: number; body: string }> {
    const ctx = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    if (accept) ctx.setHeaderParam("Accept", accept);
    const response = await this.answer(ctx, opts);
    return { status: response.httpStatusCode, body: await response.body.text() };
  }

  /** API path of a kind's collection, e.g. /api/v1/namespaces/ns/pods (for watches). */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    return this.specUriPath({ apiVersion, kind, metadata: { namespace } } as KubernetesObject, "list");
  }

  /** `opts.signal` ends the list besides the clients' own (a ListWatch's, when its wait ends). */
  async listRaw(apiVersion: string, kind: string, namespace: string, opts: { labelSelector?: string; fieldSelector?: string; signal?: AbortSignal } = {}): Promise<RawList> {
    return this.listAt(await this.collectionPath(apiVersion, kind, namespace), opts);
  }

  async getRaw(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject> {
    return (await this.read({ apiVersion, kind, metadata: { name, namespace } })) as KubeObject;
  }
}
