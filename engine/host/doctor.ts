// `kubecuke doctor`: what the chosen provider needs on this machine, what is missing, and the
// exact command that fixes each. The facts are gathered by scripts/doctor.ts; turning them into
// checks and a report is pure (here), so every branch is unit-tested. Nothing is installed.
import { PACKAGES } from "./debian.ts";

export type DoctorProvider = "local" | "kind" | "existing";

/** What was found on the machine. A tool's value: its version line, or undefined when it is missing. */
export interface DoctorFacts {
  node: string;
  /** kubecuke's own repository: its development runs on Node 20.12+, the package needs 22.18+. */
  ownRepository: boolean;
  platform: NodeJS.Platform;
  uid: number | undefined;
  /** Debian with apt-get and dpkg-query. */
  apt: boolean;
  kubectl?: string;
  go?: string;
  docker: { ok: boolean; detail: string };
  kind?: string;
  /** Debian packages the local provider uses that dpkg does not list (apt only). */
  missingPackages: string[];
  /** The local provider's Kubernetes build is in the cache (the first `up` builds it otherwise). */
  kubernetesBuilt: boolean;
  existing: { kubeconfig?: string; kubeconfigExists: boolean; context?: string; contextFound: boolean; api?: { ok: boolean; detail: string } };
}

export interface Check {
  what: string;
  ok: boolean;
  /** What was seen. */
  seen: string;
  /** The command (or action) that fixes it; only when not ok, or a note when ok. */
  fix?: string;
  /** Not ok but not blocking: `up` does it itself. */
  warning?: boolean;
}

const KUBECTL_FIX = 'curl -LO "https://dl.k8s.io/release/$(curl -Ls https://dl.k8s.io/release/stable.txt)/bin/linux/amd64/kubectl" && sudo install -m 0755 kubectl /usr/local/bin/kubectl';

/** major.minor.patch of "v22.18.0" / "go version go1.24.2 linux/amd64"; undefined when none. */
export function versionOf(text: string | undefined): [number, number, number] | undefined {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text ?? "");
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

function atLeast(v: [number, number, number] | undefined, min: [number, number, number]): boolean {
  if (!v) return false;
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return (v[i] ?? 0) > (min[i] ?? 0);
  return true;
}

export function nodeCheck(f: Pick<DoctorFacts, "node" | "ownRepository">): Check {
  const v = versionOf(f.node);
  const ok = f.ownRepository ? atLeast(v, [20, 12, 0]) : atLeast(v, [22, 18, 0]);
  const need = f.ownRepository ? "20.12+ (kubecuke's own repository)" : "22.18+ or 24 (the kubecuke package; a team's .ts step files load through Node's type stripping, on by default from 22.18)";
  return { what: `Node ${need}`, ok, seen: f.node, fix: ok ? undefined : "install Node 24: e.g. `nvm install 24` (https://github.com/nvm-sh/nvm), or Debian/Ubuntu: NodeSource's nodejs 24 package (https://nodejs.org/en/download)" };
}

function kubectlCheck(f: DoctorFacts): Check {
  return { what: "kubectl on PATH (literal `kubectl …` steps; KUBECUKE_KUBECTL names another)", ok: f.kubectl !== undefined, seen: f.kubectl ?? "not found", fix: f.kubectl ? undefined : KUBECTL_FIX };
}

function localChecks(f: DoctorFacts): Check[] {
  const checks: Check[] = [
    { what: "Linux", ok: f.platform === "linux", seen: f.platform, fix: "the local provider runs Kubernetes as host processes on Linux only: use KUBECUKE_PROVIDER=kind (Docker) elsewhere" },
    { what: "root (it starts containerd, etcd and the kubelet)", ok: f.uid === 0, seen: f.uid === undefined ? "no uid" : `uid ${f.uid}`, fix: "run as root, e.g. `sudo -E env PATH=\"$PATH\" npx kubecuke run`, or use KUBECUKE_PROVIDER=kind" },
  ];
  const goOk = atLeast(versionOf(f.go?.replace(/^go version go/, "")), [1, 24, 0]);
  checks.push({
    what: "Go 1.24+ on PATH (builds Kubernetes and CoreDNS once, and kubecuke's test images)",
    ok: goOk,
    seen: f.go ?? "not found",
    fix: goOk ? undefined : "Debian 12's golang-go is 1.19, too old: curl -LO https://go.dev/dl/go1.24.4.linux-amd64.tar.gz && sudo tar -C /usr/local -xzf go1.24.4.linux-amd64.tar.gz && export PATH=$PATH:/usr/local/go/bin",
  });
  const wanted = [...PACKAGES.localProvider, ...PACKAGES.testImages];
  if (!f.apt) {
    checks.push({ what: `the programs of the Debian packages ${wanted.join(" ")}`, ok: false, seen: "no apt-get: not Debian", fix: "install their equivalents with this system's package manager, or run on Debian 12" });
  } else if (f.missingPackages.length) {
    const cmd = `sudo apt-get install -y -q --no-install-recommends ${f.missingPackages.join(" ")}`;
    const auto = f.uid === 0;
    checks.push({ what: "Debian packages (containerd, runc, CNI plugins, etcd, iptables, … and the static busybox, bash, catatonit its images hold)", ok: false, warning: auto, seen: `missing ${f.missingPackages.join(" ")}`, fix: auto ? `the first \`kubecuke cluster up\` installs them (as root); or now: ${cmd.replace(/^sudo /, "")}` : cmd });
  } else {
    checks.push({ what: "Debian packages (containerd, runc, CNI plugins, etcd, iptables, …)", ok: true, seen: "all installed" });
  }
  checks.push({ what: "Kubernetes built for the local provider", ok: true, seen: f.kubernetesBuilt ? "in the cache" : "not yet", fix: f.kubernetesBuilt ? undefined : "nothing to do: the first `kubecuke cluster up` builds it from the Go module proxy (tens of minutes on 2 cores)" });
  return checks;
}

