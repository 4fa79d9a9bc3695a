// A stand-in for `kind`, for tests only. It answers the commands the kind provider uses the way
// kind v0.29 does (same flags, same lines on stderr, same exit codes, cobra's "unknown flag"),
// records every call, and "creates" a cluster by serving an already running cluster's
// kubeconfig renamed to context kind-<name>.
//
// Environment:
//   FAKE_KIND_LOG                 JSON lines appended per call: { argv, KUBECONFIG, HOME, at (ms since epoch) }
//   FAKE_KIND_STATE               directory holding one file per "cluster"
//   FAKE_KIND_SOURCE_KUBECONFIG   kubeconfig of the real cluster to serve
//   FAKE_KIND_SOURCE_CONTEXT      its context
import { appendFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";

const argv = process.argv.slice(2);
const env = process.env;
if (env.FAKE_KIND_LOG) {
  appendFileSync(env.FAKE_KIND_LOG, `${JSON.stringify({ argv, KUBECONFIG: env.KUBECONFIG ?? null, HOME: env.HOME ?? null, at: Date.now() })}\n`);
}
const stateDir = path.join(env.FAKE_KIND_STATE ?? fail("FAKE_KIND_STATE is not set"), "clusters");
mkdirSync(stateDir, { recursive: true });

// Each command: the flags it takes (true = takes a value) and whether it takes positional args.
const COMMANDS = {
  version: { flags: {}, args: 0 },
  "get clusters": { flags: {}, args: 0 },
  "get kubeconfig": { flags: { "--name": true, "-n": true, "--internal": false }, args: 0 },
  "create cluster": { flags: { "--name": true, "-n": true, "--config": true, "--image": true, "--retain": false, "--wait": true, "--kubeconfig": true }, args: 0 },
  "delete cluster": { flags: { "--name": true, "-n": true, "--kubeconfig": true }, args: 0 },
  "load image-archive": { flags: { "--name": true, "-n": true, "--nodes": true }, args: 1 },
};

const words = [];
let i = 0;
while (i < argv.length && !argv[i].startsWith("-") && words.length < 2) words.push(argv[i++]);
const command = words[0] === "version" ? "version" : words.join(" ");
const spec = COMMANDS[command];
if (!spec) fail(`unknown command "${words.join(" ")}" for "kind"`);
const flags = {};
const args = [];
for (; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith("-")) {
    args.push(a);
    continue;
  }
  const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
  if (!(name in spec.flags)) fail(`unknown flag: ${name}`);
  const takesValue = spec.flags[name];
  const value = takesValue ? (inline ?? argv[++i]) : "true";
  if (value === undefined) fail(`flag needs an argument: ${name}`);
  flags[name.replace(/^-n$/, "--name")] = value;
}
if (args.length > spec.args) fail(`unknown command "${args[0]}" for "kind ${command}"`);
const name = flags["--name"] ?? env.KIND_CLUSTER_NAME ?? "kind";
const exists = () => existsSync(path.join(stateDir, name));
const clusters = () => readdirSync(stateDir).sort();
const targetKubeconfig = () => flags["--kubeconfig"] ?? env.KUBECONFIG ?? path.join(env.HOME ?? "/nonexistent", ".kube", "config");

