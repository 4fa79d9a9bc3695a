// Allowed imports per folder, the way Playwright's DEPS.list files work (utils/check_deps.js): a
// small DEPS.list in a folder names what that folder's files may import; anything not listed is
// refused. A file beside the rules it obeys, rather than one table for the whole project, because
// a change that adds an import then shows up as a line in the importing folder's own DEPS.list,
// in the same diff, where its reviewer looks.
//
// A DEPS.list governs the files of its folder and of every folder below that has none of its own;
// together they are one *unit* (engine/cluster with engine/cluster/local). Imports within a unit are
// always allowed. The format (paths relative to the DEPS.list's folder):
//   # comment
//   [*]                        the entries below apply to every file of the unit
//   [local/index.ts]           …only to this file (in addition to [*])
//   ../kube/**                 any file in engine/kube and below
//   ../cluster/                the files directly in engine/cluster
//   ../errors.ts               one file
//   node_modules/execa         an npm package (as Playwright spells it)
//   node:fs  node:*            a Node built-in, or all of them
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Project-relative file → its imports: project-relative paths for our files, package names otherwise. */
export type ImportGraph = Map<string, string[]>;

export const DEPS_FILE = "DEPS.list";

/** One DEPS.list, parsed: its folder ("" for the repository root) and its sections. */
export interface DepsList {
  dir: string;
  /** "*" or a file path relative to dir → its entries, each with the line it came from. */
  sections: Map<string, Array<{ entry: string; line: number }>>;
}

/** Reads a DEPS.list's text; a line it cannot read is refused with the file and line. */
export function parseDepsList(dir: string, text: string): { list: DepsList; problems: string[] } {
  const file = path.posix.join(dir, DEPS_FILE);
  const sections: DepsList["sections"] = new Map();
  const problems: string[] = [];
  let current: string | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1] ?? "*";
      if (!sections.has(current)) sections.set(current, []);
    } else if (current === undefined) {
      problems.push(`${file}:${i + 1}: "${line}" comes before any section; start with [*] (every file of the folder) or [name.ts]`);
    } else if (!/^(\.{1,2}\/\S*|node:\S+|node_modules\/\S+)$/.test(line)) {
      problems.push(`${file}:${i + 1}: "${line}" is neither a path (./, ../), node:<module> nor node_modules/<package>`);
    } else sections.get(current)?.push({ entry: line, line: i + 1 });
  });
  return { list: { dir, sections }, problems };
}

/** Every DEPS.list under the roots (and at the repository root), parsed. */
export function readDepsLists(root: string, roots: readonly string[]): { lists: DepsList[]; problems: string[] } {
  const lists: DepsList[] = [];
  const problems: string[] = [];
  const add = (dir: string) => {
    const file = path.join(root, dir, DEPS_FILE);
    if (!existsSync(file)) return;
    const parsed = parseDepsList(dir, readFileSync(file, "utf8"));
    lists.push(parsed.list);
    problems.push(...parsed.problems);
  };
  const walk = (dir: string) => {
    add(dir);
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) walk(path.posix.join(dir, e.name));
    }
  };
  add("");
  for (const r of roots) if (existsSync(path.join(root, r))) walk(r);
  return { lists, problems };
}

/** The DEPS.list that governs a file: its folder's, or the nearest folder's above it. */
export function governingList(file: string, lists: readonly DepsList[]): DepsList | undefined {
  const byDir = new Map(lists.map((l) => [l.dir, l]));
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    const d = dir === "." ? "" : dir;
    const found = byDir.get(d);
    if (found || d === "") return found;
  }
}

/** The unit a file belongs to: the folder of its DEPS.list ("." for the root), or its own folder when none governs it. */
export function unitOf(file: string, lists: readonly DepsList[]): string {
  const list = governingList(file, lists);
  return list ? list.dir || "." : path.posix.dirname(file);
}

/** Whether one entry of a list allows an import (a project path, or a package as resolveSpecifier stores it). */
export function entryAllows(listDir: string, entry: string, to: string): boolean {
  if (entry === "node:*") return to.startsWith("node:");
  if (entry.startsWith("node:")) return to === entry;
  if (entry.startsWith("node_modules/")) return to === entry.slice("node_modules/".length);
  const target = path.posix.normalize(path.posix.join(listDir, entry)).replace(/^\.\/?/, "");
  if (entry.endsWith("/**")) {
    const base = target.replace(/\/?\*\*$/, "");
    return base === "" ? !to.startsWith("node:") && to.includes("/") : to.startsWith(`${base}/`);
  }
  if (entry.endsWith("/")) return path.posix.dirname(to) === (target.replace(/\/$/, "") || ".");
  return to === target;
}

