// Pods: waits on their state, logs, exec, delete and "gone".
import { splitCommandLine } from "../engine/kube/command-line.ts";
import { secondsSince } from "../engine/seconds.ts";
import { execInPod, formatExecResult } from "../engine/kube/exec.ts";
import { waitForLog } from "../engine/wait/logs.ts";
import { deleteNamed } from "../engine/scenario/actions.ts";
import { podSummary } from "../engine/wait/pod-state.ts";
import { waitForGone, waitForPod, type PodGoal } from "../engine/wait/waits.ts";
import { expectContains, expectEqual, expectFailure, expectMatches, userRegExp } from "./support/expect.ts";
import { expectFailureWithin, stepMs } from "./support/deadline.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";
import { kindOf } from "./support/resource.ts";

/** A step's seconds as its wait's milliseconds, times KUBECUKE_TIMEOUT_SCALE. */
const s = stepMs;

async function podWait(world: KubeWorld, name: string, goal: PodGoal, seconds: number): Promise<void> {
  const pod = await waitForPod(world.env, name, goal, s(seconds));
  world.text(`Pod ${name}`, podSummary(pod));
}

async function exec(world: KubeWorld, command: string, pod: string, container?: string): Promise<void> {
  const r = await execInPod(world.kube, world.ctx.namespace, pod, splitCommandLine(command), container);
  world.lastExec = r;
  world.text(`exec in ${pod} (exit ${r.exitCode})`, formatExecResult(r));
}

