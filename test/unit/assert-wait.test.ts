import assert from "node:assert/strict";
import { test } from "node:test";
import { holds, trimForReport } from "../../engine/assert/wait.ts";

test("every needs at least one object and all of them matching", () => {
  assert.equal(holds({ kind: "every" }, 0, 0), false);
  assert.equal(holds({ kind: "every" }, 2, 1), false);
  assert.equal(holds({ kind: "every" }, 2, 2), true);
});
test("exactly N counts matching objects; exactly 0 holds when none matches", () => {
  assert.equal(holds({ kind: "exactly", n: 1 }, 3, 1), true);
  assert.equal(holds({ kind: "exactly", n: 1 }, 3, 2), false);
  assert.equal(holds({ kind: "exactly", n: 0 }, 3, 0), true);
});
test("at least N", () => {
  assert.equal(holds({ kind: "atLeast", n: 2 }, 5, 1), false);
  assert.equal(holds({ kind: "atLeast", n: 2 }, 5, 3), true);
});
test("the report copy drops managedFields and the last-applied annotation, keeps the rest, and leaves the input alone", () => {
  const obj = {
    kind: "ConfigMap",
    metadata: { name: "a", managedFields: [{ manager: "kubecuke" }], annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}", keep: "yes" } },
    data: { k: "v" },
  };
  assert.deepEqual(trimForReport(obj), { kind: "ConfigMap", metadata: { name: "a", annotations: { keep: "yes" } }, data: { k: "v" } });
  assert.equal(obj.metadata.managedFields.length, 1);
  assert.deepEqual(trimForReport({ metadata: { name: "b" } }), { metadata: { name: "b" } });
});
