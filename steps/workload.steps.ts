// Controllers: Deployment, ReplicaSet, StatefulSet replicas and replacement, DaemonSet, Job, CronJob.
import { BadInputError } from "../engine/errors.ts";
import type { ResolvedKind } from "../engine/kube/kinds.ts";
import * as actions from "../engine/scenario/actions.ts";
import { jobSummary, podSummary, workloadSummary } from "../engine/wait/pod-state.ts";
import { waitForJobComplete, waitForPodRecreated, waitForReadyReplicas } from "../engine/wait/waits.ts";
import { expectEqual } from "./support/expect.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";
import { stepMs } from "./support/deadline.ts";
import { kindAmong, kindOf } from "./support/resource.ts";

/** A step's seconds as its wait's milliseconds, times KUBECUKE_TIMEOUT_SCALE. */
const s = stepMs;
const REPLICATED = ["Deployment", "ReplicaSet", "StatefulSet"] as const;

/** Deployment, ReplicaSet or StatefulSet (apps), in any spelling discovery knows (deploy, rs, sts, ...). */
function replicated(w: KubeWorld, name: string): Promise<ResolvedKind & { kind: (typeof REPLICATED)[number] }> {
  return kindAmong(w, name, "apps", REPLICATED, "has no ready replicas");
}

