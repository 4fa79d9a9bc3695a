// The "Environment" block of the Allure report: what cluster the run talked to.
// The runner calls collectEnvironmentInfo() once the cluster is up and writeEnvironmentProperties()
// into the results directory; Allure 3 reads environment.properties from there.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CoreV1Api, VersionApi } from "@kubernetes/client-node";
import { describeError } from "../errors.ts";
import { loadKubeConfig } from "../kube/client.ts";
import { withTimeout } from "../kube/deadline.ts";

export interface EnvironmentInput {
  kubeconfigPath: string;
  context?: string;
  /** local | kind | existing */
  provider: string;
  /** KUBECUKE_TIMEOUT_SCALE (timeoutSettings().scale), shown as "Timeout scale"; default 1. */
  timeoutScale?: number;
  /** Per request; the whole call never takes much longer than twice this. Default 5 s times the scale. */
  timeoutMs?: number;
}

export type EnvironmentInfo = Record<string, string>;

export async function collectEnvironmentInfo(input: EnvironmentInput): Promise<EnvironmentInfo> {
  const scale = input.timeoutScale ?? 1;
  const timeoutMs = input.timeoutMs ?? 5_000 * scale;
  const kc = loadKubeConfig(input.kubeconfigPath, input.context);
  const info: EnvironmentInfo = {
    Provider: input.provider,
    Context: kc.getCurrentContext(),
    "Node.js": process.version,
  };
  const [version, nodes] = await Promise.allSettled([
    withTimeout(kc.makeApiClient(VersionApi).getCode(), timeoutMs, "get server version"),
    withTimeout(kc.makeApiClient(CoreV1Api).listNode(), timeoutMs, "list nodes"),
  ]);
  info["Kubernetes server"] = version.status === "fulfilled" ? version.value.gitVersion : `unknown (${firstLine(describeError(version.reason))})`;
  if (nodes.status === "fulfilled") {
    const items = nodes.value.items;
    info.Nodes = String(items.length);
    // One line per distinct value: clusters are usually homogeneous.
    const distinct = (f: (n: (typeof items)[number]) => string | undefined) =>
      [...new Set(items.map(f).filter((x): x is string => !!x))].join(", ") || "unknown";
    info["Node OS image"] = distinct((n) => n.status?.nodeInfo?.osImage);
    info["Node kernel"] = distinct((n) => n.status?.nodeInfo?.kernelVersion);
    info["Container runtime"] = distinct((n) => n.status?.nodeInfo?.containerRuntimeVersion);
    info.Kubelet = distinct((n) => n.status?.nodeInfo?.kubeletVersion);
  } else {
    info.Nodes = `unknown (${firstLine(describeError(nodes.reason))})`;
  }
  // every time limit of the run was multiplied by it: a reader comparing durations needs to know.
  // After the cluster's facts: the report shows the first eight entries before "show more".
  info["Timeout scale"] = String(scale);
  return info;
}

/** A properties value is one line: keep the first of a multi-line message. */
const firstLine = (s: string): string => s.split("\n")[0]!;

/** Java-properties escaping: Allure's reader splits on the first unescaped '=' or ':'. */
export function toProperties(info: EnvironmentInfo): string {
  const esc = (s: string, key: boolean) =>
    s
      .replace(/\\/g, "\\\\")
      .replace(/\n/g, "\\n")
      .replace(key ? /([=: #!])/g : /^([ #!])/g, "\\$1");
  return Object.entries(info).map(([k, v]) => `${esc(k, true)}=${esc(v, false)}`).join("\n") + "\n";
}

export async function writeEnvironmentProperties(resultsDir: string, info: EnvironmentInfo): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, "environment.properties");
  await writeFile(file, toProperties(info));
  return file;
}
