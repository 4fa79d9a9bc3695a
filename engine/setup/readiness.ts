// When a setup object counts as installed: CRDs Established (their kind is served), workloads
// rolled out, APIServices Available. Other kinds are ready once stored. Pure: unit tested.
import type { KubeObject } from "../kube/object.ts";
import { conditionOf, generationOf, replicasOf, observedGenerationOf, workloadStatusOf } from "../kube/objects.ts";

export interface Readiness {
  ready: boolean;
  /** Set when it cannot become ready (a CRD whose names are not accepted). */
  failed?: string;
}

function generationSeen(o: KubeObject): boolean {
  return (observedGenerationOf(o) ?? 0) >= (generationOf(o) ?? 1);
}

const CHECKS: Record<string, (o: KubeObject) => Readiness> = {
  CustomResourceDefinition: (o) => {
    const names = conditionOf(o, "NamesAccepted");
    if (names?.status === "False") return { ready: false, failed: `NamesAccepted=False: ${names.message ?? names.reason ?? ""}` };
    return { ready: conditionOf(o, "Established")?.status === "True" };
  },
  Deployment: (o) => {
    const st = workloadStatusOf(o);
    const want = replicasOf(o);
    const progressing = conditionOf(o, "Progressing");
    if (progressing?.reason === "ProgressDeadlineExceeded") return { ready: false, failed: `ProgressDeadlineExceeded: ${progressing.message ?? ""}` };
    return { ready: generationSeen(o) && (st.updatedReplicas ?? 0) === want && (st.readyReplicas ?? 0) === want && (st.availableReplicas ?? 0) === want && (st.replicas ?? 0) === want };
  },
  StatefulSet: (o) => {
    const st = workloadStatusOf(o);
    const want = replicasOf(o);
    return { ready: generationSeen(o) && (st.readyReplicas ?? 0) === want && (st.updatedReplicas ?? 0) === want };
  },
  DaemonSet: (o) => {
    const st = workloadStatusOf(o);
    return { ready: generationSeen(o) && (st.desiredNumberScheduled ?? 0) > 0 && st.numberReady === st.desiredNumberScheduled && st.updatedNumberScheduled === st.desiredNumberScheduled };
  },
  APIService: (o) => ({ ready: conditionOf(o, "Available")?.status === "True" }),
};

/** The readiness check of a kind, or undefined when stored means ready. */
export function readiness(kind: string): ((o: KubeObject) => Readiness) | undefined {
  return CHECKS[kind];
}
