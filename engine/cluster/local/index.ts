// The `local` provider: a real single-node cluster whose components run as host processes,
// the way Kubernetes' hack/local-up-cluster.sh does. For machines where kind cannot run
// (no Docker engine, or no --privileged). Needs Linux and root.
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import type { KubeConfig } from "@kubernetes/client-node";
import { setTimeout as sleep } from "node:timers/promises";
import { InfrastructureError, KubecukeError } from "../../errors.ts";
import { loadKubeConfig } from "../../kube/client.ts";
import { unlessAborted } from "../../kube/deadline.ts";
import type { ClusterHandle, ClusterProvider, ClusterStatus, DownOptions, ImageLister, ImageLoader, LeftoverFinder, UpOptions } from "../provider.ts";
import * as c from "./components.ts";
import { APISERVER_KUBELET_USER, certificatesDue, writeClusterFiles } from "./files.ts";
import { renewalDue } from "./renewal.ts";
import { cleanupHost, detectNodeIp, mountsUnder, prepareHost, removeKubeCgroups } from "./host.ts";
import { localLayout, type LocalLayout, type LocalPlacement } from "./layout.ts";
import { ensureDnsObjects } from "./dns.ts";
import { restartInProgress } from "./restart.ts";
import { descendants, isAlive, killAndWait, pidsMatching, runningPid, startAndWait, stop, tailLog, type Component } from "./processes.ts";
import { apiReady, grantApiserverKubeletAccess, portOpen, runProbePod, waitForDefaultServiceAccount, waitForNodeReady } from "./ready.ts";
import { BUSYBOX_REF, buildTestImages } from "../../images/build.ts";
import { writeExampleTeamImage } from "../../images/write-archive.ts";
import { criImages, importArchives } from "./images.ts";
import { assertPortsFree, portOpenUnix, preflight, timed } from "./preflight.ts";
import { PACKAGE_ROOT } from "../../package-paths.ts";

export { localBlockers, localPrerequisites } from "./preflight.ts";

// kubecuke's own files (build scripts, test image sources): beside the package, source or built
const REPO_ROOT = PACKAGE_ROOT;

export interface LocalOptions extends LocalPlacement {
  /** default "local": the local cluster is long-lived, one per machine. */
  name?: string;
}

export class LocalProvider implements ClusterProvider, ImageLoader, ImageLister, LeftoverFinder {
  readonly name = "local";
  readonly layout: LocalLayout;

  constructor(options: LocalOptions) {
    this.layout = localLayout(options.name ?? "local", options);
  }

  /** owned: false when `up` found the cluster already running (someone else started it). */
  handle(owned = true): ClusterHandle {
    const l = this.layout;
    return { provider: this.name, name: l.name, kubeconfigPath: l.kubeconfig, context: l.context, dir: l.dir, binDir: l.binDir, owned };
  }

  /** `options.signal` ends it between its stages, kills the builds it runs and stops its waits. */
  async up(options: UpOptions = {}): Promise<ClusterHandle> {
    const log = timed(options.log);
    const signal = options.signal;
    const l = this.layout;
    await unlessAborted(preflight(log), signal);
    // running, but a certificate ends within the renewal window (renewal.ts): started again, from clean
    const running = await this.runningOrCleared(options, log);
    if (running === "running") return this.handle(false);
    await assertPortsFree(l);
    await this.ensureBinaries(log, signal);
    const nodeIp = await detectNodeIp();
    log(`writing certificates and configs to ${l.dir} (node IP ${nodeIp})`);
    await writeClusterFiles(l, nodeIp, log);
    await prepareHost(l);
    signal?.throwIfAborted();
    const kc = await this.startComponents(nodeIp, options, log);
    log("waiting for the node to be Ready and the default ServiceAccount");
    await unlessAborted(this.nodeReady(kc), signal);
    log("running a probe Pod");
    await unlessAborted(runProbePod(kc, BUSYBOX_REF, 60_000), signal).catch((e: Error) => {
      if (signal?.aborted) throw e;
      throw new InfrastructureError(`${e.message}\n--- kubelet log ---\n${tailLog(l.logs, "kubelet")}\n--- containerd log ---\n${tailLog(l.logs, "containerd")}`, { ...factsOf(e) }, { cause: e });
    });
    log(`cluster ${l.name} is up: KUBECONFIG=${l.kubeconfig}`);
    // restarted for its certificates: still not this run's to stop
    return this.handle(running !== "restarted");
  }

