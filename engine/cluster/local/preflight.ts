// What the local provider needs of the machine before it starts anything: Linux, root, the
// host tools (installed from Debian packages when it can), and its ports free.
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { BadInputError, InfrastructureError } from "../../errors.ts";
import { ensureDebianPackages, hostFacts, PACKAGES, type HostFacts } from "../../host/debian.ts";
import { secondsSince } from "../../seconds.ts";
import { inheritedEnv } from "../../settings/env.ts";
import type { LocalLayout } from "./layout.ts";
import { portOpen } from "./ready.ts";

const HOST_TOOLS = ["containerd", "runc", "ctr", "etcd", "openssl", "iptables", "ip", "tar", "go"];
/** The Debian package of each host tool `up` installs itself when missing (Go is not among them: Debian 12's is too old). */
const TOOL_PACKAGES: Record<string, string> = { containerd: "containerd", ctr: "containerd", runc: "runc", etcd: "etcd-server", openssl: "openssl", iptables: "iptables", ip: "iproute2", tar: "tar", "/usr/lib/cni/bridge": "containernetworking-plugins" };

/**
 * Host tools the local provider runs that are not on this machine and that `up` cannot install
 * itself (empty: it can run). As root on Debian, tools from Debian packages are installed by `up`.
 */
export async function localPrerequisites(): Promise<string[]> {
  return localBlockers(await missingHostTools(), hostFacts());
}

/** Of the missing host tools, those `up` cannot install (all of them unless root on Debian; Go always). */
export function localBlockers(missingTools: string[], facts: HostFacts): string[] {
  const installable = facts.platform === "linux" && facts.apt && facts.uid === 0;
  return missingTools.filter((t) => !(installable && TOOL_PACKAGES[t]));
}

async function missingHostTools(): Promise<string[]> {
  const dirs = (inheritedEnv().PATH ?? "").split(path.delimiter).filter(Boolean);
  const onPath = (tool: string) => dirs.some((d) => {
    try {
      accessSync(path.join(d, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  const missing = HOST_TOOLS.filter((t) => !onPath(t));
  if (!existsSync("/usr/lib/cni/bridge")) missing.push("/usr/lib/cni/bridge");
  return missing;
}

export async function preflight(log: (s: string) => void): Promise<void> {
  // the choice of provider is a setting: the user picks another
  if (process.platform !== "linux") throw new BadInputError("local provider: needs Linux; use the kind provider (KUBECUKE_PROVIDER=kind) elsewhere");
  if (process.getuid?.() !== 0) throw new BadInputError("local provider: needs root (it starts containerd and the kubelet); run as root or use KUBECUKE_PROVIDER=kind");
  // A fresh Debian machine: install what is missing, with apt's progress in the log (or stop with the command to run).
  await ensureDebianPackages([...PACKAGES.localProvider, ...PACKAGES.testImages], { why: "the local provider", log });
  const missing = await missingHostTools();
  if (missing.length) {
    const go = missing.includes("go") ? "; Go 1.24+ builds Kubernetes and does not come from Debian 12 (its golang-go is 1.19): install a Go 1.24+ toolchain and put it on PATH" : "";
    throw new InfrastructureError(`local provider: missing ${missing.join(", ")}${go}`);
  }
}

export async function assertPortsFree(l: LocalLayout): Promise<void> {
  const p = l.ports;
  const wanted: Array<[string, number]> = [["etcd", p.etcdClient], ["etcd peer", p.etcdPeer], ["kube-apiserver", p.apiserver], ["kubelet", p.kubelet],
    ["kube-scheduler", p.scheduler], ["kube-controller-manager", p.controllerManager], ["kube-proxy healthz", p.proxyHealthz]];
  const busy: string[] = [];
  for (const [who, port] of wanted) if (await portOpen(port)) busy.push(`${port} (${who})`);
  if (busy.length) {
    throw new InfrastructureError(`local provider: ports already in use by another program: ${busy.join(", ")}; stop it (a distro etcd or containerd service, another cluster) and retry`);
  }
}

export function portOpenUnix(socket: string): Promise<boolean> {
  return execa("ctr", ["--address", socket, "version"], { reject: false, timeout: 2000 }).then((r) => r.exitCode === 0);
}

/** Log lines with the time since `up` (or `down`) began: "[local +2.4 s] started etcd". */
export function timed(log: ((s: string) => void) | undefined): (s: string) => void {
  const t0 = Date.now();
  return (s) => log?.(`[local +${secondsSince(t0)}] ${s}`);
}
