// The part of a run's ending that KUBECUKE_CLEANUP_IN_BACKGROUND moves out of the run: started
// detached by scripts/scenarios.ts once the run's namespaces are deleted, it waits for them to be
// gone and names any that stay (its output is <reports>/cleanup.log). Not a user command.
//   node --import ./steps/support/register.mjs scripts/await-namespaces.ts
//     --kubeconfig FILE [--context NAME] --run-id ID --timeout-ms N NAME=UID...
import { parseArgs } from "node:util";
import { makeClients } from "../engine/kube/client.ts";
import { OPERATION_TIMEOUTS_MS } from "../engine/kube/deadline.ts";
import { waitNamespacesGone } from "../engine/run/sweep.ts";
import { leftInClusterText } from "../engine/run/leftover-fix.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { kubeconfig: { type: "string" }, context: { type: "string" }, "run-id": { type: "string" }, "timeout-ms": { type: "string" } },
});
const started = Date.now();
const stamp = () => new Date().toISOString();
const timeoutMs = Number(values["timeout-ms"]);
if (!values.kubeconfig || !values["run-id"] || !Number.isFinite(timeoutMs) || positionals.some((p) => !p.includes("="))) {
  console.log(`${stamp()} await-namespaces: usage: --kubeconfig FILE [--context NAME] --run-id ID --timeout-ms N NAME=UID...`);
  process.exit(2);
}
const namespaces = positionals.map((p) => {
  const [name = "", uid = ""] = p.split("=");
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, uid } };
});
console.log(`${stamp()} run ${values["run-id"]}: waiting up to ${timeoutMs / 1000} s for ${namespaces.length} namespace(s) to be gone: ${namespaces.map((n) => n.metadata.name).join(", ")}`);
const clients = makeClients(values.kubeconfig, values.context, OPERATION_TIMEOUTS_MS);
const left = await waitNamespacesGone(clients, namespaces, timeoutMs);
const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
if (left.length === 0) console.log(`${stamp()} run ${values["run-id"]}: nothing of this run is left in the cluster (${took})`);
else console.log(`${stamp()} run ${values["run-id"]}: ${leftInClusterText(left, { kubeconfig: values.kubeconfig, context: values.context })}\n(the next run on this machine names them too)`);
process.exit(left.length ? 1 : 0);
