// The one watch loop every wait uses: list (to get a resourceVersion and the current state),
// then watch from that version, evaluating after every change. No sleeps, no polling.
// If the watch ends early (server timeout, 410 Gone) it lists and watches again.
import { Watch } from "@kubernetes/client-node";
import type { KubeClients } from "../kube/client.ts";
import { apiFailure } from "../kube/errors.ts";
import type { KubeObject } from "../kube/manifest.ts";

export interface WatchTarget {
  apiVersion: string;
  kind: string;
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** What an evaluation decides: keep waiting (undefined), done with a value, or fail now. */
export type Verdict<R> = { done: R } | { fail: string } | undefined;

export interface WatchUntilOptions<R> {
  timeoutMs: number;
  /** Called with every object currently known (by name) after the list and after each change. */
  evaluate: (objects: Map<string, KubeObject>) => Verdict<R>;
  /** Called on every change, e.g. to record into the timeline. */
  onChange?: (type: "ADDED" | "MODIFIED" | "DELETED", obj: KubeObject) => void;
}

export class WaitTimeout extends Error {
  override name = "WaitTimeout";
}
export class WaitFailed extends Error {
  override name = "WaitFailed";
}

/**
 * Resolves with the evaluation's value; rejects with WaitFailed when the evaluation says fail,
 * with WaitTimeout (message: the last objects seen) when the time runs out.
 */
export async function watchUntil<R>(clients: KubeClients, target: WatchTarget, opts: WatchUntilOptions<R>): Promise<{ value: R; objects: Map<string, KubeObject> }> {
  const objects = new Map<string, KubeObject>();
  const deadline = Date.now() + opts.timeoutMs;
  let controller: AbortController | undefined;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  return new Promise((resolve, reject) => {
    const finish = (fn: () => void): void => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
      fn();
    };
    const judge = (): void => {
      let v: Verdict<R>;
      try {
        v = opts.evaluate(objects);
      } catch (e) {
        finish(() => reject(e as Error));
        return;
      }
      if (!v) return;
      if ("done" in v) {
        const value = v.done;
        finish(() => resolve({ value, objects }));
      } else {
        const msg = v.fail;
        finish(() => reject(new WaitFailed(msg)));
      }
    };
    timer = setTimeout(() => finish(() => reject(new WaitTimeout("timed out"))), opts.timeoutMs);

    const cycle = async (): Promise<void> => {
      if (finished) return;
      let list;
      try {
        list = await clients.objects.listRaw(target.apiVersion, target.kind, target.namespace, {
          labelSelector: target.labelSelector,
          fieldSelector: target.fieldSelector,
        });
      } catch (cause) {
        const f = apiFailure(cause);
        finish(() => reject(new Error(`list ${target.kind}/${target.namespace}: ${f.reason}: ${f.message}`, { cause })));
        return;
      }
      objects.clear();
      for (const item of list.items) {
        // list items carry no kind/apiVersion; fill them so callers can print refs
        const obj: KubeObject = { apiVersion: target.apiVersion, kind: target.kind, ...item };
        if (obj.metadata?.name) objects.set(obj.metadata.name, obj);
      }
      judge();
      if (finished) return;
      const path = await clients.objects.collectionPath(target.apiVersion, target.kind, target.namespace);
      const remaining = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
      controller = await new Watch(clients.kc).watch(
        path,
        {
          resourceVersion: list.metadata?.resourceVersion,
          allowWatchBookmarks: true,
          labelSelector: target.labelSelector,
          fieldSelector: target.fieldSelector,
          timeoutSeconds: remaining + 5,
        },
        (type: string, apiObj: KubeObject) => {
          if (finished) return;
          if (type !== "ADDED" && type !== "MODIFIED" && type !== "DELETED") return; // BOOKMARK, ERROR
          const name = apiObj.metadata?.name;
          if (!name) return;
          const obj: KubeObject = { apiVersion: target.apiVersion, kind: target.kind, ...apiObj };
          if (type === "DELETED") objects.delete(name);
          else objects.set(name, obj);
          opts.onChange?.(type, obj);
          judge();
        },
        (err: unknown) => {
          // watch closed (timeout, 410 Gone, network): start over from a fresh list;
          // after an error wait a moment so a broken connection is not hammered
          if (!finished) setTimeout(() => void cycle(), err ? 500 : 0);
        },
      );
      // the wait may have ended while the watch request was in flight
      if (finished) controller.abort();
    };
    void cycle().catch((e: unknown) => finish(() => reject(e as Error)));
  });
}
