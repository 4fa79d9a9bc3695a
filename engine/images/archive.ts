// What an image archive holds, read before anything is loaded: `docker save` archives
// (manifest.json with RepoTags) and OCI image layouts (index.json, its manifests annotated with
// a name), plain or gzip-compressed. Only the tar headers and those two small files are read,
// so a bad archive is refused up front with its file named and what to do, not half-way
// through `ctr images import` on a node.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { BadInputError } from "../errors.ts";

/** The files an archive's format is recognised by, with their text; null when absent. */
export interface ArchiveIndex {
  manifest: string | null;
  index: string | null;
  gzip: boolean;
}

export interface InspectedArchive {
  /** The archive's path as the user wrote it, for messages. */
  file: string;
  format: "docker-archive" | "oci-layout";
  /** Full references the cluster will know the images by (docker.io/library/ added where Docker adds it). */
  refs: string[];
  /** Notes for the log: a `:latest` tag, the pull policy it needs. */
  notes: string[];
}

const TAR_BLOCK = 512;

/** Reads the tar's headers (gunzipping first when needed) and keeps manifest.json and index.json at its top. */
export async function readArchiveIndex(file: string): Promise<ArchiveIndex> {
  const head = Buffer.alloc(2);
  const fh = await open(file, "r");
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const stream = gzip ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const wanted = new Map<string, string>();
  await walkTar(stream as AsyncIterable<Buffer>, (name) => name === "manifest.json" || name === "index.json", (name, body) => wanted.set(name, body.toString("utf8")));
  return { manifest: wanted.get("manifest.json") ?? null, index: wanted.get("index.json") ?? null, gzip };
}

/**
 * A ustar/pax stream, entry by entry: `keep(name)` entries are handed to `take`, others
 * skipped. Throws on a stream that is not a tar (a header whose checksum does not add up).
 */
export async function walkTar(chunks: AsyncIterable<Buffer>, keep: (name: string) => boolean, take: (name: string, body: Buffer) => void): Promise<void> {
  let buf: Buffer = Buffer.alloc(0);
  /** The entry whose body comes next; padded counts the body's bytes still to come, rounded up to blocks. */
  let pending: { name: string; size: number; padded: number; keep: boolean; kind: string } | undefined;
  let paxPath: string | undefined;
  let headers = 0;
  for await (const chunk of chunks) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (pending) {
        if (pending.keep || pending.kind === "x") {
          if (buf.length < pending.padded) break;
          const body = buf.subarray(0, pending.size);
          if (pending.kind === "x") paxPath = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1];
          else take(pending.name, Buffer.from(body));
          buf = buf.subarray(pending.padded);
        } else {
          // skipped entries (layers) are never held in memory: drop what arrived, count down the rest
          const drop = Math.min(buf.length, pending.padded);
          buf = buf.subarray(drop);
          pending.padded -= drop;
          if (pending.padded > 0) break;
        }
        pending = undefined;
        continue;
      }
      if (buf.length < TAR_BLOCK) break;
      const header = buf.subarray(0, TAR_BLOCK);
      buf = buf.subarray(TAR_BLOCK);
      if (header.every((b) => b === 0)) continue; // end-of-archive blocks
      if (!checksumOk(header)) throw new Error(headers === 0 ? "not a tar archive" : `tar header ${headers + 1} is damaged`);
      headers++;
      const kind = String.fromCharCode(header[156] ?? 0x30);
      const size = parseInt(cString(header.subarray(124, 136)).trim() || "0", 8);
      const prefix = header.subarray(257, 262).toString("latin1") === "ustar" ? cString(header.subarray(345, 500)) : "";
      const raw = paxPath ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
      if (kind !== "x" && kind !== "g") paxPath = undefined;
      const name = raw.replace(/^\.\//, "");
      const isFile = kind === "0" || kind === "\0";
      pending = { name, size, padded: Math.ceil(size / TAR_BLOCK) * TAR_BLOCK, keep: isFile && keep(name), kind };
      if (size === 0) {
        if (pending.keep) take(name, Buffer.alloc(0));
        pending = undefined;
      }
    }
  }
  if (headers === 0) throw new Error("not a tar archive (empty)");
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end < 0 ? b.length : end).toString("utf8");
}

function checksumOk(header: Buffer): boolean {
  const stored = parseInt(cString(header.subarray(148, 156)).trim(), 8);
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return stored === sum;
}

