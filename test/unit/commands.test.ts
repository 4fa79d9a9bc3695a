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
