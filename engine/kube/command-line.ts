// Turn a literal command line, as a user writes it in a feature, into argv.
// Pure: POSIX-shell-like quoting (single, double, backslash), no expansion, no pipes.
import { BadInputError } from "../errors.ts";

/** A command line in a step the harness will not run: the step's text must change. */
export class CommandLineError extends BadInputError {}

/** Split like a shell would, without running one: 'a b' and "a b" are single words. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else if ("|;&<>`".includes(ch)) {
      throw new CommandLineError(`unsupported shell operator "${ch}" in: ${line}. Write one kubectl command per step.`);
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new CommandLineError(`unterminated ${quote} quote in: ${line}`);
  if (inWord) words.push(cur);
  return words;
}

export interface KubectlInvocation {
  /** Arguments after `kubectl`. */
  args: string[];
  /** True when input will be given: it always goes to the command's stdin (`kubectl apply -f -`). */
  stdin: boolean;
}

const STDIN_FLAGS = new Set(["-i", "--stdin", "--stdin=true"]);
const TTY_FLAGS = new Set(["-t", "--tty", "--tty=true"]);
/** Flags that would move the command out of the scenario's cluster/namespace. */
const FORBIDDEN = ["--kubeconfig", "--context", "--cluster", "--user", "--server", "-s"];

/**
 * Parse a literal `kubectl …` line. There is never a TTY in a test run, so `-t` is dropped;
 * `-i` is kept only when the step provides input (otherwise kubectl would wait on stdin
 * that never closes). Input, when given, is fed to stdin whether or not `-i` was written
 * (`kubectl apply -f -`). Flags that escape the scenario's kubeconfig are refused.
 */
export function parseKubectlCommand(line: string, hasInput: boolean): KubectlInvocation {
  const words = splitCommandLine(line.trim());
  if (words[0] !== "kubectl") {
    throw new CommandLineError(`expected a command starting with "kubectl", got: ${line}`);
  }
  const args: string[] = [];
  let stdin = false;
  let afterDashDash = false;
  for (const w of words.slice(1)) {
    if (afterDashDash) {
      args.push(w);
      continue;
    }
    if (w === "--") {
      afterDashDash = true;
      args.push(w);
      continue;
    }
    const flagName = w.split("=")[0] as string;
    if (FORBIDDEN.includes(flagName)) {
      throw new CommandLineError(`"${flagName}" is not allowed in scenario commands: every command runs with the scenario's own kubeconfig and namespace`);
    }
    if (STDIN_FLAGS.has(w)) {
      stdin = true;
      continue;
    }
    if (TTY_FLAGS.has(w)) continue;
    // combined short flags: -it, -ti
    if (/^-[it]{2}$/.test(w)) {
      stdin = true;
      continue;
    }
    args.push(w);
  }
  const keepStdin = stdin && hasInput;
  if (keepStdin) {
    const dd = args.indexOf("--");
    args.splice(dd >= 0 ? dd : args.length, 0, "-i");
  }
  return { args, stdin: hasInput };
}
