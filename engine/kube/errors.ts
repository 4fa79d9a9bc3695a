// Turn client-node failures into one typed error, in the API server's own words: reason and
// message from the Status body, a category from the reason. Every call site wraps once, with
// apiError(cause, { operation, object }); an error that is already ours passes through.
import { ApiException } from "@kubernetes/client-node";
import { apiStatusOf, KubecukeError, type ErrorCategory, type ErrorFacts } from "../errors.ts";

export interface ApiFailure {
  code: number | undefined;
  /** Status.reason: NotFound, Invalid, AlreadyExists, BadRequest, Forbidden, ... or a network code (ECONNREFUSED) */
  reason: string;
  message: string;
}

/** Connection-level failures: the API server did not answer at all. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);

export function apiFailure(err: unknown): ApiFailure {
  if (err instanceof ApiError) return { code: err.code, reason: err.reason, message: err.apiMessage };
  const status = err instanceof ApiException ? apiStatusOf(err) : undefined;
  if (status) return { code: status.code, reason: status.reason, message: status.message ?? (err as Error).message };
  const e = err as { name?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown } };
  // connection failures (ECONNREFUSED ...) carry a code on the error or its cause
  const netCode = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  // node-fetch's own failures without a system code (request timeout, aborted)
  const fetchName = e?.name === "FetchError" || e?.name === "AbortError" ? e.name : undefined;
  return { code: undefined, reason: netCode ?? fetchName ?? "Error", message: String(e?.message ?? err) };
}

/**
 * Who must act on an API failure. The manifest or step is wrong (Invalid, BadRequest, NotFound,
 * admission's Forbidden): bad input. The cluster or the credentials failed (RBAC's Forbidden,
 * Unauthorized, 429, 5xx, no answer): infrastructure. Anything else (Conflict, Gone,
 * MethodNotAllowed, a TypeError inside the client) means the harness asked wrongly: harness.
 */
export function categoryOfFailure(f: ApiFailure): ErrorCategory {
  switch (f.reason) {
    case "Invalid":
    case "BadRequest":
    case "NotFound":
    case "RequestEntityTooLarge":
      return "bad-input";
    case "Forbidden":
      // RBAC says "User … cannot get resource …"; admission (PodSecurity, quota) refuses the object itself
      return /\bcannot \w+ resource\b/.test(f.message) ? "infrastructure" : "bad-input";
    case "InternalError":
      // server-side apply answers 500 for a field the schema lacks (a misspelt key): the manifest is wrong
      return /failed to create typed patch object|field not declared in schema/.test(f.message) ? "bad-input" : "infrastructure";
    case "Unauthorized":
    case "TooManyRequests":
    case "ServiceUnavailable":
    case "Timeout":
    case "ServerTimeout":
      return "infrastructure";
  }
  if (f.code !== undefined) return f.code >= 500 ? "infrastructure" : "harness";
  return NETWORK_CODES.has(f.reason) || f.reason === "FetchError" || f.reason === "AbortError" ? "infrastructure" : "harness";
}

/** What to do, per category; the API's own message already says what is wrong. */
const TODO: Partial<Record<ErrorCategory, (f: ApiFailure) => string>> = {
  infrastructure: (f) =>
    f.code === undefined
      ? "The API server did not answer: check the cluster (`kubecuke cluster status`; `npm run cluster:status` in kubecuke's own checkout)"
      : f.code === 401 || f.code === 403
        ? "The kubeconfig's user lacks the right: use an admin kubeconfig"
        : "The API server failed: check the cluster (`kubecuke cluster status`; `npm run cluster:status` in kubecuke's own checkout) and retry",
  harness: (f) => (f.code === undefined ? "An unexpected error in the harness: report it as a kubecuke bug" : "The API server refused the harness's request: report it as a kubecuke bug"),
};

/** A failed API call: the server's reason and message, filed by who must act on it. */
export class ApiError extends KubecukeError {
  readonly category: ErrorCategory;
  /** HTTP status; undefined when the server never answered. */
  readonly code: number | undefined;
  /** Status.reason (Invalid, NotFound, Forbidden, …) or the network error code. */
  readonly reason: string;
  /** The API server's own message. */
  readonly apiMessage: string;

  constructor(failure: ApiFailure, facts: ErrorFacts, options?: { cause?: unknown; todo?: string }) {
    const category = categoryOfFailure(failure);
    const head = [facts.operation, facts.object].filter(Boolean).join(" ");
    const todo = options?.todo ?? TODO[category]?.(failure);
    super(`${head}: ${failure.reason}: ${failure.message}${todo ? `. ${todo}` : ""}`, { ...facts, lastSeen: facts.lastSeen ?? `${failure.reason} ${failure.message}` }, options?.cause === undefined ? undefined : { cause: options.cause });
    this.category = category;
    this.code = failure.code;
    this.reason = failure.reason;
    this.apiMessage = failure.message;
  }
}

/**
 * Wrap a client-node failure once, naming what was attempted: `apply Pod/ns/web`,
 * `list Pods in ns`. Errors that are already ours (a timeout, a wrapped API error) pass through.
 */
export function apiError(cause: unknown, facts: ErrorFacts & { operation: string }, todo?: string): KubecukeError {
  if (cause instanceof KubecukeError) return cause;
  return new ApiError(apiFailure(cause), facts, { cause, todo });
}

export function isNotFound(err: unknown): boolean {
  return (err instanceof ApiException || err instanceof ApiError) && err.code === 404;
}
