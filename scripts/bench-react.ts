// npm run bench:react [-- --tries 20]: how fast the partial match reacts. Each try starts the wait
// behind `the ConfigMap "react" matches within 10 seconds:` (engine/assert/wait.ts, called as the
// step calls it), lets its watch open, then writes the ConfigMap so that it matches, and measures
// until the wait returns: from the write's response (the change is stored by then; the watch event
// may even arrive first, so this can read 0 or less) and from the write's request (the change
// cannot be stored before it: an upper bound). Target ≤ 100 ms (chainsaw polls every 50 ms).
// A benchmark, not a test: it prints figures and asserts nothing. It needs a running cluster and
// never starts or stops one (npm run cluster:status).
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseExpectation } from "../engine/assert/expectation.ts";
import { waitForMatch } from "../engine/assert/wait.ts";
import { providerFor } from "../engine/cluster/registry.ts";
import { applyObject, deleteObject } from "../engine/kube/apply.ts";
import { makeClients } from "../engine/kube/client.ts";
import { kindsOf } from "../engine/kube/discovery.ts";
import { ownedNamespaceLabels } from "../engine/kube/labels.ts";
import type { KubeObject } from "../engine/kube/object.ts";
import { loadSettings } from "../engine/settings/env.ts";

const argv = process.argv.slice(2);
const at = argv.indexOf("--tries");
const tries = at >= 0 ? Number(argv[at + 1]) : 20;
/** Time for the wait's list to answer and its watch to open before the write: the usual case of a step already waiting. */
const SETTLE_MS = 300;
const TARGET_MS = 100;

const { provider } = await providerFor(loadSettings({ argv, cwd: process.cwd() }).cluster);
const status = await provider.status();
if (!status.running) {
  console.error(`bench:react needs a running cluster (${provider.name}: ${status.detail}); bring one up with npm run cluster:up`);
  process.exit(1);
}
const handle = await provider.up(); // idempotent: the running cluster's handle
const clients = makeClients(handle.kubeconfigPath, handle.context);
const namespace = `kc-bench-react-${randomBytes(3).toString("hex")}`;
const env = { clients, namespace };
const configMap = (n: number): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "react", namespace }, data: { n: String(n) } });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

await applyObject(clients, { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels: ownedNamespaceLabels() } });
try {
  const kind = await kindsOf(clients.kc).resolve("ConfigMap");
  await applyObject(clients, configMap(0));
  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  for (let i = 1; i <= tries; i++) {
    const returned = waitForMatch(env, kind, "react", parseExpectation(`data: {n: "${i}"}`), 10_000).then(() => performance.now());
    await sleep(SETTLE_MS);
    const sent = performance.now();
    await applyObject(clients, configMap(i));
    const stored = performance.now();
    const end = await returned;
    fromResponse.push(end - stored);
    fromRequest.push(end - sent);
    console.log(`try ${String(i).padStart(2)}: ${ms(end - stored).padStart(9)} after the write's response, ${ms(end - sent).padStart(9)} after its request`);
  }
  const worst = median(fromRequest);
  console.log(`\npartial match (matches within), ${tries} tries, reaction from the change being stored to the wait returning:`);
  console.log(`  from the write's response: median ${ms(median(fromResponse))}, max ${ms(Math.max(...fromResponse))}`);
  console.log(`  from the write's request (upper bound): median ${ms(worst)}, max ${ms(Math.max(...fromRequest))}`);
  console.log(`  target ≤ ${TARGET_MS} ms (chainsaw polls every 50 ms): ${worst <= TARGET_MS ? "met" : "NOT met"} by the upper bound's median`);
} finally {
  await deleteObject(clients, { apiVersion: "v1", kind: "Namespace", name: namespace });
}
