// Builds the suite's test images as docker-archive tars from local sources only
// (busybox-static, bash-static, catatonit from Debian; fixtures/images/try-go from Go source).
// Tars are cached outside the repo, keyed by a hash of their inputs, so only changes rebuild.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile, copyFile, chmod, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { InfrastructureError } from "../errors.ts";
import { PINS } from "../settings/pins.ts";

export interface ImageSpec {
  /** Full reference the cluster will know it by. */
  ref: string;
  /** Files to put in the image: absolute path in image → source path on the host. */
  files: Record<string, string>;
  /** Install busybox applet symlinks into /bin. */
  busyboxApplets: boolean;
  entrypoint?: string[];
  cmd?: string[];
  exposedPorts?: number[];
}

export interface BuiltImage {
  ref: string;
  archive: string;
}

const BUSYBOX = "/bin/busybox";
const BASH = "/bin/bash-static";
const CATATONIT = "/usr/bin/catatonit";

export const TRY_GO_REF = "registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go";
export const BUSYBOX_REF = "kubecuke.local/busybox:1";
export const PAUSE_REF = PINS.pause;

/**
 * The images scenarios use, for providers that load images into their nodes (kind). The pause
 * image is left out: a kind node has its own, and ours must not replace it.
 */
export function buildScenarioImages(repoRoot: string, cacheDir: string, log: (l: string) => void = () => {}): Promise<BuiltImage[]> {
  return buildImages(repoRoot, cacheDir, log, false);
}

/** Builds (or reuses from cache) every image the local cluster needs, pause included. repoRoot locates fixtures/; archives go under cacheDir/images. */
export function buildTestImages(repoRoot: string, cacheDir: string, log: (l: string) => void = () => {}): Promise<BuiltImage[]> {
  return buildImages(repoRoot, cacheDir, log, true);
}

async function buildImages(repoRoot: string, cacheDir: string, log: (l: string) => void, withPause: boolean): Promise<BuiltImage[]> {
  const tools = withPause ? [BUSYBOX, BASH, CATATONIT] : [BUSYBOX, BASH];
  const missing = tools.filter((t) => !existsSync(t));
  if (missing.length) {
    throw new InfrastructureError(`build test images: ${missing.join(", ")} missing; install Debian packages busybox-static bash-static${withPause ? " catatonit" : ""} (scripts/install-deps.sh does)`);
  }
  const outDir = path.join(cacheDir, "images");
  await mkdir(outDir, { recursive: true });
  const tryGo = await buildGoBinary(path.join(repoRoot, "fixtures/images/try-go"), outDir, log);
  // printenv: a script (Debian's busybox-static lacks the applet), so exec "printenv X" works as elsewhere
  const shell = { "/bin/bash": BASH, "/bin/printenv": path.join(repoRoot, "fixtures/images/busybox/printenv") };
  const specs: ImageSpec[] = [
    { ref: TRY_GO_REF, files: { ...shell, "/app/try-go": tryGo }, busyboxApplets: true, cmd: ["/app/try-go"], exposedPorts: [8080] },
    { ref: BUSYBOX_REF, files: shell, busyboxApplets: true, cmd: ["/bin/sh"] },
  ];
  if (withPause) specs.push({ ref: PAUSE_REF, files: { "/pause": CATATONIT }, busyboxApplets: false, entrypoint: ["/pause", "-P"] });
  const built: BuiltImage[] = [];
  for (const spec of specs) built.push(await buildImage(spec, outDir, log));
  return built;
}

async function buildGoBinary(srcDir: string, outDir: string, log: (l: string) => void): Promise<string> {
  const key = await hashFiles([path.join(srcDir, "main.go"), path.join(srcDir, "go.mod")]);
  const out = path.join(outDir, `try-go-${key}`);
  if (existsSync(out)) return out;
  log(`images: go build ${path.relative(process.cwd(), srcDir)}`);
  await execa("go", ["build", "-trimpath", "-ldflags=-s -w", "-o", out, "."], {
    cwd: srcDir,
    env: { CGO_ENABLED: "0" },
  });
  return out;
}