const G = "Pods";
export const podSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("the Pod {string} is Running within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 在 {int} 秒内进入 Running 状态"),
    doc: "Watch the Pod until status.phase is Running. Fails at once when a container is stuck for good (ErrImageNeverPull, InvalidImageName, CreateContainerConfigError, pull errors) or the Pod finished.",
    example: { en: 'Then the Pod "go-test" is Running within 60 seconds', zh: '那么 Pod "go-test" 在 60 秒内进入 Running 状态' },
    run: async function (this: KubeWorld, name: string, seconds: number) {
      await podWait(this, name, { kind: "Running" }, seconds);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the Pod {string} is Ready within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 在 {int} 秒内就绪"),
    doc: "Watch the Pod until its Ready condition is True (fails fast like Running).",
    example: { en: 'Then the Pod "go-test" is Ready within 60 seconds', zh: '那么 Pod "go-test" 在 60 秒内就绪' },
    run: async function (this: KubeWorld, name: string, seconds: number) {
      await podWait(this, name, { kind: "Ready" }, seconds);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the Pod {string} has the condition {string} within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 在 {int} 秒内具备条件 {string}"),
    zhOrder: [0, 2, 1],
    doc: "Watch the Pod until the named condition (PodScheduled, Initialized, ContainersReady, Ready, ...) is True.",
    example: { en: 'Then the Pod "go-test" has the condition "PodScheduled" within 30 seconds', zh: '那么 Pod "go-test" 在 30 秒内具备条件 "PodScheduled"' },
    run: async function (this: KubeWorld, name: string, condition: string, seconds: number) {
      await podWait(this, name, { kind: "condition", condition }, seconds);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("waiting for the Pod {string} to be Ready fails within {int} seconds with an error containing {string}"),
    zh: GivenWhenThen("等待 Pod {string} 就绪会在 {int} 秒内失败，错误信息包含 {string}"),
    doc: "Bad input: the Ready wait must fail by itself (a stuck Pod reported at once) within N seconds, with the text in its message. The wait is given exactly N seconds: when it runs them out instead, the step fails with \"did not fail by itself within N s; last saw ...\".",
    example: {
      en: 'Then waiting for the Pod "never-pulled" to be Ready fails within 20 seconds with an error containing "ErrImageNeverPull"',
      zh: '那么等待 Pod "never-pulled" 就绪会在 20 秒内失败，错误信息包含 "ErrImageNeverPull"',
    },
    run: async function (this: KubeWorld, name: string, seconds: number, text: string) {
      const started = Date.now();
      const message = await expectFailureWithin((ms) => waitForPod(this.env, name, { kind: "Ready" }, ms), `wait Pod ${name} Ready`, seconds);
      this.text(`wait Pod ${name} Ready: error after ${secondsSince(started)}`, message);
      expectContains(message, text, `wait Pod ${name} Ready error message`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("waiting {int} seconds for the Pod {string} to be Ready fails with an error matching {string}"),
    zh: GivenWhenThen("等待 Pod {string} 就绪 {int} 秒后失败，错误信息匹配 {string}"),
    zhOrder: [1, 0, 2],
    doc: "A wait that runs out its time (a timeout, not another failure) must say what it expected, the last state it saw and the Pod's events; the message must match the regular expression (use [\\s\\S]* to span lines).",
    example: {
      en: 'Then waiting 3 seconds for the Pod "stuck" to be Ready fails with an error matching "last saw phase=Pending node=<none>"',
      zh: '那么等待 Pod "stuck" 就绪 3 秒后失败，错误信息匹配 "last saw phase=Pending node=<none>"',
    },
    run: async function (this: KubeWorld, seconds: number, name: string, pattern: string) {
      const message = await expectFailure(() => waitForPod(this.env, name, { kind: "Ready" }, s(seconds)), `wait Pod ${name} Ready`, "timeout");
      this.text(`wait Pod ${name} Ready: error`, message);
      expectMatches(message, pattern, `wait Pod ${name} Ready error message`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the logs of the Pod {string} contain {string} within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 的日志在 {int} 秒内包含 {string}"),
    zhOrder: [0, 2, 1],
    doc: "Follow the Pod's (first container's) log stream until it contains the text; waits for the container to start and reads a finished one as the per-container step does.",
    example: { en: 'Then the logs of the Pod "go-test" contain "try_go listening on :8080" within 30 seconds', zh: '那么 Pod "go-test" 的日志在 30 秒内包含 "try_go listening on :8080"' },
    run: async function (this: KubeWorld, pod: string, text: string, seconds: number) {
      const log = await waitForLog(this.kube, this.ctx.namespace, pod, (t) => t.includes(text), JSON.stringify(text), s(seconds));
      this.text(`logs of ${pod}`, log);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the logs of the Pod {string} match {string} within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 的日志在 {int} 秒内匹配 {string}"),
    zhOrder: [0, 2, 1],
    doc: "Follow the log stream until it matches a regular expression (multiline); waits for the container to start and reads a finished one as the per-container step does.",
    example: { en: 'Then the logs of the Pod "go-test" match "GET /hello" within 30 seconds', zh: '那么 Pod "go-test" 的日志在 30 秒内匹配 "GET /hello"' },
    run: async function (this: KubeWorld, pod: string, pattern: string, seconds: number) {
      const re = userRegExp(pattern);
      const log = await waitForLog(this.kube, this.ctx.namespace, pod, (t) => re.test(t), `/${pattern}/`, s(seconds));
      this.text(`logs of ${pod}`, log);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I exec {string} in the Pod {string}"),
    zh: GivenWhenThen("我在 Pod {string} 中执行 {string}"),
    zhOrder: [1, 0],
    doc: "Run a command (split like a shell line, not run by one) in the Pod's first container through the API; keep its stdout, stderr and exit code.",
    example: { en: "When I exec \"/bin/bash -c 'echo ok'\" in the Pod \"go-test\"", zh: "当我在 Pod \"go-test\" 中执行 \"/bin/bash -c 'echo ok'\"" },
    run: async function (this: KubeWorld, command: string, pod: string) {
      await exec(this, command, pod);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I exec {string} in the container {string} of the Pod {string}"),
    zh: GivenWhenThen("我在 Pod {string} 的容器 {string} 中执行 {string}"),
    zhOrder: [2, 1, 0],
    doc: "The same in a named container.",
    example: { en: 'When I exec "hostname" in the container "gogogo" of the Pod "go-test"', zh: '当我在 Pod "go-test" 的容器 "gogogo" 中执行 "hostname"' },
    run: async function (this: KubeWorld, command: string, container: string, pod: string) {
      await exec(this, command, pod, container);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exec output contains {string}"),
    zh: GivenWhenThen("执行输出包含 {string}"),
    doc: "stdout of the last exec contains the text.",
    example: { en: 'Then the exec output contains "ok"', zh: '那么执行输出包含 "ok"' },
    run: async function (this: KubeWorld, text: string) {
      expectContains(this.execResult.stdout, text, "exec stdout");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exec exit code is {int}"),
    zh: GivenWhenThen("执行退出码为 {int}"),
    doc: "Exit code of the last exec.",
    example: { en: "Then the exec exit code is 0", zh: "那么执行退出码为 0" },
    run: async function (this: KubeWorld, code: number) {
      expectEqual(this.execResult.exitCode, code, `exec exit code (stderr: ${this.execResult.stderr.trim()})`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I delete the {resource} {string}"),
    zh: GivenWhenThen("我删除 {resource} {string}"),
    doc: "Delete through the API (background propagation, default grace period), any kind the cluster serves. The object's UID is remembered, for a Pod to find its replacement. A cluster-scoped object only when this scenario created it.",
    example: { en: 'When I delete the Pod "web-0"', zh: '当我删除 Pod "web-0"' },
    run: async function (this: KubeWorld, kind: string, name: string) {
      const k = await kindOf(this, kind);
      const r = await deleteNamed(this.ctx, k, name);
      if (k.kind === "Pod" && k.group === "") this.deletedPod = { name, uid: r.uid };
      this.text(`deleted ${kind} ${name}`, `uid=${r.uid}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} is gone within {int} seconds"),
    zh: GivenWhenThen("{resource} {string} 在 {int} 秒内被删除"),
    doc: "Watch until the object no longer exists (grace period and finalizers done).",
    example: { en: 'Then the Pod "go-test" is gone within 30 seconds', zh: '那么 Pod "go-test" 在 30 秒内被删除' },
    run: async function (this: KubeWorld, kind: string, name: string, seconds: number) {
      await waitForGone(this.env, await kindOf(this, kind), name, s(seconds));
    },
  }),
];
