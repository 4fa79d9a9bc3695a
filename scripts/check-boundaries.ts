// The layering the README promises, checked (a phase of `npm test`):
//   - every import is one its folder's DEPS.list allows (check-boundaries-deps.ts: the format, and
//     why one small list per folder); a file no DEPS.list governs is refused;
//   - no import cycles among the project's own files, and none among folders (units of a DEPS.list);
//   - whatever a DEPS.list says, engine/ imports no Cucumber, no Allure runtime and nothing from
//     steps/ (it is plain TypeScript), and engine/kube/ imports only engine/kube/, engine/errors.ts
//     and engine/seconds.ts (everything else builds on it);
//   - process.env is read only by engine/settings/env.ts (and the files in ENV_EXCEPTIONS);
//   - in engine/ and steps/ no file over 300 lines and no function over 60 (check-boundaries-size.ts).
// `--graph` prints the folder graph first (folders, imports between them with counts, cycles).
// Imports are read with TypeScript's own pre-processor, so `export … from`, type-only and
// dynamic imports all count.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { asImportGraph, depsViolations, edgeWitnesses, folderGraph, printFolderGraph, readDepsLists, staleEntries, type DepsList, type FolderCycle, type ImportGraph } from "./check-boundaries-deps.ts";
import { sizeViolations } from "./check-boundaries-size.ts";

export type { ImportGraph };

const ROOTS = ["engine", "steps", "scripts", "test"];
const TOP_FILES = ["cucumber.mjs", "allurerc.ts", "index.ts", "cucumber-config.ts"];
const FORBIDDEN_IN_ENGINE = [/^@cucumber\//, /^allure-cucumberjs$/, /^allure-js-commons$/];
const KUBE_MAY_IMPORT = (to: string) => to.startsWith("engine/kube/") || to === "engine/errors.ts" || to === "engine/seconds.ts" || !isProjectFile(to);
const ENV_READER = "engine/settings/env.ts";
const ENV_EXCEPTIONS: Record<string, string> = {
  "test/providers/fake-kind/fake-kind.mjs": "a separate program standing in for kind, configured by its own FAKE_KIND_* variables",
  "engine/report/allure-generate.mjs": "a separate program (plain JavaScript, no engine import): sets the KUBECUKE_REPORT_* variables its job names, which allurerc reads through env.ts",
  "steps/support/register.mjs": "runs before TypeScript can be imported; passes Node's own NODE_COMPILE_CACHE on to child processes",
  "scripts/built.mjs": "runs before TypeScript can be imported: KUBECUKE_FROM_SOURCES, and KUBECUKE_RUN_BUILD for the run's processes",
  "cucumber.mjs": "kubecuke's own cucumber configuration: loads the checkout's build when the run started from it (KUBECUKE_RUN_BUILD)",
};

export function isProjectFile(spec: string): boolean {
  return /\.(ts|mjs|js)$/.test(spec) && !spec.startsWith("node:") && spec.includes("/");
}

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && !e.name.startsWith(".")) walk(rel);
      } else if (/\.(ts|mjs)$/.test(e.name)) out.push(rel);
    }
  };
  for (const r of ROOTS) walk(r);
  return [...out, ...TOP_FILES].sort();
}

/** A specifier as the graph stores it: a project path for relative imports, the package name otherwise. */
export function resolveSpecifier(from: string, spec: string): string {
  if (spec.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  if (spec.startsWith("node:")) return spec;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? spec);
}

export function readGraph(root: string): { graph: ImportGraph; texts: Map<string, string> } {
  const graph: ImportGraph = new Map();
  const texts = new Map<string, string>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(path.join(root, file), "utf8");
    texts.set(file, text);
    const info = ts.preProcessFile(text, true, true);
    graph.set(file, [...new Set(info.importedFiles.map((f) => resolveSpecifier(file, f.fileName)))]);
  }
  return { graph, texts };
}

export function layerViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [from, imports] of graph) {
    if (!from.startsWith("engine/")) continue;
    for (const to of imports) {
      if (FORBIDDEN_IN_ENGINE.some((re) => re.test(to)) || to.startsWith("steps/")) {
        out.push(`${from} imports ${to}: the engine is plain TypeScript; Cucumber, Allure's runtime and steps/ stay in steps/`);
      } else if (from.startsWith("engine/kube/") && !KUBE_MAY_IMPORT(to)) {
        out.push(`${from} imports ${to}: engine/kube/ may import only engine/kube/, engine/errors.ts and engine/seconds.ts; pass the value in instead`);
      }
    }
  }
  return out;
}