async function hashFiles(files: string[], extra = ""): Promise<string> {
  const h = createHash("sha256").update(extra);
  for (const f of files) {
    const s = await stat(f);
    // Debian binaries are hashed by size and mtime: reading 3 MB each run buys nothing.
    h.update(f.startsWith("/bin") || f.startsWith("/usr") ? `${f}:${s.size}:${s.mtimeMs}` : await readFile(f));
  }
  return h.digest("hex").slice(0, 16);
}

export async function buildImage(spec: ImageSpec, outDir: string, log: (l: string) => void = () => {}): Promise<BuiltImage> {
  const key = await hashFiles(Object.values(spec.files).concat(spec.busyboxApplets ? [BUSYBOX] : []), JSON.stringify(spec));
  const archive = path.join(outDir, `${spec.ref.replace(/[^a-zA-Z0-9.-]+/g, "_")}-${key}.tar`);
  if (existsSync(archive)) return { ref: spec.ref, archive };
  log(`images: building ${spec.ref}`);
  const work = await mkdtemp(path.join(tmpdir(), "kubecuke-image-"));
  try {
    const root = path.join(work, "rootfs");
    await populateRootfs(root, spec);
    const layer = path.join(work, "layer.tar");
    // Fixed owner and mtime keep the layer digest stable across builds.
    await execa("tar", ["--numeric-owner", "--owner=0", "--group=0", "--mtime=@0", "--sort=name", "-C", root, "-cf", layer, "."]);
    const diffId = "sha256:" + createHash("sha256").update(await readFile(layer)).digest("hex");
    const config = imageConfig(spec, diffId);
    const configJson = JSON.stringify(config);
    const configName = createHash("sha256").update(configJson).digest("hex") + ".json";
    const image = path.join(work, "image");
    await mkdir(image);
    await writeFile(path.join(image, configName), configJson);
    await copyFile(layer, path.join(image, "layer.tar"));
    await writeFile(path.join(image, "manifest.json"), JSON.stringify([{ Config: configName, RepoTags: [spec.ref], Layers: ["layer.tar"] }]));
    const partial = `${archive}.partial`;
    await execa("tar", ["-C", image, "-cf", partial, "."]);
    await execa("mv", [partial, archive]);
    return { ref: spec.ref, archive };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function populateRootfs(root: string, spec: ImageSpec): Promise<void> {
  for (const dir of ["bin", "etc", "tmp", "root", "proc", "sys", "dev"]) await mkdir(path.join(root, dir), { recursive: true });
  await chmod(path.join(root, "tmp"), 0o1777);
  await writeFile(path.join(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
  await writeFile(path.join(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
  if (spec.busyboxApplets) {
    await copyFile(BUSYBOX, path.join(root, "bin/busybox"));
    await chmod(path.join(root, "bin/busybox"), 0o755);
    const { stdout } = await execa(BUSYBOX, ["--list"]);
    for (const applet of stdout.split("\n").map((s) => s.trim()).filter(Boolean)) {
      if (applet === "busybox" || spec.files[`/bin/${applet}`]) continue;
      await symlink("busybox", path.join(root, "bin", applet));
    }
  }
  for (const [inImage, source] of Object.entries(spec.files)) {
    const dest = path.join(root, inImage);
    await mkdir(path.dirname(dest), { recursive: true });
    await copyFile(source, dest);
    await chmod(dest, 0o755);
  }
  if ((await readdir(path.join(root, "bin"))).length === 0) await rm(path.join(root, "bin"), { recursive: true });
}

function imageConfig(spec: ImageSpec, diffId: string) {
  return {
    architecture: "amd64",
    os: "linux",
    created: "1970-01-01T00:00:00Z",
    config: {
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
      ...(spec.cmd ? { Cmd: spec.cmd } : {}),
      ...(spec.exposedPorts ? { ExposedPorts: Object.fromEntries(spec.exposedPorts.map((p) => [`${p}/tcp`, {}])) } : {}),
      WorkingDir: "/",
    },
    rootfs: { type: "layers", diff_ids: [diffId] },
    history: [{ created: "1970-01-01T00:00:00Z", created_by: "kubecuke engine/images" }],
  };
}
