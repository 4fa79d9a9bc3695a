// ${...} variables: pure expansion, no cluster.
import assert from "node:assert/strict";
import test from "node:test";
import { expand, referencesIn, unsetEnvironment, type VariableSource } from "../../engine/scenario/variables.ts";

const source = (saved: Record<string, string> = {}, env: Record<string, string> = {}): VariableSource => ({
  builtins: { namespace: "kc-x-abc123", scenario: "A scenario", run: "run-1" },
  saved: new Map(Object.entries(saved)),
  env,
});

test("built-ins, saved values and environment values are filled in", () => {
  const r = expand("kubectl get pods -n ${namespace} -l run=${run} ${ip} ${env:IMAGE_TAG}", source({ ip: "10.96.0.7" }, { IMAGE_TAG: "1.2.3" }), "step");
  assert.equal(r.text, "kubectl get pods -n kc-x-abc123 -l run=run-1 10.96.0.7 1.2.3");
  assert.deepEqual([...r.used], [["namespace", "kc-x-abc123"], ["run", "run-1"], ["ip", "10.96.0.7"], ["env:IMAGE_TAG", "1.2.3"]]);
});

test("a saved value shadows nothing it should not: saved names win over built-ins only when saved", () => {
  assert.equal(expand("${namespace}", source({ namespace: "mine" }), "s").text, "mine");
});

test("$${ is a literal ${ and nothing in it is expanded", () => {
  assert.equal(expand("echo $${HOME} and ${run}", source(), "s").text, "echo ${HOME} and run-1");
  assert.deepEqual(referencesIn("$${x}", "s"), []);
});

test("text without references is unchanged, including lone dollars", () => {
  assert.equal(expand("price $5 {a} $ {b}", source(), "s").text, "price $5 {a} $ {b}");
});

test("an unknown variable names itself, what is known and how to write the others", () => {
  assert.throws(() => expand("${nope}", source({ uid: "u" }), 'step "I run"'), (e: Error) => {
    assert.equal(e.name, "KubecukeBadInputError");
    assert.match(e.message, /^step "I run": unknown variable \$\{nope\}\. Known here: \$\{namespace\}, \$\{scenario\}, \$\{run\}, \$\{uid\}\./);
    assert.match(e.message, /\$\{env:NAME\}/);
    return true;
  });
});

test("an unset or empty environment variable is named with the step", () => {
  assert.throws(() => expand("image: app:${env:IMAGE_TAG}", source(), "features/a.feature:7"), /^Kubecuke|features\/a\.feature:7: environment variable IMAGE_TAG \(used as \$\{env:IMAGE_TAG\}\) is not set/);
  assert.throws(() => expand("${env:EMPTY}", source({}, { EMPTY: "" }), "s"), /EMPTY .* is not set/);
  assert.deepEqual(unsetEnvironment("${env:A} ${env:B} $${env:C} ${x}", { A: "1" }, "s"), ["B"]);
});

test("malformed references are refused, not passed through", () => {
  assert.throws(() => expand("${}", source(), "s"), /"\$\{\}" is not a variable reference/);
  assert.throws(() => expand("${a b}", source(), "s"), /not a variable reference/);
  assert.throws(() => expand("${env:}", source(), "s"), /not a variable reference/);
});

test("non-ASCII text around references is kept", () => {
  assert.equal(expand("命名空间 ${namespace} 中的 Pod", source(), "s").text, "命名空间 kc-x-abc123 中的 Pod");
});
