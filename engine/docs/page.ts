// One feature's page: its description as prose, each scenario with its steps as a reader would
// type them, under each step what the cluster did in the last run, and a mark for everything.
import { escapeHtml, renderMarkdown } from "./markdown.ts";
import { langOf, strings, LANGUAGE_NAMES, type Strings } from "./i18n.ts";
import { layout, type RunFacts } from "./layout.ts";
import type { DocFeature, DocScenario, DocStep, ScenarioRun } from "./model.ts";
import type { HookOutcome, Mark, ShownAttachment } from "./results.ts";
import type { DataTable, DocString } from "./messages.ts";

/** Outputs longer than this start collapsed. */
const SHORT_LINES = 15;
const SHORT_CHARS = 1500;
/** A literal kubectl command quoted in a step's text. */
const KUBECTL = /"(kubectl\s[^"]*)"/;

export function mark(m: Mark, s: Strings): string {
  const sign = { passed: "✓", failed: "✗", skipped: "⊘", "not-run": "○" }[m];
  return `<span class="mark ${m}" data-mark="${m}">${sign} ${s[m]}</span>`;
}

function verification(f: DocFeature, facts: RunFacts, s: Strings): string {
  const total = Object.values(f.counts).reduce((a, b) => a + b, 0);
  const d = facts.date ? s.runFacts(facts.date, facts.runId ?? s.unknown, facts.kubernetes ?? s.unknown) : "";
  const lines: string[] = [];
  let cls: Mark = "passed";
  if (!facts.date) {
    cls = "not-run";
    lines.push(s.noRun);
  } else {
    if (f.counts["not-run"] + f.counts.skipped > 0) {
      cls = "not-run";
      lines.push(s.notVerified(f.counts["not-run"] + f.counts.skipped, total));
    }
    if (f.counts.failed > 0) {
      cls = "failed";
      lines.push(s.verifiedSome(f.counts.failed, total, d));
    } else if (f.counts.passed === total && total > 0) lines.push(s.verifiedAll(d));
    else if (f.counts.passed > 0) lines.push(`${f.counts.passed}/${total} ${s.passed}${d}`);
  }
  return `<div class="verification ${cls}" id="verification" data-verification="${cls}">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</div>`;
}

function docString(d: DocString, label: string): string {
  const yaml = d.mediaType === "yaml" || /^(apiVersion|kind|metadata|spec):/m.test(d.content);
  return `<p class="label">${escapeHtml(label)}</p><pre class="code"${yaml ? ' data-lang="yaml"' : ""}><code>${escapeHtml(d.content)}</code></pre>`;
}

function table(t: DataTable, header = false): string {
  const rows = t.rows.map((r, i) => `<tr>${r.cells.map((c) => (header && i === 0 ? `<th>${escapeHtml(c.value)}</th>` : `<td>${escapeHtml(c.value)}</td>`)).join("")}</tr>`);
  return `<table>${rows.join("")}</table>`;
}

function outputs(atts: ShownAttachment[], s: Strings): string {
  if (!atts.length) return "";
  const items = atts.map((a) => {
    const lines = a.body.split("\n").length;
    const open = lines <= SHORT_LINES && a.body.length <= SHORT_CHARS;
    return `<details class="output"${open ? " open" : ""}><summary>${escapeHtml(a.name)}${open ? "" : ` — ${s.lines(lines)}`}</summary><pre><code>${escapeHtml(a.body)}</code></pre></details>`;
  });
  return `<div class="outputs">${items.join("")}</div>`;
}

export function renderStep(step: DocStep, s: Strings, showMark = true): string {
  const o = step.outcome;
  const m: Mark = o?.mark ?? "not-run";
  // English keywords end with a space ("When "); a Chinese one ("当", "而且") is followed by one only before a Latin word
  const spaced = /\s$/.test(step.keyword) || !/^[\u3000-\u9fff\uff00-\uffef]/.test(step.text);
  const kw = `<span class="kw">${escapeHtml(step.keyword.trim())}</span>${spaced ? " " : ""}`;
  const cmd = KUBECTL.exec(step.text);
  let head: string;
  if (cmd) {
    const [before, after] = [step.text.slice(0, cmd.index), step.text.slice(cmd.index + cmd[0].length)];
    head = `<p class="step-text">${kw}${escapeHtml(before.trim())} ${showMark ? mark(m, s) : ""}</p><pre class="shell"><code>${escapeHtml(cmd[1]!)}</code></pre>${after.trim() ? `<p class="step-text">${escapeHtml(after.trim())}</p>` : ""}`;
  } else {
    head = `<p class="step-text">${kw}${escapeHtml(step.text)} ${showMark ? mark(m, s) : ""}</p>`;
  }
  const arg = step.docString ? docString(step.docString, cmd ? s.input : step.docString.mediaType ?? "") : step.dataTable ? table(step.dataTable) : "";
  const failure = o?.message && m === "failed" ? `<div class="failure" role="alert"><strong>${escapeHtml(s.failedStep)}</strong>\n${escapeHtml(o.message)}</div>` : "";
  return `<li class="step ${showMark ? m : ""}" data-mark="${m}">${head}${arg}${failure}${o ? outputs(o.attachments, s) : ""}</li>`;
}

const steps = (list: DocStep[], s: Strings, showMark = true) => `<ol class="steps">${list.map((st) => renderStep(st, s, showMark)).join("")}</ol>`;

