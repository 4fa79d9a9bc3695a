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

/** The API server's reason names for status codes, used when a Status body carries no reason. */
const REASON_BY_CODE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Expired",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

export function apiFailure(err: unknown): ApiFailure {
  if (err instanceof ApiException) {
    const status = statusBody(err.body);
    return {
      code: err.code,
      reason: status?.reason || REASON_BY_CODE[err.code] || `HTTP ${err.code}`,
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
