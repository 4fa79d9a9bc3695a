// Debian packages the harness needs on the machine it runs on, installed when missing so that a
// fresh Debian 12 machine needs only `npm ci` and `npm test`. What to do is decided by a pure
// function (planInstall, unit-tested branch by branch); ensureDebianPackages carries it out with
// apt-get, logging its progress, or stops with the exact command for a person to run.
import { BadInputError, InfrastructureError } from "../errors.ts";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { inheritedEnv } from "../settings/env.ts";
import { secondsSince } from "../seconds.ts";

/** What each part of the harness needs, by Debian package name. */
export const PACKAGES = {
  /** The local provider's host side: runtime, network, etcd, certificates, plus what it loads as images. */
  localProvider: ["containerd", "runc", "containernetworking-plugins", "iptables", "conntrack", "etcd-server", "iproute2", "openssl", "tar"],
  /** The test images are built from these static binaries (engine/images/build.ts). */
  testImages: ["busybox-static", "bash-static", "catatonit"],
  /** The report test opens the report in Chromium; the CJK font renders the zh-CN scenarios. */
  reportBrowser: ["chromium", "fonts-wqy-zenhei"],
} as const;

export interface HostFacts {
  platform: NodeJS.Platform;
  uid: number | undefined;
  /** /etc/debian_version exists and apt-get is on PATH. */
  apt: boolean;
}

export type InstallPlan =
  | { kind: "nothing" }
  | { kind: "install"; packages: string[]; commands: string[][] }
  | { kind: "refuse"; packages: string[]; message: string };

const APT_INSTALL = ["apt-get", "install", "-y", "-q", "--no-install-recommends"];

/** What to do about `missing` packages on this machine: nothing, install, or stop with the command to run. */
export function planInstall(missing: string[], facts: HostFacts, why: string): InstallPlan {
  if (missing.length === 0) return { kind: "nothing" };
  const packages = [...missing].sort();
  if (facts.platform !== "linux" || !facts.apt) {
    return {
      kind: "refuse",
      packages,
      message: `${why} needs the Debian packages ${packages.join(" ")}, and this machine has no apt-get (${facts.platform === "linux" ? "not Debian" : facts.platform}): install their equivalents with its package manager, or run on Debian 12`,
    };
  }
  if (facts.uid !== 0) {
    return {
      kind: "refuse",
      packages,
      message: `${why} needs Debian packages that are not installed; as root it installs them itself, here run:\n  sudo ${[...APT_INSTALL, ...packages].join(" ")}`,
    };
  }
  return { kind: "install", packages, commands: [["apt-get", "update", "-q"], [...APT_INSTALL, ...packages]] };
}

export function hostFacts(): HostFacts {
  const onPath = (tool: string) => (inheritedEnv().PATH ?? "").split(":").some((d) => d && existsSync(`${d}/${tool}`));
  return { platform: process.platform, uid: process.getuid?.(), apt: existsSync("/etc/debian_version") && onPath("apt-get") && onPath("dpkg-query") };
}

/** The packages of `wanted` that dpkg does not list as installed (all of them where there is no dpkg). */
export async function missingPackages(wanted: readonly string[]): Promise<string[]> {
  const r = await run(["dpkg-query", "-W", "-f=${Package} ${Status}\\n", ...wanted]).catch(() => ({ code: 1, out: "" }));
  const installed = new Set(r.out.split("\n").filter((l) => l.endsWith(" install ok installed")).map((l) => l.split(" ")[0]));
  return wanted.filter((p) => !installed.has(p));
}

export interface EnsureOptions {
  /** Who needs them, for messages: "the local provider". */
  why: string;
  log: (line: string) => void;
  /** Plan and log only. */
  dryRun?: boolean;
  facts?: HostFacts;
}

/** Installs what is missing of `wanted` (as root on Debian), else throws with the command to run. Returns the plan. */
export async function ensureDebianPackages(wanted: readonly string[], o: EnsureOptions): Promise<InstallPlan> {
  const facts = o.facts ?? hostFacts();
  const plan = planInstall(facts.apt ? await missingPackages(wanted) : [...wanted], facts, o.why);
  if (plan.kind === "nothing") return plan;
  if (plan.kind === "refuse") {
    if (o.dryRun) o.log(`would stop: ${plan.message}`);
    else throw new BadInputError(plan.message);
    return plan;
  }
  if (o.dryRun) {
    o.log(`would install for ${o.why}: ${plan.packages.join(" ")}\n  ${plan.commands.map((c) => c.join(" ")).join("\n  ")}`);
    return plan;
  }
  const started = Date.now();
  o.log(`installing ${plan.packages.length} Debian packages for ${o.why}: ${plan.packages.join(" ")}`);
  for (const command of plan.commands) {
    const r = await run(command, (line) => {
      // apt's own progress lines, one per package fetched, unpacked and set up
      if (/^(Get:|Unpacking |Setting up |E: |W: |Err:)/.test(line)) o.log(`  apt: ${line}`);
    });
    if (r.code !== 0) throw new InfrastructureError(`install Debian packages for ${o.why}: ${command.join(" ")} exited ${r.code}:\n${r.out.trim().split("\n").slice(-15).join("\n")}`);
  }
  // Debian starts etcd and containerd as services where an init system runs; the local provider
  // starts its own instances on the same ports and sockets. Only services this install brought.
  for (const [pkg, svc] of [["etcd-server", "etcd"], ["containerd", "containerd"]] as const) {
    if (!plan.packages.includes(pkg)) continue;
    if ((await run(["systemctl", "is-active", "--quiet", svc]).catch(() => ({ code: 1 }))).code === 0) await run(["systemctl", "stop", svc]).catch(() => undefined);
  }
  o.log(`installed ${plan.packages.length} Debian packages in ${secondsSince(started)}`);
  return plan;
}

/** Runs a command without a shell; stdout+stderr collected, each line also passed to onLine. */
function run(command: string[], onLine?: (line: string) => void): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...inheritedEnv(), DEBIAN_FRONTEND: "noninteractive" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let partial = "";
    const take = (d: Buffer) => {
      out += d.toString();
      const lines = (partial + d.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) onLine?.(l);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("close", (code) => {
      if (partial) onLine?.(partial);
      resolve({ code: code ?? 1, out });
    });
  });
}
