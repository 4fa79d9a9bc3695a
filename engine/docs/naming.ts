// Names the documentation site and the Allure report agree on: a feature's page file and a
// scenario's anchor. The report's link (steps/support/hooks.ts) computes them from the same
// pickle and document, so a link written during the run finds its scenario on the page.

/** The part of a feature's children anchors need (cucumber's own and our message types both fit). */
export interface NamedChild {
  scenario?: { id: string; name: string };
  rule?: { children: readonly NamedChild[] };
}

/** `features/zh-CN/k8s-pods.feature` → `zh-CN.k8s-pods.html` (flat: every page shares one stylesheet path). */
export function pageName(uri: string): string {
  const rel = uri.replace(/\\/g, "/").replace(/^(\.\/)?features\//, "").replace(/\.feature(\.md)?$|\.md$/, "");
  return `${rel.split("/").map((part) => part.replace(/[^\p{L}\p{N}_-]+/gu, "-")).join(".")}.html`;
}

/** Lower-case words of any script joined by "-"; CJK stays as it is (browsers accept it in ids and URLs). */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "scenario"
  );
}

/** Scenario id → anchor, unique within the feature (a repeated name gets -2, -3 …), in document order. */
export function scenarioAnchors(children: readonly NamedChild[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>(["top", "search", "verification", "background"]);
  const visit = (list: readonly NamedChild[]) => {
    for (const c of list) {
      if (c.rule) visit(c.rule.children);
      if (!c.scenario) continue;
      const base = slug(c.scenario.name);
      let anchor = base;
      for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
      used.add(anchor);
      out.set(c.scenario.id, anchor);
    }
  };
  visit(children);
  return out;
}

/** The documentation page of a scenario, relative to the Allure report (both under the reports directory). */
export function docsLink(uri: string, children: readonly NamedChild[], scenarioId: string, docsDir = "../docs"): string {
  const anchor = scenarioAnchors(children).get(scenarioId);
  return `${docsDir}/${encodeURI(pageName(uri))}${anchor ? `#${encodeURIComponent(anchor)}` : ""}`;
}
