import assert from "node:assert/strict";
import { test } from "node:test";
import { parseExpectation } from "../../engine/assert/expectation.ts";
import { formatMismatches, match, pathText } from "../../engine/assert/match.ts";
import { BadInputError } from "../../engine/errors.ts";

/** The mismatch lines of an expected YAML document against an object. */
const lines = (yaml: string, actual: unknown): string[] => {
  const text = formatMismatches(match(parseExpectation(yaml), actual));
  return text === "" ? [] : text.split("\n");
};
const ok = (yaml: string, actual: unknown): void => assert.deepEqual(lines(yaml, actual), []);

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web", "app.kubernetes.io/name": "web" }, generation: 3 },
  spec: { replicas: 2, template: { spec: { containers: [{ name: "app", image: "nginx:1.27", args: ["serve", "--port", "8080"] }] } } },
  status: {
    observedGeneration: 3,
    readyReplicas: 2,
    conditions: [
      { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
      { type: "Available", status: "True", reason: "MinimumReplicasAvailable" },
    ],
  },
};

// ---- maps ----------------------------------------------------------------------------------
test("a subset of a nested map matches; unnamed fields are ignored", () => ok("spec:\n  replicas: 2\nmetadata:\n  labels:\n    app: web\n", deployment));
test("the empty map matches any map; an empty document is bad input", () => {
  ok("{}", deployment);
  assert.throws(() => parseExpectation("  \n# only a comment\n"), /is empty: write the fields/);
});
test("a wrong nested scalar is reported with its path, expected and last seen", () =>
  assert.deepEqual(lines("spec:\n  replicas: 3\n", deployment), ["spec.replicas: expected 3, last saw 2"]));
test("every mismatch is listed, in document order", () =>
  assert.deepEqual(lines("spec: {replicas: 3}\nmetadata: {name: api, labels: {app: api}}\n", deployment), [
    "spec.replicas: expected 3, last saw 2",
    'metadata.name: expected "api", last saw "web"',
    'metadata.labels.app: expected "api", last saw "web"',
  ]));
test("a missing field says absent", () => assert.deepEqual(lines("spec: {paused: false}", deployment), ["spec.paused: expected false, last saw absent"]));
test("a missing parent map is one mismatch, not one per child", () =>
  assert.deepEqual(lines("spec: {strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}}", deployment), [
    'spec.strategy: expected a map like {"type":"Recreate","rollingUpdate":{"maxSurge":1}}, last saw absent',
  ]));
test("a map expected where a scalar is", () => assert.deepEqual(lines("spec: {replicas: {value: 2}}", deployment), ['spec.replicas: expected a map like {"value":2}, last saw 2']));
test("a scalar expected where a map is", () => assert.deepEqual(lines("spec: 2", deployment), [`spec: expected 2, last saw ${JSON.stringify(deployment.spec)}`]));
test("long values are cut at 160 characters", () => assert.deepEqual(lines("status: x", deployment), [`status: expected "x", last saw ${JSON.stringify(deployment.status).slice(0, 160)}…`]));
test("keys with dots and slashes are quoted in the path", () =>
  assert.deepEqual(lines('metadata: {labels: {"app.kubernetes.io/name": api}}', deployment), ['metadata.labels["app.kubernetes.io/name"]: expected "api", last saw "web"']));
test("a list expected where a map is", () => assert.deepEqual(lines("metadata: [a]", deployment), [`metadata: expected a list containing ["a"], last saw ${JSON.stringify(deployment.metadata)}`]));

// ---- scalars and YAML typing --------------------------------------------------------------
test('the string "1" does not match the number 1, and the message says to drop the quotes', () =>
  assert.deepEqual(lines('spec: {replicas: "2"}', deployment), ['spec.replicas: expected "2", last saw 2 (the field holds a number: write 2 without quotes)']));
test("the number 1 does not match the string \"1\", and the message says to quote", () =>
  assert.deepEqual(lines("data: {count: 1}", { data: { count: "1" } }), ['data.count: expected 1, last saw "1" (YAML reads an unquoted 1 as a number, but the field holds a string: write "1" in quotes)']));
test("unquoted True is a boolean and does not match the condition status \"True\"", () =>
  assert.deepEqual(lines("status: True", { status: "True" }), ['status: expected true, last saw "True" (YAML reads an unquoted true as a boolean, but the field holds a string: write "True" in quotes)']));
test('quoted "True" matches the condition status', () => ok('status: "True"', { status: "True" }));
test("booleans match booleans", () => {
  ok("paused: false", { paused: false });
  assert.deepEqual(lines("paused: false", { paused: true }), ["paused: expected false, last saw true"]);
});
test("1 and 1.0 are the same number", () => ok("n: 1.0", { n: 1 }));
test("different strings have no type hint", () => assert.deepEqual(lines("phase: Running", { phase: "Pending" }), ['phase: expected "Running", last saw "Pending"']));
test("YAML 1.2: yes and on are strings, not booleans", () => ok("a: yes\nb: on", { a: "yes", b: "on" }));
test("strings are compared exactly (case and whitespace)", () => assert.deepEqual(lines("phase: running", { phase: "Running" }), ['phase: expected "running", last saw "Running"']));

