// Variables in step arguments, doc strings and manifest files: `${name}`.
//   ${namespace} ${scenario} ${run}   built-ins of the scenario
//   ${env:NAME}                        a value from the environment (CI: the image tag under test)
//   ${saved}                           a value a step saved earlier ("... as "saved"")
//   $${                                a literal `${` (nothing is expanded)
// One syntax, no nesting, no defaults: an unknown or unset name is an error that names it.
// Pure: unit tested.
import { BadInputError } from "../errors.ts";
import { commandText } from "../commands.ts";

const REFERENCE = /\$(\$?)\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface VariableSource {
  /** namespace, scenario, run */
  builtins: Readonly<Record<string, string>>;
  /** Values saved by steps, by name. */
  saved: ReadonlyMap<string, string>;
  /** The environment (values of `${env:NAME}`). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface Reference {
  /** As written, e.g. `${env:IMAGE_TAG}` */
  text: string;
  kind: "builtin-or-saved" | "env";
  name: string;
}

/** Every reference in a text (escaped `$${…}` excluded), in order. Malformed names are bad input. */
export function referencesIn(text: string, where: string): Reference[] {
  const refs: Reference[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    if (m[1] === "$") continue;
    const body = m[2] ?? "";
    const env = body.startsWith("env:");
    const name = env ? body.slice(4) : body;
    if (!NAME.test(name)) {
      throw new BadInputError(`${where}: "${m[0]}" is not a variable reference: write \${name} or \${env:NAME} (letters, digits, _ . -), or $\${ for a literal "\${"`, { object: where });
    }
    refs.push({ text: m[0], kind: env ? "env" : "builtin-or-saved", name });
  }
  return refs;
}

/** Environment variables a text refers to that are not set: checked before any cluster work. */
export function unsetEnvironment(text: string, env: VariableSource["env"], where: string): string[] {
  return referencesIn(text, where)
    .filter((r) => r.kind === "env" && (env[r.name] === undefined || env[r.name] === ""))
    .map((r) => r.name);
}

export interface Expansion {
  text: string;
  /** name → value of what was filled in (for the report; secret values are redacted there). */
  used: Map<string, string>;
}

/** Fill in every reference; `where` names the step or file in errors. */
export function expand(text: string, source: VariableSource, where: string): Expansion {
  const used = new Map<string, string>();
  referencesIn(text, where); // validates every reference first
  const out = text.replace(REFERENCE, (whole, escape: string, body: string) => {
    if (escape === "$") return whole.slice(1);
    if (body.startsWith("env:")) {
      const name = body.slice(4);
      const v = source.env[name];
      if (v === undefined || v === "") {
        throw new BadInputError(`${where}: environment variable ${name} (used as \${env:${name}}) is not set. Set it before the run, e.g. ${name}=value ${commandText("run")}`, { object: where });
      }
      used.set(`env:${name}`, v);
      return v;
    }
    const v = source.saved.get(body) ?? source.builtins[body];
    if (v === undefined) {
      const known = [...Object.keys(source.builtins), ...source.saved.keys()].map((k) => `\${${k}}`).join(", ");
      throw new BadInputError(`${where}: unknown variable \${${body}}. Known here: ${known}. Environment values are written \${env:NAME}; a literal "\${" is written "$\${".`, { object: where });
    }
    used.set(body, v);
    return v;
  });
  return { text: out, used };
}
