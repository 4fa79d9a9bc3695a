// What a team imports from "kubecuke" besides the World and the errors: client-node's API
// classes as kubecuke's clients use them (docs/own-steps.md, makeApiClient) and the image
// archive writer (docs/own-steps.md#without-docker), which must write an archive the loader reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as clientNode from "@kubernetes/client-node";
import * as kubecuke from "../../index.ts";
import { inspectArchive } from "../../engine/images/archive.ts";

test("the client-node API classes a team's step needs are kubecuke's own copy", () => {
  for (const name of ["AppsV1Api", "BatchV1Api", "CoreV1Api", "CustomObjectsApi", "NetworkingV1Api", "RbacAuthorizationV1Api"] as const) {
    assert.equal(kubecuke[name], clientNode[name], name);
  }
  assert.equal(kubecuke.k8s.PolicyV1Api, clientNode.PolicyV1Api);
  assert.equal(kubecuke.k8s.KubeConfig, clientNode.KubeConfig);
});

test("writeDockerArchive, as docs/own-steps.md shows it, writes an archive KUBECUKE_IMAGES accepts", async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-exports-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, "orders"), "#!/bin/sh\necho hi\n");
  const file = path.join(dir, "dist", "orders.tar");
  await kubecuke.writeDockerArchive(file, "team.local/orders:1", { files: { "/bin/orders": path.join(dir, "orders") }, entrypoint: ["/bin/orders"] });
  const seen = await inspectArchive(file);
  assert.deepEqual([seen.format, seen.refs], ["docker-archive", ["team.local/orders:1"]]);
});
