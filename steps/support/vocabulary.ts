// Every step of the harness, in catalog order. Registered by define.steps.ts, documented by scripts/catalog.ts.
import { assertSteps } from "../assert.steps.ts";
import { flowSteps } from "../flow.steps.ts";
import { httpSteps } from "../http.steps.ts";
import { metaSteps } from "../meta.steps.ts";
import { observeSteps } from "../observe.steps.ts";
import { variableSteps } from "../variables.steps.ts";
import { identitySteps } from "../identity.steps.ts";
import { kubectlSteps } from "../kubectl.steps.ts";
import { manifestSteps } from "../manifest.steps.ts";
import { podSteps } from "../pod.steps.ts";
import { workloadSteps } from "../workload.steps.ts";
import type { StepSpec } from "./registry.ts";

export const allSteps: StepSpec[] = [...manifestSteps, ...kubectlSteps, ...podSteps, ...workloadSteps, ...flowSteps, ...observeSteps, ...identitySteps, ...variableSteps, ...httpSteps, ...metaSteps, ...assertSteps];
