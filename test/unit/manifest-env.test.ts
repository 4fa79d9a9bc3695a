// An unset ${env:NAME} in a manifest file a step applies is found before any cluster work, with
// the file's line and the step's line (docs/setup.md: "anywhere in a scenario").
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateMessages } from "@cucumber/gherkin";
import type { GherkinDocument, Pickle } from "@cucumber/messages";
import { resolveManifestPath, unsetEnvironmentInFile } from "../../engine/scenario/manifest-path.ts";
import { manifestNamedBy, unsetEnvironmentIn } from "../../steps/support/locate.ts";

const FEATURE = `Feature: f
  Scenario: s
    When I apply the manifest "app.yaml"
    And I apply the manifest "missing.yaml"
    Given the manifest "app.yaml" is in the working directory
    When I run "echo \${env:STEP_VAR}"
`;

function parse(text: string): { doc: GherkinDocument; pickle: Pickle } {
  let n = 0;
  const envelopes = generateMessages(text, "features/f.feature", "text/x.cucumber.gherkin+plain" as Parameters<typeof generateMessages>[2], { includeSource: false, includeGherkinDocument: true, includePickles: true, newId: () => String(n++) });
  return { doc: envelopes.find((e) => e.gherkinDocument)!.gherkinDocument!, pickle: envelopes.find((e) => e.pickle)!.pickle! };
}

test("the manifest-file steps, English and Chinese, name their file; other steps none", () => {
  assert.equal(manifestNamedBy('I apply the manifest "a/b.yaml"'), "a/b.yaml");
  assert.equal(manifestNamedBy('the manifest "b.yaml" is in the working directory'), "b.yaml");
  assert.equal(manifestNamedBy('applying the manifest "c.yaml" fails with an error containing "x"'), "c.yaml");
  assert.equal(manifestNamedBy('我应用清单 "d.yaml"'), "d.yaml");
  assert.equal(manifestNamedBy('工作目录中有清单 "e.yaml"'), "e.yaml");
  assert.equal(manifestNamedBy('应用清单 "f.yaml" 失败，错误信息包含 "x"'), "f.yaml");
  assert.equal(manifestNamedBy("I apply the manifest:"), undefined);
  assert.equal(manifestNamedBy('I run "kubectl apply -f x.yaml"'), undefined);
});

test("unset ${env:…} in an applied fixture: file:line of each, with the step that names the file; set or escaped ones are fine", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-manifest-env-"));
  const cwd = process.cwd();
  t.after(async () => {
    process.chdir(cwd);
    await rm(dir, { recursive: true, force: true });
  });
  process.chdir(dir);
  await mkdir("fixtures/manifests", { recursive: true });
  await writeFile("fixtures/manifests/app.yaml", "kind: ConfigMap\ndata:\n  tag: ${env:IMAGE_TAG}\n  set: ${env:SET_ONE}\n  literal: $${env:NOT_A_REF}\n  twice: ${env:IMAGE_TAG}-${env:OTHER}\n");
  assert.equal(resolveManifestPath("app.yaml").shown, path.join("fixtures", "manifests", "app.yaml"));
  assert.deepEqual(unsetEnvironmentInFile("app.yaml", { SET_ONE: "1" }), [
    "fixtures/manifests/app.yaml:3: ${env:IMAGE_TAG}",
    "fixtures/manifests/app.yaml:6: ${env:IMAGE_TAG}",
    "fixtures/manifests/app.yaml:6: ${env:OTHER}",
  ]);
  assert.deepEqual(unsetEnvironmentInFile("missing.yaml", {}), [], "a missing file is the step's to report");

  const { doc, pickle } = parse(FEATURE);
  assert.deepEqual(unsetEnvironmentIn(pickle, doc, { SET_ONE: "1", OTHER: "x" }), [
    'fixtures/manifests/app.yaml:3: ${env:IMAGE_TAG} (the manifest named at features/f.feature:3, step "I apply the manifest "app.yaml"")',
    'fixtures/manifests/app.yaml:6: ${env:IMAGE_TAG} (the manifest named at features/f.feature:3, step "I apply the manifest "app.yaml"")',
    'fixtures/manifests/app.yaml:3: ${env:IMAGE_TAG} (the manifest named at features/f.feature:5, step "the manifest "app.yaml" is in the working directory")',
    'fixtures/manifests/app.yaml:6: ${env:IMAGE_TAG} (the manifest named at features/f.feature:5, step "the manifest "app.yaml" is in the working directory")',
    'features/f.feature:6: ${env:STEP_VAR} (step "I run "echo ${env:STEP_VAR}"")',
  ]);
  assert.deepEqual(unsetEnvironmentIn(pickle, doc, { SET_ONE: "1", OTHER: "x", IMAGE_TAG: "1.2", STEP_VAR: "v" }), []);
});
