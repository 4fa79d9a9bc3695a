// The running step's AbortSignal (its deadline and the interrupt combined), which the step's
// KubeClients carry as `clients.signal` once engine/kube/client.ts has that field (issue 22's
// cancellation). Read through here until then, without a cast: undefined where there is none.
// When KubeClients declares `signal?: AbortSignal`, `clients.signal` replaces every call of this.
import type { KubeClients } from "../kube/client.ts";

export function stepSignal(clients: KubeClients): AbortSignal | undefined {
  return "signal" in clients && clients.signal instanceof AbortSignal ? clients.signal : undefined;
}
