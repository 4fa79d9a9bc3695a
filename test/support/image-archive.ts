// A tiny image a team could have built, without Docker or a registry: Debian's static busybox
// in a `docker save`-shaped archive (or an OCI layout tar), tagged as asked. For tests that
// load a team's image (features/team-image.feature's runner, the package test) and for the
// archive checks' unit tests. `node --import ./steps/support/register.mjs test/support/image-archive.ts OUT.tar REF [oci]`
// writes one from the command line.
import { existsSync } from "node:fs";
import { writeDockerArchive, writeOciArchive } from "../../engine/images/write-archive.ts";

export { tarBytes, writeDockerArchive, writeOciArchive, type TarEntry } from "../../engine/images/write-archive.ts";

export const BUSYBOX = "/bin/busybox";

/**
 * Writes `file`: an image named `ref` (undefined: untagged) whose entrypoint is busybox, so a
 * Pod's `command: ["/bin/busybox", "echo", "hi"]` or `args: ["echo", "hi"]` runs.
 */
export async function writeBusyboxArchive(file: string, ref: string | undefined, format: "docker" | "oci" = "docker"): Promise<string> {
  if (!existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} missing: install Debian's busybox-static`);
  const content = { files: { "/bin/busybox": BUSYBOX }, entrypoint: ["/bin/busybox"], cmd: ["echo", `hello from ${ref ?? "an untagged image"}`] };
  await (format === "oci" ? writeOciArchive : writeDockerArchive)(file, ref, content);
  return file;
}

if (import.meta.filename === process.argv[1]) {
  const [file, ref, format] = process.argv.slice(2);
  if (!file || !ref) {
    console.error("usage: test/support/image-archive.ts OUT.tar REF [docker|oci]");
    process.exit(2);
  }
  console.log(await writeBusyboxArchive(file, ref, format === "oci" ? "oci" : "docker"));
}
