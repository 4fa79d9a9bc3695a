// From a scenario's page to its test in the Allure report: the report names a test by the MD5
// of its result's uuid (Allure 3's store, core/dist/store/convert.js) and opens it at
// index.html#<that id>; the result carries our "documentation" link, which names page and anchor.
import { createHash } from "node:crypto";

export interface AllureResultLinks {
  uuid: string;
  /** when the attempt ended: the latest attempt of a retried scenario wins */
  stop?: number;
  links?: { type?: string; url: string }[];
}

/** `<page>#<anchor>` (decoded) → the report's id of the latest test that links to it. */
export function reportTargets(results: AllureResultLinks[]): Map<string, string> {
  const latest = new Map<string, AllureResultLinks>();
  for (const r of results) {
    for (const l of r.links ?? []) {
      if (l.type !== "docs") continue;
      const key = decodeURIComponent(l.url.slice(l.url.lastIndexOf("/") + 1));
      const seen = latest.get(key);
      if (!seen || (r.stop ?? 0) > (seen.stop ?? 0)) latest.set(key, r);
    }
  }
  return new Map([...latest].map(([key, r]) => [key, createHash("md5").update(r.uuid).digest("hex")]));
}