switch (command) {
  case "version":
    console.log("kind v0.29.0 go1.24.2 linux/amd64");
    break;
  case "get clusters":
    if (clusters().length === 0) console.error("No kind clusters found.");
    for (const c of clusters()) console.log(c);
    break;
  case "get kubeconfig":
    if (!exists()) fail(`could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster`);
    process.stdout.write(stringify(kindKubeconfig(name)));
    break;
  case "create cluster": {
    if (exists()) fail(`failed to create cluster: node(s) already exist for a cluster with the name "${name}"`);
    if (flags["--config"] && !existsSync(flags["--config"])) fail(`failed to create cluster: error reading file: open ${flags["--config"]}: no such file or directory`);
    if (flags["--wait"] && !/^\d+(ms|s|m|h)$/.test(flags["--wait"])) fail(`invalid argument "${flags["--wait"]}" for "--wait" flag: time: invalid duration`);
    const image = flags["--image"] ?? "kindest/node:v1.33.1";
    console.error(`Creating cluster "${name}" ...`);
    for (const step of [`Ensuring node image (${image}) 🖼`, "Preparing nodes 📦", "Writing configuration 📜", "Starting control-plane 🕹️", "Installing CNI 🔌", "Installing StorageClass 💾"]) {
      console.error(` ✓ ${step}`);
    }
    if (flags["--wait"]) console.error(` ✓ Waiting ≤ ${flags["--wait"]} for control-plane = Ready ⏳\n • Ready after 1s 💚`);
    writeFileSync(path.join(stateDir, name), JSON.stringify({ image, createdAt: new Date().toISOString() }));
    mergeInto(targetKubeconfig(), kindKubeconfig(name));
    console.error(`Set kubectl context to "kind-${name}"\nYou can now use your cluster with:\n\nkubectl cluster-info --context kind-${name}\n`);
    break;
  }
  case "load image-archive": {
    const tar = args[0] ?? fail("name of image archive is required");
    if (!existsSync(tar)) fail(`stat ${tar}: no such file or directory`);
    if (!isTar(tar)) fail(`failed to load image: ctr: unrecognized image format (${tar} is not a tar archive)`);
    if (!exists()) fail(`no nodes found for cluster "${name}"`);
    break;
  }
  case "delete cluster": {
    console.error(`Deleting cluster "${name}" ...`);
    if (exists()) {
      rmSync(path.join(stateDir, name));
      removeFrom(targetKubeconfig(), `kind-${name}`);
      console.error(`Deleted nodes: ["${name}-control-plane"]`);
    }
    break;
  }
}

function fail(message) {
  console.error(`ERROR: ${message}`);
  process.exit(1);
}

/** The source cluster's kubeconfig with its context, cluster and user renamed kind-<name>. */
function kindKubeconfig(cluster) {
  const src = parse(readFileSync(env.FAKE_KIND_SOURCE_KUBECONFIG ?? fail("FAKE_KIND_SOURCE_KUBECONFIG is not set"), "utf8"));
  const ctx = src.contexts.find((c) => c.name === env.FAKE_KIND_SOURCE_CONTEXT) ?? fail(`source context ${env.FAKE_KIND_SOURCE_CONTEXT} not found`);
  const c = src.clusters.find((x) => x.name === ctx.context.cluster);
  const u = src.users.find((x) => x.name === ctx.context.user);
  const n = `kind-${cluster}`;
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: n, cluster: c.cluster }],
    users: [{ name: n, user: u.user }],
    contexts: [{ name: n, context: { cluster: n, user: n } }],
    "current-context": n,
    preferences: {},
  };
}

function readConfig(file) {
  return existsSync(file) ? (parse(readFileSync(file, "utf8")) ?? {}) : {};
}

function mergeInto(file, add) {
  const cfg = readConfig(file);
  for (const key of ["clusters", "users", "contexts"]) {
    const names = new Set(add[key].map((e) => e.name));
    cfg[key] = [...(cfg[key] ?? []).filter((e) => !names.has(e.name)), ...add[key]];
  }
  Object.assign(cfg, { apiVersion: "v1", kind: "Config", "current-context": add["current-context"] });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, stringify(cfg), { mode: 0o600 });
}

function removeFrom(file, entry) {
  if (!existsSync(file)) return;
  const cfg = readConfig(file);
  for (const key of ["clusters", "users", "contexts"]) cfg[key] = (cfg[key] ?? []).filter((e) => e.name !== entry);
  if (cfg["current-context"] === entry) cfg["current-context"] = "";
  writeFileSync(file, stringify(cfg), { mode: 0o600 });
}

function isTar(file) {
  const buf = Buffer.alloc(262);
  const fd = openSync(file, "r");
  const n = readSync(fd, buf, 0, 262, 0);
  closeSync(fd);
  return n === 262 && buf.toString("latin1", 257, 262) === "ustar";
}
