// The site's one stylesheet and one script, written as files beside the pages (no fonts, no CDN,
// no fetch: the index arrives as a script file, which browsers load over file:// too).
import { searchIndex, type SearchIndex } from "./search.ts";

export const CSS = `
:root{--fg:#1d2125;--muted:#5c6670;--bg:#fff;--side:#f6f7f9;--line:#dde1e6;--code:#f3f4f6;--pass:#1a7f37;--fail:#cf222e;--skip:#9a6700;--none:#6e7781;--link:#0b62c4}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#a0a8b1;--bg:#15181c;--side:#1c2026;--line:#313740;--code:#1f242b;--pass:#3fb950;--fail:#f85149;--skip:#d29922;--none:#8b949e;--link:#58a6ff}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:16px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
a{color:var(--link)}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--side);position:sticky;top:0;z-index:2}
header.site .home{font-weight:600;text-decoration:none;color:var(--fg)}
header.site nav{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem}
form.search{margin-left:auto;position:relative;flex:1 1 14rem;max-width:28rem}
form.search input{width:100%;padding:.4rem .6rem;font:inherit;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
#search-results{position:absolute;left:0;right:0;top:2.4rem;max-height:70vh;overflow:auto;background:var(--bg);border:1px solid var(--line);border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.15);padding:.3rem 0;margin:0;list-style:none}
#search-results li a{display:block;padding:.35rem .7rem;text-decoration:none;color:var(--fg)}
#search-results li a:hover,#search-results li a:focus{background:var(--side)}
#search-results .kind{font-size:.75rem;color:var(--muted);margin-right:.4rem;text-transform:uppercase}
#search-results .snip{display:block;font-size:.8rem;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
main{max-width:52rem;margin:0 auto;padding:1rem 1rem 4rem}
h1{font-size:1.7rem;line-height:1.25;margin:.8rem 0}
h2{font-size:1.3rem;line-height:1.3;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.6rem 0 .4rem}
h2,h3,#top{scroll-margin-top:4.5rem}
.prose p,.prose li{max-width:46rem}
.prose blockquote{margin:.6rem 0;padding:.1rem 1rem;border-left:4px solid var(--line);color:var(--muted)}
code{font:.88em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;background:var(--code);padding:.05em .3em;border-radius:4px}
pre{background:var(--code);padding:.7rem .9rem;border-radius:6px;overflow-x:auto;margin:.4rem 0;font-size:.86rem;line-height:1.45}
pre code{background:none;padding:0;font-size:inherit}
pre.shell code::before{content:"$ ";color:var(--muted);user-select:none}
.label{font-size:.75rem;color:var(--muted);margin:.2rem 0 -.2rem}
.verification{border:1px solid var(--line);border-left:6px solid var(--none);border-radius:6px;padding:.6rem .9rem;margin:1rem 0;background:var(--side)}
.verification.passed{border-left-color:var(--pass)}.verification.failed{border-left-color:var(--fail)}.verification.not-run,.verification.skipped{border-left-color:var(--skip)}
.mark{display:inline-block;font-size:.78rem;font-weight:600;padding:0 .45rem;border-radius:999px;border:1px solid currentColor;white-space:nowrap;vertical-align:.1em}
.mark.passed{color:var(--pass)}.mark.failed{color:var(--fail)}.mark.skipped{color:var(--skip)}.mark.not-run{color:var(--none)}
ol.steps{list-style:none;padding:0;margin:.6rem 0}
ol.steps>li{border-left:3px solid var(--none);padding:.15rem 0 .15rem .7rem;margin:.35rem 0}
ol.steps>li.passed{border-left-color:var(--pass)}ol.steps>li.failed{border-left-color:var(--fail)}ol.steps>li.skipped{border-left-color:var(--skip)}
.step-text{margin:0}
.kw{font-weight:600;color:var(--muted)}
.failure{color:var(--fail);white-space:pre-wrap;border:1px solid var(--fail);border-radius:6px;padding:.5rem .7rem;margin:.4rem 0;font-size:.86rem;background:var(--bg)}
details{margin:.3rem 0}
details>summary{cursor:pointer;color:var(--muted);font-size:.85rem}
.outputs .att-name{font-size:.78rem;color:var(--muted)}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem;display:block;overflow-x:auto}
th,td{border:1px solid var(--line);padding:.25rem .55rem;text-align:left;vertical-align:top}
.scenario-meta,.muted{color:var(--muted);font-size:.85rem}
.tags span{font-size:.75rem;color:var(--muted);margin-right:.4rem}
.toc-book{margin:1.2rem 0 2rem}
.toc-row{display:grid;grid-template-columns:repeat(var(--cols,2),minmax(0,1fr));gap:.5rem 1.5rem;padding:.45rem 0;border-bottom:1px solid var(--line)}
.toc-row ul{list-style:none;margin:0;padding:0}
.toc-row li{margin:.15rem 0}
.toc-head{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;border-bottom:2px solid var(--line)}
.twins{font-size:.9rem}
footer{max-width:52rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line)}
@media (max-width:640px){header.site{position:static}body{font-size:15px}main{padding:.6rem .8rem 3rem}h1{font-size:1.4rem}.toc-row{grid-template-columns:1fr}pre{font-size:.8rem}form.search{max-width:none}}
`;

/** The page's script: search over the index search-index.js defines. */
export function script(): string {
  return `"use strict";
// esbuild (tsx, on Node without type stripping) names functions with a helper it defines elsewhere
var __name = function (f) { return f; };
var searchIndex = ${searchIndex.toString()};
(function () {
  var form = document.querySelector("form.search");
  var index = window.KUBECUKE_SEARCH;
  if (!form || !index) return;
  form.hidden = false;
  var input = form.querySelector("input");
  var list = document.getElementById("search-results");
  var say = JSON.parse(form.getAttribute("data-strings"));
  function esc(s) { return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function show() {
    var q = input.value;
    if (!q.trim()) { list.hidden = true; list.innerHTML = ""; return; }
    var hits = searchIndex(index, q, 50);
    list.hidden = false;
    list.innerHTML = hits.length
      ? hits.map(function (h) {
          var at = h.x.toLowerCase().indexOf(q.trim().toLowerCase().split(/\\s+/)[0]);
          var snip = h.x.slice(Math.max(0, at - 30), Math.max(0, at - 30) + 140);
          return '<li><a href="' + esc(h.p) + "#" + esc(encodeURIComponent(h.a)) + '"><span class="kind">' + esc(say[h.k] || h.k) + "</span>" + esc(h.t) + '<span class="snip">' + esc(snip) + "</span></a></li>";
        }).join("")
      : '<li class="muted" style="padding:.35rem .7rem">' + esc(say.none) + "</li>";
  }
  input.addEventListener("input", show);
  form.addEventListener("submit", function (e) { e.preventDefault(); var a = list.querySelector("a"); if (a) location.href = a.href; });
  document.addEventListener("keydown", function (e) { if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); } if (e.key === "Escape") { list.hidden = true; } });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; show(); }
})();
`;
}

export function searchIndexScript(index: SearchIndex): string {
  // "<" escaped so no text in the index can close the script element
  return `window.KUBECUKE_SEARCH = ${JSON.stringify(index).replace(/</g, "\\u003c")};\n`;
}
