// The kind provider: a throwaway cluster in Docker, driven through the `kind` executable.
// Its kubeconfig lives in the run directory; every kind call gets KUBECONFIG pointing there
// (and --kubeconfig where kind takes it), so kind never writes the user's ~/.kube/config.
// A cluster that already existed is reused and never deleted; the one this run created is.
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ClusterHandle, ClusterProvider, ClusterStatus, DownOptions, ImageLoader, UpOptions } from "./provider.ts";
import { BadInputError, InfrastructureError } from "../errors.ts";
import { runTool, tail, ToolMissingError, type ToolRunner } from "./exec.ts";
import { inheritedEnv } from "../settings/env.ts";
import { secondsSince } from "../seconds.ts";

export interface KindOptions {
  name: string;
  runDir: string;
  /** kind config file (--config). */
  configFile?: string;
  /** node image (--image). */
  image?: string;
  /** Keep the cluster at down even when this run created it. */
  keep?: boolean;
  binary?: string;
  waitSeconds?: number;
  /** Base environment for kind (PATH, DOCKER_HOST...); KUBECONFIG is always replaced. */
  env?: NodeJS.ProcessEnv;
  run?: ToolRunner;
  log?: (line: string) => void;
}

/** Written next to the kubeconfig so a later `down` (another process) knows what it may delete. */
interface KindState {
  name: string;
  owned: boolean;
  createdAt?: string;
}

const STATE_FILE = "kind-cluster.json";

export class KindProvider implements ClusterProvider, ImageLoader {
  readonly name = "kind";
  readonly scopedDown = true;
  private readonly binary: string;
  private readonly run: ToolRunner;
  readonly kubeconfigPath: string;
  // Ownership is per provider object: a nested runner that finds this run's cluster already up
  // must not delete it under its creator. Without up() (a separate `down`), the state file decides.
  private upCalled = false;
  private createdByMe = false;
  private wroteKubeconfig = false;

  private readonly options: KindOptions;

  constructor(options: KindOptions) {
    this.options = options;
    this.binary = options.binary ?? "kind";
    this.run = options.run ?? runTool;
    this.kubeconfigPath = path.join(options.runDir, "kubeconfig");
  }

  get context(): string {
    return `kind-${this.options.name}`;
  }

  async up(upOptions: UpOptions = {}): Promise<ClusterHandle> {
    const log = upOptions.log ?? this.options.log ?? (() => {});
    const name = this.options.name;
    upOptions.signal?.throwIfAborted();
    await mkdir(this.options.runDir, { recursive: true, mode: 0o700 });
    const state = await this.readState();
    const clusters = await this.listClusters();
    this.upCalled = true;
    if (clusters.includes(name)) {
      const runCreated = state?.name === name && state.owned;
      log(
        this.createdByMe || runCreated
          ? `kind cluster ${name} is up (created by this run${this.createdByMe ? "" : "; its creator deletes it"})`
          : `Reusing kind cluster ${name}: not created by this run, it will not be deleted`,
      );
      if (!existsSync(this.kubeconfigPath)) this.wroteKubeconfig = true;
      await this.writeKubeconfig();
      if (!state) await this.writeState({ name, owned: false });
    } else {
      if (this.options.configFile && !existsSync(this.options.configFile)) {
        throw new BadInputError(`kind create cluster ${name}: config file ${this.options.configFile} does not exist; fix KUBECUKE_KIND_CONFIG / --kind-config`);
      }
      const started = Date.now();
      log(`kind create cluster ${name}${this.options.image ? ` (image ${this.options.image})` : ""}`);
      const args = ["create", "cluster", "--name", name];
      if (this.options.configFile) args.push("--config", this.options.configFile);
      if (this.options.image) args.push("--image", this.options.image);
      args.push("--wait", `${this.options.waitSeconds ?? 120}s`, "--kubeconfig", this.kubeconfigPath);
      // Record ownership before kind runs: a create that fails half-way still leaves containers to delete.
      // ...and in this object: a down after a failed up deletes what the create left.
      await this.writeState({ name, owned: true, createdAt: new Date().toISOString() });
      this.createdByMe = true;
      await this.kind(args, `create cluster ${name}`, (this.options.waitSeconds ?? 120) * 1000 + 300_000, { onStderrLine: (l) => log(`  kind: ${l}`), signal: upOptions.signal });
      this.wroteKubeconfig = true;
      await this.ensureContextInKubeconfig();
      log(`kind cluster ${name} created in ${secondsSince(started)}`);
    }
    await chmod(this.kubeconfigPath, 0o600);
    return {
      provider: this.name,
      name,
      kubeconfigPath: this.kubeconfigPath,
      context: this.context,
      dir: this.options.runDir,
      owned: this.createdByMe,
    };
  }

