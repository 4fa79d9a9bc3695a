// Providers' up and down can be ended: the signal kills the tool they wait on (runTool), reaches
// kind's long commands, and withProvider gives the run's signal to up but not to the ending's down.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTool, type ToolRunner } from "../../engine/cluster/exec.ts";
import { KindProvider } from "../../engine/cluster/kind.ts";
import { withProvider } from "../../engine/cluster/lifecycle.ts";
import type { ClusterProvider, DownOptions, UpOptions } from "../../engine/cluster/provider.ts";
import { InterruptedError } from "../../engine/errors.ts";

const scratch: string[] = [];
after(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

test("a tool run is killed when its signal aborts, and the run rejects with the signal's reason", async () => {
  const stop = new AbortController();
  const reason = new InterruptedError("interrupted by SIGINT");
  setTimeout(() => stop.abort(reason), 100);
  const started = Date.now();
  await assert.rejects(runTool("/bin/sleep", ["30"], { env: {}, timeoutMs: 60_000, signal: stop.signal }), (e: unknown) => e === reason);
  assert.ok(Date.now() - started < 5_000, "killed, not waited for");
});

test("kind's create gets the up's signal; an aborted signal stops up before it runs anything", async () => {
  const runDir = mkdtempSync(path.join(tmpdir(), "kubecuke-kind-signal-"));
  scratch.push(runDir);
  const seen: Array<{ args: string; signal: AbortSignal | undefined }> = [];
  const run: ToolRunner = async (_file, args, options) => {
    seen.push({ args: args.slice(0, 2).join(" "), signal: options.signal });
    if (args[0] === "create") return new Promise((_, reject) => options.signal?.addEventListener("abort", () => reject(options.signal?.reason)));
    return { exitCode: 0, stdout: "", stderr: "No kind clusters found." };
  };
  const p = new KindProvider({ name: "t1", runDir, run, env: {} });
  const stop = new AbortController();
  const up = p.up({ signal: stop.signal });
  while (!seen.some((s) => s.args === "create cluster")) await new Promise((r) => setTimeout(r, 5));
  stop.abort(new InterruptedError("interrupted by SIGINT"));
  await assert.rejects(up, InterruptedError);
  assert.equal(seen.find((s) => s.args === "create cluster")?.signal, stop.signal);
  const count = seen.length;
  await assert.rejects(p.up({ signal: stop.signal }), InterruptedError);
  assert.equal(seen.length, count, "nothing ran");
});

test("withProvider: the run's signal goes to up, not to the ending's down (cleanup runs to its end)", async () => {
  const got: { up?: AbortSignal; down?: AbortSignal; downCalled: boolean } = { downCalled: false };
  const provider: ClusterProvider = {
    name: "fake",
    scopedDown: true,
    async up(o: UpOptions = {}) {
      got.up = o.signal;
      return { provider: "fake", name: "f", kubeconfigPath: "/nonexistent", context: "c", dir: "/tmp", owned: true };
    },
    async down(o: DownOptions = {}) {
      got.downCalled = true;
      got.down = o.signal;
    },
    async status() {
      return { running: true, detail: "" };
    },
  };
  const stop = new AbortController();
  await withProvider(provider, { keep: false }, async () => 1, { signal: stop.signal });
  assert.equal(got.up, stop.signal);
  assert.equal(got.downCalled, true);
  assert.equal(got.down, undefined);
});
