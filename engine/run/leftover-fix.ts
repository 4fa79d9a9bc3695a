// What a run prints under "LEFT IN THE CLUSTER by this run (fix by hand)": for each object (or
// namespace) a finalizer holds, the kubectl command that removes its finalizers. The lines are
// the run's own (engine/run/empty.ts whyStill, engine/run/sweep.ts whyNotGone), so they are read
// back here rather than changing what those return. A namespace's spec finalizer `kubernetes` is
// the namespace controller's own: no command for that one (it goes once the namespace is empty).

export interface ClusterAccess {
  kubeconfig: string;
  context?: string;
}

const NAMESPACED = /^([A-Za-z][\w.-]*)\/([^/\s]+)\/([^:\s]+): .*?finalizers ([^;]+)/;
const NAMESPACE = /^Namespace\/([^:\s]+): .*?finalizers ([^;]+)/;

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that removes the finalizers of the object a "left" line names, or undefined when
 * none of its finalizers is one a person may remove. Removing a finalizer skips what it waits for
 * (a controller's own cleanup): the run prints it beside the line, never runs it.
 */
export function finalizerFix(line: string, cluster: ClusterAccess): string | undefined {
  const kubectl = ["kubectl", "--kubeconfig", quote(cluster.kubeconfig), ...(cluster.context ? ["--context", quote(cluster.context)] : [])];
  const patch = ["--type", "merge", "-p", `'{"metadata":{"finalizers":null}}'`];
  const ns = NAMESPACE.exec(line);
  if (ns) {
    const own = ns[2]!.split(",").map((f) => f.trim()).filter((f) => f && f !== "kubernetes");
    return own.length ? [...kubectl, "patch", "namespace", quote(ns[1]!), ...patch].join(" ") : undefined;
  }
  const m = NAMESPACED.exec(line);
  if (!m) return undefined;
  return [...kubectl, "-n", quote(m[2]!), "patch", quote(m[1]!.toLowerCase()), quote(m[3]!), ...patch].join(" ");
}

/** The block a run prints for what it left: the lines, each with its command when there is one. */
export function leftInClusterText(left: readonly string[], cluster: ClusterAccess): string {
  const lines = left.flatMap((l) => {
    const fix = finalizerFix(l, cluster);
    return fix ? [l, `  fix (once nothing needs what the finalizer waits for): ${fix}`] : [l];
  });
  return `LEFT IN THE CLUSTER by this run (fix by hand):\n  ${lines.join("\n  ")}`;
}
