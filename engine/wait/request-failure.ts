// The failures of a list or watch request (list-watch.ts), in the API server's words, and which
// of them retrying cannot mend.
import http from "node:http";
import { apiFailure } from "../kube/errors.ts";
import { targetText, type WatchTarget } from "./target.ts";

/** A failed list or watch request, in the API server's words. */
export class RequestFailure extends Error {
  readonly code: number | undefined;
  readonly reason: string;
  constructor(message: string, code: number | undefined, reason: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.reason = reason;
  }
}

/** Failures retrying cannot mend: the request itself is wrong (an unserved kind, a refused selector). */
export function isFatal(f: RequestFailure): boolean {
  return f.reason === "NotServed" || (f.code !== undefined && [400, 404, 405, 406, 415, 422].includes(f.code));
}

export function toFailure(op: "list" | "watch", t: WatchTarget, cause: unknown): RequestFailure {
  if (cause instanceof Error && cause.message.startsWith("Unrecognized API version and kind")) {
    return new RequestFailure(`${op} ${targetText(t)}: kind "${t.kind}" (${t.apiVersion}) is not served by the cluster`, 404, "NotServed", { cause });
  }
  const f = apiFailure(cause);
  return new RequestFailure(`${op} ${targetText(t)}: ${f.reason}: ${f.message}`, f.code, f.reason, { cause });
}

export async function httpFailure(t: WatchTarget, res: http.IncomingMessage): Promise<RequestFailure> {
  let text = "";
  for await (const chunk of res) text += String(chunk);
  let status: { reason?: string; message?: string } = {};
  try {
    status = JSON.parse(text) as typeof status;
  } catch {
    status = { message: text.trim() };
  }
  const code = res.statusCode ?? 0;
  const reason = status.reason || http.STATUS_CODES[code]?.replace(/\s/g, "") || `HTTP ${code}`;
  return new RequestFailure(`watch ${targetText(t)}: ${reason}: ${status.message || `HTTP ${code}`}`, code, reason);
}
