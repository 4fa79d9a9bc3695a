// `import … from "kubecuke"`: what a team's own steps use. The World (type `this: KubeWorld`),
// the typed errors (the report files each under its category: an AssertionFailure is a test
// failure, BadInputError names what to change), and the engine's waits, assertions, exec and
// kubectl that kubecuke's own steps call. Importing this registers no step and no hook: the
// cucumber configuration (kubecuke/cucumber) loads kubecuke's steps.
export { KubeWorld, type CheckToTheEnd, type DeletedPod } from "./steps/support/world.ts";
export { stepMs } from "./steps/support/deadline.ts";
export { kindOf } from "./steps/support/resource.ts";
export {
  AssertionFailure, BadInputError, CannotHappenError, HarnessError, InfrastructureError, InterruptedError, KubecukeError, TimeoutError,
  categoryOf, describeError, failureMessage, type ErrorCategory, type ErrorFacts,
} from "./engine/errors.ts";
export {
  runWait, waitForDaemonSetReady, waitForGone, waitForJobComplete, waitForPod, waitForReadyReplicas,
  type PodGoal, type WaitEnv, type WaitSpec,
} from "./engine/wait/waits.ts";
export { expectAbsent, getOrUndefined, waitForMatch, waitForNone, waitForSelection, type Quantity } from "./engine/assert/wait.ts";
export { parseExpectation, type Expected } from "./engine/assert/expectation.ts";
export { formatMismatches, match, matches, type Mismatch } from "./engine/assert/match.ts";
export { execInPod, formatExecResult, type ExecResult } from "./engine/kube/exec.ts";
export { waitForLog } from "./engine/wait/logs.ts";
export { formatKubectlResult, runKubectl, type KubectlResult } from "./engine/kube/kubectl.ts";
export { apiClient, type KubeClients } from "./engine/kube/client.ts";
export type { ResolvedKind } from "./engine/kube/kinds.ts";
export type { KubeObject } from "./engine/kube/object.ts";
export type { ScenarioContext } from "./engine/scenario/context.ts";
export type { Attachment } from "./engine/report/attachment.ts";
// client-node as kubecuke uses it, for `this.kube.kc.makeApiClient(AppsV1Api)` in a team's step:
// the same copy and version as kubecuke's clients, with no dependency of the team's own.
export { AppsV1Api, BatchV1Api, CoreV1Api, CustomObjectsApi, NetworkingV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
export * as k8s from "@kubernetes/client-node";
// An image archive without Docker (docs/own-steps.md#without-docker): what `docker save` or an
// OCI layout tar holds, one layer of files from this machine, for KUBECUKE_IMAGES.
export { writeDockerArchive, writeOciArchive, type ImageContent } from "./engine/images/write-archive.ts";
