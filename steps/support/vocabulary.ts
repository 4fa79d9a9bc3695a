// Every step of the harness, in catalog order. Registered by define.steps.ts, documented by scripts/catalog.ts.
import { flowSteps } from "../flow.steps.ts";
import { identitySteps } from "../identity.steps.ts";
import { kubectlSteps } from "../kubectl.steps.ts";
import { manifestSteps } from "../manifest.steps.ts";
import { podSteps } from "../pod.steps.ts";
import { workloadSteps } from "../workload.steps.ts";
import type { StepSpec } from "./registry.ts";

export const allSteps: StepSpec[] = [...manifestSteps, ...kubectlSteps, ...podSteps, ...workloadSteps, ...flowSteps, ...identitySteps];

/** Kinds a step may name ({kind}). */
export const KINDS = ["Pod", "Service", "ConfigMap", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob"];