const G = "Controllers";
export const workloadSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} has {int} ready replicas within {int} seconds"),
    zh: GivenWhenThen("{resource} {string} 在 {int} 秒内有 {int} 个就绪副本"),
    zhOrder: [0, 1, 3, 2],
    doc: "Watch a Deployment, ReplicaSet or StatefulSet until status.readyReplicas and status.replicas both equal N for the current generation.",
    example: { en: 'Then the Deployment "go-controller-test" has 2 ready replicas within 90 seconds', zh: '那么 Deployment "go-controller-test" 在 90 秒内有 2 个就绪副本' },
    run: async function (this: KubeWorld, kind: string, name: string, n: number, seconds: number) {
      const o = await waitForReadyReplicas(this.env, (await replicated(this, kind)).kind, name, n, s(seconds));
      this.text(`${kind} ${name}`, workloadSummary(o));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("I delete one Pod of the {resource} {string}"),
    zh: GivenWhenThen("我删除 {resource} {string} 的一个 Pod"),
    doc: "Delete the first ready Pod (by name) matching the workload's selector; its UID is remembered.",
    example: { en: 'When I delete one Pod of the Deployment "go-controller-test"', zh: '当我删除 Deployment "go-controller-test" 的一个 Pod' },
    run: async function (this: KubeWorld, kind: string, name: string) {
      const d = await actions.deleteOnePodOf(this.ctx, await replicated(this, kind), name);
      this.deletedPod = d;
      this.text(`deleted one Pod of ${kind} ${name}`, `${d.name} uid=${d.uid} (selector ${d.owner.selector})`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("a replacement Pod with a new UID brings it back to {int} ready Pods within {int} seconds"),
    zh: GivenWhenThen("{int} 秒内出现一个新 UID 的替代 Pod，就绪 Pod 恢复到 {int} 个"),
    zhOrder: [1, 0],
    doc: "After deleting one Pod of a workload: N Pods matching its selector are Ready again, one of them with a UID the deleted Pod did not have.",
    example: { en: "Then a replacement Pod with a new UID brings it back to 2 ready Pods within 60 seconds", zh: "那么 60 秒内出现一个新 UID 的替代 Pod，就绪 Pod 恢复到 2 个" },
    run: async function (this: KubeWorld, n: number, seconds: number) {
      const d = this.deletedPod;
      if (!d?.owner) throw new BadInputError('no Pod of a workload was deleted: add a step like When I delete one Pod of the Deployment "web"');
      const fresh = await actions.waitForReplacement(this.ctx, { ...d, kind: "Pod", owner: d.owner }, n, s(seconds));
      this.text("replacement Pod", `${fresh.metadata?.name} uid=${fresh.metadata?.uid} replaced ${d.name} uid=${d.uid}\n${podSummary(fresh)}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the Pod {string} comes back with a new UID within {int} seconds"),
    zh: GivenWhenThen("Pod {string} 在 {int} 秒内以新的 UID 重新就绪"),
    doc: "After deleting a Pod by name (a StatefulSet's): a Pod with the same name — a stable identity — is Ready again with a different UID.",
    example: { en: 'Then the Pod "web-0" comes back with a new UID within 60 seconds', zh: '那么 Pod "web-0" 在 60 秒内以新的 UID 重新就绪' },
    run: async function (this: KubeWorld, name: string, seconds: number) {
      const d = this.deletedPod;
      if (!d || d.name !== name) throw new BadInputError(`the Pod "${name}" was not deleted in this scenario: add When I delete the Pod "${name}" first`);
      const pod = await waitForPodRecreated(this.env, name, d.uid, s(seconds));
      this.text(`Pod ${name} recreated`, `old uid=${d.uid} new uid=${pod.metadata?.uid}\n${podSummary(pod)}`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the DaemonSet {string} has one ready Pod on every node within {int} seconds"),
    zh: GivenWhenThen("DaemonSet {string} 在 {int} 秒内在每个节点上都有一个就绪的 Pod"),
    doc: "Watch the DaemonSet until ready, then check against the schedulable nodes that each runs exactly one of its Pods.",
    example: { en: 'Then the DaemonSet "node-agent" has one ready Pod on every node within 60 seconds', zh: '那么 DaemonSet "node-agent" 在 60 秒内在每个节点上都有一个就绪的 Pod' },
    run: async function (this: KubeWorld, name: string, seconds: number) {
      this.text(`DaemonSet ${name} per node`, (await actions.daemonSetOnEveryNode(this.ctx, name, s(seconds))).join("\n"));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the Job {string} completes within {int} seconds"),
    zh: GivenWhenThen("Job {string} 在 {int} 秒内完成"),
    doc: "Watch the Job until its Complete condition is True; fails at once when it reports Failed.",
    example: { en: 'Then the Job "pi" completes within 60 seconds', zh: '那么 Job "pi" 在 60 秒内完成' },
    run: async function (this: KubeWorld, name: string, seconds: number) {
      this.text(`Job ${name}`, jobSummary(await waitForJobComplete(this.env, name, s(seconds))));
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the CronJob {string} creates a Job that completes within {int} seconds"),
    zh: GivenWhenThen("CronJob {string} 在 {int} 秒内按计划创建一个 Job 并完成"),
    doc: "Watch for a Job owned by the CronJob (created by its schedule) and for that Job to complete, inside one time budget.",
    example: { en: 'Then the CronJob "tick" creates a Job that completes within 90 seconds', zh: '那么 CronJob "tick" 在 90 秒内按计划创建一个 Job 并完成' },
    run: async function (this: KubeWorld, name: string, seconds: number) {
      const job = await actions.cronJobRunCompletes(this.ctx, name, s(seconds));
      this.text(`CronJob ${name} ran`, `Job ${job} completed`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the {resource} {string} has the selector label {string} set to {string}"),
    zh: GivenWhenThen("{resource} {string} 的选择器标签 {string} 为 {string}"),
    doc: "spec.selector.matchLabels of a workload has the label: the controller manages Pods carrying it.",
    example: { en: 'Then the Deployment "go-controller-test" has the selector label "app" set to "app-go"', zh: '那么 Deployment "go-controller-test" 的选择器标签 "app" 为 "app-go"' },
    run: async function (this: KubeWorld, kind: string, name: string, key: string, value: string) {
      const k = await kindOf(this, kind);
      const sel = await actions.selectorValue(this.ctx, k, name, key);
      expectEqual(sel, value, `${actions.objectText(this.ctx, k, name)} selector ${key}`);
    },
  }),
];