  /**
   * "running": the cluster runs and its certificates are good. Otherwise whatever is there is
   * taken down first: "restarted" (its certificates were due), "cleared" (it had not stopped
   * cleanly, or was never there).
   */
  private async runningOrCleared(options: UpOptions, log: (s: string) => void): Promise<"running" | "restarted" | "cleared"> {
    const l = this.layout;
    let restarted = false;
    if (await this.settled(log, options.signal)) {
      const due = await certificatesDue(l, await detectNodeIp());
      if (!renewalDue(due)) {
        log(`cluster ${l.name} already running`);
        return "running";
      }
      log(`cluster ${l.name}: its certificates are due (${due.reasons.join("; ")}); restarting it with new ones (a fresh cluster: its objects go)`);
      await this.down({ log: options.log, signal: options.signal });
      restarted = true;
    }
    if (existsSync(l.dir) || existsSync(l.runDir)) {
      // A cluster whose processes died without `down` (a killed session, a reboot) leaves
      // mounts, netns and etcd state behind; starting over from clean is faster than repairing.
      log(`cleaning up ${l.name}, which did not stop cleanly`);
      await this.down({ log: options.log, signal: options.signal });
    }
    return restarted ? "restarted" : "cleared";
  }

  /** Every component, in the order they need each other; images go in meanwhile. */
  private async startComponents(nodeIp: string, options: UpOptions, log: (s: string) => void): Promise<KubeConfig> {
    const l = this.layout;
    const signal = options.signal;
    const pki = { ca: path.join(l.pki, "ca.crt"), cert: path.join(l.pki, "admin.crt"), key: path.join(l.pki, "admin.key") };
    // containerd and etcd do not need each other; the API server needs etcd
    await unlessAborted(Promise.all([
      this.startComponent(c.containerd(l), log, () => existsSync(l.containerdSocket) && portOpenUnix(l.containerdSocket)),
      this.startComponent(c.etcd(l), log, () => portOpen(l.ports.etcdClient)),
    ]), signal);
    await unlessAborted(this.startComponent(c.apiserver(l, nodeIp), log, () => apiReady(l.ports.apiserver, pki), 60_000), signal);
    const kc = loadKubeConfig(l.kubeconfig);
    // Everything else at once: the controllers, scheduler, kubelet and kube-proxy only need the API
    // server; CoreDNS starts once its RBAC and Service exist; images go in meanwhile (the probe Pod
    // below is the first to need them).
    await unlessAborted(Promise.all([
      grantApiserverKubeletAccess(kc, APISERVER_KUBELET_USER),
      ensureDnsObjects(kc, l, nodeIp).then(() => this.startComponent(c.coredns(l), log)),
      this.testImageArchives(log).then((archives) => this.loadImages(archives, options)),
      ...[c.controllerManager(l), c.scheduler(l), c.kubelet(l, nodeIp), c.kubeProxy(l)].map((comp) => this.startComponent(comp, log)),
    ]), signal);
    return kc;
  }

  /** The node Ready and the default ServiceAccount there; a node that is not says what the kubelet logged. */
  private async nodeReady(kc: KubeConfig): Promise<void> {
    const l = this.layout;
    await Promise.all([
      waitForNodeReady(kc, l.nodeName, 90_000).catch((e: Error) => {
        throw new InfrastructureError(`${e.message}\n--- kubelet log ---\n${tailLog(l.logs, "kubelet")}`, { ...factsOf(e) }, { cause: e });
      }),
      waitForDefaultServiceAccount(kc, 60_000),
    ]);
  }

