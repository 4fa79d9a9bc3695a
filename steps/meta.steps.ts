// Bad input written as a scenario: run a step given as text and check the error it gives.
import { expectContains, expectFailure } from "./support/expect.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import { runStepText } from "./support/step-runner.ts";
import type { KubeWorld } from "./support/world.ts";

export const metaSteps: StepSpec[] = [
  step({
    group: "Checking errors",
    en: GivenWhenThen("the step {string} fails with an error containing {string}"),
    zh: GivenWhenThen("步骤 {string} 失败，错误信息包含 {string}"),
    rawArguments: true,
    runsStep: 0,
    doc: 'Run the quoted step (any step of this catalog, English or Chinese; quotes inside written \\") and check that it fails with the text in its message. `${...}` in the quoted step is filled in when it runs, so an unknown or unset variable is part of what is checked; in the expected text it is filled in as usual (write `$${` for a literal `${` there). The quoted step runs under its own time limit (its "within N seconds" + 10 s, else 180 s, or N s under a `@step-timeout:N` tag): past it, its error is `step "…": expected it to finish within N s (…)`, which this step can check.',
    example: { en: 'Then the step "I run \\"kubectl get pods -n ${nope}\\"" fails with an error containing "unknown variable $${nope}"', zh: '那么步骤 "我执行 \\"kubectl get pods -n ${nope}\\"" 失败，错误信息包含 "unknown variable $${nope}"' },
    run: async function (this: KubeWorld, text: string, expected: string) {
      const message = await expectFailure(() => runStepText(this, text), `step "${text}"`);
      this.text(`step "${text}": error`, message);
      expectContains(message, expected, `step "${text}" error message`);
    },
  }),
];
