// Manifests: multi-document YAML parsed with positions, and namespace rebasing.
// Pure functions only: no cluster access, so they are unit tested in isolation.
import { LineCounter, parseAllDocuments } from "yaml";
import { BadInputError } from "../errors.ts";
import type { KubeObject } from "./object.ts";

/** Thrown for manifests the YAML parser or the shape check rejects, before anything reaches the cluster. */
export class ManifestError extends BadInputError {
  readonly source: string;
  readonly line: number;
  readonly col: number;
  constructor(message: string, source: string, line: number, col: number) {
    super(message, { operation: "parse manifest", object: `${source}:${line}:${col}` });
    this.source = source;
    this.line = line;
    this.col = col;
  }
}

function hintFor(code: string): string {
  if (code === "BAD_INDENT" || code === "BLOCK_AS_IMPLICIT_KEY" || code === "MULTILINE_IMPLICIT_KEY") {
    return "Fix the indentation: keys of one mapping must start in the same column (e.g. `ports:` under `- name:` aligns with `name`).";
  }
  if (code === "DUPLICATE_KEY") return "Remove or rename the repeated key.";
  if (code === "TAB_AS_INDENT") return "Indent with spaces, not tabs.";
  return "Fix the YAML at that position.";
}

/**
 * Where to point the reader: yaml reports some indentation errors at column 1 of the
 * offending line; the first non-blank character of that line is what a human must move.
 */
function firstNonBlankColumn(text: string, line: number, col: number): number {
  const lineText = text.split(/\r?\n/)[line - 1] ?? "";
  const leading = lineText.length - lineText.trimStart().length;
  return col <= leading && lineText.trim() !== "" ? leading + 1 : col;
}

/** One document of a manifest: the object and the line it starts on (for messages). */
export interface ManifestDocument {
  object: KubeObject;
  line: number;
}

/**
 * Parse every document of a manifest file. `source` names the file in messages.
 * Empty documents (a trailing `---`) are skipped. Throws ManifestError on the first problem.
 */
export function parseManifests(text: string, source: string): KubeObject[] {
  return parseManifestDocuments(text, source).map((d) => d.object);
}

/** parseManifests, keeping where each document starts. */
export function parseManifestDocuments(text: string, source: string): ManifestDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) {
    // parseAllDocuments returns an EmptyStream for empty input.
    throw new ManifestError(`${source}: no YAML documents found. Add a manifest.`, source, 1, 1);
  }
  const objects: ManifestDocument[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      const col = firstNonBlankColumn(text, pos.line, pos.col);
      const firstLine = err.message.split("\n")[0] ?? err.message;
      const lineText = (text.split(/\r?\n/)[pos.line - 1] ?? "").trimEnd();
      throw new ManifestError(
        `${source}:${pos.line}:${col}: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}. ${hintFor(err.code)}\n  ${pos.line} | ${lineText}`,
        source,
        pos.line,
        col,
      );
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const start = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]);
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new ManifestError(
        `${source}:${start.line}:${start.col}: expected a Kubernetes object (a mapping with apiVersion, kind, metadata), got ${Array.isArray(value) ? "a list" : typeof value}.`,
        source,
        start.line,
        start.col,
      );
    }
    const obj = value as KubeObject;
    const missing = ["apiVersion", "kind"].filter((k) => typeof obj[k] !== "string" || obj[k] === "");
    if (missing.length > 0) {
      throw new ManifestError(
        `${source}:${start.line}:${start.col}: the document has no ${missing.join(" and ")}. Add ${missing.map((m) => `\`${m}:\``).join(" and ")} at the top of the document.`,
        source,
        start.line,
        start.col,
      );
    }
    objects.push({ object: obj, line: start.line });
  }
  if (objects.length === 0) {
    throw new ManifestError(`${source}: no Kubernetes objects found. Add a manifest.`, source, 1, 1);
  }
  return objects;
}

/**
 * The scope a CustomResourceDefinition among `objects` gives `apiVersion`/`kind` (true:
 * namespaced), or undefined when none defines it. For a manifest that brings its CRD along: its
 * custom resources are staged before the CRD is applied, so discovery cannot know them yet.
 */
export function scopeFromCrds(objects: readonly KubeObject[], apiVersion: string, kind: string): boolean | undefined {
  const [group, version] = apiVersion.split("/");
  for (const o of objects) {
    if (o.kind !== "CustomResourceDefinition") continue;
    const spec = o.spec as { group?: string; scope?: string; names?: { kind?: string }; versions?: Array<{ name?: string }> } | undefined;
    if (spec && spec.group === group && spec.names?.kind === kind && (spec.versions ?? []).some((v) => v.name === version)) return spec.scope !== "Cluster";
  }
  return undefined;
}

/**
 * Move an object into the scenario's namespace: `default` or no namespace becomes `namespace`;
 * any other explicit namespace is kept (it was chosen on purpose); cluster-scoped kinds are untouched.
 * With keep=true (tag @keep-namespace) the object is returned unchanged. Never mutates the input.
 * `namespaced` comes from discovery (the caller's).
 */
export function rebaseNamespace(obj: KubeObject, namespace: string, keep: boolean, namespaced: boolean): KubeObject {
  if (keep || !obj.kind || !namespaced) return obj;
  const current = obj.metadata?.namespace;
  if (current !== undefined && current !== "default") return obj;
  return { ...obj, metadata: { ...(obj.metadata ?? {}), namespace } };
}

/** `Kind/namespace/name` (or `Kind/name` when cluster-scoped) as used in every message. */
export function refOf(obj: KubeObject): string {
  const name = obj.metadata?.name ?? "<no name>";
  const ns = obj.metadata?.namespace;
  return ns ? `${obj.kind}/${ns}/${name}` : `${obj.kind}/${name}`;
}