function hooks(list: HookOutcome[], s: Strings, open: boolean): string {
  if (!list.length) return "";
  const body = list.map((h) => `<h4 class="muted">${escapeHtml(h.name)} ${mark(h.mark, s)}</h4>${h.message && h.mark === "failed" ? `<div class="failure">${escapeHtml(h.message)}</div>` : ""}${outputs(h.attachments, s)}`);
  return `<details class="hooks"${open ? " open" : ""}><summary>${s.hooks}</summary>${body.join("")}</details>`;
}

/** This run's Background steps, collapsed unless one failed. */
function backgroundOf(r: ScenarioRun, s: Strings, bgKeyword: string): string {
  return r.background.length
    ? `<details class="background-run"${r.background.some((b) => b.outcome?.mark === "failed") ? " open" : ""}><summary>${escapeHtml(bgKeyword)}: ${mark(r.background.every((b) => b.outcome?.mark === "passed") ? "passed" : r.background.some((b) => b.outcome?.mark === "failed") ? "failed" : "not-run", s)} (${r.background.length})</summary>${steps(r.background, s)}</details>`
    : "";
}

function scenario(sc: DocScenario, page: string, facts: RunFacts, s: Strings, bgKeyword: string): string {
  const tags = sc.tags.length ? `<p class="tags">${sc.tags.map((t) => `<span>${escapeHtml(t)}</span>`).join("")}</p>` : "";
  const run = sc.runs[0];
  const when = facts.date && sc.mark !== "not-run" ? ` — ${escapeHtml(s.run)} ${escapeHtml(facts.runId ?? s.unknown)}, ${escapeHtml(facts.date)}, ${s.kubernetes} ${escapeHtml(facts.kubernetes ?? s.unknown)}` : "";
  const test = facts.reportTests?.get(`${page}#${sc.anchor}`);
  const report = facts.reportHref && sc.mark !== "not-run" ? ` · <a class="report-link" href="${escapeHtml(facts.reportHref)}${test ? `#${test}` : ""}">${s.inReport}</a>` : "";
  const flaky = run && run.attempts > 1 && run.mark === "passed" ? ` · ${escapeHtml(s.retried(run.attempts))}` : "";
  const meta = `<p class="scenario-meta">${mark(sc.mark, s)}${when}${flaky}${report}</p>${sc.mark === "not-run" ? `<p class="muted">${escapeHtml(s.notRunNote)}</p>` : ""}`;
  let body: string;
  if (sc.examples) {
    const header = `<tr><th></th>${sc.examples.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
    const rows = sc.runs.map((r) => `<tr><td>${mark(r.mark, s)}</td>${(r.row ?? []).map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`);
    const perRow = sc.runs.map((r) => `<details class="example-run"${r.mark === "failed" ? " open" : ""}><summary>${escapeHtml(s.example)}: ${escapeHtml((r.row ?? []).join(" | "))} ${mark(r.mark, s)}</summary>${backgroundOf(r, s, bgKeyword)}${steps(r.steps, s)}${hooks(r.hooks, s, false)}</details>`);
    body = `${steps(sc.steps, s, false)}<p class="label">${escapeHtml(sc.examples.name)}</p><table>${header}${rows.join("")}</table>${perRow.join("")}`;
  } else {
    body = `${run ? backgroundOf(run, s, bgKeyword) : ""}${steps(sc.steps, s)}${run ? hooks(run.hooks, s, false) : ""}`;
  }
  return `<section class="scenario" data-mark="${sc.mark}"><h2 id="${escapeHtml(sc.anchor)}">${escapeHtml(sc.name)}</h2>${tags}${meta}<div class="prose">${renderMarkdown(sc.description)}</div>${body}</section>`;
}

export function renderFeaturePage(f: DocFeature, facts: RunFacts, twins: DocFeature[], siteTitle?: string): string {
  const lang = langOf(f.language);
  const s = strings(lang);
  const bgKeyword = f.blocks.find((b) => b.kind === "background")?.keyword ?? s.background;
  const parts: string[] = [];
  for (const b of f.blocks) {
    if (b.kind === "rule") parts.push(`<h2 class="rule">${escapeHtml(b.name)}</h2><div class="prose">${renderMarkdown(b.description)}</div>`);
    else if (b.kind === "background") {
      const rows = b.steps.map((st, i) => renderStep({ ...st, outcome: st.outcome ? { ...st.outcome, mark: b.marks[i] ?? "not-run" } : undefined }, s));
      parts.push(`<section class="background"><h3 id="background">${escapeHtml(b.keyword)}${b.name ? `: ${escapeHtml(b.name)}` : ""}</h3><div class="prose">${renderMarkdown(b.description)}</div><ol class="steps">${rows.join("")}</ol></section>`);
    } else parts.push(scenario(b, f.page, facts, s, bgKeyword));
  }
  const twinLinks = twins.length
    ? `<p class="twins">${s.otherEdition}: ${twins.map((t) => `<a href="${escapeHtml(t.page)}" hreflang="${langOf(t.language)}">${escapeHtml(LANGUAGE_NAMES[langOf(t.language)])} — ${escapeHtml(t.name)}</a>`).join(" · ")}</p>`
    : "";
  const tags = f.tags.length ? `<p class="tags">${f.tags.map((t) => `<span>${escapeHtml(t)}</span>`).join("")}</p>` : "";
  const body = `<article class="feature" data-uri="${escapeHtml(f.uri)}"><h1>${escapeHtml(f.name)}</h1>${tags}${twinLinks}${verification(f, facts, s)}<div class="prose">${renderMarkdown(f.description)}</div>${parts.join("\n")}<p class="muted">${escapeHtml(f.uri)}</p></article>`;
  return layout({ lang, title: f.name, body, facts, siteTitle });
}
