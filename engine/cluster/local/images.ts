// The local cluster's images: archives imported into containerd's k8s.io namespace, the one CRI
// (the kubelet) reads, and what that namespace holds.
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { InfrastructureError } from "../../errors.ts";
import type { LocalLayout } from "./layout.ts";

/**
 * Imports image archives (docker-archive, OCI layout). Skips an archive already imported with the
 * same size and mtime (imported-images.json in the cluster's directory) unless forced, so a rebuilt
 * archive at the same path is imported again and an unchanged one costs nothing.
 */
export async function importArchives(l: LocalLayout, archives: readonly string[], log: (s: string) => void, force: boolean): Promise<void> {
  const marker = path.join(l.dir, "imported-images.json");
  const done = new Set<string>(JSON.parse(await readFile(marker, "utf8").catch(() => "[]")) as string[]);
  for (const archive of archives) {
    const s = await stat(archive);
    const key = `${archive}@${s.size}-${Math.round(s.mtimeMs)}`;
    if (done.has(key) && !force) continue;
    log(`importing ${path.basename(archive)}`);
    await execa("ctr", ["--address", l.containerdSocket, "--namespace", "k8s.io", "images", "import", "--no-unpack=false", archive]).catch((e: Error) => {
      throw new InfrastructureError(`local provider: ctr images import ${archive} failed: ${e.message}`, { operation: "ctr images import", object: archive }, { cause: e });
    });
    done.add(key);
  }
  await writeFile(marker, JSON.stringify([...done], null, 2));
}

/** The names in containerd's k8s.io namespace: what the kubelet sees through CRI. */
export async function criImages(l: LocalLayout): Promise<string[]> {
  const r = await execa("ctr", ["--address", l.containerdSocket, "--namespace", "k8s.io", "images", "list", "--quiet"], { reject: false });
  if (r.exitCode !== 0) throw new InfrastructureError(`local provider: ctr images list: exit ${r.exitCode}: ${r.stderr}`, { operation: "ctr images list" });
  return r.stdout.split("\n").map((x) => x.trim()).filter(Boolean);
}
