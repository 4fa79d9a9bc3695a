// npm run cluster:up | cluster:down [-- --keep] | cluster:status — manage the local cluster.
import { LocalProvider } from "../engine/cluster/local/index.ts";

const [command, ...flags] = process.argv.slice(2);
const name = flags.find((f) => f.startsWith("--name="))?.slice(7) ?? process.env.KUBECUKE_CLUSTER_NAME ?? "local";
const provider = new LocalProvider({ name });
const log = (l: string) => console.error(l);

switch (command) {
  case "up": {
    const h = await provider.up({ log });
    console.log(`export KUBECONFIG=${h.kubeconfigPath} PATH=${h.binDir}:$PATH`);
    break;
  }
  case "down":
    await provider.down({ log, keep: flags.includes("--keep") });
    break;
  case "status": {
    const s = await provider.status();
    console.log(s.detail);
    process.exitCode = s.running ? 0 : 1;
    break;
  }
  default:
    console.error("usage: tsx scripts/cluster.ts up|down [--keep]|status [--name=NAME]");
    process.exitCode = 2;
}
