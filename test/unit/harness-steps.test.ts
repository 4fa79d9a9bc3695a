import assert from "node:assert/strict";
import { test } from "node:test";
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from "@cucumber/cucumber-expressions";
import { RESOURCE_PATTERN } from "../../steps/support/resource.ts";
import { parameterCount, toEnglishOrder, validateSpecs, step } from "../../steps/support/registry.ts";
import { allSteps } from "../../steps/support/vocabulary.ts";

const registry = new ParameterTypeRegistry();
registry.defineParameterType(new ParameterType("resource", RESOURCE_PATTERN, null, (s: string) => s, true, false));
const KEYWORD = /^(Given|When|Then|And|But|假如|假设|假定|当|那么|而且|并且|同时|但是)\s*/;

test("the step table is consistent: arities, Chinese parameter counts, no duplicate patterns", () => {
  assert.deepEqual(validateSpecs(allSteps), []);
});

test("every documented example matches its own pattern, in English and in Chinese, with the same arguments", () => {
  for (const s of allSteps) {
    const en = new CucumberExpression(s.en, registry).match(s.example.en.replace(KEYWORD, ""));
    const zh = new CucumberExpression(s.zh, registry).match(s.example.zh.replace(KEYWORD, ""));
    assert.ok(en, `English example does not match "${s.en}": ${s.example.en}`);
    assert.ok(zh, `Chinese example does not match "${s.zh}": ${s.example.zh}`);
    const enArgs = en.map((a) => a.getValue(null));
    const zhArgs = toEnglishOrder(s, zh.map((a) => a.getValue(null)));
    // a step that quotes another step quotes it in its own language; the rest must be the same
    const comparable = s.rawArguments ? (args: unknown[]) => args.slice(1) : (args: unknown[]) => args;
    assert.deepEqual(comparable(zhArgs), comparable(enArgs), `"${s.en}": the Chinese example, reordered, should give the English arguments`);
  }
});

test("no two steps match the same example (no ambiguity inside the vocabulary)", () => {
  for (const s of allSteps) {
    for (const lang of ["en", "zh"] as const) {
      const text = s.example[lang].replace(KEYWORD, "");
      const matching = allSteps.filter((o) => new CucumberExpression(o[lang], registry).match(text));
      assert.equal(matching.length, 1, `"${text}" matches ${matching.map((m) => m[lang]).join(" | ")}`);
    }
  }
});

test("validateSpecs names mismatched arities and bad reorderings", () => {
  const bad = step({ group: "g", en: "a {string} b {int}", zh: "甲 {string}", zhOrder: [0, 0], doc: "", example: { en: "", zh: "" }, run: async function (_x: string) {} });
  const problems = validateSpecs([bad]);
  assert.ok(problems.some((p) => p.includes("has 1 parameters, the English one 2")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("takes 1 arguments, the pattern gives 2")));
  assert.ok(problems.some((p) => p.includes("is not a permutation")));
  assert.equal(parameterCount("x \\{literal\\} {string} {int}"), 2);
});
