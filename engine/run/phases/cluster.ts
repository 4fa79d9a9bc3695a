// The run's cluster phase and its images phase. The cluster: withCluster (engine/cluster/lifecycle.ts)
// brings it up or finds it running, runs the rest of the run on it, then ends it the one way it
// decided (its `ending`, which the run's own cleanup reads instead of deciding again). The images:
// the team's (KUBECUKE_IMAGES) and, in kubecuke's own repository only, its test images.
import { withCluster, type ClusterSession } from "../../cluster/lifecycle.ts";
import { loadRunImages } from "../../cluster/run-images.ts";
import { PHASE } from "../../report/phases.ts";
import type { RunContext } from "./context.ts";

/** The cluster phase: "cluster up" before `work`, "cluster ending" after it. */
export async function onCluster<T>(run: RunContext, work: (session: ClusterSession) => Promise<T>): Promise<T> {
  const started = Date.now();
  let workEnded = 0;
  const { value } = await withCluster(
    run.settings.cluster,
    async (session) => {
      run.clock.add(PHASE.clusterUp, Date.now() - started);
      const value = await work(session);
      workEnded = Date.now();
      return value;
    },
    { log: run.log },
  );
  run.clock.add(PHASE.clusterEnding, Date.now() - workEnded);
  return value;
}

/** True when the cluster itself goes with the run: this run started it and its ending takes it down. */
export function clusterGoes(session: ClusterSession): boolean {
  // a scoped down of a cluster this run did not start (existing, a reused kind) removes only what the run made
  return session.ending.down && session.handle.owned;
}

/** The images phase. */
export async function loadImages(run: RunContext, session: ClusterSession): Promise<void> {
  const { cacheDir, images, imagesSource } = run.settings.cluster;
  await run.clock.time(PHASE.images, () => loadRunImages({ provider: session.provider, root: run.root, cacheDir, images, imagesSource, log: run.log }));
}
