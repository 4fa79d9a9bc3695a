// A Secret whose values come from environment variables (or are generated), for the step that
// creates one: each value is registered for redaction before anything is sent or written, and
// never leaves this process except to the API server.
import { randomBytes } from "node:crypto";
import { BadInputError } from "../errors.ts";
import { commandText } from "../commands.ts";
import type { KubeObject } from "../kube/object.ts";
import { registerSecretValue } from "../report/redact.ts";

/** The Secret `name` in `namespace`, and where each key's value came from (the values themselves are not shown). */
export function secretFromEnvironment(
  namespace: string,
  name: string,
  entries: ReadonlyArray<{ key: string; variable: string }>,
  inputs: Readonly<Record<string, string | undefined>>,
  where: string,
): { object: KubeObject; origin: string[] } {
  const stringData: Record<string, string> = {};
  const origin: string[] = [];
  for (const { key, variable } of entries) {
    let value: string;
    if (variable === "(generated)") {
      value = randomBytes(18).toString("base64url");
      origin.push(`${key}: generated (24 characters)`);
    } else {
      const v = inputs[variable];
      if (v === undefined || v === "") {
        throw new BadInputError(`${where}: environment variable ${variable} (for key "${key}" of Secret ${name}) is not set. Set it before the run, e.g. ${variable}=… ${commandText("run")}`, { object: `Secret/${namespace}/${name}` });
      }
      if (v.length < 6) {
        throw new BadInputError(`${where}: the value of ${variable} is shorter than 6 characters: too short to redact from reports without mangling them. Use a longer value.`, { object: `Secret/${namespace}/${name}` });
      }
      value = v;
      origin.push(`${key}: from $${variable}`);
    }
    registerSecretValue(value);
    stringData[key] = value;
  }
  return { object: { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type: "Opaque", stringData }, origin };
}
