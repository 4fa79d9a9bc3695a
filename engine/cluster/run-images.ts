// The images a run puts into the cluster before its first scenario: the team's (KUBECUKE_IMAGES:
// image archives, or for kind image names from the local Docker) and, in kubecuke's own
// repository only, kubecuke's test images. Every entry is checked before any is loaded, so a
// wrong path or an untagged image stops the run with the file named and what to do.
// Here, not in engine/images: it loads through a provider, and engine/images (building and reading
// archives, which local/ uses) stays below engine/cluster.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { canListImages, canLoadImages, type ClusterProvider } from "./provider.ts";
import { runTool, tail, ToolMissingError, type ToolRunner } from "./exec.ts";
import { BadInputError, InfrastructureError } from "../errors.ts";
import { inheritedEnv } from "../settings/env.ts";
import { inspectArchive, normalizeRef, type InspectedArchive } from "../images/archive.ts";
import { buildScenarioImages } from "../images/build.ts";
import { writeExampleTeamImage } from "../images/write-archive.ts";
import { secondsText } from "../seconds.ts";

/** One entry of KUBECUKE_IMAGES, as understood: an archive on disk, or an image in the local Docker. */
export type TeamImage =
  | { entry: string; kind: "archive"; archive: string; inspected: InspectedArchive }
  | { entry: string; kind: "docker"; ref: string };

export interface RunImagesInput {
  provider: ClusterProvider;
  /** The user's directory: archive paths are relative to it; kubecuke's own repository is recognised there. */
  root: string;
  cacheDir: string;
  /** KUBECUKE_IMAGES's entries, and where they were set (for messages). */
  images: readonly string[];
  imagesSource?: string;
  log: (line: string) => void;
  /** Stand-in for docker in tests. */
  run?: ToolRunner;
}

export interface LoadedImages {
  own: string[];
  team: Array<{ entry: string; refs: string[]; ms: number }>;
}

/**
 * kubecuke's own repository: its package.json is kubecuke's and its test images' sources are there.
 * Only then are kubecuke's test images (busybox, bash-static, try_go) built: a team's run needs
 * none of them, nor Go, nor Debian's static binaries.
 */
export function isKubecukeRepository(root: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name?: unknown };
    return pkg.name === "kubecuke" && existsSync(path.join(root, "fixtures/images/try-go/main.go"));
  } catch {
    return false;
  }
}

/** An entry that names a file (or means to: a path, a .tar name) rather than an image. */
function looksLikeFile(entry: string): boolean {
  return /^[./~]/.test(entry) || /\.(tar|tgz|tar\.gz)$/i.test(entry);
}

/**
 * Reads and checks every entry, loading nothing: what `loadTeamImages` will load. provider
 * undefined (not chosen yet): image names are let through, the chosen provider decides later.
 */
export async function resolveTeamImages(entries: readonly string[], root: string, provider: string | undefined, source = "KUBECUKE_IMAGES"): Promise<TeamImage[]> {
  if (entries.length > 0 && provider === "existing") {
    throw new BadInputError(`${source}: an existing cluster gets its images from a registry, kubecuke cannot put images into it; push ${entries.join(", ")} to a registry the cluster pulls from, name them so in your manifests, and unset ${source}`);
  }
  const out: TeamImage[] = [];
  for (const entry of entries) {
    const file = path.resolve(root, entry.startsWith("~/") ? path.join(inheritedEnv().HOME ?? "", entry.slice(2)) : entry);
    // a same-named file wins over an image name (as k3d decides); a directory is refused by inspectArchive
    if (existsSync(file) || looksLikeFile(entry)) {
      out.push({ entry, kind: "archive", archive: file, inspected: await inspectArchive(file, entry) });
    } else if (provider === "kind" || provider === undefined) {
      out.push({ entry, kind: "docker", ref: entry });
    } else {
      throw new BadInputError(`${source}: "${entry}" is no file in ${root}; the ${provider} provider loads image archives only: write one with \`docker save ${entry} -o ${entry.replace(/[^A-Za-z0-9.-]+/g, "_")}.tar\` and name that file`);
    }
  }
  return out;
}