/** The entries that do not name an existing file or folder: stale after a move. */
export function staleEntries(root: string, lists: readonly DepsList[]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    for (const [section, entries] of list.sections) {
      if (section !== "*" && !existsSync(path.join(root, list.dir, section))) {
        out.push(`${path.posix.join(list.dir, DEPS_FILE)}: [${section}] names no file of the folder; rename or remove the section`);
      }
      for (const { entry, line } of entries) {
        if (entry.startsWith("node")) continue;
        const target = path.join(root, list.dir, entry.replace(/\*\*$/, ""));
        if (!existsSync(target)) out.push(`${path.posix.join(list.dir, DEPS_FILE)}:${line}: ${entry} names nothing that exists; remove it or fix the path`);
      }
    }
  }
  return out;
}

/** Every import the lists do not allow, and every file no list governs; one message each, saying what to do. */
export function depsViolations(graph: ImportGraph, lists: readonly DepsList[]): string[] {
  const out: string[] = [];
  for (const [from, imports] of graph) {
    const list = governingList(from, lists);
    if (!list) {
      out.push(`${from}: no ${DEPS_FILE} governs it; add ${path.posix.join(path.posix.dirname(from), DEPS_FILE)} naming what the folder may import`);
      continue;
    }
    const unit = list.dir;
    const own = path.posix.relative(unit, from);
    const entries = [...(list.sections.get("*") ?? []), ...(list.sections.get(own) ?? [])];
    for (const to of imports) {
      if (graph.has(to) && governingList(to, lists) === list) continue;
      if (entries.some(({ entry }) => entryAllows(unit, entry, to))) continue;
      out.push(refusal(from, to, unit));
    }
  }
  return out;
}

function refusal(from: string, to: string, unit: string): string {
  const listFile = path.posix.join(unit, DEPS_FILE);
  const isPath = to.includes("/") && !to.startsWith("@") && !to.startsWith("node:");
  const rel = path.posix.relative(unit || ".", path.posix.dirname(to)) || ".";
  const line = isPath ? `${rel.startsWith(".") ? rel : `./${rel}`}/` : to.startsWith("node:") ? to : `node_modules/${to}`;
  const what = isPath ? `${path.posix.dirname(to)}/` : `the package ${to}`;
  return `${from} imports ${to}: ${listFile} does not allow ${what}. Pass the value in from a caller that may import it, move the shared piece to a lower folder, or, if ${unit || "the root"} may depend on it, add "${line}" under [*] (or under [${path.posix.relative(unit, from)}]) in ${listFile}`;
}

/** Folder → folder it imports → how many imports (file to file) make that edge. Packages are left out. */
export type FolderGraph = Map<string, Map<string, number>>;

/** The import graph folded onto units (see unitOf): what the boundary check prints with --graph. */
export function folderGraph(graph: ImportGraph, lists: readonly DepsList[]): FolderGraph {
  const out: FolderGraph = new Map();
  for (const [from, imports] of graph) {
    const a = unitOf(from, lists);
    const edges = out.get(a) ?? new Map<string, number>();
    out.set(a, edges);
    for (const to of imports) {
      if (!graph.has(to)) continue;
      const b = unitOf(to, lists);
      if (b !== a) edges.set(b, (edges.get(b) ?? 0) + 1);
    }
  }
  return out;
}

/** The files behind one folder edge, for a cycle's message: "a.ts imports b.ts". */
export function edgeWitnesses(graph: ImportGraph, lists: readonly DepsList[], a: string, b: string, max = 2): string[] {
  const out: string[] = [];
  for (const [from, imports] of graph) {
    if (unitOf(from, lists) !== a) continue;
    for (const to of imports) if (graph.has(to) && unitOf(to, lists) === b && out.length < max) out.push(`${from} imports ${to}`);
  }
  return out;
}

/** As a file graph (folder → the folders it imports), so the file-cycle finder serves folders too. */
export function asImportGraph(folders: FolderGraph): ImportGraph {
  return new Map([...folders].map(([a, edges]) => [a, [...edges.keys()].sort()]));
}

/** Folders that depend on each other, and one loop through them for the reader. */
export interface FolderCycle {
  members: string[];
  loop: string[];
}

/** The folder graph as text: folders with their file counts, the edges with their counts, the cycles. */
export function printFolderGraph(graph: ImportGraph, folders: FolderGraph, lists: readonly DepsList[], cycles: readonly FolderCycle[]): string {
  const files = new Map<string, number>();
  for (const f of graph.keys()) files.set(unitOf(f, lists), (files.get(unitOf(f, lists)) ?? 0) + 1);
  const names = [...folders.keys()].sort();
  const lines = [`folders (${names.length}): ${names.map((n) => `${n} (${files.get(n) ?? 0} files)`).join(", ")}`, "imports between folders (file → file imports):"];
  for (const a of names) {
    const edges = [...(folders.get(a) ?? new Map<string, number>())].sort(([x], [y]) => x.localeCompare(y));
    if (edges.length) lines.push(`  ${a} → ${edges.map(([b, n]) => `${b} (${n})`).join(", ")}`);
  }
  const cycleText = (c: FolderCycle) => `${c.loop.join(" → ")}${c.members.length > 2 ? ` (one loop among ${c.members.join(", ")})` : ""}`;
  lines.push(`folder cycles: ${cycles.length ? cycles.map(cycleText).join("; ") : "none"}`);
  return lines.join("\n");
}
