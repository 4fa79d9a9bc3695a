// A fake API server that keeps objects (unit tests of the waits; scenarios use the real cluster):
// discovery, list and watch of the kinds given, with field selectors (metadata.name, involvedObject)
// and equality label selectors; get by name. `emit` changes an object and tells the open watches.
import { listenOnLoopback } from "../support/loopback-server.ts";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { clientsFor, type KubeClients } from "../../engine/kube/client.ts";
import type { KubeObject } from "../../engine/kube/object.ts";

export interface FakeKind {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

export const KINDS: FakeKind[] = [
  { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true },
  { group: "", version: "v1", plural: "events", kind: "Event", namespaced: true },
  { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true },
  { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false },
  { group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true },
  { group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true },
];

const json = (res: ServerResponse, code: number, body: unknown): void => {
  res.writeHead(code, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};

const status = (code: number, reason: string, message: string) => ({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message });

/** Equality selectors only (`a=b,c=d`); anything else is refused as the API server refuses a bad one. */
function labelFilter(selector: string | null): ((o: KubeObject) => boolean) | "bad" {
  if (!selector) return () => true;
  const pairs = selector.split(",").map((p) => p.split("="));
  if (pairs.some((p) => p.length !== 2 || !/^[\w./-]+$/.test(p[0]!) || !/^[\w.-]*$/.test(p[1]!))) return "bad";
  return (o) => pairs.every(([k, v]) => o.metadata?.labels?.[k!] === v);
}

function fieldFilter(selector: string | null): (o: KubeObject) => boolean {
  if (!selector) return () => true;
  const pairs = selector.split(",").map((p) => p.split("=") as [string, string]);
  const field = (o: KubeObject, path: string): unknown => path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), o);
  return (o) => pairs.every(([k, v]) => String(field(o, k)) === v);
}

interface Request {
  kind: FakeKind;
  namespace: string;
  name?: string;
}

function parsePath(path: string): Request | "discovery" | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const [, core, group = "", gv, namespace = "", plural, name] = m;
  if (!plural) return namespace ? undefined : "discovery";
  const kind = KINDS.find((k) => k.group === group && k.version === (core ?? gv) && k.plural === plural);
  return kind ? { kind, namespace, name } : undefined;
}

export async function fakeApi(objects: KubeObject[] = [], opts: { refuseWatch?: unknown } = {}) {
  let rv = 100;
  const store = new Map<string, KubeObject>();
  const key = (o: KubeObject): string => `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
  const put = (o: KubeObject): KubeObject => {
    const stored = { ...o, metadata: { uid: `uid-${o.metadata?.name}`, ...o.metadata, resourceVersion: String(++rv) } };
    store.set(key(stored), stored);
    return stored;
  };
  for (const o of objects) put(o);
  const watchers = new Set<{ req: Request; match: (o: KubeObject) => boolean; res: ServerResponse }>();
  const inScope = (req: Request, o: KubeObject): boolean => o.kind === req.kind.kind && (!req.namespace || o.metadata?.namespace === req.namespace);
  const server = createServer((http: IncomingMessage, res: ServerResponse) => {
    const url = new URL(http.url ?? "/", "http://fake");
    const req = parsePath(url.pathname);
    if (req === "discovery") {
      const [group, version] = url.pathname === "/api/v1" ? ["", "v1"] : url.pathname.split("/").slice(2);
      const resources = KINDS.filter((k) => k.group === group && k.version === version).map((k) => ({ name: k.plural, singularName: k.kind.toLowerCase(), namespaced: k.namespaced, kind: k.kind, verbs: ["get", "list", "watch"] }));
      return json(res, 200, { kind: "APIResourceList", groupVersion: group ? `${group}/${version}` : version, resources });
    }
    if (!req) return json(res, 404, status(404, "NotFound", `the server could not find the requested resource (${url.pathname})`));
    if (req.name) {
      const o = store.get(`${req.kind.kind}/${req.namespace}/${req.name}`);
      return o ? json(res, 200, o) : json(res, 404, status(404, "NotFound", `${req.kind.plural} "${req.name}" not found`));
    }
    const labels = labelFilter(url.searchParams.get("labelSelector"));
    if (labels === "bad") return json(res, 400, status(400, "BadRequest", `unable to parse requirement: found '${url.searchParams.get("labelSelector")}'`));
    const fields = fieldFilter(url.searchParams.get("fieldSelector"));
    const match = (o: KubeObject): boolean => inScope(req, o) && labels(o) && fields(o);
    if (url.searchParams.get("watch") === "true") {
      if (opts.refuseWatch) return json(res, 403, opts.refuseWatch);
      res.writeHead(200, { "Content-Type": "application/json" });
      const w = { req, match, res };
      watchers.add(w);
      res.on("close", () => watchers.delete(w));
      return;
    }
    json(res, 200, { kind: "List", apiVersion: "v1", metadata: { resourceVersion: String(rv) }, items: [...store.values()].filter(match) });
  });
  const { kc, close: closeServer } = await listenOnLoopback(server);
  return {
    clients: clientsFor(kc) as KubeClients,
    /** Stores the object (ADDED or MODIFIED) or removes it (DELETED), and tells every watch that sees it. */
    emit(type: "ADDED" | "MODIFIED" | "DELETED", o: KubeObject): void {
      const stored = type === "DELETED" ? { ...o, metadata: { ...o.metadata, resourceVersion: String(++rv) } } : put(o);
      if (type === "DELETED") store.delete(key(o));
      for (const w of watchers) if (w.match(stored)) w.res.write(`${JSON.stringify({ type, object: stored })}\n`);
    },
    openWatches: () => watchers.size,
    close: closeServer,
  };
}
