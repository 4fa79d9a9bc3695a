// The search index, built when the site is generated: one entry per feature, scenario and step
// (with the start of its output), and an inverted index of terms. Latin words are terms; Chinese,
// Japanese and Korean runs are cut into overlapping character pairs (and single characters), so
// "集群" finds "在集群里" with no dictionary, the same way at generation time and in any browser.
// The page's script (assets.ts) tokenizes the query with the same rules and checks each hit.

export interface SearchEntry {
  /** page file */
  p: string;
  /** anchor on the page */
  a: string;
  /** title shown in the results */
  t: string;
  /** what was found: feature, scenario, step, output */
  k: string;
  /** the searchable text */
  x: string;
}

export interface SearchIndex {
  entries: SearchEntry[];
  /** term → entry numbers, ascending */
  terms: Record<string, number[]>;
}

const CJK_RUN = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu;
const WORD = /[\p{L}\p{N}_]+/gu;

export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** The terms of a text: words outside CJK; each CJK character and each pair of neighbours. */
export function terms(text: string): string[] {
  const norm = normalize(text);
  const out = new Set<string>();
  for (const run of norm.match(CJK_RUN) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      out.add(c);
      if (i + 1 < chars.length) out.add(c + chars[i + 1]);
    });
  }
  for (const w of norm.replace(CJK_RUN, " ").match(WORD) ?? []) out.add(w);
  return [...out];
}

/** The longest text kept per entry: enough for a step and the start of its output. */
const MAX_TEXT = 600;

export function buildSearchIndex(entries: SearchEntry[]): SearchIndex {
  const kept = entries.map((e) => ({ ...e, x: e.x.length > MAX_TEXT ? e.x.slice(0, MAX_TEXT) : e.x }));
  const postings = new Map<string, number[]>();
  kept.forEach((e, i) => {
    for (const t of terms(`${e.t} ${e.x}`)) {
      const list = postings.get(t) ?? [];
      list.push(i);
      postings.set(t, list);
    }
  });
  return { entries: kept, terms: Object.fromEntries([...postings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/**
 * The search the page runs, here so it is unit-tested; assets.ts embeds this function's source.
 * Every query term must occur: a CJK term exactly, a word as the prefix of a term ("kube" finds
 * "kubectl"); then the entry's text must contain each whitespace-separated part of the query.
 */
export function searchIndex(index: SearchIndex, query: string, limit = 50): SearchEntry[] {
  const q = query.normalize("NFKC").toLowerCase().trim();
  if (q === "") return [];
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu;
  const qterms = new Set<string>();
  for (const run of q.match(cjk) ?? []) {
    const chars = [...run];
    if (chars.length === 1) qterms.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) qterms.add(chars[i]! + chars[i + 1]!);
  }
  const words = q.replace(cjk, " ").match(/[\p{L}\p{N}_]+/gu) ?? [];
  const keys = Object.keys(index.terms);
  let hits: Set<number> | undefined;
  const narrow = (ids: Iterable<number>) => {
    const next = new Set(ids);
    hits = hits ? new Set([...hits].filter((i) => next.has(i))) : next;
  };
  for (const t of qterms) narrow(index.terms[t] ?? []);
  for (const w of words) {
    const ids = new Set<number>();
    // keys are sorted: the words starting with w are one contiguous stretch
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < w) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < keys.length && keys[i]!.startsWith(w); i++) for (const id of index.terms[keys[i]!]!) ids.add(id);
    narrow(ids);
  }
  if (!hits) return [];
  const parts = q.split(/\s+/).filter(Boolean);
  const kinds = ["feature", "scenario", "step", "output"];
  return [...hits]
    .map((i) => index.entries[i]!)
    .filter((e) => {
      const text = `${e.t} ${e.x}`.normalize("NFKC").toLowerCase();
      return parts.every((p) => text.includes(p));
    })
    .sort((a, b) => kinds.indexOf(a.k) - kinds.indexOf(b.k))
    // one hit of each kind per scenario: ten matching steps of one scenario are one place to go
    .filter((e, i, all) => all.findIndex((o) => o.p === e.p && o.a === e.a && o.k === e.k) === i)
    .slice(0, limit);
}
