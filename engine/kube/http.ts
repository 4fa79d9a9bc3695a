// HTTP checks of a Service or Pod through the API server's proxy
// (/api/v1/namespaces/<ns>/services/<name>:<port>/proxy/<path>): the same on kind, local and
// existing clusters, with no port-forward, NodePort or route from the test machine to the Pods.
// An HTTP answer cannot be watched, so "returns N within S seconds" asks again every 250 ms.
import { AssertionFailure, BadInputError, TimeoutError } from "../errors.ts";
import type { KubeClients } from "./client.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { secondsSince } from "../seconds.ts";
import { withDeadline } from "./deadline.ts";
import { apiFailure } from "./errors.ts";

export interface HttpTarget {
  kind: "Service" | "Pod";
  namespace: string;
  name: string;
  port: number;
  /** Path on the target, starting with "/" (may carry a query). */
  path: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** True when the API server answered for itself (a Status object: no endpoints, target refused), not the application. */
  fromApiServer: boolean;
  ms: number;
}

const RETRY_MS = 250;
const MAX_BODY_SHOWN = 500;

export function proxyPath(t: HttpTarget): string {
  if (!t.path.startsWith("/")) throw new BadInputError(`HTTP GET ${t.kind}/${t.namespace}/${t.name}: path "${t.path}" must start with "/"`, { object: `${t.kind}/${t.namespace}/${t.name}` });
  const resource = t.kind === "Service" ? "services" : "pods";
  return `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/${resource}/${encodeURIComponent(t.name)}:${t.port}/proxy${t.path}`;
}

export function describeTarget(t: HttpTarget): string {
  return `HTTP GET ${t.kind}/${t.namespace}/${t.name}:${t.port}${t.path}`;
}

/** A Status object from the API server itself (the proxy could not reach the target). */
function apiServerStatus(body: string): string | undefined {
  try {
    const o = JSON.parse(body) as { kind?: string; apiVersion?: string; message?: string; reason?: string };
    if (o.kind === "Status" && o.apiVersion === "v1") return `${o.reason ?? ""}: ${o.message ?? ""}`;
  } catch {
    // not JSON: the application's own body
  }
  return undefined;
}

/**
 * One GET, within the `http` limit (or `limitMs`, at most that). Past it the answer is "no
 * answer" (status 0) and the request is ended. The step's signal (clients.signal) ends it with
 * its reason: an interrupt is not an answer.
 */
export async function httpGet(clients: KubeClients, t: HttpTarget, limitMs = clients.timeouts.http): Promise<HttpAnswer> {
  const started = Date.now();
  const path = proxyPath(t);
  try {
    const r = await withDeadline("HTTP GET", `${t.kind}/${t.namespace}/${t.name}:${t.port}${t.path}`, limitMs, (signal) => clients.objects.rawGet(path, undefined, { limit: "http", signal }), { waitingFor: "no answer through the API server's proxy" });
    return { status: r.status, body: r.body, fromApiServer: apiServerStatus(r.body) !== undefined, ms: Date.now() - started };
  } catch (cause) {
    if (clients.signal?.aborted) throw clients.signal.reason;
    if (cause instanceof TimeoutError) return { status: 0, body: cause.message, fromApiServer: true, ms: Date.now() - started };
    const f = apiFailure(cause);
    // no HTTP answer at all (connection refused to the API server): not the application's fault
    return { status: 0, body: `${f.reason}: ${f.message}`, fromApiServer: true, ms: Date.now() - started };
  }
}

export function answerText(a: HttpAnswer | undefined): string {
  if (!a) return "no answer";
  const body = a.body.length > MAX_BODY_SHOWN ? `${a.body.slice(0, MAX_BODY_SHOWN)}… (${a.body.length} bytes)` : a.body;
  const who = a.fromApiServer ? ` from the API server (${apiServerStatus(a.body) ?? body.trim()})` : `, body: ${JSON.stringify(body)}`;
  return `status ${a.status}${who}`;
}

/**
 * GET until the answer has the status (and passes `accept`, when given) or the time is up.
 * The timeout message says what was expected and the last answer, with who gave it.
 */
export async function httpGetUntil(clients: KubeClients, t: HttpTarget, status: number, timeoutMs: number, accept?: (a: HttpAnswer) => string | undefined): Promise<HttpAnswer> {
  const started = Date.now();
  let last: HttpAnswer | undefined;
  let lastProblem = "";
  for (;;) {
    // each request within the http limit, and never much past the step's own time
    const answer = await httpGet(clients, t, Math.max(1, Math.min(clients.timeouts.http, timeoutMs - (Date.now() - started))));
    // a request cut short by the step's own end says nothing new: the message keeps the last real answer
    if (answer.status !== 0 || !last || last.status === 0) last = answer;
    if (answer.status === status) {
      lastProblem = accept?.(answer) ?? "";
      if (!lastProblem) return answer;
    }
    if (Date.now() - started + RETRY_MS > timeoutMs) break;
    // the step's end (its deadline, the interrupt) ends the pause too, with its reason
    await sleep(RETRY_MS, undefined, { signal: clients.signal }).catch((e: unknown) => Promise.reject(clients.signal?.reason ?? e));
  }
  const expected = `status ${status}${accept ? " and a body that passes the check" : ""}`;
  const message = `${describeTarget(t)}: expected ${expected}, last saw ${answerText(last)}${lastProblem ? `; ${lastProblem}` : ""} (after ${secondsSince(started)})`;
  const facts = { operation: "http", object: `${t.kind}/${t.namespace}/${t.name}`, expected, lastSeen: answerText(last), elapsedMs: Date.now() - started };
  // the application answered, with something else: the product misbehaved; no answer in time: a timeout
  throw last && !last.fromApiServer ? new AssertionFailure(message, facts) : new TimeoutError(message, facts);
}
