// Everything the harness reports passes through here: attachments, diagnostics, logs.
// Three layers, strongest first:
//  1. values we *know* are secret (registered, or seen in a Secret we redacted) are replaced
//     wherever they appear, so a Pod that echoes its password into its log is covered too;
//  2. text that parses as Kubernetes YAML/JSON is redacted structurally (Secret data only,
//     ConfigMaps stay readable);
//  3. everything else gets pattern rules (tokens, keys, PEM, auth headers, data blocks).
import { parseAllDocuments } from "yaml";
import { REDACTED, redactCredentials, redactDataBlocks } from "./redact-text.ts";

export { REDACTED } from "./redact-text.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const CREDENTIAL_FIELDS = new Set([
  "client-key-data",
  "client-certificate-data",
  "certificate-authority-data",
  "token",
  "id-token",
  "refresh-token",
  "access-token",
  "client-secret",
  "password",
]);
// Shorter values would shred ordinary text ("true", "admin"); those still go through layers 2-3.
const MIN_KNOWN_LENGTH = 6;
const known = new Set<string>();
const MAX_STRUCTURED_CHARS = 256 * 1024;

/** Remember a secret value (and its base64 form) so redact() removes it from any text. */
export function registerSecretValue(value: string): void {
  if (value.length < MIN_KNOWN_LENGTH) return;
  known.add(value);
  known.add(Buffer.from(value, "utf8").toString("base64"));
}

/** For tests: forget registered values. */
export function clearSecretValues(): void {
  known.clear();
}

export function redact(text: string): string {
  let out = replaceKnown(text);
  const structured = redactStructured(out);
  out = structured ?? redactDataBlocks(out);
  // Values discovered while redacting structurally may occur elsewhere in the same text.
  return redactCredentials(replaceKnown(out));
}

/**
 * Redacts a thrown error in place (message, stack, and its causes) and returns it. Step errors
 * reach cucumber's HTML, JUnit and message outputs and Allure's results without passing
 * through an attachment, and assertion messages quote what they saw.
 */
export function redactError<E>(e: E, depth = 0): E {
  if (!(e instanceof Error) || depth > 5) return e;
  const header = `${e.name}: ${e.message}`;
  e.message = redact(e.message);
  if (e.stack) {
    // The stack must still start "Name: message": cucumber finds the message there to split it
    // from the frames, and the report files the error by that name (engine/report/categories.ts).
    e.stack = e.stack.startsWith(header) ? `${e.name}: ${e.message}${redact(e.stack.slice(header.length))}` : redact(e.stack);
  }
  if (e.cause !== undefined) redactError(e.cause, depth + 1);
  return e;
}

/** Deep copy of obj with Secret data, credentials and last-applied annotations redacted. */
export function redactObject<T>(obj: T): T {
  return walk(obj, false) as T;
}

function replaceKnown(text: string): string {
  let out = text;
  // Longest first, so a value that contains another is replaced whole.
  for (const v of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(v)) out = out.split(v).join(REDACTED);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// client-node returns list items without `kind`; a Secret still has a Secret-ish `type`.
function looksLikeSecret(o: Record<string, unknown>): boolean {
  if (o.kind === "Secret") return true;
  return o.kind === undefined && typeof o.type === "string" && /^(Opaque$|kubernetes\.io\/|bootstrap\.kubernetes\.io\/)/.test(o.type) && ("data" in o || "stringData" in o);
}

function redactSecretMap(map: unknown, encoded: boolean): unknown {
  if (!isRecord(map)) return map === undefined || map === null ? map : REDACTED;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v === "string") {
      registerSecretValue(v);
      if (encoded) registerSecretValue(Buffer.from(v, "base64").toString("utf8"));
    }
    out[k] = REDACTED;
  }
  return out;
}

function walk(v: unknown, inAnnotations: boolean): unknown {
  if (typeof v === "string") return redactCredentials(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, false));
  if (!isRecord(v)) return v;
  const secret = looksLikeSecret(v);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (secret && (k === "data" || k === "stringData")) out[k] = redactSecretMap(val, k === "data");
    else if (inAnnotations && k === LAST_APPLIED && typeof val === "string") out[k] = redactLastApplied(val);
    else if (CREDENTIAL_FIELDS.has(k) && typeof val === "string" && val !== "") out[k] = REDACTED;
    else out[k] = walk(val, k === "annotations");
  }
  return out;
}

function redactLastApplied(json: string): string {
  try {
    return JSON.stringify(walk(JSON.parse(json), false)) + (json.endsWith("\n") ? "\n" : "");
  } catch {
    return redactDataBlocks(redactCredentials(json));
  }
}

function isKubeObject(v: unknown): boolean {
  return isRecord(v) && ("kind" in v || "apiVersion" in v || "items" in v);
}

/** Structural redaction when the whole text is Kubernetes JSON or YAML; undefined otherwise. */
function redactStructured(text: string): string | undefined {
  const trimmed = text.trim();
  // YAML parsing costs ~4 ms per KiB; beyond this the (more aggressive) patterns take over.
  if (trimmed === "" || text.length > MAX_STRUCTURED_CHARS) return undefined;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (!(Array.isArray(parsed) ? parsed.some(isKubeObject) : isKubeObject(parsed))) return undefined;
      const red = redactObject(parsed);
      return JSON.stringify(red) === JSON.stringify(parsed) ? text : JSON.stringify(red, null, 2) + "\n";
    } catch {
      // Not JSON after all (e.g. a flow-style YAML map or a log line): try YAML.
    }
  }
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  const values = docs.map((d) => (d.errors.length > 0 ? undefined : (d.toJS() as unknown)));
  if (values.some((v, i) => v === undefined && docs[i]?.errors.length) || !values.some(isKubeObject)) return undefined;
  if (values.some((v) => v !== undefined && v !== null && !isRecord(v) && !Array.isArray(v))) return undefined;
  let changed = false;
  docs.forEach((d, i) => {
    const before = values[i];
    const after = redactObject(before);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      // createNode builds an unparsed node; the Document accepts it at runtime and re-serializes it.
      (d as unknown as { contents: unknown }).contents = d.createNode(after);
      changed = true;
    }
  });
  return changed ? docs.map((d) => d.toString({ lineWidth: 0 })).join("") : text;
}
