// Exec in a container and read logs through client-node (no kubectl: the API is enough here).
import { Writable } from "node:stream";
import { Exec, type V1Status } from "@kubernetes/client-node";
import { BadInputError, InfrastructureError } from "../errors.ts";
import type { KubeClients } from "./client.ts";
import { HarnessError, TimeoutError } from "../errors.ts";
import { withDeadline } from "./deadline.ts";
import { apiError } from "./errors.ts";

export interface ExecResult {
  pod: string;
  container: string;
  command: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

class Collect extends Writable {
  text = "";
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString("utf8");
    cb();
  }
}

/** Exit code from the exec Status: Success → 0; NonZeroExitCode carries an ExitCode cause. */
export function exitCodeOf(status: V1Status | undefined): number {
  if (!status) return -1;
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  return cause?.message !== undefined ? Number(cause.message) : -1;
}

/**
 * Why the command never ran, from a Failure status without an exit code: the API server passes
 * the runtime's words on ("exec: \"printenv\": executable file not found in $PATH"). Undefined
 * when the command ran (Success, or an exit code).
 */
export function execNotRun(status: V1Status | undefined): { missing?: string; reason: string } | undefined {
  if (!status || status.status === "Success" || exitCodeOf(status) !== -1) return undefined;
  const text = status.message ?? status.reason ?? "no message";
  const notFound = /exec: "([^"]+)": executable file not found in \$PATH/.exec(text);
  if (notFound) return { missing: notFound[1], reason: `executable file not found in $PATH: ${notFound[1]}` };
  const noFile = /exec: "([^"]+)": stat [^:]+: no such file or directory/.exec(text);
  if (noFile) return { missing: noFile[1], reason: `no such file or directory: ${noFile[1]}` };
  return { reason: text };
}

/** The command did not run: a program the image lacks is the step's fault, anything else the cluster's. */
function notRunError(where: string, command: string[], status: V1Status | undefined): Error {
  const what = `exec ${where} ${JSON.stringify(command)}`;
  if (!status) return new InfrastructureError(`${what}: the connection closed without an exit status; the API server or kubelet may have restarted: run the step again`, { operation: "exec", object: where });
  const r = execNotRun(status)!;
  if (r.missing) {
    return new BadInputError(`${what}: ${r.reason}: the container's image has no such program; use one it has (the test images' programs: fixtures/images/README.md) (runtime said: ${status.message})`, { operation: "exec", object: where });
  }
  return new InfrastructureError(`${what}: the command did not run: ${r.reason}`, { operation: "exec", object: where });
}

/** The Pod's first container (the one `kubectl logs` and `kubectl exec` pick without -c). */
export async function firstContainer(clients: KubeClients, namespace: string, pod: string): Promise<string> {
  let p;
  try {
    p = await withDeadline("get", `Pod/${namespace}/${pod}`, clients.timeouts.get, () => clients.core.readNamespacedPod({ name: pod, namespace }));
  } catch (cause) {
    throw apiError(cause, { operation: "get", object: `Pod/${namespace}/${pod}` });
  }
  const name = p.spec?.containers[0]?.name;
  // the API server refuses Pods without containers: seeing one is a bug in how we read it
  if (!name) throw new HarnessError(`exec Pod/${namespace}/${pod}: the Pod has no containers`, { operation: "exec", object: `Pod/${namespace}/${pod}` });
  return name;
}

export async function execInPod(
  clients: KubeClients,
  namespace: string,
  pod: string,
  command: string[],
  container?: string,
  timeoutMs = clients.timeouts.exec,
): Promise<ExecResult> {
  const where = `Pod/${namespace}/${pod}`;
  let c: string;
  try {
    c = container ?? (await firstContainer(clients, namespace, pod));
  } catch (cause) {
    throw apiError(cause, { operation: "exec", object: where }); // passes firstContainer's own through
  }
  const out = new Collect();
  const err = new Collect();
  let socket: { close: () => void } | undefined;
  let expired = false;
  // the step's signal (its deadline, Ctrl-C) ends the exec too: the stream is closed, as at the limit
  const stop = clients.signal;
  stop?.throwIfAborted();
  let onAbort = (): void => {};
  const status = await new Promise<V1Status | undefined>((resolve, reject) => {
    const timer = setTimeout(() => {
      // cancel: closing the exec stream ends the request (the command may run on in the container)
      expired = true;
      socket?.close();
      reject(TimeoutError.of({ operation: "exec", object: `${where} container ${c} ${JSON.stringify(command)}`, expected: "the command to finish", lastSeen: `stdout=${JSON.stringify(out.text.slice(-200))}`, elapsedMs: timeoutMs }));
    }, timeoutMs);
    onAbort = () => {
      expired = true;
      clearTimeout(timer);
      socket?.close();
      reject(stop?.reason);
    };
    stop?.addEventListener("abort", onAbort, { once: true });
    new Exec(clients.kc)
      .exec(namespace, pod, c, command, out, err, null, false, (s) => {
        clearTimeout(timer);
        resolve(s);
      })
      .then((ws) => {
        socket = ws;
        if (expired) ws.close();
        // a close without a status frame (the API server or kubelet went away) is reported below
        ws.on("close", () => setTimeout(() => { clearTimeout(timer); resolve(undefined); }, 200));
      })
      .catch((cause: unknown) => {
        clearTimeout(timer);
        reject(apiError(cause, { operation: "exec", object: `${where} container ${c}` }));
      });
  }).finally(() => stop?.removeEventListener("abort", onAbort));
  if (!status || execNotRun(status)) throw notRunError(`${where} container ${c}`, command, status);
  return { pod, container: c, command, exitCode: exitCodeOf(status), stdout: out.text, stderr: err.text };
}

export function formatExecResult(r: ExecResult): string {
  return [
    `exec ${r.pod} -c ${r.container} -- ${r.command.join(" ")}`,
    `# exit code ${r.exitCode}`,
    "--- stdout",
    r.stdout.trimEnd(),
    "--- stderr",
    r.stderr.trimEnd(),
  ].join("\n");
}
