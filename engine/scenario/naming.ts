// Names for one scenario. Pure: unit tested.
import { randomBytes } from "node:crypto";

/** Lowercase ASCII slug of a scenario name; non-ASCII names (Chinese) fall back to "scenario". */
export function slugify(text: string, max = 20): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return slug || "scenario";
}

/** `kc-<slug>-<6 hex>`: a valid DNS-1123 label (≤ 63 chars), unique per run. */
export function namespaceFor(scenarioName: string, random: string = randomBytes(3).toString("hex")): string {
  return `kc-${slugify(scenarioName)}-${random}`;
}
