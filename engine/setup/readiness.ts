// When a setup object counts as installed: CRDs Established (their kind is served), workloads
// rolled out, APIServices Available. Other kinds are ready once stored. Pure: unit tested.
import type { KubeObject } from "../kube/manifest.ts";

export interface Readiness {
  ready: boolean;
  /** Set when it cannot become ready (a CRD whose names are not accepted). */
  failed?: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function condition(o: KubeObject, type: string): Condition | undefined {
  return ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);
}

function generationSeen(o: KubeObject): boolean {
  const observed = (o.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
  return observed >= ((o.metadata?.generation as number | undefined) ?? 1);
}

const CHECKS: Record<string, (o: KubeObject) => Readiness> = {
  CustomResourceDefinition: (o) => {
    const names = condition(o, "NamesAccepted");
    if (names?.status === "False") return { ready: false, failed: `NamesAccepted=False: ${names.message ?? names.reason ?? ""}` };
    return { ready: condition(o, "Established")?.status === "True" };
  },
  Deployment: (o) => {
    const st = (o.status ?? {}) as { replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number };
    const want = ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1);
    const progressing = condition(o, "Progressing");
    if (progressing?.reason === "ProgressDeadlineExceeded") return { ready: false, failed: `ProgressDeadlineExceeded: ${progressing.message ?? ""}` };
    return { ready: generationSeen(o) && (st.updatedReplicas ?? 0) === want && (st.readyReplicas ?? 0) === want && (st.availableReplicas ?? 0) === want && (st.replicas ?? 0) === want };
  },
  StatefulSet: (o) => {
    const st = (o.status ?? {}) as { readyReplicas?: number; updatedReplicas?: number };
    const want = ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1);
    return { ready: generationSeen(o) && (st.readyReplicas ?? 0) === want && (st.updatedReplicas ?? 0) === want };
  },
  DaemonSet: (o) => {
    const st = (o.status ?? {}) as { desiredNumberScheduled?: number; numberReady?: number; updatedNumberScheduled?: number };
    return { ready: generationSeen(o) && (st.desiredNumberScheduled ?? 0) > 0 && st.numberReady === st.desiredNumberScheduled && st.updatedNumberScheduled === st.desiredNumberScheduled };
  },
  APIService: (o) => ({ ready: condition(o, "Available")?.status === "True" }),
};

/** The readiness check of a kind, or undefined when stored means ready. */
export function readiness(kind: string): ((o: KubeObject) => Readiness) | undefined {
  return CHECKS[kind];
}
