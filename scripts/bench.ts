// Benchmarks with printed figures (never timed assertions in tests):
//   npm run bench            warm `up` → node Ready and `down`, median of 3, plus memory
//   npm run bench -- --runs=5
// The cold figure (Kubernetes built from the module proxy) is printed by
// scripts/build-kubernetes.sh itself; time it with empty caches: see README.
import { readFile } from "node:fs/promises";
import { LocalProvider } from "../engine/cluster/local/index.ts";
import { START_ORDER } from "../engine/cluster/local/components.ts";
import { runningPid } from "../engine/cluster/local/processes.ts";
import { localPlacement } from "../engine/cluster/registry.ts";
import { loadSettings } from "../engine/settings/env.ts";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
// The default local cluster, placed as the settings say (KUBECUKE_LOCAL_ROOT, KUBECUKE_CACHE, versions).
const provider = new LocalProvider(localPlacement(loadSettings().cluster));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

await provider.down();
const ups: number[] = [];
const downs: number[] = [];
let memory: Array<[string, number]> = [];
for (let i = 0; i < runs; i++) {
  let t = Date.now();
  await provider.up();
  ups.push((Date.now() - t) / 1000);
  memory = [];
  for (const name of START_ORDER) {
    const pid = await runningPid(provider.layout.pids, name);
    if (pid) memory.push([name, await rssMiB(pid)]);
  }
  t = Date.now();
  await provider.down();
  downs.push((Date.now() - t) / 1000);
  console.log(`run ${i + 1}: up ${ups[i]!.toFixed(1)} s, down ${downs[i]!.toFixed(1)} s`);
}
console.log(`\nwarm up → node Ready + probe Pod: median ${median(ups).toFixed(1)} s over ${runs} (target ≤ 20 s); runs ${ups.map((x) => x.toFixed(1)).join(", ")}`);
console.log(`down: median ${median(downs).toFixed(1)} s`);
console.log("memory (RSS right after up):");
for (const [n, mib] of memory) console.log(`  ${n.padEnd(24)} ${mib.toFixed(0).padStart(5)} MiB`);
console.log(`  ${"total".padEnd(24)} ${memory.reduce((a, [, m]) => a + m, 0).toFixed(0).padStart(5)} MiB`);