/** How Docker and containerd name an image: `app:1` → `docker.io/library/app:1`; no tag → `:latest`. */
export function normalizeRef(ref: string): string {
  const slash = ref.indexOf("/");
  const first = slash < 0 ? "" : ref.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase());
  let full = hasDomain ? ref : slash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
  if (full.startsWith("docker.io/") && !full.slice(10).includes("/")) full = `docker.io/library/${full.slice(10)}`;
  const afterName = full.slice(full.lastIndexOf("/") + 1);
  if (!afterName.includes(":") && !afterName.includes("@")) full = `${full}:latest`;
  return full;
}

const FIX_UNTAGGED = "tag it and save it by that name, e.g. `docker tag <image> team.local/app:1 && docker save team.local/app:1 -o app.tar`";

/**
 * The images an archive names, from its index (readArchiveIndex). Refuses, naming the file and
 * what to do: no manifest.json or index.json, an image without a tag, an OCI name that is a tag only.
 */
export function inspectIndex(file: string, idx: ArchiveIndex): InspectedArchive {
  const refs: string[] = [];
  let format: InspectedArchive["format"];
  if (idx.manifest !== null) {
    format = "docker-archive";
    const entries = parseJson(file, "manifest.json", idx.manifest);
    if (!Array.isArray(entries) || entries.length === 0) throw new BadInputError(`image archive ${file}: manifest.json lists no image; save an image into it with \`docker save <image>:<tag> -o ${file}\``);
    for (const [i, e] of entries.entries()) {
      const tags = (e as { RepoTags?: unknown }).RepoTags;
      if (!Array.isArray(tags) || tags.length === 0) throw new BadInputError(`image archive ${file}: image ${i + 1} of manifest.json has no tag (RepoTags is empty: it was saved by its ID), so the cluster could not name it; ${FIX_UNTAGGED}`);
      for (const t of tags) refs.push(normalizeRef(String(t)));
    }
  } else if (idx.index !== null) {
    format = "oci-layout";
    const index = parseJson(file, "index.json", idx.index) as { manifests?: Array<{ annotations?: Record<string, string> }> };
    const manifests = Array.isArray(index?.manifests) ? index.manifests : [];
    if (manifests.length === 0) throw new BadInputError(`image archive ${file}: index.json lists no manifest; export an image into it (e.g. \`docker save <image>:<tag> -o ${file}\`)`);
    for (const m of manifests) {
      const a = m.annotations ?? {};
      const name = a["io.containerd.image.name"] ?? a["org.opencontainers.image.ref.name"];
      if (name === undefined) throw new BadInputError(`image archive ${file}: a manifest in index.json has no name (annotation io.containerd.image.name or org.opencontainers.image.ref.name); ${FIX_UNTAGGED}`);
      if (!/[/:@]/.test(name)) {
        throw new BadInputError(`image archive ${file}: index.json names an image only by the tag "${name}" (org.opencontainers.image.ref.name), which containerd cannot import under a name; write the full name there (e.g. team.local/app:${name}), or save it with \`docker save\``);
      }
      refs.push(normalizeRef(name));
    }
  } else {
    throw new BadInputError(`image archive ${file}: neither manifest.json (docker save) nor index.json (OCI image layout) at the top of the tar; write the archive with \`docker save <image>:<tag> -o ${file}\` or an OCI layout tar (e.g. \`skopeo copy … oci-archive:${file}\`)`);
  }
  const unique = [...new Set(refs)];
  const notes = unique.filter((r) => r.endsWith(":latest")).map((r) =>
    `${file}: ${r} is tagged :latest, for which Kubernetes defaults to imagePullPolicy: Always and so tries a registry; give it another tag, or set imagePullPolicy: Never (or IfNotPresent) in the Pods that use it`);
  return { file, format, refs: unique, notes };
}

function parseJson(file: string, entry: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new BadInputError(`image archive ${file}: ${entry} is not JSON (${(cause as Error).message}); write the archive again`, { cause });
  }
}

/** Reads and checks one archive: exists, is a tar, names its images. */
export async function inspectArchive(file: string, shownAs = file): Promise<InspectedArchive> {
  let idx: ArchiveIndex;
  try {
    idx = await readArchiveIndex(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BadInputError(`image archive ${shownAs}: no such file (looked at ${file}); write it with \`docker save <image>:<tag> -o ${shownAs}\`, or fix the path`, { cause });
    if (code === "EISDIR") throw new BadInputError(`image archive ${shownAs}: is a directory; an OCI layout directory must be put in a tar first (\`tar -cf layout.tar -C ${shownAs} .\`)`, { cause });
    throw new BadInputError(`image archive ${shownAs}: cannot read it as a tar (${(cause as Error).message}); write it with \`docker save <image>:<tag> -o ${shownAs}\``, { cause });
  }
  return inspectIndex(shownAs, idx);
}