/** Puts the team's images into the cluster, each timed; checks each is then there (where the provider can list them). */
export async function loadTeamImages(images: readonly TeamImage[], input: Pick<RunImagesInput, "provider" | "cacheDir" | "log" | "run">): Promise<LoadedImages["team"]> {
  const { provider, log } = input;
  if (images.length === 0) return [];
  if (!canLoadImages(provider)) throw new BadInputError(`the ${provider.name} provider cannot load images: its images come from a registry; unset KUBECUKE_IMAGES`);
  const loaded: LoadedImages["team"] = [];
  for (const image of images) {
    const started = Date.now();
    const archive = image.kind === "archive" ? image : await saveFromDocker(image.ref, input.cacheDir, input.run ?? runTool);
    for (const note of archive.inspected.notes) log(`images: note: ${note}`);
    const refs = archive.inspected.refs;
    const lister = canListImages(provider) ? provider : undefined;
    // an image removed from the node since its archive was imported (by hand, by a prune) comes back
    const before = lister ? new Set(await lister.listImages()) : undefined;
    const gone = before !== undefined && refs.some((r) => !before.has(r));
    await provider.loadImages([archive.archive], { log, force: gone });
    if (lister) {
      const present = new Set(await lister.listImages());
      const missing = refs.filter((r) => !present.has(r));
      if (missing.length) throw new InfrastructureError(`load image archive ${image.entry}: expected ${missing.join(", ")} in the ${provider.name} cluster's image store after the import, last saw ${present.size} other images; the archive may hold another platform's image only`);
    }
    const ms = Date.now() - started;
    log(`images: loaded ${refs.join(", ")} from ${image.entry} into the ${provider.name} cluster in ${secondsText(ms)}`);
    loaded.push({ entry: image.entry, refs, ms });
  }
  return loaded;
}

/**
 * An image from the local Docker as an archive for kind: saved for the local image's platform
 * only, since with Docker's containerd image store a plain `docker save` names every platform of
 * a multi-platform image but holds the local one's layers, and the import fails (kind#3795).
 */
async function saveFromDocker(ref: string, cacheDir: string, run: ToolRunner): Promise<{ archive: string; inspected: InspectedArchive }> {
  const env = inheritedEnv();
  const docker = async (args: string[]) => {
    try {
      return await run("docker", args, { env, timeoutMs: 600_000 });
    } catch (cause) {
      if (cause instanceof ToolMissingError) throw new BadInputError(`KUBECUKE_IMAGES: "${ref}" is an image name, which needs docker on PATH to save it; install Docker, or name an image archive instead`, { cause });
      throw cause;
    }
  };
  const inspect = await docker(["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}{{if .Variant}}/{{.Variant}}{{end}}", ref]);
  if (inspect.exitCode !== 0) {
    throw new BadInputError(`KUBECUKE_IMAGES: "${ref}" is neither a file nor an image in the local Docker (docker image inspect said: ${tail(inspect.stderr, 2)}); build or pull it first, or fix the name`);
  }
  const platform = inspect.stdout.trim();
  const archive = path.join(cacheDir, "images", `docker-${ref.replace(/[^A-Za-z0-9.-]+/g, "_")}.tar`);
  await mkdir(path.dirname(archive), { recursive: true });
  let saved = await docker(["save", "--platform", platform, "-o", archive, ref]);
  // Docker before 28 has no --platform; its archives hold the one platform it stores anyway
  if (saved.exitCode !== 0 && /unknown flag: --platform/.test(saved.stderr)) saved = await docker(["save", "-o", archive, ref]);
  if (saved.exitCode !== 0) throw new InfrastructureError(`docker save ${ref}: exit ${saved.exitCode}: ${tail(saved.stderr)}`);
  const inspected = await inspectArchive(archive, `${ref} (docker save)`);
  if (!inspected.refs.includes(normalizeRef(ref))) inspected.refs.push(normalizeRef(ref));
  return { archive, inspected };
}

/**
 * The run's images phase (scripts/scenarios.ts): checks every team image first, then loads
 * kubecuke's own test images (its own repository only) and the team's.
 */
export async function loadRunImages(input: RunImagesInput): Promise<LoadedImages> {
  const { provider, root, log } = input;
  const own = isKubecukeRepository(root);
  const entries = [...input.images];
  // kubecuke's own run loads its example team image the way a team's run loads theirs
  if (own && canLoadImages(provider)) entries.push(await writeExampleTeamImage(input.cacheDir));
  const team = await resolveTeamImages(entries, root, provider.name, input.imagesSource);
  const ownArchives: string[] = [];
  if (own && canLoadImages(provider)) {
    const built = await buildScenarioImages(root, input.cacheDir, log);
    await provider.loadImages(built.map((i) => i.archive), { log });
    ownArchives.push(...built.map((i) => i.ref));
  }
  return { own: ownArchives, team: await loadTeamImages(team, input) };
}
