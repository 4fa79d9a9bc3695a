// The HTTP transport under every client-node request kubecuke makes through KubeClients
// (CoreV1Api and RawObjectApi): each request, its answer's body included, ends by its own
// per-operation limit or by the caller's signal, whichever comes first, and the socket is closed
// then. client-node 1.3's own transport (node-fetch) takes no signal, so a hung request could
// only be abandoned, never ended, and a read without a withDeadline around it had no limit at all.
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
    const req = lib.request(url, { method: ctx.getHttpMethod(), headers: ctx.getHeaders(), agent: ctx.getAgent(), signal }, (res) => {
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
