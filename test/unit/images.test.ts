import { test } from "node:test";
import assert from "node:assert/strict";
import { execa } from "execa";
import { BUSYBOX_REF, PAUSE_REF, TRY_GO_REF, buildScenarioImages, buildTestImages } from "../../engine/images/build.ts";
import { loadSettings } from "../../engine/settings/env.ts";

const root = process.cwd();
const cache = loadSettings().cluster.cacheDir;

test("scenario images leave the pause image out; the local cluster's set has it", async () => {
  assert.deepEqual((await buildScenarioImages(root, cache)).map((i) => i.ref), [TRY_GO_REF, BUSYBOX_REF]);
  assert.deepEqual((await buildTestImages(root, cache)).map((i) => i.ref), [TRY_GO_REF, BUSYBOX_REF, PAUSE_REF]);
});

test("an archive is a docker-archive tagged with the seed's exact image name, with bash and the server inside", async () => {
  const tryGo = (await buildScenarioImages(root, cache)).find((i) => i.ref === TRY_GO_REF)!;
  const manifest = JSON.parse((await execa("tar", ["-xOf", tryGo.archive, "./manifest.json"])).stdout) as Array<{ RepoTags: string[]; Layers: string[] }>;
  assert.deepEqual(manifest[0]?.RepoTags, [TRY_GO_REF]);
  const layer = await execa("sh", ["-c", `tar -xOf '${tryGo.archive}' ./layer.tar | tar -t`]);
  for (const f of ["./bin/bash", "./bin/sh", "./app/try-go"]) assert.ok(layer.stdout.split("\n").includes(f), `${f} in the image`);
});
