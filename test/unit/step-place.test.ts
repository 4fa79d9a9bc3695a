import assert from "node:assert/strict";
import { test } from "node:test";
import { BadInputError, InfrastructureError } from "../../engine/errors.ts";
import { atManifestLine } from "../../engine/scenario/apply.ts";
import { placeBadInput, placeMessage } from "../../steps/support/place.ts";

const step = { where: "features/team/app.feature:12" };
const withDocString = { where: "features/team/app.feature:12", docStringLine: 13 };

test("bad input that names no feature line gets the step's", () => {
  assert.equal(placeMessage('unknown kind "Widgte": not served by the cluster', step), 'features/team/app.feature:12: unknown kind "Widgte": not served by the cluster');
});

test("a message that already names a feature line is left as it is", () => {
  const m = "features/team/app.feature:7: ${env:TAG} is not set";
  assert.equal(placeMessage(m, withDocString), m);
});

test("doc-string places become the feature file's lines (content starts after the opening line)", () => {
  assert.equal(
    placeMessage("doc string:5:2: All mapping items must start at the same column. Indent …\n  5 |  kind: x", withDocString),
    "features/team/app.feature:18:2: All mapping items must start at the same column. Indent …\n  18 |  kind: x",
  );
  assert.equal(placeMessage("the expected YAML, line 2: unknown tag !regexp", withDocString), "the expected YAML at features/team/app.feature:15: unknown tag !regexp");
  assert.equal(placeMessage("doc string:3: apply ConfigMap/ns/Bad_Name: Invalid: …", withDocString), "features/team/app.feature:16: apply ConfigMap/ns/Bad_Name: Invalid: …");
});

test("a step without a doc string: a doc-string place cannot be mapped, so the step's line goes in front", () => {
  assert.equal(placeMessage("the expected YAML, line 2: unknown tag !regexp", step), "features/team/app.feature:12: the expected YAML, line 2: unknown tag !regexp");
});

test("only bad input is placed; its stack's first line follows the message", () => {
  const bad = new BadInputError('unknown kind "Widgte"');
  void bad.stack;
  const placed = placeBadInput(bad, step) as BadInputError;
  assert.equal(placed, bad);
  assert.equal(placed.message, 'features/team/app.feature:12: unknown kind "Widgte"');
  assert.ok(placed.stack?.startsWith(`${placed.name}: features/team/app.feature:12: unknown kind`), placed.stack);
  const infra = new InfrastructureError("API server down");
  assert.equal((placeBadInput(infra, step) as Error).message, "API server down");
  assert.equal((placeBadInput(new Error("x"), step) as Error).message, "x");
  assert.equal((placeBadInput(new BadInputError("y"), undefined) as Error).message, "y");
});

test("an apply refused for its input names the manifest file and the object's line", () => {
  const refused = new BadInputError("apply ConfigMap/ns/Bad_Name: Invalid: metadata.name: a lowercase RFC 1123 subdomain", { operation: "apply", object: "ConfigMap/ns/Bad_Name" });
  const placed = atManifestLine(refused, "fixtures/manifests/app.yaml", 7) as BadInputError;
  assert.ok(placed instanceof BadInputError);
  assert.equal(placed.message, "fixtures/manifests/app.yaml:7: apply ConfigMap/ns/Bad_Name: Invalid: metadata.name: a lowercase RFC 1123 subdomain");
  assert.equal(placed.cause, refused);
  assert.equal(placed.facts.object, "ConfigMap/ns/Bad_Name");
  const down = new InfrastructureError("apply ConfigMap/ns/x: ECONNREFUSED");
  assert.equal(atManifestLine(down, "fixtures/manifests/app.yaml", 7), down);
});

test("label, annotation and selector checks name their object Kind/namespace/name (Kind/name when cluster-scoped)", async () => {
  const { objectText } = await import("../../engine/scenario/actions.ts");
  assert.equal(objectText({ namespace: "kc-app-1a2b3c" }, { apiVersion: "v1", kind: "ConfigMap", namespaced: true }, "app-settings"), "ConfigMap/kc-app-1a2b3c/app-settings");
  assert.equal(objectText({ namespace: "kc-app-1a2b3c" }, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespaced: false }, "reader"), "ClusterRole/reader");
});
