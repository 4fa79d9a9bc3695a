// The table of contents: books first (features/docs.yaml names them, their editions and the
// order of their chapters), then every other feature by folder and file name. A feature under a
// language folder (features/zh-CN/x.feature) is the twin of the one with the same path without
// it (features/x.feature): they share a row, side by side.
import { BadInputError } from "../errors.ts";
import { langOf, type Lang } from "./i18n.ts";

export interface TocFeature {
  uri: string;
  language: string;
}

export interface Book<F extends TocFeature> {
  /** per language; a book from a folder has one title for all */
  title: Partial<Record<Lang, string>>;
  intro?: Partial<Record<Lang, string>>;
  /** each row: the features of one language beside their translation */
  rows: Partial<Record<Lang, F[]>>[];
}

export interface Toc<F extends TocFeature> {
  title?: Partial<Record<Lang, string>>;
  books: Book<F>[];
  /** uri → its translations */
  twins: Map<string, F[]>;
}

const LANGS: readonly Lang[] = ["en", "zh-CN"];

/** features/docs.yaml, checked: what is wrong is named with the file and what to write instead. */
export interface DocsIndex {
  title?: Partial<Record<Lang, string>>;
  books: { title: Partial<Record<Lang, string>>; intro?: Partial<Record<Lang, string>>; editions: Partial<Record<Lang, string[]>> }[];
}

export function parseDocsIndex(value: unknown, file: string): DocsIndex {
  const bad = (what: string): never => {
    throw new BadInputError(`read ${file}: ${what} (see docs/living-docs.md for its format)`, { operation: "read", object: file });
  };
  const perLang = (v: unknown, where: string): Partial<Record<Lang, string>> => {
    if (typeof v === "string") return { en: v, "zh-CN": v };
    if (typeof v !== "object" || v === null || Array.isArray(v)) return bad(`${where}: expected a text or {en: …, zh-CN: …}`);
    for (const [k, t] of Object.entries(v)) if (!LANGS.includes(k as Lang) || typeof t !== "string") bad(`${where}.${k}: expected en or zh-CN with a text`);
    return v as Partial<Record<Lang, string>>;
  };
  if (value === null || value === undefined) return { books: [] };
  if (typeof value !== "object" || Array.isArray(value)) return bad("expected a map with title and books");
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (k !== "title" && k !== "books") bad(`unknown key "${k}": expected title or books`);
  if (v.books !== undefined && !Array.isArray(v.books)) bad("books: expected a list");
  const books = ((v.books ?? []) as unknown[]).map((b, i) => {
    const where = `books[${i}]`;
    if (typeof b !== "object" || b === null || Array.isArray(b)) return bad(`${where}: expected a map with title and en/zh-CN lists of feature files`);
    const editions: Partial<Record<Lang, string[]>> = {};
    for (const [k, val] of Object.entries(b)) {
      if (k === "title" || k === "intro") continue;
      if (!LANGS.includes(k as Lang)) bad(`${where}: unknown key "${k}": expected title, intro, en or zh-CN`);
      if (!Array.isArray(val) || val.some((x) => typeof x !== "string")) bad(`${where}.${k}: expected a list of feature files (relative to the features folder)`);
      editions[k as Lang] = val as string[];
    }
    const rec = b as Record<string, unknown>;
    if (rec.title === undefined) bad(`${where}: a book needs a title`);
    return { title: perLang(rec.title, `${where}.title`), intro: rec.intro === undefined ? undefined : perLang(rec.intro, `${where}.intro`), editions };
  });
  return { title: v.title === undefined ? undefined : perLang(v.title, "title"), books };
}

/** `features/zh-CN/x.feature` → `features/x.feature`: the path of a feature without its language folder. */
export function basePath(uri: string): string {
  return uri.split("/").filter((part) => !LANGS.some((l) => l.toLowerCase() === part.toLowerCase())).join("/");
}

export function buildToc<F extends TocFeature>(features: F[], index: DocsIndex, featuresDir: string, indexFile: string): Toc<F> {
  const byUri = new Map(features.map((f) => [f.uri, f]));
  const used = new Set<string>();
  const twins = new Map<string, F[]>();
  const books: Book<F>[] = index.books.map((b, i) => {
    const row: Partial<Record<Lang, F[]>> = {};
    for (const [lang, files] of Object.entries(b.editions) as [Lang, string[]][]) {
      row[lang] = files.map((file) => {
        const uri = `${featuresDir.replace(/\/$/, "")}/${file}`;
        const f = byUri.get(uri);
        if (!f) throw new BadInputError(`read ${indexFile}: books[${i}].${lang} names ${file}, but there is no ${uri}; list files relative to ${featuresDir}/`, { operation: "read", object: indexFile });
        used.add(uri);
        return f;
      });
    }
    pairUp(row, twins);
    return { title: b.title, intro: b.intro, rows: [row] };
  });
  // the rest by folder, twins on one row
  const folders = new Map<string, Map<string, Partial<Record<Lang, F[]>>>>();
  for (const f of [...features].sort((a, b) => basePath(a.uri).localeCompare(basePath(b.uri)) || a.uri.localeCompare(b.uri))) {
    if (used.has(f.uri)) continue;
    const base = basePath(f.uri);
    const folder = base.includes("/") ? base.slice(0, base.lastIndexOf("/")) : "";
    const rows = folders.get(folder) ?? new Map<string, Partial<Record<Lang, F[]>>>();
    folders.set(folder, rows);
    const row = rows.get(base) ?? {};
    rows.set(base, row);
    const lang = langOf(f.language);
    row[lang] = [...(row[lang] ?? []), f];
  }
  for (const [folder, rows] of folders) {
    for (const row of rows.values()) pairUp(row, twins);
    books.push({ title: { en: folder, "zh-CN": folder }, rows: [...rows.values()] });
  }
  return { title: index.title, books, twins };
}

function pairUp<F extends TocFeature>(row: Partial<Record<Lang, F[]>>, twins: Map<string, F[]>): void {
  for (const lang of LANGS) {
    const others = LANGS.filter((l) => l !== lang).flatMap((l) => row[l] ?? []);
    for (const f of row[lang] ?? []) if (others.length) twins.set(f.uri, others);
  }
}
