// The HTTP transport under every client-node request kubecuke makes through KubeClients
// (CoreV1Api and RawObjectApi): each request, its answer's body included, ends by its own
// per-operation limit or by the caller's signal, whichever comes first, and the socket is closed
// then. client-node 1.3's own transport (node-fetch) takes no signal, so a hung request could
// only be abandoned, never ended, and a read without a withDeadline around it had no limit at all.
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { HttpMethod, Observable, ResponseContext, type HttpLibrary, type RequestContext } from "@kubernetes/client-node";
import { withDeadline, type OperationTimeouts } from "./deadline.ts";

/** What bounds a request: the signal of the step it runs for (if any) and the limits table. */
export interface RequestBounds {
  signal?: AbortSignal;
  timeouts: Readonly<OperationTimeouts>;
}

/** The limit a request gets by its method: reads `get`, writes `apply`, DELETE `delete`. */
export function operationOf(method: HttpMethod | string): keyof OperationTimeouts {
  if (method === HttpMethod.GET || method === HttpMethod.HEAD) return "get";
  if (method === HttpMethod.DELETE) return "delete";
  return "apply";
}

/** One request with a per-call limit (`limit`, default by method) and an extra signal. */
export interface SendOptions {
  limit?: keyof OperationTimeouts;
  signal?: AbortSignal;
}

export class DeadlineTransport implements HttpLibrary {
  private readonly bounds: () => RequestBounds;

  /** `bounds` is read at each request: the step's signal changes from step to step (client.ts). */
  constructor(bounds: () => RequestBounds) {
    this.bounds = bounds;
  }

  send(ctx: RequestContext): Observable<ResponseContext> {
    return new Observable(this.sendBounded(ctx));
  }

  /** The request and its whole answer within the limit; rejects with a TimeoutError past it, or with the signal's reason. */
  sendBounded(ctx: RequestContext, opts: SendOptions = {}): Promise<ResponseContext> {
    const { signal, timeouts } = this.bounds();
    const method = ctx.getHttpMethod();
    const op = opts.limit ?? operationOf(method);
    const url = new URL(ctx.getUrl());
    const outer = signal && opts.signal ? AbortSignal.any([signal, opts.signal]) : (signal ?? opts.signal);
    return withDeadline(op, `${method} ${url.pathname}`, timeouts[op], (s) => request(ctx, url, s), { signal: outer });
  }
}

async function request(ctx: RequestContext, url: URL, signal: AbortSignal): Promise<ResponseContext> {
  const body = ctx.getBody();
  if (body !== undefined && typeof body !== "string") throw new TypeError(`${ctx.getHttpMethod()} ${url.pathname}: only text bodies are sent`);
  const lib = url.protocol === "https:" ? https : http;
  return new Promise<ResponseContext>((resolve, reject) => {
    // A body's length, always: Node sends a DELETE's body (DeleteOptions) with neither a length nor
    // chunks, delimited only by closing the connection, which a kept-alive connection never is.
    const headers = body === undefined ? ctx.getHeaders() : { ...ctx.getHeaders(), "Content-Length": String(Buffer.byteLength(body)) };
    const req = lib.request(url, { method: ctx.getHttpMethod(), headers, agent: sharedAgent(ctx.getAgent()), signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const data = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve(new ResponseContext(res.statusCode ?? 0, headers, { text: async () => data.toString("utf8"), binary: async () => data }));
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

// client-node makes a new https.Agent for every request (KubeConfig.createAgent), so every request
// opened its own TLS connection: a handshake each, on both ends, some hundred per scenario on a
// machine the cluster shares. Requests with the same TLS settings (server CA, client certificate,
// verification) share one keep-alive agent instead; credentials sent as headers (tokens) are per
// request anyway. Idle sockets of a keep-alive agent do not hold the process open (Node unrefs them).
const TLS_FIELDS = ["ca", "cert", "key", "pfx", "passphrase", "rejectUnauthorized", "servername", "ciphers", "honorCipherOrder", "timeout"] as const;
const MAX_AGENTS = 64;
const agents = new Map<string, https.Agent>();

/** The keep-alive agent for an agent client-node made (a plain https.Agent); any other agent (proxies) as it is. */
export function sharedAgent(agent: unknown): http.Agent | undefined {
  if (!(agent instanceof http.Agent)) return undefined;
  if (agent.constructor !== https.Agent) return agent;
  const options = (agent as https.Agent & { options: https.AgentOptions }).options;
  const hash = createHash("sha256");
  for (const field of TLS_FIELDS) {
    const values = ([] as unknown[]).concat(options[field] ?? []);
    hash.update(`${field}:${values.length}:`);
    for (const v of values) hash.update(typeof v === "string" || Buffer.isBuffer(v) ? v : JSON.stringify(v) ?? "");
  }
  const key = hash.digest("hex");
  let shared = agents.get(key);
  if (!shared) {
    shared = new https.Agent({ ...options, keepAlive: true });
    agents.set(key, shared);
    // many scenarios' own client certificates: the oldest agent goes (its idle connections closed)
    if (agents.size > MAX_AGENTS) {
      const [oldest, agentOf] = agents.entries().next().value as [string, https.Agent];
      agents.delete(oldest);
      agentOf.destroy();
    }
  }
  return shared;
}