  async loadImages(archives: string[], upOptions: UpOptions = {}): Promise<void> {
    const log = upOptions.log ?? this.options.log ?? (() => {});
    for (const archive of archives) {
      const info = await stat(archive).catch((cause: unknown) => {
        throw new InfrastructureError(`kind load image-archive ${archive} into cluster ${this.options.name}: the archive does not exist; build images first`, { cause });
      });
      const started = Date.now();
      await this.kind(["load", "image-archive", archive, "--name", this.options.name], `load image-archive ${archive} into cluster ${this.options.name}`, 600_000, { signal: upOptions.signal });
      log(`kind load image-archive ${path.basename(archive)} (${(info.size / 1e6).toFixed(1)} MB) in ${secondsSince(started)}`);
    }
  }

  async down(downOptions: DownOptions = {}): Promise<void> {
    const log = downOptions.log ?? this.options.log ?? (() => {});
    const name = this.options.name;
    const state = await this.readState();
    const owned = this.upCalled ? this.createdByMe : state?.name === name && state.owned;
    let deleted = false;
    if (!owned) {
      log(`Leaving kind cluster ${name} running: ${this.upCalled && state?.owned ? "its creator in this run deletes it" : "this run did not create it"}`);
    } else if (this.options.keep) {
      log(`Keeping kind cluster ${name} (KUBECUKE_KEEP_CLUSTER / KUBECUKE_REUSE); delete it with: kind delete cluster --name ${name}`);
    } else {
      const started = Date.now();
      await this.kind(["delete", "cluster", "--name", name, "--kubeconfig", this.kubeconfigPath], `delete cluster ${name}`, 300_000, { signal: downOptions.signal });
      log(`kind cluster ${name} deleted in ${secondsSince(started)}`);
      await rm(path.join(this.options.runDir, STATE_FILE), { force: true });
      deleted = true;
    }
    // The kubeconfig holds a client key: it goes with the cluster, or with the copy this object
    // wrote for a reused cluster; a nested runner leaves its creator's file alone.
    const removeCopy = deleted || (!owned && (this.wroteKubeconfig || !this.upCalled));
    if (removeCopy && !downOptions.keep) await rm(this.kubeconfigPath, { force: true });
  }

  async status(): Promise<ClusterStatus> {
    const clusters = await this.listClusters();
    const running = clusters.includes(this.options.name);
    const state = await this.readState();
    const whose = state?.name === this.options.name && state.owned ? "created by this run" : "not created by this run";
    return {
      running,
      detail: running
        ? `kind cluster ${this.options.name} is running (${whose}), context ${this.context}`
        : `no kind cluster named ${this.options.name} (kind get clusters: ${clusters.join(", ") || "none"})`,
    };
  }

  /** Names from `kind get clusters` (it says "No kind clusters found." on stderr when empty). */
  async listClusters(): Promise<string[]> {
    const out = await this.kind(["get", "clusters"], "get clusters", 60_000);
    return out.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  }

  private async writeKubeconfig(): Promise<void> {
    // `kind get kubeconfig` prints to stdout and takes no --kubeconfig flag: we write the file ourselves.
    const text = await this.kind(["get", "kubeconfig", "--name", this.options.name], `get kubeconfig ${this.options.name}`, 60_000);
    await writeFile(this.kubeconfigPath, text, { mode: 0o600 });
  }

  private async ensureContextInKubeconfig(): Promise<void> {
    const text = existsSync(this.kubeconfigPath) ? await readFile(this.kubeconfigPath, "utf8") : "";
    if (!text.includes(`name: ${this.context}`)) await this.writeKubeconfig();
  }

  /** `opts.signal` kills kind when it aborts (the call rejects with its reason). */
  private async kind(args: string[], what: string, timeoutMs: number, opts: { onStderrLine?: (l: string) => void; signal?: AbortSignal } = {}): Promise<string> {
    // KUBECONFIG points at the run file so that no kind command can fall back to ~/.kube/config.
    const env = { ...(this.options.env ?? inheritedEnv()), KUBECONFIG: this.kubeconfigPath };
    let result;
    try {
      result = await this.run(this.binary, args, { env, timeoutMs, ...opts });
    } catch (cause) {
      if (cause instanceof ToolMissingError) {
        throw new ToolMissingError(
          `kind ${what}: the kind executable (${this.binary}) could not be run; install kind (https://kind.sigs.k8s.io) or choose another provider with KUBECUKE_PROVIDER=local|existing`,
          { cause },
        );
      }
      throw cause;
    }
    if (result.exitCode !== 0) {
      throw new InfrastructureError(`kind ${what}: exit ${result.exitCode}; kind ${args.join(" ")} said:\n${tail(result.stderr) || "(nothing on stderr)"}`);
    }
    return result.stdout;
  }

  private async readState(): Promise<KindState | undefined> {
    const file = path.join(this.options.runDir, STATE_FILE);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(await readFile(file, "utf8")) as KindState;
    } catch (cause) {
      throw new InfrastructureError(`kind provider: cannot read ${file}; delete it if the cluster is gone`, { cause });
    }
  }

  private async writeState(state: KindState): Promise<void> {
    await writeFile(path.join(this.options.runDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  }
}
