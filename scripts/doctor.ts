// `kubecuke doctor` (and `npm run doctor`): what the provider the settings choose needs on this
// machine (the same settings as a run: KUBECUKE_PROVIDER, --provider, a cucumber profile's
// worldParameters.kubecuke with --profile), what is missing, and the command that fixes each.
// Installs nothing; exit 1 when something is missing. The checks themselves: engine/host/doctor.ts.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfiguration } from "@cucumber/cucumber/api";
import { parseProviderFlags, profileSettingsFrom, PROVIDER_FLAGS_HELP, type ProviderSettings } from "../engine/settings/provider.ts";
import { chooseProvider, systemProbes } from "../engine/cluster/choose.ts";
import { runTool } from "../engine/cluster/exec.ts";
import { localPlacement } from "../engine/cluster/registry.ts";
import { localLayout } from "../engine/cluster/local/layout.ts";
import { loadKubeConfig } from "../engine/kube/client.ts";
import { doctorChecks, doctorReport, type DoctorFacts, type DoctorProvider } from "../engine/host/doctor.ts";
import { hostFacts, missingPackages, PACKAGES } from "../engine/host/debian.ts";
import { isKubecukeRepository } from "../engine/cluster/run-images.ts";
import { describeError } from "../engine/errors.ts";
import { inheritedEnv, loadSettings } from "../engine/settings/env.ts";

const USAGE = `usage: kubecuke doctor [--provider local|kind|existing] [-p PROFILE] [provider flags]   (npm run doctor -- …)
What the chosen provider needs on this machine, what is missing and how to fix it; installs nothing.
${PROVIDER_FLAGS_HELP}`;

/** The first line a tool prints for `args`, or undefined when it cannot run or fails. */
async function versionLine(file: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await runTool(file, args, { env: inheritedEnv(), timeoutMs: 20_000 });
    const line = (r.stdout.trim() || r.stderr.trim()).split("\n")[0];
    return r.exitCode === 0 && line ? line : undefined;
  } catch {
    return undefined;
  }
}

async function existingFacts(s: ProviderSettings): Promise<DoctorFacts["existing"]> {
  const kubeconfig = s.existing.kubeconfig;
  const kubeconfigExists = kubeconfig !== undefined && existsSync(kubeconfig);
  let contextFound = false;
  let api: { ok: boolean; detail: string } | undefined;
  if (kubeconfigExists && s.existing.context) {
    try {
      const kc = loadKubeConfig(kubeconfig, s.existing.context);
      contextFound = true;
      const { VersionApi } = await import("@kubernetes/client-node");
      const v = await Promise.race([kc.makeApiClient(VersionApi).getCode(), new Promise<never>((_, no) => setTimeout(() => no(new Error("no answer within 10 s")), 10_000).unref())]);
      api = { ok: true, detail: `${kc.getCurrentCluster()?.server ?? "?"} answers: Kubernetes ${v.gitVersion}` };
    } catch (err) {
      api = contextFound ? { ok: false, detail: describeError(err) } : undefined;
    }
  }
  return { kubeconfig, kubeconfigExists, context: s.existing.context, contextFound, api };
}

async function gather(s: ProviderSettings, cwd: string): Promise<DoctorFacts> {
  const host = hostFacts();
  const probes = systemProbes(s);
  const [kubectl, go, docker, kind, missing, existing] = await Promise.all([
    versionLine("kubectl", ["version", "--client"]),
    versionLine("go", ["version"]),
    probes.docker(),
    versionLine(s.kind.binary, ["version"]),
    host.apt ? missingPackages([...PACKAGES.localProvider, ...PACKAGES.testImages]) : Promise.resolve([]),
    existingFacts(s),
  ]);
  const layout = localLayout("local", localPlacement(s));
  return {
    node: process.version,
    ownRepository: isKubecukeRepository(cwd),
    platform: host.platform,
    uid: host.uid,
    apt: host.apt,
    kubectl,
    go,
    docker,
    kind,
    missingPackages: missing,
    kubernetesBuilt: existsSync(path.join(layout.binDir, ".complete")),
    existing,
  };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const cwd = process.cwd();
  try {
    const { rest } = parseProviderFlags(argv);
    const profiles = rest.flatMap((a, i) => (a === "-p" || a === "--profile" ? [rest[i + 1] ?? ""] : a.startsWith("--profile=") ? [a.slice(10)] : []));
    const profileName = profiles.join(",") || "default";
    const profile = existsSync(path.join(cwd, "cucumber.mjs")) || existsSync(path.join(cwd, "cucumber.js")) || profiles.length
      ? profileSettingsFrom((await loadConfiguration({ profiles }, { cwd })).useConfiguration.worldParameters, profileName)
      : undefined;
    const settings = loadSettings({ argv, cwd, profile, profileName }).cluster;
    const facts = await gather(settings, cwd);
    let sections: Array<{ provider: DoctorProvider; why: string }>;
    try {
      const choice = await chooseProvider(settings);
      sections = [{ provider: choice.provider, why: choice.reason }];
    } catch (err) {
      // none named and none usable: what each automatic choice lacks
      console.error(describeError(err).split("\n")[0]);
      sections = [{ provider: "kind", why: "not usable now" }, { provider: "local", why: "not usable now" }];
    }
    const report = doctorReport(sections.map((s) => ({ ...s, checks: doctorChecks(s.provider, facts) })));
    console.log(report.text);
    return report.exitCode;
  } catch (err) {
    console.error(`doctor: ${describeError(err)}`);
    return 2;
  }
}

if (import.meta.filename === process.argv[1]) process.exitCode = await main(process.argv.slice(2));
