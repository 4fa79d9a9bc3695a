// Turn client-node failures into the API server's own words: reason and message from the Status body.
import { ApiException } from "@kubernetes/client-node";

export interface ApiFailure {
  code: number | undefined;
  /** Status.reason: NotFound, Invalid, AlreadyExists, BadRequest, Forbidden, ... */
  reason: string;
  message: string;
}

function statusBody(body: unknown): { reason?: string; message?: string } | undefined {
  if (body && typeof body === "object" && "kind" in body && (body as { kind: unknown }).kind === "Status") {
    return body as { reason?: string; message?: string };
  }
  if (typeof body === "string") {
    try {
      return statusBody(JSON.parse(body));
    } catch {
      return { message: body.trim() };
    }
  }
  return undefined;
}

export function apiFailure(err: unknown): ApiFailure {
  if (err instanceof ApiException) {
    const status = statusBody(err.body);
    return {
      code: err.code,
      reason: status?.reason || `HTTP ${err.code}`,
      message: status?.message || err.message,
    };
  }
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  // connection failures (ECONNREFUSED ...) carry a code on the error or its cause
  const netCode = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  return { code: undefined, reason: netCode ?? "Error", message: String(e?.message ?? err) };
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiException && err.code === 404;
}
