// Writes image archives in plain Node, no Docker and no registry: a tar writer and a
// `docker save`-shaped archive (manifest.json, config JSON, one layer) or an OCI image layout
// tar. Used for kubecuke's own example of a team's image (features/team-image.feature) and by
// tests that need an archive, good or bad (test/support/image-archive.ts).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { InfrastructureError } from "../errors.ts";

export interface TarEntry {
  name: string;
  /** A file's content; absent for a directory (name ending in /). */
  body?: Buffer;
  mode?: number;
}

const BLOCK = 512;

function header(name: string, size: number, mode: number, type: "0" | "5"): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name longer than 100 bytes: ${name}`);
  h.write(name, 0, 100, "utf8");
  h.write(`${mode.toString(8).padStart(7, "0")}\0`, 100, "latin1");
  h.write("0000000\0", 108, "latin1"); // uid
  h.write("0000000\0", 116, "latin1"); // gid
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "latin1");
  h.write("00000000000\0", 136, "latin1"); // mtime 0: the same bytes every build
  h.write("        ", 148, "latin1"); // checksum counted as spaces
  h.write(type, 156, "latin1");
  h.write("ustar\0", 257, "latin1");
  h.write("00", 263, "latin1");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return h;
}

/** A tar archive of the entries, in order (ustar, owner 0, mtime 0). */
export function tarBytes(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.body === undefined) {
      parts.push(header(e.name.endsWith("/") ? e.name : `${e.name}/`, 0, e.mode ?? 0o755, "5"));
      continue;
    }
    parts.push(header(e.name, e.body.length, e.mode ?? 0o644, "0"), e.body, Buffer.alloc((BLOCK - (e.body.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

const sha256 = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");

export interface ImageContent {
  /** Files in the image: absolute path in the image → path on this machine (made executable). */
  files: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
}

/** The layer (a tar of the files, their directories first) and the image config naming it. */
async function layerAndConfig(content: ImageContent): Promise<{ layer: Buffer; config: string }> {
  const entries: TarEntry[] = [];
  const dirs = new Set<string>();
  for (const inImage of Object.keys(content.files).sort()) {
    const rel = inImage.replace(/^\/+/, "");
    const parts = rel.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join("/");
      if (!dirs.has(d)) entries.push({ name: `${d}/` }), dirs.add(d);
    }
    entries.push({ name: rel, body: await readFile(content.files[inImage]!), mode: 0o755 });
  }
  const layer = tarBytes(entries);
  const config = JSON.stringify({
    architecture: process.arch === "arm64" ? "arm64" : "amd64",
    os: "linux",
    created: "1970-01-01T00:00:00Z",
    config: {
      Env: ["PATH=/bin:/usr/bin"],
      ...(content.entrypoint ? { Entrypoint: content.entrypoint } : {}),
      ...(content.cmd ? { Cmd: content.cmd } : {}),
    },
    rootfs: { type: "layers", diff_ids: [`sha256:${sha256(layer)}`] },
  });
  return { layer, config };
}

/** Writes what `docker save <ref>` writes: manifest.json (RepoTags: [ref], or none), the config, one layer. */
export async function writeDockerArchive(file: string, ref: string | undefined, content: ImageContent): Promise<void> {
  const { layer, config } = await layerAndConfig(content);
  const configName = `${sha256(config)}.json`;
  const manifest = JSON.stringify([{ Config: configName, RepoTags: ref ? [ref] : null, Layers: ["layer.tar"] }]);
  await writeAtomically(file, tarBytes([
    { name: configName, body: Buffer.from(config) },
    { name: "layer.tar", body: layer },
    { name: "manifest.json", body: Buffer.from(manifest) },
  ]));
}

/** Writes an OCI image layout tar: oci-layout, index.json naming the image `name` (annotation org.opencontainers.image.ref.name), blobs. */
export async function writeOciArchive(file: string, name: string | undefined, content: ImageContent): Promise<void> {
  const { layer, config } = await layerAndConfig(content);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: `sha256:${sha256(config)}`, size: Buffer.byteLength(config) },
    layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: `sha256:${sha256(layer)}`, size: layer.length }],
  });
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: `sha256:${sha256(manifest)}`, size: Buffer.byteLength(manifest),
      ...(name ? { annotations: { "org.opencontainers.image.ref.name": name } } : {}) }],
  });
  const blob = (b: Buffer | string): TarEntry => ({ name: `blobs/sha256/${sha256(b)}`, body: Buffer.from(b) });
  await writeAtomically(file, tarBytes([
    { name: "oci-layout", body: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    { name: "blobs/" }, { name: "blobs/sha256/" },
    blob(config), blob(layer), blob(manifest),
    { name: "index.json", body: Buffer.from(index) },
  ]));
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, bytes);
  await rename(partial, file);
}

/** The example of a team's image in kubecuke's own repository (features/team-image.feature). */
export const EXAMPLE_TEAM_REF = "team.local/hello:1";

/** The example team image: Debian's static busybox as `team.local/hello:1` (a docker-archive written here, no Docker). */
export async function writeExampleTeamImage(cacheDir: string): Promise<string> {
  const file = path.join(cacheDir, "images", "team-hello-1.tar");
  if (!existsSync(file)) {
    if (!existsSync("/bin/busybox")) throw new InfrastructureError("example team image: /bin/busybox missing; install Debian's busybox-static (scripts/install-deps.sh does)");
    await writeDockerArchive(file, EXAMPLE_TEAM_REF, { files: { "/bin/busybox": "/bin/busybox" }, entrypoint: ["/bin/busybox"], cmd: ["echo", "hello from the team's image"] });
  }
  return file;
}
