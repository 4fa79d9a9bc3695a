// The frame every page shares: head, header with contents link and search, footer.
import { escapeHtml } from "./markdown.ts";
import { strings, type Lang } from "./i18n.ts";

export interface RunFacts {
  /** when the run started, as shown */
  date?: string;
  runId?: string;
  kubernetes?: string;
  provider?: string;
  /** the Allure report's index, relative to the docs directory; undefined when there is none */
  reportHref?: string;
  /** `<page>#<anchor>` → the Allure report's id of that scenario's test (report-links.ts) */
  reportTests?: Map<string, string>;
  /** when the site was generated, as shown */
  generated: string;
}

export function formatDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function layout(o: { lang: Lang; title: string; body: string; facts: RunFacts; siteTitle?: string }): string {
  const s = strings(o.lang);
  const say = JSON.stringify({ ...s.kinds, none: s.noResults });
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(o.title)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<header class="site">
<a class="home" href="index.html">${escapeHtml(o.siteTitle ?? s.siteTitle)}</a>
<nav><a href="index.html">${s.contents}</a>${o.facts.reportHref ? `<a href="${escapeHtml(o.facts.reportHref)}">${s.allureReport}</a>` : ""}</nav>
<form class="search" role="search" hidden data-strings="${escapeHtml(say)}">
<input type="search" placeholder="${escapeHtml(s.searchPlaceholder)}" aria-label="${s.search}" autocomplete="off">
<ul id="search-results" hidden></ul>
</form>
</header>
<main id="top">
${o.body}
</main>
<footer>${escapeHtml(s.generated(o.facts.generated))}</footer>
<script src="search-index.js"></script>
<script src="search.js"></script>
</body>
</html>
`;
}
