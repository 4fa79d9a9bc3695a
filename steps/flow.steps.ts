// The Pod creation flow (seed: 创建 Pod 的流程), checked against what the scenario's watch,
// started before the first step, recorded.
import type { DataTable } from "@cucumber/cucumber";
import { AssertionFailure, BadInputError } from "../engine/errors.ts";
import * as flow from "../engine/scenario/flow.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";

async function recorded(world: KubeWorld, pod: string): Promise<flow.CreationFlow> {
  const f = await world.ctx.flowOf(pod);
  world.text(`creation flow of ${pod}`, flow.describeFlow(f));
  if (f.observations.length === 0) throw new BadInputError(`creation flow of Pod/${world.ctx.namespace}/${pod}: the watch saw no such Pod; apply it in this scenario first`);
  return f;
}

const G = "Creation flow";
export const flowSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("the Pod {string} was first stored without a node"),
    zh: GivenWhenThen("Pod {string} 最初被写入时没有绑定节点"),
    doc: "The first version the watch saw (ADDED) had no spec.nodeName: the API server stored the Pod before any scheduling.",
    example: { en: 'Then the Pod "go-test" was first stored without a node', zh: '那么 Pod "go-test" 最初被写入时没有绑定节点' },
    run: async function (this: KubeWorld, pod: string) {
      const f = await recorded(this, pod);
      if (!flow.firstWithoutNode(f)) {
        const first = f.observations[0];
        throw new AssertionFailure(`creation flow of Pod ${pod}: expected the first version to be ADDED without a node, last saw ${first?.type} with node=${first?.nodeName ?? "<none>"}`);
      }
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("{string} then bound the Pod {string} to a node"),
    zh: GivenWhenThen("随后 {string} 将 Pod {string} 绑定到节点"),
    doc: "A `Scheduled` event from that component (default-scheduler) names the node, and a later version of the Pod has spec.nodeName set to it.",
    example: { en: 'And "default-scheduler" then bound the Pod "go-test" to a node', zh: '而且随后 "default-scheduler" 将 Pod "go-test" 绑定到节点' },
    run: async function (this: KubeWorld, component: string, pod: string) {
      const f = await recorded(this, pod);
      const ev = flow.firstEvent(f, "Scheduled", component);
      const bound = flow.firstBound(f);
      const seen = f.events.map((e) => `${e.reason}/${e.component}`).join(", ") || "no events";
      if (!ev) throw new AssertionFailure(`creation flow of Pod ${pod}: expected a Scheduled event from ${component}, last saw ${seen}`);
      if (!bound?.nodeName) throw new AssertionFailure(`creation flow of Pod ${pod}: expected spec.nodeName to be set, last saw no version with a node`);
      if (!ev.message.includes(bound.nodeName)) throw new AssertionFailure(`creation flow of Pod ${pod}: Scheduled event "${ev.message}" does not name node ${bound.nodeName}`);
      if (bound.seq <= (flow.firstWithoutNode(f)?.seq ?? 0)) throw new AssertionFailure(`creation flow of Pod ${pod}: the node was set before the Pod was first stored`);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the kubelet then created and started the container {string} of the Pod {string}"),
    zh: GivenWhenThen("随后 kubelet 创建并启动了 Pod {string} 的容器 {string}"),
    zhOrder: [1, 0],
    doc: "Events `Created` then `Started` from the kubelet name the container, and come after the `Scheduled` event.",
    example: { en: 'And the kubelet then created and started the container "gogogo" of the Pod "go-test"', zh: '而且随后 kubelet 创建并启动了 Pod "go-test" 的容器 "gogogo"' },
    run: async function (this: KubeWorld, container: string, pod: string) {
      const f = await recorded(this, pod);
      const scheduled = flow.firstEvent(f, "Scheduled");
      const created = f.events.find((e) => e.reason === "Created" && e.component === "kubelet" && e.message.includes(container));
      const started = f.events.find((e) => e.reason === "Started" && e.component === "kubelet" && e.message.includes(container));
      const seen = f.events.map((e) => `#${e.seq} ${e.reason}/${e.component}: ${e.message}`).join("; ") || "no events";
      if (!created || !started) throw new AssertionFailure(`creation flow of Pod ${pod}: expected kubelet events Created and Started for container ${container}, last saw ${seen}`);
      if (!scheduled || !(scheduled.seq < created.seq && created.seq < started.seq)) {
        throw new AssertionFailure(`creation flow of Pod ${pod}: expected Scheduled → Created → Started, last saw ${seen}`);
      }
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the conditions of the Pod {string} became True in this order:"),
    zh: GivenWhenThen("Pod {string} 的状态条件按以下顺序变为 True："),
    block: "dataTable",
    doc: "A one-column table of condition types. Each was observed True, none before the previous one (versions delivered together and equal lastTransitionTimes count as in order).",
    example: { en: 'Then the conditions of the Pod "go-test" became True in this order:', zh: '那么 Pod "go-test" 的状态条件按以下顺序变为 True：', block: "| PodScheduled    |\n| Initialized     |\n| ContainersReady |\n| Ready           |" },
    run: async function (this: KubeWorld, pod: string, table: DataTable) {
      const order = table.raw().map((r) => (r[0] ?? "").trim()).filter(Boolean);
      const f = await recorded(this, pod);
      const problems = flow.checkConditionOrder(f, order);
      if (problems.length > 0) throw new AssertionFailure(`creation flow of Pod ${pod}: expected conditions True in order ${order.join(" → ")}, last saw: ${problems.join("; ")}`);
    },
  }),
];
