import assert from "node:assert/strict";
import test from "node:test";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { docsOptions, generateDocs, main } from "../../scripts/docs.ts";
import { BadInputError } from "../../engine/errors.ts";

const FEATURE = `# language: zh-CN
功能: 演示
  说明。

  场景: 已运行
    当我执行 "kubectl get pods"

  场景: 新写的
    当我执行 "kubectl version"
`;

test("npm run docs: the files on disk, joined with a run that read them, into a fresh site", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-docs-"));
  try {
    await mkdir(path.join(dir, "features/zh-CN"), { recursive: true });
    await writeFile(path.join(dir, "features/zh-CN/demo.feature"), FEATURE);
    // the run saw only the first scenario (its ids differ from a fresh parse's)
    const messages = [
      { testRunStarted: { timestamp: { seconds: 1_796_546_758, nanos: 0 } } },
      { pickle: { id: "p", uri: "features/zh-CN/demo.feature", name: "已运行", astNodeIds: ["x"], steps: [{ id: "ps", text: '我执行 "kubectl get pods"', astNodeIds: ["y"] }] } },
      { testCase: { id: "c", pickleId: "p", testSteps: [{ id: "t", pickleStepId: "ps" }] } },
      { testCaseStarted: { id: "r", testCaseId: "c", attempt: 0 } },
      { testStepFinished: { testCaseStartedId: "r", testStepId: "t", testStepResult: { status: "PASSED" } } },
      { attachment: { testCaseStartedId: "r", testStepId: "t", body: "No resources found", mediaType: "text/plain", fileName: "kubectl get" } },
    ];
    await mkdir(path.join(dir, "reports/docs"), { recursive: true });
    await writeFile(path.join(dir, "reports/docs/stale.html"), "from an earlier run");
    await writeFile(path.join(dir, "reports/messages.ndjson"), messages.map((m) => JSON.stringify(m)).join("\n"));
    const s = await generateDocs(docsOptions([], dir));
    assert.deepEqual((await readdir(s.out)).sort(), ["index.html", "search-index.js", "search.js", "style.css", "zh-CN.demo.html"], "an old page does not survive");
    const page = await readFile(path.join(s.out, "zh-CN.demo.html"), "utf8");
    assert.match(page, /<section class="scenario" data-mark="passed"><h2 id="已运行">/);
    assert.match(page, /No resources found/);
    assert.match(page, /<section class="scenario" data-mark="not-run"><h2 id="新写的">/);
    assert.match(page, /最近一次运行没有验证本页的全部内容：2 个场景中有 1 个没有运行/);
    assert.equal(s.verified, true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("npm run docs: unknown arguments and a broken feature file are bad input", async () => {
  assert.throws(() => docsOptions(["extra"]), (e: Error) => e instanceof BadInputError && /unexpected extra/.test(e.message));
  assert.throws(() => docsOptions(["--lang", "fr"]), /--lang fr: expected en or zh-CN/);
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-docs-"));
  try {
    await mkdir(path.join(dir, "features"));
    await writeFile(path.join(dir, "features/bad.feature"), "Feature: x\n  Scenario: y\n    Given a\nFeature: z\n");
    await assert.rejects(generateDocs(docsOptions([], dir)), /docs: cannot parse features\/bad\.feature:4:1: expected: .*got 'Feature: z'/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("kubecuke docs --help prints its options (exit 0); an unknown option is bad input naming it, with the usage (exit 2)", async (t) => {
  const printed: string[] = [];
  t.mock.method(console, "log", (line: string) => printed.push(line));
  assert.equal(await main(["--help"]), 0);
  assert.match(printed.join("\n"), /^usage: kubecuke docs \[--messages FILE\]/);
  assert.throws(() => docsOptions(["--bogus"]), (e: unknown) => e instanceof BadInputError && /Unknown option '--bogus'[\s\S]*usage: kubecuke docs/.test(e.message));
  const errors: string[] = [];
  t.mock.method(console, "error", (line: string) => errors.push(line));
  assert.equal(await main(["--out"]), 2, "an option without its value");
  assert.match(errors.join("\n"), /--out/);
});
