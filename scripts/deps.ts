// npm run deps [-- --dry-run]: installs up front the Debian packages that `npm test` and
// `npm run scenarios` otherwise install themselves when they first need them (the local
// provider, the test images, the report's browser test). --dry-run lists what is installed,
// what is missing and the commands it would run, and changes nothing.
import { parseArgs } from "node:util";
import { ensureDebianPackages, hostFacts, missingPackages, PACKAGES } from "../engine/host/debian.ts";

const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });
const dryRun = values["dry-run"];
const facts = hostFacts();
const log = (l: string) => console.log(l);
const groups: Array<[string, readonly string[]]> = [
  ["the local provider", [...PACKAGES.localProvider, ...PACKAGES.testImages]],
  ["the report's browser test", PACKAGES.reportBrowser],
];
try {
  for (const [why, packages] of groups) {
    const missing = facts.apt ? await missingPackages(packages) : [...packages];
    console.log(`${why}: ${packages.map((p) => (missing.includes(p) ? `${p} (missing)` : p)).join(" ")}`);
    const plan = await ensureDebianPackages(packages, { why, log, dryRun, facts });
    if (plan.kind === "nothing") console.log("  all installed");
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
