// Host-level setup and teardown a local cluster needs: kernel switches, routes that keep the
// cluster's address ranges on this machine, and removal of what the runtime left behind
// (mounts, network namespaces, iptables chains, the bridge).
import { readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { InfrastructureError } from "../../errors.ts";
import type { LocalLayout } from "./layout.ts";

/** First global IPv4 address of this host: the node's InternalIP. */
export async function detectNodeIp(): Promise<string> {
  const { stdout } = await execa("ip", ["-4", "-o", "addr", "show", "scope", "global"]);
  const m = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(stdout);
  if (!m?.[1]) throw new InfrastructureError("local provider: no global IPv4 address on this host to use as the node IP");
  return m[1];
}

export async function prepareHost(l: LocalLayout): Promise<void> {
  await writeSysctl("net/ipv4/ip_forward", "1");
  // Service traffic between Pods on one bridge must pass through kube-proxy's iptables rules.
  await writeSysctl("net/bridge/bridge-nf-call-iptables", "1");
  // A Service or Pod address that no rule claims dies here instead of taking the default route
  // off the machine: an "unreachable" route (a blackhole that answers, so a TCP client fails at
  // once with "No route to host"). More specific routes (the bridge's /24) and kube-proxy's
  // DNAT, which happens before routing, still win.
  for (const cidr of [l.network.serviceCidr, l.network.podCidr]) {
    await execa("ip", ["route", "replace", "unreachable", cidr]);
  }
  await fenceEgress(l);
}

/**
 * Pods may talk to Pods, Services (DNAT'd to Pods before FORWARD) and this host, never to
 * anything beyond it: forwarded traffic from the Pod range to any other range is rejected here.
 */
async function fenceEgress(l: LocalLayout): Promise<void> {
  const chain = EGRESS_CHAIN;
  if ((await execa("iptables", ["-n", "-L", chain], { reject: false })).exitCode !== 0) {
    await execa("iptables", ["-N", chain]);
    await execa("iptables", ["-A", chain, "-s", l.network.podCidr, "!", "-d", l.network.podCidr, "-j", "REJECT"]);
  }
  if ((await execa("iptables", ["-C", "FORWARD", "-j", chain], { reject: false })).exitCode !== 0) {
    await execa("iptables", ["-I", "FORWARD", "1", "-j", chain]);
  }
}

export const EGRESS_CHAIN = "KUBECUKE-EGRESS";

async function writeSysctl(key: string, value: string): Promise<void> {
  const file = path.join("/proc/sys", key);
  if (!existsSync(file)) throw new InfrastructureError(`local provider: ${file} is missing (kernel lacks the feature this cluster needs)`);
  if ((await readFile(file, "utf8")).trim() !== value) await writeFile(file, value);
}

export async function cleanupHost(l: LocalLayout, log: (s: string) => void): Promise<void> {
  await unmountUnder([l.dir, l.runDir], log);
  await removePodNetns(log);
  await removeChains(log);
  await execa("ip", ["link", "delete", l.network.bridge], { reject: false });
  for (const cidr of [l.network.serviceCidr, l.network.podCidr]) {
    await execa("ip", ["route", "delete", "unreachable", cidr], { reject: false });
  }
}

/** Mount points below any of `roots`, deepest first. */
export async function mountsUnder(roots: string[]): Promise<string[]> {
  const mounts = (await readFile("/proc/self/mounts", "utf8"))
    .split("\n")
    .map((line) => line.split(" ")[1]?.replace(/\\040/g, " "))
    .filter((m): m is string => !!m && roots.some((r) => m === r || m.startsWith(r + "/")));
  return [...new Set(mounts)].sort((a, b) => b.length - a.length);
}

async function unmountUnder(roots: string[], log: (s: string) => void): Promise<void> {
  const mounts = await mountsUnder(roots);
  for (const m of mounts) await execa("umount", ["-l", m], { reject: false });
  if (mounts.length) log(`unmounted ${mounts.length} mounts`);
}

/** containerd's CRI names Pod network namespaces cni-<uuid> under /run/netns. */
async function removePodNetns(log: (s: string) => void): Promise<void> {
  if (!existsSync("/run/netns")) return;
  const names = (await readdir("/run/netns")).filter((n) => /^cni-[0-9a-f-]{36}$/.test(n));
  for (const n of names) {
    await execa("umount", ["-l", path.join("/run/netns", n)], { reject: false });
    await rm(path.join("/run/netns", n), { force: true });
  }
  if (names.length) log(`removed ${names.length} pod network namespaces`);
}

/**
 * Chains the cluster made: CNI-* (portmap plugin) and KUBE-* (kubelet canaries and firewall;
 * kube-proxy's own are already gone through `kube-proxy --cleanup`). Jumps into them go first.
 */
async function removeChains(log: (s: string) => void): Promise<void> {
  let removed = 0;
  for (const table of ["nat", "filter", "mangle"]) {
    const { stdout, exitCode } = await execa("iptables", ["-t", table, "-S"], { reject: false });
    if (exitCode !== 0) continue;
    const rules = stdout.split("\n");
    const ours = (chain: string) => /^(CNI|KUBE|KUBECUKE)-/.test(chain);
    const jumps = rules.filter((r) => r.startsWith("-A ") && / -j (CNI|KUBE|KUBECUKE)-/.test(r) && !ours(r.split(" ")[1] ?? ""));
    for (const r of jumps) await execa("sh", ["-c", `iptables -t ${table} ${r.replace(/^-A /, "-D ")}`], { reject: false });
    const chains = rules.filter((r) => r.startsWith("-N ") && ours(r.slice(3))).map((r) => r.slice(3));
    for (const c of chains) await execa("iptables", ["-t", table, "-F", c], { reject: false });
    for (const c of chains) await execa("iptables", ["-t", table, "-X", c], { reject: false });
    removed += chains.length;
  }
  if (removed) log(`removed ${removed} iptables chains`);
}

/** Kubelet-made cgroups (kubepods*) left after the processes in them are gone. */
export async function removeKubeCgroups(): Promise<void> {
  const base = "/sys/fs/cgroup";
  if (!existsSync(base)) return;
  for (const ctrl of await readdir(base)) {
    for (const top of ["kubepods", "kubepods.slice"]) {
      const root = path.join(base, ctrl, top);
      if (existsSync(root)) await rmdirTree(root);
    }
  }
}

async function rmdirTree(dir: string): Promise<void> {
  try {
    for (const e of await readdir(dir)) {
      const p = path.join(dir, e);
      if ((await stat(p)).isDirectory()) await rmdirTree(p);
    }
    await execa("rmdir", [dir], { reject: false });
  } catch {
    /* a cgroup still in use stays; its processes were killed, the kernel frees it later */
  }
}
