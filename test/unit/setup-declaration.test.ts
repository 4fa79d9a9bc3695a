// Suite setup: the declaration file and which entries a run needs; readiness of setup objects.
import assert from "node:assert/strict";
import test from "node:test";
import { neededEntries, parseSetup } from "../../engine/setup/declaration.ts";
import { readiness } from "../../engine/setup/readiness.ts";

const FILE = "kubecuke.setup.yaml";
const TEXT = `# comment
- name: widgets
  manifests: [fixtures/setup/widget-crd.yaml]
- name: app
  kustomize: fixtures/setup/app
  timeoutSeconds: 30
`;

test("entries parse with defaults and where they are written", () => {
  assert.deepEqual(parseSetup(TEXT, FILE), [
    { name: "widgets", manifests: ["fixtures/setup/widget-crd.yaml"], timeoutSeconds: 120, where: `${FILE}:2` },
    { name: "app", manifests: [], kustomize: "fixtures/setup/app", timeoutSeconds: 30, where: `${FILE}:4` },
  ]);
  assert.deepEqual(parseSetup("", FILE), []);
});

test("bad declarations name file, line and what to write", () => {
  assert.throws(() => parseSetup("name: x\n", FILE), /kubecuke\.setup\.yaml:1: expected a list of setup entries/);
  assert.throws(() => parseSetup("- name: Bad_Name\n  manifests: [a.yaml]\n", FILE), /:1: name "Bad_Name": use lowercase letters/);
  assert.throws(() => parseSetup("- name: a\n", FILE), /:1: entry "a" installs nothing/);
  assert.throws(() => parseSetup("- name: a\n  manifest: [x]\n", FILE), /:1: unknown key "manifest"; use name, manifests, kustomize, timeoutSeconds/);
  assert.throws(() => parseSetup("- name: a\n  manifests: [x]\n- name: a\n  manifests: [y]\n", FILE), /:3: name "a" is used twice/);
  assert.throws(() => parseSetup("- name: a\n  manifests: x\n", FILE), /manifests: expected a list of file paths/);
  assert.throws(() => parseSetup("- name: a\n  manifests: [x]\n  timeoutSeconds: -1\n", FILE), /timeoutSeconds: expected a positive whole number/);
  assert.throws(() => parseSetup("- name: a\n   manifests: [x]\n", FILE), /kubecuke\.setup\.yaml:1: .*Fix the YAML/);
});

test("only the entries the selected scenarios' tags name are installed, in declaration order", () => {
  const entries = parseSetup(TEXT, FILE);
  const needed = neededEntries(entries, [{ scenario: "s1", tags: ["@smoke", "@setup:app"] }, { scenario: "s2", tags: ["@setup:widgets", "@setup:app"] }], FILE);
  assert.deepEqual(needed.map((e) => e.name), ["widgets", "app"]);
  assert.deepEqual(neededEntries(entries, [{ scenario: "s", tags: ["@smoke"] }], FILE), []);
});

test("a tag naming no declared entry is refused (a typo would run the scenario without its setup)", () => {
  assert.throws(() => neededEntries(parseSetup(TEXT, FILE), [{ scenario: "uses widgets", tags: ["@setup:widget"] }], FILE), /scenario "uses widgets" is tagged @setup:widget, but kubecuke\.setup\.yaml declares no setup named "widget"\. Declared: @setup:widgets, @setup:app\./);
});

test("readiness: CRD Established, NamesAccepted=False fails; Deployment rolled out for the current generation", () => {
  const crd = readiness("CustomResourceDefinition");
  assert.ok(crd);
  assert.deepEqual(crd({ status: { conditions: [{ type: "Established", status: "True" }] } }), { ready: true });
  assert.deepEqual(crd({ status: { conditions: [{ type: "Established", status: "False" }] } }), { ready: false });
  assert.match(crd({ status: { conditions: [{ type: "NamesAccepted", status: "False", message: "plural taken" }] } }).failed ?? "", /NamesAccepted=False: plural taken/);
  const deploy = readiness("Deployment");
  assert.ok(deploy);
  const d = (gen: number, observed: number, n: number) => ({ metadata: { generation: gen }, spec: { replicas: 2 }, status: { observedGeneration: observed, replicas: n, updatedReplicas: n, readyReplicas: n, availableReplicas: n } });
  assert.equal(deploy(d(1, 1, 2)).ready, true);
  assert.equal(deploy(d(2, 1, 2)).ready, false, "status of an older generation");
  assert.equal(deploy(d(1, 1, 1)).ready, false);
  assert.equal(readiness("ConfigMap"), undefined, "stored means ready");
});
