// A generic object client that speaks plain JSON. client-node's KubernetesObjectApi
// deserialises into typed models and, when serialising known kinds, silently drops fields
// its models do not know: a misspelt field would vanish instead of being rejected by the
// API server. Tests must see what the server says, so bodies go out and come back verbatim.
import {
  ApiException,
  HttpMethod,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
  type ResponseContext,
} from "@kubernetes/client-node";
import type { KubeObject } from "./object.ts";

export interface RawList {
  items: KubeObject[];
  metadata?: { resourceVersion?: string };
}

export const FIELD_MANAGER = "kubecuke";

/** HTTP status of the response each returned object came from (201: the request created it). */
const responseStatus = new WeakMap<object, number>();

/** True when the object was returned by a request that created it (HTTP 201), e.g. an apply of a new object. */
export function wasCreated(obj: object): boolean {
  return responseStatus.get(obj) === 201;
}

export class RawObjectApi extends KubernetesObjectApi {
  static fromConfig(kc: KubeConfig): RawObjectApi {
    const api = kc.makeApiClient(RawObjectApi);
    api.setDefaultNamespace(kc);
    return api;
  }

  protected override async processResponse<T extends KubernetesObject>(response: ResponseContext): Promise<T> {
    const text = await response.body.text();
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) {
      const parsed = (text ? JSON.parse(text) : {}) as T;
      responseStatus.set(parsed, response.httpStatusCode);
      return parsed;
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (a proxy error page): keep the text
    }
    throw new ApiException(response.httpStatusCode, "Unsuccessful HTTP Request", body, response.headers);
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
  async apply(obj: KubeObject): Promise<KubeObject> {
    const spec = structuredClone(obj) as KubernetesObject;
    const path = await this.specUriPath(spec, "patch");
    const ctx = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    ctx.setHeaderParam("Accept", "application/json");
    ctx.setHeaderParam("Content-Type", PatchStrategy.ServerSideApply);
    ctx.setQueryParam("fieldManager", FIELD_MANAGER);
    ctx.setQueryParam("force", "true");
    ctx.setQueryParam("fieldValidation", "Strict");
    ctx.setBody(JSON.stringify(spec)); // JSON is YAML: apply-patch+yaml accepts it
    return (await this.requestPromise(ctx)) as KubeObject;
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
    return (await this.requestPromise(ctx)) as unknown as RawList;
  }

  /** List a collection by its API path (no per-kind discovery first, as listRaw does). */
  async listAt(collection: string): Promise<RawList> {
    const ctx = this.configuration.baseServer.makeRequestContext(collection, HttpMethod.GET);
    ctx.setHeaderParam("Accept", "application/json");
    return (await this.requestPromise(ctx)) as unknown as RawList;
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
    return (await this.requestPromise(ctx)) as KubeObject;
  }

  /**
   * GET any API path and return status and body as they came, without turning non-2xx into an
   * error: the API server's proxy paths answer with the proxied application's own status.
   */
  async rawGet(path: string, accept?: string): Promise<{ status: number; body: string }> {
    const ctx = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    if (accept) ctx.setHeaderParam("Accept", accept);
    const auth = this.configuration.authMethods.default;
    if (auth?.applySecurityAuthentication) await auth.applySecurityAuthentication(ctx);
    const response = await this.configuration.httpApi.send(ctx).toPromise();
    return { status: response.httpStatusCode, body: await response.body.text() };
  }

  /** API path of a kind's collection, e.g. /api/v1/namespaces/ns/pods (for watches). */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    return this.specUriPath({ apiVersion, kind, metadata: { namespace } } as KubernetesObject, "list");
  }

  async listRaw(apiVersion: string, kind: string, namespace: string, opts: { labelSelector?: string; fieldSelector?: string } = {}): Promise<RawList> {
    return (await this.list(apiVersion, kind, namespace, undefined, undefined, undefined, opts.fieldSelector, opts.labelSelector)) as unknown as RawList;
  }

  async getRaw(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject> {
    return (await this.read({ apiVersion, kind, metadata: { name, namespace } })) as KubeObject;
  }
}
