// A minimal Language Server Protocol client over stdio (JSON-RPC with Content-Length framing):
// enough to drive the Cucumber language server the way VS Code does, without VS Code.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

type Json = Record<string, unknown>;
type Handler = (params: unknown) => unknown;

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private readonly requestHandlers = new Map<string, Handler>();
  private readonly listeners: Array<(method: string, params: unknown) => void> = [];
  private readonly waiters = new Set<(e: Error) => void>();
  /** Everything the server logged (window/logMessage) and wrote to stderr, for failure messages. */
  readonly log: string[] = [];

  constructor(command: string, args: string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (d: Buffer) => this.onData(d));
    this.child.stderr.on("data", (d: Buffer) => this.log.push(d.toString()));
    this.child.on("exit", (code, signal) => {
      const gone = (what: string) => new Error(`language server exited (${code ?? signal}) before ${what}; its log:\n${this.log.join("\n")}`);
      for (const p of this.pending.values()) p.reject(gone(`answering ${p.method}`));
      for (const w of this.waiters) w(gone("the notification awaited"));
      this.pending.clear();
      this.waiters.clear();
    });
    this.onNotification((method, params) => {
      if (method === "window/logMessage") this.log.push((params as { message: string }).message);
    });
  }

  /** Answer requests the server sends to the client (workspace/configuration, client/registerCapability). */
  handle(method: string, handler: Handler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(listener: (method: string, params: unknown) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves with the first notification of that method whose params satisfy the predicate. */
  waitFor<T>(method: string, predicate: (params: T) => boolean, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`no ${method} from the language server within ${timeoutMs} ms; its log:\n${this.log.join("\n")}`)), timeoutMs);
      this.waiters.add(fail);
      this.onNotification((m, p) => {
        if (m === method && predicate(p as T) && this.waiters.delete(fail)) {
          clearTimeout(timer);
          resolve(p as T);
        }
      });
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: "2.0", id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method }));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: "2.0", method, params });
  }

  close(): void {
    this.child.kill();
  }

  private send(message: Json): void {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  private onData(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8")) as Json;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(m: Json): void {
    const method = typeof m.method === "string" ? m.method : undefined;
    if (method && m.id !== undefined) {
      // a request from the server: answer it, with null when we have nothing to say
      const handler = this.requestHandlers.get(method);
      this.send({ jsonrpc: "2.0", id: m.id, result: handler ? handler(m.params) : null });
    } else if (method) {
      for (const l of this.listeners) l(method, m.params);
    } else if (typeof m.id === "number") {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${p.method}: ${JSON.stringify(m.error)}`));
      else p?.resolve(m.result);
    }
  }
}
