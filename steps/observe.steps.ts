// Rollouts, events, containers, and checks that hold over a period of time.
import { AssertionFailure, BadInputError } from "../engine/errors.ts";
import { previousLogs, restartsOf, staysReady, waitForExit, waitForRestart } from "../engine/wait/containers.ts";
import { eventNamespaceOf, waitForEvent, warningEvents } from "../engine/wait/event-waits.ts";
import { waitForLog } from "../engine/wait/logs.ts";
import { neverFewerThan, replicaVerdictText } from "../engine/wait/replica-history.ts";
import { ROLLOUT_KINDS, waitForRollout } from "../engine/wait/rollout.ts";
import { expectContains, expectMatches, expectNotContains } from "./support/expect.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";
import { stepMs } from "./support/deadline.ts";
import { kindAmong, kindOf } from "./support/resource.ts";

/** A step's seconds as its wait's milliseconds, times KUBECUKE_TIMEOUT_SCALE. */
const s = stepMs;
const G = "Rollouts, events and containers";

/** The scenario's env for the events about an object of this kind (a cluster-scoped object's are in default). */
async function eventsEnv(w: KubeWorld, resource: string): Promise<{ env: KubeWorld["env"]; kind: string }> {
  const k = await kindOf(w, resource);
  return { env: { ...w.env, namespace: eventNamespaceOf(k, w.ctx.namespace) }, kind: k.kind };
}