/** Every cycle among project files, each as a path a → b → … → a (one per strongly connected component). */
export function importCycles(graph: ImportGraph): string[][] {
  const edges = (f: string) => (graph.get(f) ?? []).filter((t) => graph.has(t));
  return cyclicComponents(graph).map((c) => cyclePath(c, edges));
}

/** The strongly connected components that hold a cycle (Tarjan), each as its members. */
export function cyclicComponents(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const edges = (f: string) => (graph.get(f) ?? []).filter((t) => graph.has(t));
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges(v).includes(v)) components.push(component.sort());
  };
  for (const f of [...graph.keys()].sort()) if (!index.has(f)) visit(f);
  return components;
}

/** One concrete loop through a strongly connected component, for the message. */
function cyclePath(component: string[], edges: (f: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0] ?? "";
  const seen = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const f = queue.shift() ?? "";
    for (const t of edges(f).filter((x) => members.has(x))) {
      if (t === start) {
        const loop = [f];
        while (loop[0] !== start) loop.unshift(seen.get(loop[0] ?? "") ?? start);
        return [...loop, start];
      }
      if (!seen.has(t)) {
        seen.set(t, f);
        queue.push(t);
      }
    }
  }
  return [start, start];
}

/** Files other than the settings module (and the exceptions) that read process.env. Code only, not comments. */
export function envReaders(texts: Map<string, string>): string[] {
  return [...texts]
    .filter(([file, text]) => file !== ENV_READER && !(file in ENV_EXCEPTIONS) && readsProcessEnv(file, text))
    .map(([file]) => `${file} reads process.env: read the setting through ${ENV_READER} (and list it in engine/settings/table.ts)`);
}

export function readsProcessEnv(file: string, text: string): boolean {
  const found = (n: ts.Node): boolean =>
    (ts.isPropertyAccessExpression(n) && n.name.text === "env" && ts.isIdentifier(n.expression) && n.expression.text === "process") || ts.forEachChild(n, found) === true;
  return found(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
}

/**
 * Cycles among folders: per group of folders that depend on each other, every import edge inside
 * the group with its count and a file behind it, so the message shows which edge is cheapest to cut.
 */
export function folderCycles(graph: ImportGraph, lists: readonly DepsList[]): { cycles: FolderCycle[]; problems: string[] } {
  const folders = folderGraph(graph, lists);
  const groups = cyclicComponents(asImportGraph(folders));
  const problems = groups.map((members) => {
    const inside = members.flatMap((a) =>
      [...(folders.get(a) ?? new Map<string, number>())].filter(([b]) => members.includes(b)).map(([b, n]) => `${a} → ${b} (${n}: ${edgeWitnesses(graph, lists, a, b, 1).join("")})`));
    return `folder cycle among ${members.join(", ")}: ${inside.join("; ")}. A folder may not depend on one that depends on it: move the shared piece to the lower folder or pass the value in`;
  });
  const loops = importCycles(asImportGraph(folders));
  return { cycles: groups.map((members) => ({ members, loop: loops.find((c) => members.includes(c[0] ?? "")) ?? members })), problems };
}

/** Every problem the check finds in the repository at root, and the folder graph as text. */
export function checkBoundaries(root: string): { problems: string[]; graphText: string; files: number } {
  const { graph, texts } = readGraph(root);
  const { lists, problems: listProblems } = readDepsLists(root, ROOTS);
  const { cycles, problems: cycleProblems } = folderCycles(graph, lists);
  const problems = [
    ...listProblems,
    ...staleEntries(root, lists),
    ...layerViolations(graph),
    ...depsViolations(graph, lists),
    ...importCycles(graph).map((c) => `import cycle: ${c.join(" → ")}`),
    ...cycleProblems,
    ...envReaders(texts),
    ...sizeViolations(texts),
  ];
  return { problems, graphText: printFolderGraph(graph, folderGraph(graph, lists), lists, cycles), files: graph.size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { problems, graphText, files } = checkBoundaries(process.cwd());
  if (process.argv.includes("--graph")) console.log(graphText);
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} boundary problems in ${files} files` : `boundaries hold in ${files} files`);
  process.exitCode = problems.length ? 1 : 0;
}