  async down(options: DownOptions = {}): Promise<void> {
    const log = timed(options.log);
    const l = this.layout;
    const wasRunning = (await Promise.all(c.START_ORDER.map((n) => runningPid(l.pids, n)))).some((p) => p !== undefined);
    if (await runningPid(l.pids, "kube-proxy")) {
      await stop(l.pids, "kube-proxy");
    }
    if (existsSync(path.join(l.binDir, "kube-proxy")) && wasRunning) {
      // Removes the KUBE-* iptables chains kube-proxy made.
      await execa(path.join(l.binDir, "kube-proxy"), ["--cleanup"], { reject: false });
    }
    for (const name of ["coredns", "kubelet", "kube-scheduler", "kube-controller-manager"]) {
      options.signal?.throwIfAborted();
      await stop(l.pids, name);
    }
    await this.killContainers(log);
    for (const name of ["containerd", "kube-apiserver", "etcd"]) {
      options.signal?.throwIfAborted();
      await stop(l.pids, name);
    }
    // Components whose pid files were lost (or are stale) are still found by their command
    // lines, which all name this cluster's directory.
    const strays = (await pidsMatching(l.dir)).filter(isAlive);
    for (const pid of strays) await killAndWait(pid, 2000);
    if (strays.length) log(`stopped ${strays.length} processes of ${l.name} that had no pid file`);
    await cleanupHost(l, log);
    await removeKubeCgroups();
    const left = (await pidsMatching(l.dir)).filter(isAlive);
    if (left.length) throw new InfrastructureError(`local provider: processes still running after down: ${left.join(", ")}`);
    if (!options.keep) {
      await rm(l.runDir, { recursive: true, force: true });
      if ((await mountsUnder([l.dir])).length === 0) await rm(l.dir, { recursive: true, force: true });
    }
    log(wasRunning || strays.length ? `cluster ${l.name} stopped${options.keep ? ` (kept ${l.dir})` : ""}` : `cluster ${l.name} was not running`);
  }

  async status(): Promise<ClusterStatus> {
    const l = this.layout;
    const states = await Promise.all(c.START_ORDER.map(async (n) => [n, await runningPid(l.pids, n)] as const));
    const down = states.filter(([, pid]) => pid === undefined).map(([n]) => n);
    const healthy = down.length === 0 && (await apiReady(l.ports.apiserver, { ca: path.join(l.pki, "ca.crt"), cert: path.join(l.pki, "admin.crt"), key: path.join(l.pki, "admin.key") }).catch(() => false));
    const detail = down.length === c.START_ORDER.length ? "not running" : down.length ? `not running: ${down.join(", ")}` : healthy ? `running (${l.kubeconfig})` : "processes up, API server not ready";
    return { running: healthy, detail };
  }

  /**
   * What of this cluster is still on the machine: processes (zombies excluded: PID 1 on some
   * VMs never reaps orphans, and a zombie holds nothing), mounts, Pod network namespaces,
   * iptables chains, the bridge. Empty after a clean `down`.
   */
  async leftovers(): Promise<string[]> {
    const l = this.layout;
    const out: string[] = [];
    for (const pid of [...new Set([...(await pidsMatching(l.dir)), ...(await pidsMatching(l.runDir))])]) {
      if (isAlive(pid)) out.push(`process ${pid}: ${(await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replace(/\0/g, " ").slice(0, 120)}`);
    }
    for (const m of await mountsUnder([l.dir, l.runDir])) out.push(`mount ${m}`);
    if (existsSync("/run/netns")) {
      for (const n of await readdir("/run/netns")) if (n.startsWith("cni-")) out.push(`netns ${n}`);
    }
    for (const table of ["nat", "filter", "mangle"]) {
      const { stdout } = await execa("iptables", ["-t", table, "-S"], { reject: false });
      for (const chain of stdout.split("\n").filter((r) => /^-N (KUBE|CNI|KUBECUKE)-/.test(r))) out.push(`iptables ${table} ${chain.slice(3)}`);
    }
    if ((await execa("ip", ["link", "show", l.network.bridge], { reject: false })).exitCode === 0) out.push(`bridge ${l.network.bridge}`);
    return out;
  }

