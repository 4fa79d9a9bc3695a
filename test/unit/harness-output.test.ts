import assert from "node:assert/strict";
import { test } from "node:test";
import { findRow, jsonPath, jsonPathText, parseTable } from "../../engine/kube/output.ts";

const wide = `NAME      READY   STATUS    RESTARTS   AGE   IP           NODE                  NOMINATED NODE   READINESS GATES
go-test   1/1     Running   0          2s    10.244.0.9   kubecuke-local-node   <none>           <none>
`;

test("kubectl -o wide table: multi-word headers and cells by column offset", () => {
  const rows = parseTable(wide);
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0], {
    NAME: "go-test",
    READY: "1/1",
    STATUS: "Running",
    RESTARTS: "0",
    AGE: "2s",
    IP: "10.244.0.9",
    NODE: "kubecuke-local-node",
    "NOMINATED NODE": "<none>",
    "READINESS GATES": "<none>",
  });
});

test("findRow names the missing column or value and what exists", () => {
  assert.equal(findRow(wide, "NAME", "go-test").NODE, "kubecuke-local-node");
  assert.throws(() => findRow(wide, "NAME", "nope"), /no row with NAME = "nope" \(NAME values: go-test\)/);
  assert.throws(() => findRow(wide, "LABELS", "x"), /no column "LABELS" \(columns: NAME, READY/);
  assert.throws(() => findRow("", "NAME", "x"), /output is empty/);
});

test("--show-labels column and a restart cell with a parenthesis", () => {
  const t = `NAME      READY   STATUS    RESTARTS      AGE   LABELS
go-test   1/1     Running   1 (5s ago)    9s    app=go,tier=web
`;
  assert.deepEqual(parseTable(t)[0], { NAME: "go-test", READY: "1/1", STATUS: "Running", RESTARTS: "1 (5s ago)", AGE: "9s", LABELS: "app=go,tier=web" });
});

test("JSONPath: fields, indexes, wildcards, quoted keys", () => {
  const data = { items: [{ metadata: { name: "a", labels: { "app.kubernetes.io/name": "x" } }, spec: { nodeName: "n1" } }, { metadata: { name: "b" } }] };
  assert.deepEqual(jsonPath(data, "{.items[0].spec.nodeName}"), ["n1"]);
  assert.equal(jsonPathText(data, "{.items[*].metadata.name}"), "a b");
  assert.deepEqual(jsonPath(data, ".items[0].metadata.labels['app.kubernetes.io/name']"), ["x"]);
  assert.deepEqual(jsonPath(data, "{.items[5].metadata}"), []);
  assert.equal(jsonPathText({ spec: { replicas: 2 } }, "{.spec.replicas}"), "2");
  assert.equal(jsonPathText(data, '{.items[?(@.spec.nodeName=="n1")].metadata.name}'), "a");
});
