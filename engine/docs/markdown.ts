// A small, safe Markdown subset for Gherkin descriptions: paragraphs, "- " and "1. " lists
// (nested by indentation), "> " quotes, ``` fenced code, `code`, **bold**, *italic*, [links](url).
// All text is HTML-escaped first; links may only be http(s), relative or #anchors.
// Lines starting with "#" are Gherkin comments and never reach a description: no headings.

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Removes the indentation every non-blank line shares (Gherkin keeps it in descriptions). */
export function dedent(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd());
}

const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Joins wrapped lines: a space between words, none between two CJK characters. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, l) => (acc === "" ? l : CJK.test(acc.at(-1)!) && CJK.test(l[0] ?? "") ? acc + l : `${acc} ${l}`), "");
}

function safeUrl(url: string): string | undefined {
  if (/^(https?:\/\/|#|\.{0,2}\/|[\w.-]+(\.html|\/)(#.*)?$)/i.test(url) && !/^\s*(javascript|data|vbscript):/i.test(url)) return url;
  return undefined;
}

export function inline(text: string): string {
  // code spans first: their content is literal
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((p, i) => {
      if (i % 2 === 1) return `<code>${escapeHtml(p.slice(1, -1))}</code>`;
      let s = escapeHtml(p);
      s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
        const href = safeUrl(url.replace(/&amp;/g, "&"));
        return href ? `<a href="${escapeHtml(href)}">${label}</a>` : whole;
      });
      s = s.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
      s = s.replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, "$1<em>$2</em>");
      return s;
    })
    .join("");
}

interface Item {
  indent: number;
  ordered: boolean;
  lines: string[];
}

const LIST = /^(\s*)([-+]|\d+[.)])\s+(.*)$/;

export function renderMarkdown(text: string): string {
  const lines = dedent(text);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
    } else if (/^```/.test(line.trim())) {
      const lang = line.trim().slice(3).trim().replace(/[^\w-]/g, "");
      const body: string[] = [];
      const indent = line.length - line.trimStart().length;
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!.trim()); i++) body.push(lines[i]!.slice(Math.min(indent, lines[i]!.length - lines[i]!.trimStart().length)));
      i++;
      out.push(`<pre class="code"${lang ? ` data-lang="${lang}"` : ""}><code>${escapeHtml(body.join("\n"))}</code></pre>`);
    } else if (/^>\s?/.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && /^>\s?/.test(lines[i]!); i++) body.push(lines[i]!.replace(/^>\s?/, ""));
      out.push(`<blockquote>${renderMarkdown(body.join("\n"))}</blockquote>`);
    } else if (LIST.test(line)) {
      const items: Item[] = [];
      for (; i < lines.length; i++) {
        const l = lines[i]!;
        const m = LIST.exec(l);
        if (m) items.push({ indent: m[1]!.length, ordered: /\d/.test(m[2]!), lines: [m[3]!] });
        else if (l.trim() !== "" && /^\s+/.test(l) && items.length) items.at(-1)!.lines.push(l.trim());
        else if (l.trim() === "" && LIST.test(lines[i + 1] ?? "")) continue;
        else break;
      }
      // a change between "-" and "1." at the outer level starts a new list
      for (let at = 0; at < items.length; ) {
        const list = renderList(items, at);
        out.push(list.html);
        at = list.next;
      }
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== "" && !LIST.test(lines[i]!) && !/^(```|>)/.test(lines[i]!.trim()); i++) para.push(lines[i]!.trim());
      out.push(`<p>${inline(joinLines(para))}</p>`);
    }
  }
  return out.join("\n");
}

/** Items from `start` at the first item's indentation; deeper items nest under the previous one. */
function renderList(items: Item[], start: number): { html: string; next: number } {
  const first = items[start]!;
  const tag = first.ordered ? "ol" : "ul";
  const parts: string[] = [];
  let i = start;
  while (i < items.length && items[i]!.indent >= first.indent && !(items[i]!.indent === first.indent && items[i]!.ordered !== first.ordered)) {
    const item = items[i]!;
    let html = inline(joinLines(item.lines));
    i++;
    if (i < items.length && items[i]!.indent > item.indent) {
      const nested = renderList(items, i);
      html += nested.html;
      i = nested.next;
    }
    parts.push(`<li>${html}</li>`);
  }
  return { html: `<${tag}>${parts.join("")}</${tag}>`, next: i };
}