// ---- null vs absent -----------------------------------------------------------------------
test("null matches an absent field", () => ok("metadata: {deletionTimestamp: null}", deployment));
test("null matches a null field", () => ok("a: null", { a: null }));
test("~ is null too", () => ok("a: ~", {}));
test("null does not match a value", () => assert.deepEqual(lines("metadata: {name: null}", deployment), ['metadata.name: expected absent or null, last saw "web"']));
test("a value does not match null, and the message says null (not absent)", () => assert.deepEqual(lines("a: x", { a: null }), ['a: expected "x", last saw null']));
test("an empty value in YAML is null", () => ok("a:", { b: 1 }));

// ---- lists: contains, in any order --------------------------------------------------------
test("a condition by type and status matches, wherever it is in the list", () => ok('status:\n  conditions:\n    - type: Available\n      status: "True"\n', deployment));
test("several expected items in another order than the actual ones", () => ok("status: {conditions: [{type: Available}, {type: Progressing}]}", deployment));
test("a list of scalars contains items in any order", () => ok("args: [--port, serve]", { args: ["serve", "--port", "8080"] }));
test("an unmatched item is reported through the closest actual item", () =>
  assert.deepEqual(lines('status: {conditions: [{type: Available, status: "False"}]}', deployment), [
    'status.conditions[1].status: expected "False", last saw "True" (no item of status.conditions matches {"type":"Available","status":"False"}; the closest is [1])',
  ]));
test("the closest item is the one with fewest mismatches", () =>
  assert.deepEqual(lines("items: [{name: b, v: 9}]", { items: [{ name: "a", v: 1 }, { name: "b", v: 1 }] }), [
    'items[1].v: expected 9, last saw 1 (no item of items matches {"name":"b","v":9}; the closest is [1])',
  ]));
test("an item expected in an empty list", () => assert.deepEqual(lines("items: [{name: a}]", { items: [] }), ['items: expected an item like {"name":"a"}, last saw []']));
test("an item expected where the list is absent", () => assert.deepEqual(lines("items: [a]", {}), ['items: expected a list containing ["a"], last saw absent']));
test("two equal expected items need two actual items", () =>
  assert.deepEqual(lines("items: [{k: a}, {k: a}]", { items: [{ k: "a", n: 1 }, { k: "b" }] }), [
    'items: expected 2 item(s) like {"k":"a"}, last saw [{"k":"a","n":1},{"k":"b"}] (each expected item needs an item of its own)',
  ]));
test("the matching is not greedy: a general item does not steal the only item a specific one fits", () =>
  ok("items: [{k: a}, {k: a, n: 1}]", { items: [{ k: "a", n: 1 }, { k: "a", n: 2 }] }));
test("the empty list matches any list", () => ok("items: []", { items: [1, 2] }));
test("list items are themselves partial maps", () => ok("spec: {template: {spec: {containers: [{name: app}]}}}", deployment));

// ---- lists: !exact ------------------------------------------------------------------------
test("!exact: same items in the same order match", () => ok("args: !exact [serve, --port, \"8080\"]", { args: ["serve", "--port", "8080"] }));
test("!exact: another order fails at each differing index", () =>
  assert.deepEqual(lines("args: !exact [--port, serve, \"8080\"]", { args: ["serve", "--port", "8080"] }), [
    'args[0]: expected "--port", last saw "serve"',
    'args[1]: expected "serve", last saw "--port"',
  ]));
test("!exact: another length fails with both lengths", () =>
  assert.deepEqual(lines("args: !exact [serve]", { args: ["serve", "--port"] }), ['args: expected exactly 1 item(s) in order, last saw ["serve","--port"] (the list has 2 item(s))']));
test("!exact: map items are still matched as subsets", () => ok("c: !exact [{name: a}, {name: b}]", { c: [{ name: "a", image: "x" }, { name: "b", image: "y" }] }));
test("!exact in block style", () => ok("c: !exact\n  - a\n  - b\n", { c: ["a", "b"] }));

// ---- value matchers -----------------------------------------------------------------------
test("!present: any non-null value, including empty strings, 0 and false", () => {
  ok("a: !present\nb: !present\nc: !present\nd: !present", { a: "", b: 0, c: false, d: { x: 1 } });
  assert.deepEqual(lines("caBundle: !present", {}), ["caBundle: expected present (any non-null value), last saw absent"]);
  assert.deepEqual(lines("caBundle: !present", { caBundle: null }), ["caBundle: expected present (any non-null value), last saw null"]);
});
test("!absent: missing or null; a value fails", () => {
  ok("a: !absent\nb: !absent", { b: null });
  assert.deepEqual(lines("metadata: {deletionTimestamp: !absent}", { metadata: { deletionTimestamp: "2026-11-28T08:00:00Z" } }), [
    'metadata.deletionTimestamp: expected absent (or null), last saw "2026-11-28T08:00:00Z"',
  ]);
});
test("!regex: searches strings (anchor with ^ and $)", () => {
  ok("image: !regex '^nginx:1\\.'", { image: "nginx:1.27" });
  ok("image: !regex '1\\.2'", { image: "nginx:1.27" });
  assert.deepEqual(lines("image: !regex '^nginx:2'", { image: "nginx:1.27" }), ['image: expected a string matching /^nginx:2/, last saw "nginx:1.27"']);
});
test("!regex does not match numbers, and says so", () =>
  assert.deepEqual(lines("port: !regex '^80'", { port: 8080 }), ["port: expected a string matching /^80/, last saw 8080 (!regex matches strings only)"]));
