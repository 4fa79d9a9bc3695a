// A container's log read straight from the API (GET pods/log): client-node 1.3's Log class drops
// the body of every refusal but a 500 ("Error occurred in log request Body: undefined"), and its
// generated readNamespacedPodLog cannot read the empty answer an unscheduled Pod gets ("Cannot
// parse content. No Content-Type defined."). Here a refusal keeps the API server's reason.
import http from "node:http";
import https from "node:https";
import { ApiException, type KubeConfig } from "@kubernetes/client-node";

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** The instance before the current one (kubectl logs --previous). */
  previous?: boolean;
  follow?: boolean;
  tailLines?: number;
  signal?: AbortSignal;
}

/**
 * The log endpoint's refusal as an ApiException whose body is the server's Status, for apiError.
 * The kubelet's own words, which the API server puts in details.causes (its 404 "pod \"x\" does
 * not exist" becomes "the server could not find the requested resource"), are kept in the message.
 */
function refusal(code: number, text: string): ApiException<string> {
  let status: { message?: string; details?: { causes?: { message?: string }[] } } & Record<string, unknown>;
  try {
    status = JSON.parse(text) as typeof status;
  } catch {
    // the kubelet's plain-text answers, proxied: give them a Status shape
    status = { kind: "Status", code, message: text.trim() || http.STATUS_CODES[code] };
  }
  const causes = (status.details?.causes ?? []).map((c) => c.message?.trim()).filter((m): m is string => !!m && !status.message?.includes(m));
  if (causes.length > 0) status = { ...status, message: `${status.message ?? ""} (${causes.join("; ")})` };
  return new ApiException(code, `log request answered ${code}`, JSON.stringify(status), {});
}

/** Open the log stream; rejects with an ApiException carrying the server's Status (see refusal). */
export async function openLog(kc: KubeConfig, r: LogRequest): Promise<http.IncomingMessage> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error("the kubeconfig has no current cluster");
  const url = new URL(`${server.replace(/\/$/, "")}/api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.pod)}/log`);
  url.searchParams.set("container", r.container);
  if (r.previous) url.searchParams.set("previous", "true");
  if (r.follow) url.searchParams.set("follow", "true");
  if (r.tailLines !== undefined) url.searchParams.set("tailLines", String(r.tailLines));
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(url, { ...opts, method: "GET", signal: r.signal }, resolve);
    req.on("error", reject);
    req.end();
  });
  // 204: a Pod not bound to a node yet has no log anywhere (the API server answers with no body)
  if (res.statusCode === 200 || res.statusCode === 204) return res;
  let text = "";
  for await (const chunk of res) text += String(chunk);
  throw refusal(res.statusCode ?? 0, text);
}

/** The whole log as it is now (no follow). An unscheduled Pod's is empty. */
export async function readLog(kc: KubeConfig, r: Omit<LogRequest, "follow">): Promise<string> {
  const res = await openLog(kc, r);
  let text = "";
  for await (const chunk of res) text += String(chunk);
  return text;
}

/**
 * The log endpoint's answer for a container that has not started yet, a matter of time and not a
 * wrong step: the kubelet's 400 `container "app" in pod "web" is waiting to start:
 * ContainerCreating` (or `… is not available`), and its 404 `pod "web" does not exist` while it
 * has not yet received the Pod the scheduler bound to it (seen under load). The API server's own
 * 404 for a Pod that does not exist (`pods "web" not found`) is not. Pure.
 */
export function notStartedYet(code: number | undefined, message: string): boolean {
  if (code === 404) return /does not exist|could not find the requested resource/.test(message) && !/^pods "[^"]*" not found/.test(message);
  return code === 400 && /is waiting to start|is not available|ContainerCreating|PodInitializing/.test(message);
}
