// kubecuke's JavaScript build, by esbuild: every module a process of a run starts from (the CLI,
// the runner, the steps, the configurations, the background scripts) as one entry, their shared
// code in chunks, so that a process loads a few large files instead of some hundred small ones.
// Two uses:
// - the package (npm pack's prepack, scripts/build-package.ts): dist/, the npm packages kept
//   outside (a team's steps and kubecuke's then share one @kubernetes/client-node);
// - kubecuke's own suite (`npm run scenarios`, scripts/built.mjs): a build of the checkout,
//   cached by its sources' sizes and times under node_modules/.cache/kubecuke/run/, with the
//   npm packages inside too but cucumber's and Allure's (the processes of a run then load about
//   a second less of module code each on Node 20, a third of a second on Node 24: issue 21).
// Plain JavaScript: it runs before any TypeScript loader (Node 20 has none of its own).
// build.json in the output names the package's root, for engine/package-paths.ts.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/** The modules a process of an installed kubecuke starts from, by their paths in the repository. */
export const ENTRIES = [
  "index.ts",
  "cucumber-config.ts",
  "allurerc.ts",
  "steps/index.ts",
  "scripts/cli.ts",
  "scripts/scenarios.ts",
  "scripts/init.ts",
  "scripts/cluster.ts",
  "scripts/report.ts",
  "scripts/doctor.ts",
  "scripts/docs.ts",
  "scripts/images-load.ts",
  "scripts/await-namespaces.ts",
];

/** Only kubecuke's own checkout starts from these: scripts/built.mjs's preload, and cucumber.mjs's settings module. */
export const CHECKOUT_ENTRIES = ["scripts/top-errors-preload.ts", "engine/settings/env.ts"];

/** Never inside a build: cucumber's and Allure's packages are one instance shared with cucumber itself and its formatters. */
const ALWAYS_OUTSIDE = ["@cucumber/*", "allure", "allure-*", "@allurereport/*", "esbuild", "tsx", "typescript", "playwright-core"];

/** The sources whose sizes and times make the cached build's name. */
const SOURCE_DIRS = ["engine", "steps", "scripts"];
const SOURCE_FILES = ["index.ts", "cucumber-config.ts", "allurerc.ts", "package.json", "node_modules/.package-lock.json"];

/**
 * Builds `entries` (default ENTRIES, the package's) from `root` into `outdir` (emptied first). packages "outside": every npm
 * package stays an import (the package); "inside": all but ALWAYS_OUTSIDE are bundled.
 */
export async function buildKubecuke({ root, outdir, packages, entries = ENTRIES }) {
  const esbuild = await import("esbuild");
  await rm(outdir, { recursive: true, force: true });
  const started = performance.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outbase: root,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    chunkNames: "chunks/[name]-[hash]",
    // class names are error names (KubecukeError subclasses) and step World names
    keepNames: true,
    // Chinese step texts as they are written: the editor's language server reads them from the
    // package's steps (esbuild would escape them as \uXXXX)
    charset: "utf8",
    ...(packages === "outside" ? { packages: "external" } : { external: ALWAYS_OUTSIDE }),
    // bundled CommonJS packages call require(); an ES module has none of its own
    banner: { js: 'import { createRequire as __kubecukeRequire } from "node:module"; const require = __kubecukeRequire(import.meta.url);' },
    logLevel: "silent",
  });
  for (const w of result.warnings) console.error(`build: ${w.text}`);
  await writeFile(path.join(outdir, "build.json"), `${JSON.stringify({ packageRoot: path.relative(outdir, root) || ".", packages }, null, 1)}\n`);
  return { ms: performance.now() - started };
}

async function sourceStamp(root) {
  const lines = [];
  const add = async (rel) => {
    const s = await stat(path.join(root, rel)).catch(() => undefined);
    if (s?.isFile()) lines.push(`${rel} ${s.size} ${s.mtimeMs}`);
  };
  for (const dir of SOURCE_DIRS) {
    for (const e of await readdir(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (e.isFile() && /\.(ts|mjs)$/.test(e.name)) await add(path.relative(root, path.join(e.parentPath, e.name)));
    }
  }
  for (const f of SOURCE_FILES) await add(f);
  lines.sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
}

/** How long an older build of the checkout is kept: a background report or cleanup of an earlier run may still run from it. */
const KEEP_OLDER_MS = 60 * 60 * 1000;

/**
 * The checkout's build for a run, built when its sources changed since the last one (about
 * a second); its directory. Concurrent runs build into their own directories and the first
 * rename wins.
 */
export async function runBuild(root) {
  const cache = path.join(root, "node_modules", ".cache", "kubecuke", "run");
  const dir = path.join(cache, await sourceStamp(root));
  if (existsSync(path.join(dir, "build.json"))) return { dir, built: false, ms: 0 };
  await mkdir(cache, { recursive: true });
  const scratch = `${dir}.${process.pid}`;
  const { ms } = await buildKubecuke({ root, outdir: scratch, packages: "inside", entries: [...ENTRIES, ...CHECKOUT_ENTRIES] });
  try {
    await rename(scratch, dir);
  } catch {
    await rm(scratch, { recursive: true, force: true }); // another run built it first
  }
  for (const e of await readdir(cache)) {
    const other = path.join(cache, e);
    if (other === dir) continue;
    const s = await stat(other).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > KEEP_OLDER_MS) await rm(other, { recursive: true, force: true });
  }
  return { dir, built: true, ms };
}
