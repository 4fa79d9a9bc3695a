// Every cucumber profile the documentation shows (```js blocks with `export const NAME = {`),
// added below the repository's cucumber.mjs as the docs say: cucumber loads it, its
// worldParameters.kubecuke are valid settings, and a dry run finds a step definition for every
// step of a feature (a profile that drops the default's step files leaves them all undefined).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { loadConfiguration, runCucumber } from "@cucumber/cucumber/api";
import { profileSettingsFrom } from "../../engine/settings/provider.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const docs = ["README.md", ...readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

const examples = docs.flatMap((file) =>
  [...readFileSync(path.join(root, file), "utf8").matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? "")
    .flatMap((code) => [...code.matchAll(/^export const (\w+) = \{/gm)].map((e) => ({ file, name: e[1]!, code }))),
);

test("the documentation shows at least one profile", () => {
  assert.ok(examples.length > 0, `no \`export const NAME = {\` in a js block of ${docs.join(", ")}`);
});

for (const ex of examples) {
  test(`${ex.file}: the profile "${ex.name}" runs as written`, { timeout: 60_000 }, async (t) => {
    // beside cucumber.mjs, which imports its settings module by a relative path
    const file = `cucumber.profile-example-${process.pid}.mjs`; // cucumber takes it relative to cwd
    await writeFile(path.join(root, file), `${readFileSync(path.join(root, "cucumber.mjs"), "utf8")}\n${ex.code}`);
    t.after(() => rm(path.join(root, file), { force: true }));
    const { useConfiguration, runConfiguration } = await loadConfiguration({ file, profiles: [ex.name], provided: { format: [], dryRun: true, paths: ["features/standalone-pod.feature"] } }, { cwd: root });
    assert.doesNotThrow(() => profileSettingsFrom(useConfiguration.worldParameters, ex.name));
    // a dry run reports success with undefined steps: count them from its messages
    const statuses = new Map<string, number>();
    await runCucumber({ ...runConfiguration, runtime: { ...runConfiguration.runtime, parallel: 0 } }, { cwd: root, stdout: devNull(), stderr: devNull() }, (m) => {
      const status = m.testStepFinished?.testStepResult.status;
      if (status) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    assert.equal(statuses.get("UNDEFINED") ?? 0, 0, `a dry run with --profile ${ex.name} finds a definition for every step of features/standalone-pod.feature: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok((statuses.get("SKIPPED") ?? 0) > 50, `the dry run went through the feature's steps: ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
}

function devNull(): Writable {
  return new Writable({ write: (_c, _e, done) => done() });
}
