import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isAlive, readPid, startAndWait, stop } from "../../engine/cluster/local/processes.ts";

async function scratch(): Promise<{ pids: string; logs: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-proc-"));
  return { pids: path.join(dir, "pids"), logs: path.join(dir, "logs"), done: () => rm(dir, { recursive: true, force: true }) };
}

test("a component that exits while starting fails at once, named, with the end of its log", async () => {
  const d = await scratch();
  try {
    const t0 = Date.now();
    await assert.rejects(
      startAndWait({ name: "etcd", command: "sh", args: ["-c", "echo 'listen tcp 127.0.0.1:2379: bind: address already in use' >&2; exit 1"] }, d.pids, d.logs, () => false, 30_000),
      (e: Error) => /etcd exited while starting/.test(e.message) && /address already in use/.test(e.message) && /etcd\.log/.test(e.message),
    );
    assert.ok(Date.now() - t0 < 5_000, "did not wait out the timeout");
  } finally {
    await d.done();
  }
});

test("a component that runs but never gets ready is named after the timeout, and stop() ends it", async () => {
  const d = await scratch();
  try {
    await assert.rejects(
      startAndWait({ name: "kube-apiserver", command: "sh", args: ["-c", "echo 'waiting for etcd'; exec sleep 30"] }, d.pids, d.logs, () => false, 600),
      /kube-apiserver is running but not ready after \d+(\.\d)? s; last lines of .*\n.*waiting for etcd/,
    );
    const pid = await readPid(d.pids, "kube-apiserver");
    assert.ok(pid && isAlive(pid));
    assert.equal(await stop(d.pids, "kube-apiserver", 1000), true);
    assert.equal(isAlive(pid), false);
    assert.equal(await stop(d.pids, "kube-apiserver"), false, "a second stop is a no-op");
  } finally {
    await d.done();
  }
});

test("starting a component that already runs returns the running one", async () => {
  const d = await scratch();
  try {
    const c = { name: "kubelet", command: "sleep", args: ["30"] };
    const first = await startAndWait(c, d.pids, d.logs);
    const second = await startAndWait(c, d.pids, d.logs);
    assert.equal(second, first);
    await stop(d.pids, "kubelet", 1000);
  } finally {
    await d.done();
  }
});

test("a pid file whose number now belongs to another program is not taken for the component", async () => {
  const d = await scratch();
  const { mkdir, writeFile } = await import("node:fs/promises");
  try {
    await mkdir(d.pids, { recursive: true });
    // this test runner's pid, with the start time a long-gone etcd had
    await writeFile(path.join(d.pids, "etcd.pid"), `${process.pid} 1`);
    assert.equal(await stop(d.pids, "etcd", 100), false);
    assert.ok(isAlive(process.pid));
  } finally {
    await d.done();
  }
});
