// `kubecuke images load ARCHIVE|IMAGE…` (and `npm run images:load -- …`): puts images into the
// running cluster the settings choose (the same settings as a run: KUBECUKE_PROVIDER, --provider,
// the cluster `kubecuke cluster up` made). Never starts a cluster: with none running it says how.
// Each argument is checked before any is loaded (engine/images/archive.ts).
import path from "node:path";
import { PROVIDER_FLAGS_HELP, parseProviderFlags, REUSE_CLUSTER_NAME, type ProviderSettings } from "../engine/settings/provider.ts";
import { providerFor } from "../engine/cluster/registry.ts";
import { loadTeamImages, resolveTeamImages } from "../engine/cluster/run-images.ts";
import { describeError, KubecukeError } from "../engine/errors.ts";
import { loadSettings } from "../engine/settings/env.ts";
import { commandText } from "../engine/commands.ts";

const USAGE = `usage: kubecuke images load ARCHIVE|IMAGE… [provider flags]   (npm run images:load -- ARCHIVE|IMAGE…)
  ARCHIVE  an image archive: \`docker save <image>:<tag> -o app.tar\`, or an OCI image layout tar (gzipped too)
  IMAGE    kind only: an image in the local Docker, saved for its platform and loaded
Loads into the running cluster the settings name; with no argument, the images of KUBECUKE_IMAGES.
${PROVIDER_FLAGS_HELP}`;

/** The cluster `cluster up` made or a reused one: its stable name and state directory, as scripts/cluster.ts picks them. */
function handMade(s: ProviderSettings, cwd: string): ProviderSettings {
  const clusterName = s.clusterNameSource ? s.clusterName : REUSE_CLUSTER_NAME;
  const runDir = s.runDirSource ? s.runDir : path.join(cwd, ".kubecuke", "clusters", clusterName);
  return { ...s, clusterName, runDir, reuse: false, keep: true };
}

export async function main(argv: string[]): Promise<number> {
  const log = (l: string) => console.error(l);
  // `kubecuke images load …` may hand over its "load"
  const args = argv[0] === "load" ? argv.slice(1) : argv;
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const cwd = process.cwd();
    const { rest } = parseProviderFlags(args);
    const unknown = rest.filter((a) => a.startsWith("-"));
    if (unknown.length) {
      console.error(`images load: unknown option ${unknown.join(", ")}\n${USAGE}`);
      return 2;
    }
    const settings = handMade(loadSettings({ argv: args, cwd }).cluster, cwd);
    const entries = rest.length ? rest : settings.images;
    if (entries.length === 0) {
      console.error(`images load: name at least one image archive (or set KUBECUKE_IMAGES)\n${USAGE}`);
      return 2;
    }
    const { provider } = await providerFor(settings, { log });
    // checked before the cluster is asked anything: a wrong path needs no cluster to be found
    const images = await resolveTeamImages(entries, cwd, provider.name, rest.length ? "images load" : settings.imagesSource);
    const status = await provider.status();
    if (!status.running) {
      const up = commandText("cluster up", provider.name === "local" ? "" : `--provider ${provider.name}`);
      console.error(`images load: no ${provider.name} cluster is running (${status.detail}); start it with \`${up}\`, or let \`${commandText("run")}\` load them (KUBECUKE_IMAGES)`);
      return 1;
    }
    const started = Date.now();
    const loaded = await loadTeamImages(images, { provider, cacheDir: settings.cacheDir, log });
    console.log(loaded.map((l) => `${l.refs.join(" ")}\t${l.entry}\t${(l.ms / 1000).toFixed(1)} s`).join("\n"));
    log(`images load: ${loaded.length} archive(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    console.error(`images load: ${err instanceof KubecukeError ? err.message : describeError(err)}`);
    return 1;
  }
}

if (import.meta.filename === process.argv[1]) process.exitCode = await main(process.argv.slice(2));
