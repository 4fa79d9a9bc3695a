// Events of one object: wait for one with a reason (and message text); list its Warnings.
import type { KubeClients } from "../kube/client.ts";
import { eventLine, eventsAbout, eventView } from "./events.ts";
import { runWait, type WaitEnv } from "./waits.ts";

/**
 * Where events about an object are: its namespace, or "default" for a cluster-scoped object
 * (client-go's event recorder files those there: a Node's events are in default).
 */
export function eventNamespaceOf(k: { namespaced: boolean }, namespace: string): string {
  return k.namespaced ? namespace : "default";
}

export async function waitForEvent(env: WaitEnv, kind: string, name: string, reason: string, messagePart: string | undefined, timeoutMs: number): Promise<string> {
  const wanted = `an event ${reason}${messagePart ? ` whose message contains ${JSON.stringify(messagePart)}` : ""}`;
  return runWait<string>(env, {
    what: `${kind}/${env.namespace}/${name} event ${reason}`,
    expected: wanted,
    target: { apiVersion: "v1", kind: "Event", namespace: env.namespace, fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` },
    eventsOf: { kind, name },
    timeoutMs,
    evaluate: (objs) => {
      for (const e of objs.values()) {
        const v = eventView(e);
        if (v.reason === reason && (!messagePart || v.message.includes(messagePart))) return { done: `${v.type} ${v.reason} (${v.component || "?"}): ${v.message}` };
      }
      return undefined;
    },
    lastSeen: (objs) => [...objs.values()].map((e) => eventView(e)).map((v) => `${v.type} ${v.reason}: ${v.message}`).join("; ") || "no events for it",
  });
}

/** Warning events recorded for the object so far, oldest first, one line each. Throws when they cannot be read. */
export async function warningEvents(clients: KubeClients, namespace: string, kind: string, name: string): Promise<string[]> {
  return (await eventsAbout(clients, namespace, kind, name)).filter((v) => v.type === "Warning").map(eventLine);
}