  /** Imports image archives into containerd's k8s.io namespace (images.ts). */
  async loadImages(archives: string[], options: UpOptions & { force?: boolean } = {}): Promise<void> {
    await importArchives(this.layout, archives, timed(options.log), options.force === true);
  }

  /** The images in containerd's k8s.io namespace: what the kubelet sees through CRI. */
  listImages(): Promise<string[]> {
    return criImages(this.layout);
  }

  /**
   * kubecuke's test images, pause included, and its example of a team's image: a run that uses
   * this cluster as `existing` (test/providers) loads no image, yet runs the features that use them.
   */
  private async testImageArchives(log: (s: string) => void): Promise<string[]> {
    const built = (await buildTestImages(REPO_ROOT, this.layout.cacheDir, log)).map((i) => i.archive);
    return [...built, await writeExampleTeamImage(this.layout.cacheDir)];
  }

  /** The builds are killed when `signal` aborts (the up then rejects with its reason). */
  private async ensureBinaries(log: (s: string) => void, signal?: AbortSignal): Promise<void> {
    if (!existsSync(path.join(this.layout.binDir, ".complete"))) {
      log(`building Kubernetes ${this.layout.version} from the Go module proxy (first run only)`);
      await execa("bash", [path.join(REPO_ROOT, "scripts/build-kubernetes.sh"), this.layout.version, this.layout.cacheDir], { stdout: "ignore", stderr: "inherit", cancelSignal: signal }).catch(rethrowAbort(signal));
    }
    if (!existsSync(this.layout.corednsBin)) {
      log(`building CoreDNS ${this.layout.corednsVersion} from the Go module proxy (first run only)`);
      await execa("bash", [path.join(REPO_ROOT, "scripts/build-coredns.sh"), this.layout.corednsVersion, this.layout.cacheDir], { stdout: "ignore", stderr: "inherit", cancelSignal: signal }).catch(rethrowAbort(signal));
    }
  }

  /**
   * Running, after waiting (up to 60 s) for a component being restarted (restart.ts) or an API
   * server still starting: a cluster caught in that moment is not a crashed one to tear down.
   */
  private async settled(log: (s: string) => void, signal?: AbortSignal): Promise<boolean> {
    const until = Date.now() + 60_000;
    for (let said = false; ; said = true) {
      const s = await this.status();
      if (s.running) return true;
      if (!(restartInProgress(this.layout) || s.detail.startsWith("processes up")) || Date.now() > until) return false;
      if (!said) log(`cluster ${this.layout.name}: ${restartInProgress(this.layout) ? "a component is restarting" : s.detail}; waiting`);
      await sleep(500, undefined, { signal }).catch(rethrowAbort(signal));
    }
  }

  private async startComponent(comp: Component, log: (s: string) => void, ready?: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
    const pid = await startAndWait(comp, this.layout.pids, this.layout.logs, ready, timeoutMs);
    log(`started ${comp.name} (pid ${pid})`);
  }

  /** Kills every container of this cluster, then the shims that parented them. */
  private async killContainers(log: (s: string) => void): Promise<void> {
    const shims = await pidsMatching(this.layout.containerdSocket);
    const containerdPid = await runningPid(this.layout.pids, "containerd");
    const shimPids = shims.filter((p) => p !== containerdPid);
    const children = await descendants(shimPids);
    for (const p of children) await killAndWait(p, 0);
    for (const p of shimPids) await killAndWait(p, 2000);
    if (shimPids.length) log(`stopped ${children.length} container processes and ${shimPids.length} shims`);
  }
}

/** The facts of a wait that failed while the cluster came up, kept when logs are added to its message. */
function factsOf(e: unknown): KubecukeError["facts"] {
  return e instanceof KubecukeError ? e.facts : {};
}

/** A child process or pause ended by the signal rejects with the signal's reason, not execa's or Node's AbortError. */
function rethrowAbort(signal: AbortSignal | undefined): (e: unknown) => never {
  return (e) => {
    throw signal?.aborted ? signal.reason : e;
  };
}
