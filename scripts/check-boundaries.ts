// The layering the README promises, checked (a phase of `npm test`):
//   - engine/ imports no Cucumber, no Allure runtime and nothing from steps/ (it is plain TypeScript);
//   - engine/kube/ imports only engine/kube/ and engine/errors.ts (everything else builds on it);
//   - no import cycles among the project's own files;
//   - process.env is read only by engine/settings/env.ts (and the files in ENV_EXCEPTIONS).
// Imports are read with TypeScript's own pre-processor, so `export … from`, type-only and
// dynamic imports all count.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

/** Project-relative file → its imports: project-relative paths for our files, package names otherwise. */
export type ImportGraph = Map<string, string[]>;

const ROOTS = ["engine", "steps", "scripts", "test"];
const TOP_FILES = ["cucumber.mjs", "allurerc.ts", "index.ts", "cucumber-config.ts"];
const FORBIDDEN_IN_ENGINE = [/^@cucumber\//, /^allure-cucumberjs$/, /^allure-js-commons$/];
const KUBE_MAY_IMPORT = (to: string) => to.startsWith("engine/kube/") || to === "engine/errors.ts" || to === "engine/seconds.ts" || !isProjectFile(to);
const ENV_READER = "engine/settings/env.ts";
const ENV_EXCEPTIONS: Record<string, string> = {
  "test/providers/fake-kind/fake-kind.mjs": "a separate program standing in for kind, configured by its own FAKE_KIND_* variables",
  "steps/support/register.mjs": "runs before TypeScript can be imported; passes Node's own NODE_COMPILE_CACHE on to child processes",
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
        out.push(`${from} imports ${to}: engine/kube/ may import only engine/kube/ and engine/errors.ts; pass the value in instead`);
      }
    }
  }
  return out;
}

/** Every cycle among project files, each as a path a → b → … → a (one per strongly connected component). */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
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
    if (component.length > 1 || edges(v).includes(v)) cycles.push(cyclePath(component, edges));
  };
  for (const f of [...graph.keys()].sort()) if (!index.has(f)) visit(f);
  return cycles;
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { graph, texts } = readGraph(process.cwd());
  const problems = [
    ...layerViolations(graph),
    ...importCycles(graph).map((c) => `import cycle: ${c.join(" → ")}`),
    ...envReaders(texts),
  ];
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} boundary problems in ${graph.size} files` : `boundaries hold in ${graph.size} files`);
  process.exitCode = problems.length ? 1 : 0;
}
