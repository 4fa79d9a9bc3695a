// Bad settings at the top of a command: one line and exit 2, not a stack trace; other errors keep
// their stack. The commands are started for real; none reaches a cluster (the settings are read first).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { BadInputError, HarnessError, InfrastructureError } from "../../engine/errors.ts";
import { inheritedEnv } from "../../engine/settings/env.ts";
import { badInputLine, cliCommand, npmCommand } from "../../scripts/top-errors.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("bad input gets one line naming the command; other errors get none (their stack shows)", () => {
  const bad = new BadInputError("KUBECUKE_PROVIDER: \"minikube\" is not a provider", { cause: new Error("underneath") });
  assert.equal(badInputLine("kubecuke run", bad), 'kubecuke run: KUBECUKE_PROVIDER: "minikube" is not a provider: underneath');
  assert.equal(badInputLine("kubecuke run", new InfrastructureError("API server down")), undefined);
  assert.equal(badInputLine("kubecuke run", new HarnessError("bug")), undefined);
  assert.equal(badInputLine("kubecuke run", new TypeError("x is undefined")), undefined);
  assert.equal(badInputLine("kubecuke run", "a string"), undefined);
});

test("the command's words: kubecuke run, kubecuke cluster status, npm run cluster:status", () => {
  assert.equal(cliCommand(["run", "features/x.feature"]), "kubecuke run");
  assert.equal(cliCommand(["cluster", "status", "--provider", "kind"]), "kubecuke cluster status");
  assert.equal(cliCommand(["cluster", "--provider=kind"]), "kubecuke cluster");
  assert.equal(cliCommand(["images", "load", "a.tar"]), "kubecuke images load");
  assert.equal(cliCommand([]), "kubecuke");
  assert.equal(npmCommand({ npm_lifecycle_event: "cluster:status" }), "npm run cluster:status");
  assert.equal(npmCommand({}), "kubecuke");
});

const cases: Array<{ argv: string[]; env: Record<string, string>; line: RegExp }> = [
  { argv: ["run", "features/variables.feature"], env: { KUBECUKE_PROVIDER: "minikube" }, line: /^kubecuke run: KUBECUKE_PROVIDER: "minikube" is not a provider; use one of/ },
  { argv: ["cluster", "status"], env: { KUBECUKE_TIMEOUT_SCALE: "abc" }, line: /^kubecuke cluster status: KUBECUKE_TIMEOUT_SCALE: expected a positive number/ },
  { argv: ["run", "features/variables.feature"], env: { KUBECUKE_KUBECONFIG: "/nonexistent/kubeconfig" }, line: /^kubecuke run: KUBECUKE_KUBECONFIG is set but no provider is named/ },
  { argv: ["cluster", "status"], env: { KUBECUKE_PROVIDER: "existing", KUBECUKE_EXISTING_KUBECONFIG: "/nonexistent/kubeconfig" }, line: /^kubecuke cluster status: existing provider: refusing to guess/ },
];

for (const c of cases) {
  test(`kubecuke ${c.argv.join(" ")} with ${JSON.stringify(c.env)}: one line, exit 2, no stack`, { timeout: 60_000 }, async () => {
    const env = { ...inheritedEnv(), ...c.env };
    for (const k of Object.keys(env)) if (k.startsWith("KUBECUKE_") && !(k in c.env)) delete env[k];
    const r = await execa(process.execPath, [path.join(root, "bin/kubecuke.js"), ...c.argv], { cwd: root, env, extendEnv: false, reject: false });
    assert.equal(r.exitCode, 2, `exit code; stderr:\n${r.stderr}`);
    const lines = r.stderr.split("\n").filter((l) => !/^provider \w+: /.test(l));
    assert.match(lines[0] ?? "", c.line);
    assert.equal(lines.length, 1, `only that line:\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
  });
}

test("npm run cluster:status (kubecuke's own npm scripts) with a bad setting: one line, exit 2", { timeout: 60_000 }, async () => {
  const env = { ...inheritedEnv(), KUBECUKE_PROVIDER: "minikube", npm_lifecycle_event: "cluster:status" };
  const r = await execa(process.execPath, ["--import", "./steps/support/register.mjs", "--import", "./scripts/top-errors-preload.ts", "scripts/cluster.ts", "status"], { cwd: root, env, extendEnv: false, reject: false });
  assert.equal(r.exitCode, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'npm run cluster:status: KUBECUKE_PROVIDER: "minikube" is not a provider; use one of kind, local, existing (or auto)');
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  for (const name of ["cluster:up", "cluster:down", "cluster:status", "images:load"]) assert.match(scripts[name] ?? "", /--import \.\/scripts\/top-errors-preload\.ts /, `npm run ${name} loads the preload`);
  assert.equal(scripts.scenarios, "node scripts/built.mjs scripts/scenarios.ts", "npm run scenarios runs the checkout's build, which loads the preload");
});

test("npm run scenarios (the checkout's build, scripts/built.mjs) with a bad setting: one line, exit 2", { timeout: 60_000 }, async () => {
  const env = { ...inheritedEnv(), KUBECUKE_TIMEOUT_SCALE: "abc", npm_lifecycle_event: "scenarios" };
  const r = await execa(process.execPath, ["scripts/built.mjs", "scripts/scenarios.ts", "--tags", "@smoke"], { cwd: root, env, extendEnv: false, reject: false });
  assert.equal(r.exitCode, 2, r.stderr);
  const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("[kubecuke] built the checkout"));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] ?? "", /KUBECUKE_TIMEOUT_SCALE/);
});