export const observeSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} rolls out within {int} seconds"),
    zh: GivenWhenThen("{resource} {string} 在 {int} 秒内完成滚动更新"),
    doc: "Deployment, StatefulSet or DaemonSet: the current spec is rolled out (observedGeneration current; every replica updated, ready and available), then the Pods of earlier revisions are gone. Fails at once on ProgressDeadlineExceeded or a new Pod that is stuck (an image that cannot come) or in CrashLoopBackOff, naming it.",
    example: { en: 'Then the Deployment "web" rolls out within 120 seconds', zh: '那么 Deployment "web" 在 120 秒内完成滚动更新' },
    run: async function (this: KubeWorld, kind: string, name: string, seconds: number) {
      const k = await kindAmong(this, kind, "apps", ROLLOUT_KINDS, "does not roll out");
      this.text(`${k.kind} ${name} rolled out`, await waitForRollout(this.env, k.kind, name, s(seconds)));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("an event with reason {string} is recorded for the {resource} {string} within {int} seconds"),
    zh: GivenWhenThen("{int} 秒内为 {resource} {string} 记录了原因为 {string} 的事件"),
    zhOrder: [3, 1, 2, 0],
    doc: "Watch the namespace's events about the object until one has the reason (Scheduled, Pulled, Started, ScalingReplicaSet, BackOff, ...).",
    example: { en: 'Then an event with reason "ScalingReplicaSet" is recorded for the Deployment "web" within 30 seconds', zh: '那么 30 秒内为 Deployment "web" 记录了原因为 "ScalingReplicaSet" 的事件' },
    run: async function (this: KubeWorld, reason: string, kind: string, name: string, seconds: number) {
      const e = await eventsEnv(this, kind);
      this.text(`event ${reason}`, await waitForEvent(e.env, e.kind, name, reason, undefined, s(seconds)));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("an event with reason {string} and a message containing {string} is recorded for the {resource} {string} within {int} seconds"),
    zh: GivenWhenThen("{int} 秒内为 {resource} {string} 记录了原因为 {string} 且消息包含 {string} 的事件"),
    zhOrder: [3, 4, 1, 2, 0],
    doc: "Like the reason alone, and the event's message contains the text.",
    example: {
      en: 'Then an event with reason "Scheduled" and a message containing "Successfully assigned" is recorded for the Pod "go-test" within 30 seconds',
      zh: '那么 30 秒内为 Pod "go-test" 记录了原因为 "Scheduled" 且消息包含 "Successfully assigned" 的事件',
    },
    run: async function (this: KubeWorld, reason: string, text: string, kind: string, name: string, seconds: number) {
      const e = await eventsEnv(this, kind);
      this.text(`event ${reason}`, await waitForEvent(e.env, e.kind, name, reason, text, s(seconds)));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("no Warning event was recorded for the {resource} {string}"),
    zh: GivenWhenThen("{resource} {string} 没有记录 Warning 事件"),
    doc: "The object has no event of type Warning so far (BackOff, FailedScheduling, Unhealthy, ...); a failure lists them.",
    example: { en: 'Then no Warning event was recorded for the Pod "go-test"', zh: '那么 Pod "go-test" 没有记录 Warning 事件' },
    run: async function (this: KubeWorld, kind: string, name: string) {
      const e = await eventsEnv(this, kind);
      const warnings = await warningEvents(this.kube, e.env.namespace, e.kind, name);
      if (warnings.length > 0) throw new AssertionFailure(`events of ${e.kind}/${e.env.namespace}/${name}: expected no Warning, last saw:\n  ${warnings.join("\n  ")}`, { expected: "no Warning events", lastSeen: warnings.join("\n") });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the logs of the container {string} of the Pod {string} contain {string} within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 的容器 {string} 的日志在 {int} 秒内包含 {string}"),
    zhOrder: [1, 0, 3, 2],
    doc: "Follow one container's log stream (a Pod with several containers) until it contains the text. Waits within the limit for the container to start (the API server's \"waiting to start: ContainerCreating\" is not an error; at the limit the message names it); reads a finished container whole (a Job's Pod) and fails at once when that whole log lacks the text; fails at once when the container cannot start (ErrImageNeverPull, ...).",
    example: { en: 'Then the logs of the container "sidecar" of the Pod "web" contain "ready" within 30 seconds', zh: '那么 Pod "web" 的容器 "sidecar" 的日志在 30 秒内包含 "ready"' },
    run: async function (this: KubeWorld, container: string, pod: string, text: string, seconds: number) {
      const log = await waitForLog(this.kube, this.ctx.namespace, pod, (t) => t.includes(text), JSON.stringify(text), s(seconds), container);
      this.text(`logs ${pod}/${container}`, log);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the previous logs of the container {string} of the Pod {string} contain {string}"),
    zh: GivenWhenThen("Pod {string} 的容器 {string} 的上一个实例的日志包含 {string}"),
    zhOrder: [1, 0, 2],
    doc: "The log of the container's last instance to end after a restart (why it crashed): `kubectl logs --previous` (the instance before the current one), or, while the restarted container is terminated right now (between a crash and its next start), that instance, since the kubelet moves it to lastState only at its next sync. A container that never restarted fails with the API server's reason (`previous terminated container … not found`).",
    example: { en: 'Then the previous logs of the container "app" of the Pod "crasher" contain "fatal"', zh: '那么 Pod "crasher" 的容器 "app" 的上一个实例的日志包含 "fatal"' },
    run: async function (this: KubeWorld, container: string, pod: string, text: string) {
      const log = await previousLogs(this.kube, this.ctx.namespace, pod, container);
      this.text(`logs --previous ${pod}/${container}`, log);
      expectContains(log, text, `previous logs of ${pod}/${container}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the container {string} of the Pod {string} restarts within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 的容器 {string} 在 {int} 秒内重启"),
    zhOrder: [1, 0, 2],
    doc: "The container's restartCount reaches 1 or more and how an instance ended is in its status; the report shows how the last one to end ended.",
    example: { en: 'Then the container "app" of the Pod "crasher" restarts within 60 seconds', zh: '那么 Pod "crasher" 的容器 "app" 在 60 秒内重启' },
    run: async function (this: KubeWorld, container: string, pod: string, seconds: number) {
      this.text(`${pod}/${container} restarted; last termination`, await waitForRestart(this.env, pod, container, s(seconds)));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the container {string} of the Pod {string} terminates with exit code {int} within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 的容器 {string} 在 {int} 秒内以退出码 {int} 结束"),
    zhOrder: [1, 0, 3, 2],
    doc: "The container ends (now, or as its last instance after a restart) with the exit code; another exit code fails at once.",
    example: { en: 'Then the container "app" of the Pod "task" terminates with exit code 0 within 60 seconds', zh: '那么 Pod "task" 的容器 "app" 在 60 秒内以退出码 0 结束' },
    run: async function (this: KubeWorld, container: string, pod: string, code: number, seconds: number) {
      this.text(`${pod}/${container} terminated`, await waitForExit(this.env, pod, container, code, s(seconds)));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the Pod {string} stays Ready for {int} seconds"),
    zh: GivenWhenThen("Pod {string} 保持就绪 {int} 秒"),
    doc: "A check over time: the Pod is Ready now and every version the watch sees for N seconds is Ready. Fails at the first one that is not, with its time and what was wrong — the way to catch a crash-looping Pod, which is Ready for an instant between restarts.",
    example: { en: 'Then the Pod "go-test" stays Ready for 10 seconds', zh: '那么 Pod "go-test" 保持就绪 10 秒' },
    run: async function (this: KubeWorld, pod: string, seconds: number) {
      // a time to observe, not a limit: not scaled (its step deadline is)
      await staysReady(this.env, pod, seconds * 1000);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("no container of the Pod {string} restarted"),
    zh: GivenWhenThen("Pod {string} 的容器都没有重启过"),
    doc: "Over the Pod's whole life so far (restart counts only grow): every container's restartCount is 0. A failure names each restarted container and how its last instance to end ended (`state.terminated` when it is terminated now, else `lastState`: the kubelet publishes a restarted container that ended again with an empty lastState until its next sync; up to 5 s are given when neither is in the status yet).",
    example: { en: 'Then no container of the Pod "go-test" restarted', zh: '那么 Pod "go-test" 的容器都没有重启过' },
    run: async function (this: KubeWorld, pod: string) {
      const restarted = await restartsOf(this.env, pod, 5_000);
      if (restarted.length > 0) throw new AssertionFailure(`Pod/${this.ctx.namespace}/${pod}: expected no container restarted, last saw ${restarted.join("; ")}`, { expected: "restartCount 0", lastSeen: restarted.join("; ") });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the Deployment {string} never had fewer than {int} ready replicas"),
    zh: GivenWhenThen("Deployment {string} 的就绪副本从未少于 {int} 个"),
    doc: "A check over the scenario so far, from its watch record (started before the first step): from the first version with at least N ready replicas on (a new Deployment starts at 0), no version had fewer, up to the one stored now. A deletion counts as 0. Fails naming the first version with fewer: its time, count and status; or that it never had N.",
    example: { en: 'Then the Deployment "web" never had fewer than 2 ready replicas', zh: '那么 Deployment "web" 的就绪副本从未少于 2 个' },
    run: async function (this: KubeWorld, name: string, n: number) {
      const history = await this.ctx.replicaHistoryOf(name);
      const object = `Deployment/${this.ctx.namespace}/${name}`;
      if (history.length === 0) throw new BadInputError(`${object}: the scenario's watch saw no such Deployment (check the name)`, { object });
      const verdict = neverFewerThan(history, n);
      this.text(`${name} ready replicas, every version`, history.map((o) => `${o.at.toISOString().slice(11, 23)} rv=${o.resourceVersion ?? "?"} ${o.summary}`).join("\n"));
      if (!verdict.held) throw new AssertionFailure(`${object}: ${replicaVerdictText(verdict, n)}`, { operation: "never fewer", object, expected: `at least ${n} ready replicas` });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exec output matches {string}"),
    zh: GivenWhenThen("执行输出匹配 {string}"),
    doc: "stdout of the last exec matches the regular expression.",
    example: { en: 'Then the exec output matches "^ok$"', zh: '那么执行输出匹配 "^ok$"' },
    run: async function (this: KubeWorld, pattern: string) {
      expectMatches(this.execResult.stdout, pattern, "exec stdout");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exec output does not contain {string}"),
    zh: GivenWhenThen("执行输出不包含 {string}"),
    doc: "stdout of the last exec does not contain the text.",
    example: { en: 'Then the exec output does not contain "error"', zh: '那么执行输出不包含 "error"' },
    run: async function (this: KubeWorld, text: string) {
      expectNotContains(this.execResult.stdout, text, "exec stdout");
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the exec error output contains {string}"),
    zh: GivenWhenThen("执行错误输出包含 {string}"),
    doc: "stderr of the last exec contains the text.",
    example: { en: 'Then the exec error output contains "not found"', zh: '那么执行错误输出包含 "not found"' },
    run: async function (this: KubeWorld, text: string) {
      expectContains(this.execResult.stderr, text, "exec stderr");
    },
  }),
];