function kindChecks(f: DoctorFacts): Check[] {
  return [
    { what: "Docker engine running (kind's nodes are containers)", ok: f.docker.ok, seen: f.docker.detail, fix: f.docker.ok ? undefined : "install Docker Engine (https://docs.docker.com/engine/install/debian/) and start it: sudo systemctl start docker; a non-root user needs the docker group: sudo usermod -aG docker $USER" },
    { what: "kind on PATH (or KUBECUKE_KIND_BINARY)", ok: f.kind !== undefined, seen: f.kind ?? "not found", fix: f.kind ? undefined : "go install sigs.k8s.io/kind@v0.33.0 (the npm package named kind is unrelated), or: curl -Lo kind https://kind.sigs.k8s.io/dl/v0.33.0/kind-linux-amd64 && sudo install -m 0755 kind /usr/local/bin/kind" },
    kubectlCheck(f),
  ];
}

function existingChecks(f: DoctorFacts): Check[] {
  const e = f.existing;
  const checks: Check[] = [
    { what: "KUBECUKE_EXISTING_KUBECONFIG names a kubeconfig file", ok: e.kubeconfig !== undefined && e.kubeconfigExists, seen: e.kubeconfig ? `${e.kubeconfig}${e.kubeconfigExists ? "" : " (no such file)"}` : "not set", fix: "export KUBECUKE_EXISTING_KUBECONFIG=/path/to/kubeconfig (or --existing-kubeconfig)" },
    { what: "KUBECUKE_EXISTING_CONTEXT names a context in it (never the current one by default)", ok: e.context !== undefined && e.contextFound, seen: e.context ? `${e.context}${e.contextFound ? "" : " (not in the kubeconfig)"}` : "not set", fix: `export KUBECUKE_EXISTING_CONTEXT=<name> (kubectl --kubeconfig ${e.kubeconfig ?? "<kubeconfig>"} config get-contexts lists them)` },
  ];
  if (e.api) checks.push({ what: "the API server answers", ok: e.api.ok, seen: e.api.detail, fix: e.api.ok ? undefined : "check the network and credentials: kubectl --kubeconfig <kubeconfig> --context <context> version" });
  checks.push(kubectlCheck(f));
  return checks;
}

/** The checks for one provider, Node first. */
export function doctorChecks(provider: DoctorProvider, f: DoctorFacts): Check[] {
  const own = provider === "local" ? localChecks(f) : provider === "kind" ? kindChecks(f) : existingChecks(f);
  return [nodeCheck(f), ...own];
}

/** Lines for the terminal and the exit code: 1 when a check that is not a warning fails. */
export function doctorReport(sections: Array<{ provider: DoctorProvider; why: string; checks: Check[] }>): { text: string; exitCode: number } {
  const lines: string[] = [];
  let missing = 0;
  for (const s of sections) {
    lines.push(`provider ${s.provider} (${s.why}):`);
    for (const c of s.checks) {
      const mark = c.ok ? "ok  " : c.warning ? "note" : "MISS";
      if (!c.ok && !c.warning) missing++;
      lines.push(`  ${mark} ${c.what}: ${c.seen}`);
      if (c.fix && (!c.ok || c.fix.startsWith("nothing"))) lines.push(`       fix: ${c.fix}`);
    }
  }
  lines.push(missing ? `${missing} thing${missing === 1 ? "" : "s"} missing; kubecuke doctor installs nothing: run the fixes above, then kubecuke doctor again` : "nothing missing");
  return { text: lines.join("\n"), exitCode: missing ? 1 : 0 };
}
