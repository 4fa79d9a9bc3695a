// The whole site as files (name → content): the contents page, one page per feature, the
// stylesheet, the script and the search index. Pure: the caller reads inputs and writes files.
import { CSS, script, searchIndexScript } from "./assets.ts";
import { LANGUAGE_NAMES, langOf, strings, type Lang } from "./i18n.ts";
import { layout, type RunFacts } from "./layout.ts";
import { escapeHtml, renderMarkdown } from "./markdown.ts";
import { buildFeature, outcomesByKey, type DocFeature, type FeatureSource } from "./model.ts";
import { mark, renderFeaturePage } from "./page.ts";
import { worst, type RunResults } from "./results.ts";
import { buildSearchIndex, type SearchEntry } from "./search.ts";
import { buildToc, type DocsIndex, type Toc } from "./toc.ts";

export interface SiteInput {
  features: FeatureSource[];
  run: RunResults;
  index: DocsIndex;
  facts: RunFacts;
  featuresDir: string;
  indexFile: string;
  /** the contents page's language */
  lang: Lang;
}

export interface Site {
  files: Map<string, string>;
  features: DocFeature[];
}

export function buildSite(input: SiteInput): Site {
  const byKey = outcomesByKey(input.run);
  const features = input.features.map((f) => buildFeature(f, byKey)).filter((f): f is DocFeature => !!f);
  const toc = buildToc(features, input.index, input.featuresDir, input.indexFile);
  const files = new Map<string, string>();
  const siteTitle = input.index.title?.[input.lang];
  for (const f of features) files.set(f.page, renderFeaturePage(f, input.facts, toc.twins.get(f.uri) ?? [], input.index.title?.[langOf(f.language)]));
  files.set("index.html", renderIndex(toc, input, siteTitle));
  files.set("style.css", CSS);
  files.set("search.js", script());
  files.set("search-index.js", searchIndexScript(buildSearchIndex(features.flatMap(searchEntries))));
  return { files, features };
}

function featureMark(f: DocFeature) {
  const all = f.scenarios.flatMap((s) => s.runs.map((r) => r.mark));
  return worst(all);
}

function renderIndex(toc: Toc<DocFeature>, input: SiteInput, siteTitle?: string): string {
  const s = strings(input.lang);
  const langs = (["en", "zh-CN"] as Lang[]).filter((l) => toc.books.some((b) => b.rows.some((r) => r[l]?.length)));
  const link = (f: DocFeature) => {
    const total = Object.values(f.counts).reduce((a, b) => a + b, 0);
    return `<li><a href="${escapeHtml(f.page)}" hreflang="${langOf(f.language)}">${escapeHtml(f.name)}</a> ${mark(featureMark(f), s)} <span class="muted">${f.counts.passed}/${total}</span></li>`;
  };
  const books = toc.books.map((b) => {
    const title = b.title[input.lang] ?? b.title.en ?? b.title["zh-CN"] ?? "";
    const shown = title === "" || title === input.featuresDir ? s.more : title;
    const other = langs.filter((l) => l !== input.lang).map((l) => b.title[l]).filter((t) => t && t !== title);
    const intro = b.intro?.[input.lang] ?? b.intro?.en;
    const head = `<div class="toc-row toc-head" style="--cols:${langs.length}">${langs.map((l) => `<div>${LANGUAGE_NAMES[l]}</div>`).join("")}</div>`;
    const rows = b.rows.map((r) => `<div class="toc-row" style="--cols:${langs.length}">${langs.map((l) => `<ul lang="${l}">${(r[l] ?? []).map(link).join("")}</ul>`).join("")}</div>`);
    return `<section class="toc-book"><h2>${escapeHtml(shown)}${other.length ? ` <span class="muted">${escapeHtml(other.join(" / "))}</span>` : ""}</h2>${intro ? `<div class="prose">${renderMarkdown(intro)}</div>` : ""}${head}${rows.join("")}</section>`;
  });
  const f = input.facts;
  const all = toc.books.flatMap((b) => b.rows.flatMap((r) => Object.values(r).flat()));
  const counts = { passed: 0, failed: 0, skipped: 0, "not-run": 0 };
  for (const x of all) for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += x.counts[k];
  const facts = f.date
    ? `<p>${s.runBy} ${escapeHtml(s.run)} <strong>${escapeHtml(f.runId ?? s.unknown)}</strong>, ${escapeHtml(f.date)}, ${s.kubernetes} <strong>${escapeHtml(f.kubernetes ?? s.unknown)}</strong>${f.provider ? ` (${escapeHtml(f.provider)})` : ""}: ${mark("passed", s)} ${counts.passed} · ${mark("failed", s)} ${counts.failed} · ${mark("not-run", s)} ${counts["not-run"] + counts.skipped}</p>`
    : `<p>${escapeHtml(s.noRun)}</p>`;
  const body = `<h1>${escapeHtml(siteTitle ?? s.siteTitle)}</h1><div class="verification ${counts.failed ? "failed" : counts["not-run"] + counts.skipped ? "not-run" : "passed"}">${facts}</div><nav aria-label="${s.contents}">${books.join("\n")}</nav>`;
  return layout({ lang: input.lang, title: siteTitle ?? s.siteTitle, body, facts: f, siteTitle });
}

/** What search finds: each feature, scenario, step and the start of each step's output. */
function searchEntries(f: DocFeature): SearchEntry[] {
  const out: SearchEntry[] = [{ p: f.page, a: "top", t: f.name, k: "feature", x: f.description.replace(/\s+/g, " ") }];
  for (const sc of f.scenarios) {
    out.push({ p: f.page, a: sc.anchor, t: sc.name, k: "scenario", x: sc.description.replace(/\s+/g, " ") });
    for (const st of sc.steps) {
      out.push({ p: f.page, a: sc.anchor, t: sc.name, k: "step", x: `${st.keyword}${st.text}${st.docString ? ` ${st.docString.content}` : ""}` });
      for (const a of st.outcome?.attachments ?? []) out.push({ p: f.page, a: sc.anchor, t: `${sc.name} — ${a.name}`, k: "output", x: a.body });
    }
  }
  return out;
}
