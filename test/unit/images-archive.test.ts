// The checks a team's image archive passes before anything is loaded (engine/images/archive.ts)
// and how KUBECUKE_IMAGES entries are understood (engine/cluster/run-images.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { inspectArchive, inspectIndex, normalizeRef } from "../../engine/images/archive.ts";
import { isKubecukeRepository, resolveTeamImages } from "../../engine/cluster/run-images.ts";
import { BadInputError } from "../../engine/errors.ts";
import { buildScenarioImages, BUSYBOX_REF } from "../../engine/images/build.ts";
import { loadSettings } from "../../engine/settings/env.ts";
import { tarBytes, writeBusyboxArchive } from "../support/image-archive.ts";

const dir = await mkdtemp(path.join(tmpdir(), "kubecuke-archive-test-"));
test.after(() => rm(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

test("normalizeRef names images as Docker and containerd do", () => {
  assert.equal(normalizeRef("app:1"), "docker.io/library/app:1");
  assert.equal(normalizeRef("app"), "docker.io/library/app:latest");
  assert.equal(normalizeRef("team/app:2"), "docker.io/team/app:2");
  assert.equal(normalizeRef("docker.io/app:3"), "docker.io/library/app:3");
  assert.equal(normalizeRef("team.local/hello:1"), "team.local/hello:1");
  assert.equal(normalizeRef("localhost/x"), "localhost/x:latest");
  assert.equal(normalizeRef("registry:5000/a/b:c"), "registry:5000/a/b:c");
  assert.equal(normalizeRef("team.local/app@sha256:abc"), "team.local/app@sha256:abc");
});

test("a docker-archive and an OCI layout tar name their images; gzipped too", async () => {
  const docker = await inspectArchive(await writeBusyboxArchive(at("d.tar"), "team.local/hello:1"), "d.tar");
  assert.deepEqual({ format: docker.format, refs: docker.refs, notes: docker.notes }, { format: "docker-archive", refs: ["team.local/hello:1"], notes: [] });
  const oci = await inspectArchive(await writeBusyboxArchive(at("o.tar"), "team.local/hello:2", "oci"));
  assert.deepEqual([oci.format, oci.refs], ["oci-layout", ["team.local/hello:2"]]);
  const { readFile } = await import("node:fs/promises");
  await writeFile(at("d.tar.gz"), gzipSync(await readFile(at("d.tar"))));
  assert.deepEqual((await inspectArchive(at("d.tar.gz"))).refs, ["team.local/hello:1"]);
});

test("kubecuke's own archives (written by tar, ./-prefixed names) read the same", async () => {
  const images = await buildScenarioImages(process.cwd(), loadSettings().cluster.cacheDir);
  const busybox = images.find((i) => i.ref === BUSYBOX_REF)!;
  assert.deepEqual((await inspectArchive(busybox.archive)).refs, [BUSYBOX_REF]);
});

test(":latest and an untagged name get a note about imagePullPolicy", async () => {
  const r = await inspectArchive(await writeBusyboxArchive(at("latest.tar"), "hello"), "latest.tar");
  assert.deepEqual(r.refs, ["docker.io/library/hello:latest"]);
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0]!, /^latest\.tar: docker\.io\/library\/hello:latest is tagged :latest.*imagePullPolicy: Always.*imagePullPolicy: Never/);
});

