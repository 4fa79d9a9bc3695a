// kubecuke cluster up|down [--keep]|status (npm run cluster:up | cluster:down [-- --keep] |
// cluster:status) — manage a cluster by hand, for any provider (the same settings as every
// runner: KUBECUKE_PROVIDER, --provider, ...).
// A cluster made here is meant to outlive the command: it gets a stable name (`kubecuke` for
// kind unless named) and a stable state directory (.kubecuke/clusters/<name>), so a later
// `cluster:down` in another process knows it created it and may delete it.
import path from "node:path";
import { PROVIDER_FLAGS_HELP, REUSE_CLUSTER_NAME, type ProviderSettings } from "../engine/settings/provider.ts";
import { providerFor } from "../engine/cluster/registry.ts";
import { describeError } from "../engine/errors.ts";
import { runAsEntryPoint } from "../engine/run/entry.ts";
import { INTERRUPTED_EXIT_CODE, Interrupts, onStopSignals } from "../engine/run/interrupt.ts";
import { loadSettings } from "../engine/settings/env.ts";

export const CLUSTER_USAGE = `usage: kubecuke cluster up|down [--keep]|status [provider flags]\n${PROVIDER_FLAGS_HELP}`;

/** A hand-managed cluster: stable name and state directory; `down` means down (no keep). */
function byHand(s: ProviderSettings): ProviderSettings {
  const clusterName = s.clusterNameSource ? s.clusterName : REUSE_CLUSTER_NAME;
  const runDir = s.runDirSource ? s.runDir : path.join(process.cwd(), ".kubecuke", "clusters", clusterName);
  return { ...s, clusterName, runDir, reuse: false, keep: false };
}

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "--help" || command === "-h") {
    console.log(CLUSTER_USAGE);
    return 0;
  }
  if (!["up", "down", "status"].includes(command ?? "")) {
    console.error(CLUSTER_USAGE);
    return 2;
  }
  // --name=NAME is the older spelling of --cluster-name.
  const argv = rest.map((a) => (a.startsWith("--name=") ? `--cluster-name=${a.slice(7)}` : a));
  const keepDir = argv.includes("--keep");
  const settings = byHand(loadSettings({ argv: argv.filter((a) => a !== "--keep"), cwd: process.cwd() }).cluster);
  const log = (l: string) => console.error(l);
  const { provider } = await providerFor(settings, { log });
  // Ctrl-C ends the up or down where it can (child processes killed, waits stopped); a second exits at once
  const interrupts = new Interrupts();
  const uninstall = onStopSignals((signal) => {
    if (interrupts.receive(signal) === "exit") process.exit(INTERRUPTED_EXIT_CODE);
  });
  try {
    switch (command) {
      case "up": {
        const h = await provider.up({ log, signal: interrupts.signal });
        console.log(`export KUBECONFIG=${h.kubeconfigPath}${h.binDir ? ` PATH=${h.binDir}:$PATH` : ""}`);
        return 0;
      }
      case "down":
        await provider.down({ log, keep: keepDir, signal: interrupts.signal });
        return 0;
      default: {
        const s = await provider.status();
        console.log(s.detail);
        return s.running ? 0 : 1;
      }
    }
  } catch (err) {
    if (!interrupts.interrupted) throw err;
    console.error(`[kubecuke] cluster ${command}: ${describeError(err)}; what was done so far stays (cluster:status tells where it is)`);
    return INTERRUPTED_EXIT_CODE;
  } finally {
    uninstall();
  }
}

await runAsEntryPoint(import.meta.url, main);
