import assert from "node:assert/strict";
import { test } from "node:test";
import { commandText } from "../../engine/commands.ts";

test("a team's project is told npx kubecuke …; kubecuke's own checkout its npm scripts", () => {
  assert.equal(commandText("run", "", false), "npx kubecuke run");
  assert.equal(commandText("run", "", true), "npm run scenarios");
  assert.equal(commandText("run", "--shard I/N", false), "npx kubecuke run --shard I/N");
  assert.equal(commandText("run", "--shard I/N", true), "npm run scenarios -- --shard I/N");
  assert.equal(commandText("cluster status", "", false), "npx kubecuke cluster status");
  assert.equal(commandText("cluster status", "", true), "npm run cluster:status");
  assert.equal(commandText("cluster up", "--provider kind", true), "npm run cluster:up -- --provider kind");
  assert.equal(commandText("images load", "a.tar", false), "npx kubecuke images load a.tar");
  assert.equal(commandText("images load", "a.tar", true), "npm run images:load -- a.tar");
  assert.equal(commandText("report", "--open", true), "npm run report -- --open");
});

test("this checkout runs its sources, so by default it names its own npm scripts", () => {
  assert.equal(commandText("run"), "npm run scenarios");
});

test("messages name kubecuke's commands through commandText, never its own npm scripts alone", async () => {
  const { readdir, readFile } = await import("node:fs/promises");
  const path = await import("node:path");
  const root = path.resolve(import.meta.dirname, "../..");
  const offenders: string[] = [];
  for (const dir of ["engine", "steps", "scripts/run-arguments.ts"]) {
    const files = dir.endsWith(".ts") ? [dir] : (await readdir(path.join(root, dir), { recursive: true })).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f));
    for (const file of files) {
      if (file === path.join("engine", "commands.ts")) continue;
      (await readFile(path.join(root, file), "utf8")).split("\n").forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/**")) return; // comments are for kubecuke's developers
        // a text may name kubecuke's own script beside the team's command ("… in kubecuke's own checkout")
        // … or the command as typed, when npm ran it (the speaker of the run's messages)
        if (/npm run [a-z]|\bnpm test\b/.test(code) && !/own checkout|in its checkout|npm_lifecycle_event/.test(code)) offenders.push(`${file}:${i + 1}: ${code.slice(0, 120)}`);
      });
    }
  }
  assert.deepEqual(offenders, []);
});

test("the hints built from commandText read right in kubecuke's checkout", async () => {
  const { HOW_TO_CHOOSE } = await import("../../engine/cluster/choose.ts");
  const { openHint } = await import("../../engine/report/serve.ts");
  assert.match(HOW_TO_CHOOSE, /e\.g\. npm run scenarios -- --provider kind$/);
  assert.match(openHint(), /^npm run report -- --open \(serves/);
});