test("!gt !ge !lt !le compare numbers", () => {
  ok("a: !gt 1\nb: !ge 2\nc: !lt 3\nd: !le 2\ne: !ge -1.5", { a: 2, b: 2, c: 2, d: 2, e: -1.5 });
  assert.deepEqual(lines("a: !gt 2\nb: !ge 3\nc: !lt 2\nd: !le 1", { a: 2, b: 2, c: 2, d: 2 }), [
    "a: expected a number > 2, last saw 2",
    "b: expected a number >= 3, last saw 2",
    "c: expected a number < 2, last saw 2",
    "d: expected a number <= 1, last saw 2",
  ]);
});
test("a comparison on a numeric string fails and explains", () =>
  assert.deepEqual(lines("count: !ge 2", { count: "3" }), ['count: expected a number >= 2, last saw "3" (the field holds a string, not a number: compare it with !regex or by value)']));
test("a comparison on an absent field fails", () => assert.deepEqual(lines("status: {readyReplicas: !ge 1}", { status: {} }), ["status.readyReplicas: expected a number >= 1, last saw absent"]));
test("matchers inside list items", () => ok("status: {conditions: [{type: Available, reason: !regex Minimum, lastTransitionTime: !absent}]}", deployment));

// ---- non-ASCII keys and values ------------------------------------------------------------
test("non-ASCII keys and values match and print as written", () => {
  const cm = { data: { 问候: "你好，世界", "名字.中文": "小明" } };
  ok("data: {问候: 你好，世界}", cm);
  assert.deepEqual(lines('data: {问候: 再见, "名字.中文": 小红}', cm), ['data.问候: expected "再见", last saw "你好，世界"', 'data["名字.中文"]: expected "小红", last saw "小明"']);
});
test("!regex on non-ASCII text (Unicode mode)", () => ok("greeting: !regex '^你好.世界$'", { greeting: "你好，世界" }));

// ---- the expectation language refuses what it cannot mean ----------------------------------
const bad = (yaml: string, re: RegExp): void => assert.throws(() => parseExpectation(yaml, "the doc string"), (e: unknown) => e instanceof BadInputError && re.test(e.message));
test("an unknown tag is bad input listing the matchers", () => bad("a: !regexp x", /line 1: unknown tag !regexp; the value matchers are !present, !absent, !regex/));
test("a comparison needs a number", () => bad("a: !gt two", /!gt needs a number/));
test("an invalid regular expression is bad input", () => bad("a: !regex '('", /invalid regular expression \/\(\//));
test("!present takes no value", () => bad("a: !present yes", /!present takes no value/));
test("!exact on a scalar or a map is bad input", () => {
  bad("a: !exact x", /!exact applies to a list/);
  bad("a: !exact {b: 1}", /!exact cannot apply to a map/);
});
test("!absent as a list item is bad input", () => bad("a: [!absent]", /!absent cannot be a list item/));
test("malformed YAML names the line", () => bad("a: 1\n b: 2\n  - c", /the doc string, line \d: .*fix the YAML/));
test("anchors and aliases resolve", () => ok("a: &x {k: v}\nb: *x", { a: { k: "v" }, b: { k: "v", z: 1 } }));

test("pathText: the object itself, indexes, plain and quoted keys", () => {
  assert.equal(pathText([]), "(the object)");
  assert.equal(pathText(["status", "conditions", 0, "type"]), "status.conditions[0].type");
  assert.equal(pathText(["metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]), 'metadata.annotations["kubectl.kubernetes.io/restartedAt"]');
});
test("a scalar document against a scalar", () => {
  ok("3", 3);
  assert.deepEqual(lines("3", 4), ["(the object): expected 3, last saw 4"]);
});
test('a quoted "!present" is just a string, never a matcher', () => {
  ok('a: "!present"', { a: "!present" });
  assert.deepEqual(lines('a: "!present"', { a: "x" }), ['a: expected "!present", last saw "x"']);
});
test("!regex in double quotes takes YAML escapes first", () => ok('v: !regex "^\\\\d+$"', { v: "123" }));

test("on a tie, the closest item is the one matching the first keys written (a crash-looping Pod's Ready condition, not the first condition)", () => {
  const pod = { status: { conditions: [{ type: "PodReadyToStartContainers", status: "True" }, { type: "Initialized", status: "True" }, { type: "Ready", status: "False" }] } };
  assert.deepEqual(lines('status: {conditions: [{type: Ready, status: "True"}]}', pod), [
    'status.conditions[2].status: expected "True", last saw "False" (no item of status.conditions matches {"type":"Ready","status":"True"}; the closest is [2])',
  ]);
});