test("bad archives are refused with the file named and what to do", async () => {
  const refused = async (file: string, shown: string, why: RegExp) => {
    await assert.rejects(inspectArchive(file, shown), (e: unknown) => {
      assert.ok(e instanceof BadInputError, String(e));
      assert.ok(e.message.startsWith(`image archive ${shown}: `), e.message);
      assert.match(e.message, why);
      return true;
    });
  };
  await refused(at("missing.tar"), "dist/missing.tar", /no such file .*docker save <image>:<tag> -o dist\/missing\.tar/);
  await writeFile(at("notes.txt"), "not a tar at all, just some text that is long enough ".repeat(20));
  await refused(at("notes.txt"), "notes.txt", /cannot read it as a tar \(not a tar archive\)/);
  await writeFile(at("empty.tar"), "");
  await refused(at("empty.tar"), "empty.tar", /cannot read it as a tar/);
  await writeBusyboxArchive(at("untagged.tar"), undefined);
  await refused(at("untagged.tar"), "untagged.tar", /has no tag \(RepoTags is empty.*docker tag <image> team\.local\/app:1/);
  await writeFile(at("plain.tar"), tarBytes([{ name: "hello.txt", body: Buffer.from("hi") }]));
  await refused(at("plain.tar"), "plain.tar", /neither manifest\.json \(docker save\) nor index\.json \(OCI image layout\)/);
  await writeFile(at("badjson.tar"), tarBytes([{ name: "manifest.json", body: Buffer.from("{oops") }]));
  await refused(at("badjson.tar"), "badjson.tar", /manifest\.json is not JSON/);
  await mkdir(at("layout"));
  await refused(at("layout"), "layout", /is a directory.*tar -cf layout\.tar/);
});

test("an OCI index that names an image by its tag alone is refused (containerd could not name it)", () => {
  const index = JSON.stringify({ manifests: [{ annotations: { "org.opencontainers.image.ref.name": "1" } }] });
  assert.throws(() => inspectIndex("app.tar", { manifest: null, index, gzip: false }), /app\.tar: index\.json names an image only by the tag "1".*team\.local\/app:1/);
  const named = JSON.stringify({ manifests: [{ annotations: { "io.containerd.image.name": "docker.io/library/app:1", "org.opencontainers.image.ref.name": "1" } }] });
  assert.deepEqual(inspectIndex("app.tar", { manifest: null, index: named, gzip: false }).refs, ["docker.io/library/app:1"]);
});

test("KUBECUKE_IMAGES entries: files are archives, names go to kind only, an existing cluster refuses", async () => {
  await writeBusyboxArchive(at("app.tar"), "team.local/app:1");
  const local = await resolveTeamImages(["app.tar"], dir, "local");
  assert.deepEqual(local.map((i) => [i.kind, i.entry]), [["archive", "app.tar"]]);
  const kind = await resolveTeamImages(["app.tar", "team/app:2"], dir, "kind");
  assert.deepEqual(kind.map((i) => i.kind), ["archive", "docker"]);
  await assert.rejects(resolveTeamImages(["team/app:2"], dir, "local"), /KUBECUKE_IMAGES: "team\/app:2" is no file in .*loads image archives only: write one with `docker save team\/app:2 -o team_app_2\.tar`/);
  await assert.rejects(resolveTeamImages(["./gone.tar"], dir, "kind"), /image archive \.\/gone\.tar: no such file/);
  await assert.rejects(resolveTeamImages(["app.tar"], dir, "existing", "cucumber profile \"qa\" worldParameters.kubecuke.images"),
    (e: unknown) => e instanceof BadInputError && /^cucumber profile "qa" worldParameters\.kubecuke\.images: an existing cluster gets its images from a registry.*push app\.tar to a registry/.test(e.message));
  assert.deepEqual(await resolveTeamImages([], dir, "existing"), []);
});

test("kubecuke's own test images are for kubecuke's own repository only", async () => {
  assert.equal(isKubecukeRepository(process.cwd()), true);
  assert.equal(isKubecukeRepository(dir), false);
  await writeFile(at("package.json"), JSON.stringify({ name: "kubecuke" }));
  assert.equal(isKubecukeRepository(dir), false, "a directory whose package is named kubecuke but holds no fixtures/images sources");
});

test("kind: an image name is saved from the local Docker for its platform, then loaded; older Docker without --platform too", async () => {
  const { loadTeamImages } = await import("../../engine/cluster/run-images.ts");
  type Run = import("../../engine/cluster/exec.ts").ToolRunner;
  const loaded: string[] = [];
  const provider = { name: "kind", up: async () => { throw new Error("not here"); }, down: async () => {}, status: async () => ({ running: true, detail: "" }),
    loadImages: async (archives: string[]) => void loaded.push(...archives) };
  const calls: string[] = [];
  const docker = (platformFlag: boolean): Run => async (file, args) => {
    calls.push([file, ...args].join(" "));
    if (args[0] === "image") return args.at(-1) === "team/app:2" ? { exitCode: 0, stdout: "linux/amd64\n", stderr: "" } : { exitCode: 1, stdout: "", stderr: "Error: No such image: team/none:1" };
    if (args.includes("--platform") && !platformFlag) return { exitCode: 125, stdout: "", stderr: "unknown flag: --platform" };
    await writeBusyboxArchive(args[args.indexOf("-o") + 1]!, "team/app:2");
    return { exitCode: 0, stdout: "", stderr: "" };
  };
  const images = await resolveTeamImages(["team/app:2"], dir, "kind");
  const logs: string[] = [];
  const r = await loadTeamImages(images, { provider, cacheDir: at("cache"), log: (l) => logs.push(l), run: docker(true) });
  assert.deepEqual(r.map((x) => x.refs), [["docker.io/team/app:2"]]);
  assert.deepEqual(calls, [
    "docker image inspect --format {{.Os}}/{{.Architecture}}{{if .Variant}}/{{.Variant}}{{end}} team/app:2",
    `docker save --platform linux/amd64 -o ${at("cache/images/docker-team_app_2.tar")} team/app:2`,
  ]);
  assert.deepEqual(loaded, [at("cache/images/docker-team_app_2.tar")]);
  calls.length = 0;
  await loadTeamImages(images, { provider, cacheDir: at("cache"), log: () => {}, run: docker(false) });
  assert.equal(calls.length, 3, "retried without --platform");
  assert.equal(calls[2], `docker save -o ${at("cache/images/docker-team_app_2.tar")} team/app:2`);
  const missing = await resolveTeamImages(["team/none:1"], dir, "kind");
  await assert.rejects(loadTeamImages(missing, { provider, cacheDir: at("cache"), log: () => {}, run: docker(true) }),
    /KUBECUKE_IMAGES: "team\/none:1" is neither a file nor an image in the local Docker \(docker image inspect said: Error: No such image: team\/none:1\); build or pull it first/);
});

test("a provider that lists its images must list what it loaded; one gone since is imported again", async () => {
  const { loadTeamImages } = await import("../../engine/cluster/run-images.ts");
  await writeBusyboxArchive(at("listed.tar"), "team.local/listed:1");
  const images = await resolveTeamImages(["listed.tar"], dir, "local");
  const forced: boolean[] = [];
  const provider = (listed: string[], after = listed) => {
    let loads = 0;
    return { name: "local", up: async () => { throw new Error("not here"); }, down: async () => {}, status: async () => ({ running: true, detail: "" }),
      loadImages: async (_a: string[], o?: { force?: boolean }) => void (loads++, forced.push(o?.force === true)), listImages: async () => (loads ? after : listed) };
  };
  const ok = await loadTeamImages(images, { provider: provider(["team.local/listed:1"]), cacheDir: at("cache"), log: () => {} });
  assert.equal(ok.length, 1);
  // gone from the node since an earlier import: imported again even if the provider remembers the archive
  await loadTeamImages(images, { provider: provider([], ["team.local/listed:1"]), cacheDir: at("cache"), log: () => {} });
  assert.deepEqual(forced, [false, true]);
  await assert.rejects(loadTeamImages(images, { provider: provider(["docker.io/library/other:1"]), cacheDir: at("cache"), log: () => {} }),
    /load image archive listed\.tar: expected team\.local\/listed:1 in the local cluster's image store after the import, last saw 1 other images/);
});
