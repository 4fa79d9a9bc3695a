// A team's image as `docker save` writes it (docker-archive: manifest.json, the config, one layer
// tar), built here from Debian's static busybox with no registry and no Docker: what a team's
// CI would hand kubecuke in KUBECUKE_IMAGES.
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";

const sha256 = (data: Buffer | string): string => createHash("sha256").update(data).digest("hex");

/** Writes `<dir>/<name>.tar` holding the image `ref` with /bin/busybox; returns the archive's path. */
export async function buildBusyboxArchive(dir: string, name: string, ref: string, busybox = "/bin/busybox"): Promise<string> {
  const work = path.join(dir, `${name}.build`);
  await rm(work, { recursive: true, force: true });
  await mkdir(path.join(work, "rootfs", "bin"), { recursive: true });
  await copyFile(busybox, path.join(work, "rootfs", "bin", "busybox"));
  const tar = ["--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "--sort=name"];
  await execa("tar", [...tar, "-cf", path.join(work, "layer.tar"), "-C", path.join(work, "rootfs"), "bin"]);
  const layer = sha256(await readFile(path.join(work, "layer.tar")));
  const config = JSON.stringify({
    architecture: process.arch === "arm64" ? "arm64" : "amd64",
    os: "linux",
    config: { Entrypoint: ["/bin/busybox"], Cmd: ["sh"] },
    rootfs: { type: "layers", diff_ids: [`sha256:${layer}`] },
  });
  const configName = `${sha256(config)}.json`;
  await writeFile(path.join(work, configName), config);
  await mkdir(path.join(work, layer));
  await copyFile(path.join(work, "layer.tar"), path.join(work, layer, "layer.tar"));
  await writeFile(path.join(work, "manifest.json"), JSON.stringify([{ Config: configName, RepoTags: [ref], Layers: [`${layer}/layer.tar`] }]));
  const archive = path.join(dir, `${name}.tar`);
  await execa("tar", [...tar, "-cf", archive, "-C", work, "manifest.json", configName, `${layer}/layer.tar`]);
  await rm(work, { recursive: true, force: true });
  return archive;
}
