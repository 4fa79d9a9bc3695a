// One interface for every way of getting a cluster. Providers are chosen by name
// (see registry.ts); abilities that not every provider has (loading images, listing what a
// down left behind) are separate. lifecycle.ts is the one caller of up and down in a run.

/** What a provider hands back: where the cluster is and what it is. */
export interface ClusterHandle {
  /** Provider name: "local", "kind", "existing". */
  provider: string;
  /** Cluster name (kind cluster name, local cluster name, or kubeconfig context for existing). */
  name: string;
  /** Kubeconfig written for this run. Never ~/.kube/config. */
  kubeconfigPath: string;
  /** Context inside kubeconfigPath to use. */
  context: string;
  /** Directory holding this cluster's files (logs, certs, kubeconfig). */
  dir: string;
  /** Directory with a kubectl matching the server, to put first on PATH (undefined: use PATH). */
  binDir?: string;
  /** true when the run created the cluster and so may delete it. */
  owned: boolean;
}

export interface UpOptions {
  /** Print progress lines (step and elapsed time). */
  log?: (line: string) => void;
  /**
   * Ends the up where it can (Ctrl-C in scripts/cluster.ts, the run's interrupt): child
   * processes it waits on (kind, builds, apt) are killed, waits stop, and up rejects with the
   * signal's reason. What was started stays as it is; a later up or down deals with it.
   */
  signal?: AbortSignal;
}

export interface DownOptions {
  /** Keep the cluster directory (logs, certs) for debugging. */
  keep?: boolean;
  log?: (line: string) => void;
  /** Ends the down between its steps (a child process it runs is killed); rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ClusterStatus {
  running: boolean;
  detail: string;
}

export interface ClusterProvider {
  readonly name: string;
  /**
   * true: `down` removes only what this run made (kind: a cluster it created and may delete;
   * existing: this run's namespaces and kubeconfig copy), so a run calls it whether or not it
   * owns the cluster. Absent: `down` stops the cluster whoever started it (local), so a run
   * calls it only for a cluster it started.
   */
  readonly scopedDown?: boolean;
  /** Idempotent: returns the running cluster if there is one. */
  up(options?: UpOptions): Promise<ClusterHandle>;
  /** Idempotent: no-op when nothing runs. Never deletes what the provider did not create. */
  down(options?: DownOptions): Promise<void>;
  status(): Promise<ClusterStatus>;
}

/** Optional ability: make locally built image archives available to the cluster's nodes. */
export interface ImageLoader {
  /**
   * archives: paths of docker-archive or OCI layout tars (engine/images/archive.ts checks them
   * first). force: import even an archive this cluster imported before (its image went since).
   */
  loadImages(archives: string[], options?: UpOptions & { force?: boolean }): Promise<void>;
}

export function canLoadImages(p: ClusterProvider): p is ClusterProvider & ImageLoader {
  return typeof (p as Partial<ImageLoader>).loadImages === "function";
}

/** Optional ability: the images the cluster's container runtime holds, as CRI names them (docker.io/library/app:1). */
export interface ImageLister {
  listImages(): Promise<string[]>;
}

export function canListImages(p: ClusterProvider): p is ClusterProvider & ImageLister {
  return typeof (p as Partial<ImageLister>).listImages === "function";
}

/** Optional ability: what of the cluster is still on the machine (processes, mounts, ...); empty after a clean down. */
export interface LeftoverFinder {
  leftovers(): Promise<string[]>;
}

export function canFindLeftovers(p: ClusterProvider): p is ClusterProvider & LeftoverFinder {
  return typeof (p as Partial<LeftoverFinder>).leftovers === "function";
}
