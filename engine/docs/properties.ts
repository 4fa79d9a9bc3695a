// Reads the environment.properties the runner writes for Allure (engine/report/environment.ts):
// the cluster's version and the run id shown beside every verified step.

/** Java-properties text → key/value, undoing toProperties' escapes. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    if (raw.trim() === "" || /^\s*[#!]/.test(raw)) continue;
    // the first '=' or ':' not preceded by a backslash separates key and value
    const m = /^((?:\\.|[^\\=:])*)[=:](.*)$/.exec(raw);
    if (!m) continue;
    const unescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    out[unescape(m[1]!.trim())] = unescape(m[2]!);
  }
  return out;
}
