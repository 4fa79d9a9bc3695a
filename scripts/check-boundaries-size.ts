// Size rules for engine/ and steps/ (the house style: one module one job, small functions):
// no file over 300 lines, no function over 60. No exemptions: a file or function over the limit is
// split by what it does, not listed here. Lines are counted as `wc -l` counts them; a function from
// its first line (its name, or `async`/`export` before it) to its closing brace, comments and nested
// functions inside it included (a nested function also counts on its own).
import ts from "typescript";

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 60;
/** The folders the size rules cover. */
export const SIZED_ROOTS = ["engine/", "steps/"];

export interface FunctionSize {
  name: string;
  line: number;
  lines: number;
}

/** Lines as `wc -l` counts them (a last line without a newline counts too). */
export function lineCount(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** Every function, method, constructor, accessor and arrow function in a file, with its length. */
export function functionSizes(file: string, text: string): FunctionSize[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const out: FunctionSize[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ name: functionName(node), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A name a reader can find: the declaration's, the variable or property it is assigned to, or its line. */
function functionName(node: ts.SignatureDeclaration): string {
  const own = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name)) ? node.name.text : undefined;
  const parent = node.parent;
  const holder =
    parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  const name = own ?? holder ?? (ts.isConstructorDeclaration(node) ? "constructor" : "(anonymous function)");
  const cls = parent && ts.isClassLike(parent) && parent.name ? `${parent.name.text}.` : "";
  return `${cls}${name}`;
}

/** The files and functions over the limits in engine/ and steps/, one message each. */
export function sizeViolations(texts: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of texts) {
    if (!SIZED_ROOTS.some((r) => file.startsWith(r))) continue;
    const lines = lineCount(text);
    if (lines > MAX_FILE_LINES) out.push(`${file}: ${lines} lines (at most ${MAX_FILE_LINES}): split it by job, one module one job`);
    for (const f of functionSizes(file, text)) {
      if (f.lines > MAX_FUNCTION_LINES) {
        out.push(`${file}:${f.line}: function ${f.name} is ${f.lines} lines (at most ${MAX_FUNCTION_LINES}): split it into named steps`);
      }
    }
  }
  return out;
}
