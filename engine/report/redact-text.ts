// Pattern-based redaction for text whose structure we cannot trust (logs, kubectl output,
// error messages). Each rule keeps the key or header name so a reader still sees *what*
// was there, and replaces only the value.

export const REDACTED = "[REDACTED]";

/** Kubeconfig / credential keys whose values are secrets wherever they appear (YAML, JSON, flags). */
const CREDENTIAL_KEYS = [
  "client-key-data",
  "client-certificate-data",
  "certificate-authority-data",
  "client-key",
  "client-certificate",
  "token",
  "id-token",
  "refresh-token",
  "access-token",
  "client-secret",
];

// `token: 1234 bytes` is what `kubectl describe secret` prints: a size, not a value.
const credentialKeyRe = new RegExp(
  `(?<![\\w])((?:${CREDENTIAL_KEYS.join("|")})\\\\*["']?\\s*[:=]\\s*\\\\*["']?)(?!\\d+ bytes)(?!\\[REDACTED\\])([^\\s"'\\\\,}\\]]+)`,
  "gi",
);

const TEXT_RULES: ReadonlyArray<[RegExp, string]> = [
  // PEM blocks (certificates, private keys), including a block cut off by truncation.
  [/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g, `-----BEGIN $1-----\n${REDACTED}\n-----END $1-----`],
  [/-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----(?![\s\S]*-----END)[\s\S]*$/g, `-----BEGIN $1-----\n${REDACTED}`],
  // Authorization headers in HTTP dumps, curl -v output, JSON header maps.
  // The value may not start with a space, so backtracking cannot re-redact "[REDACTED]".
  [/((?<![\w-])"?authorization"?\s*[:=]\s*"?)(?!\[REDACTED\])[^\s",}][^\r\n",}]*/gi, `$1${REDACTED}`],
  [/\b(Bearer)\s+(?!\[REDACTED\])[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // JWTs (service account tokens), raw and base64-encoded as they sit in Secret data.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[REDACTED-JWT]"],
  [/\bZXlK[A-Za-z0-9+/]{20,}={0,2}/g, "[REDACTED-JWT]"],
  [credentialKeyRe, `$1${REDACTED}`],
];

/** Tokens, keys, certificates, auth headers: safe to apply to any text. */
export function redactCredentials(text: string): string {
  let out = text;
  for (const [re, replacement] of TEXT_RULES) out = out.replace(re, replacement);
  return out;
}

const YAML_DATA_KEY = /^(\s*(?:- )?)(data|stringData):\s*(.*)$/;
const YAML_PAIR = /^(\s*(?:- )?)("[^"]*"|'[^']*'|[^:\s][^:]*?):(\s*)(.*)$/;

/**
 * Secret data blocks in text that did not parse as Kubernetes YAML/JSON (for example a YAML
 * manifest quoted inside an error message). Over-redacts ConfigMap data in such text: safer.
 */
export function redactDataBlocks(text: string): string {
  return redactJsonDataBlocks(redactYamlDataBlocks(text));
}

function redactYamlDataBlocks(text: string): string {
  const lines = text.split("\n");
  let blockIndent = -1; // column of the `data:` key while inside its block
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const indent = line.search(/\S/);
    if (blockIndent >= 0) {
      if (indent === -1) continue;
      if (indent > blockIndent) {
        const pair = YAML_PAIR.exec(line);
        lines[i] = pair && pair[1]!.length === indent ? `${pair[1]}${pair[2]}:${pair[3] || " "}${REDACTED}` : `${" ".repeat(indent)}${REDACTED}`;
        continue;
      }
      blockIndent = -1;
    }
    const m = YAML_DATA_KEY.exec(line);
    if (!m) continue;
    const rest = m[3] ?? "";
    if (rest === "" || rest.startsWith("#")) blockIndent = m[1]!.length;
    else if (rest.startsWith("{")) lines[i] = `${m[1]}${m[2]}: {${REDACTED}}`;
  }
  return lines.join("\n");
}

// "data":{"k":"v",...} in JSON, also with escaped quotes inside a JSON string (annotations).
const JSON_DATA_BLOCK = /(\\*"(?:data|stringData)\\*"\s*:\s*)\{([^{}]*)\}/g;
const JSON_VALUE = /(\\*"[^"\\]*\\*"\s*:\s*)(\\*")(?:[^"\\]|\\(?!"))*\\*"/g;

function redactJsonDataBlocks(text: string): string {
  return text.replace(JSON_DATA_BLOCK, (_all, head: string, body: string) => {
    return `${head}{${body.replace(JSON_VALUE, (_p, key: string, quote: string) => `${key}${quote}${REDACTED}${quote}`)}}`;
  });
}
