// HTTP checks of a Service or Pod through the API server's proxy: no port-forward, no NodePort.
import { AssertionFailure, BadInputError } from "../engine/errors.ts";
import { describeTarget, httpGetUntil, type HttpTarget } from "../engine/kube/http.ts";
import { jsonPathText } from "../engine/kube/output.ts";
import { stepMs } from "./support/deadline.ts";
import { parseJson } from "./support/expect.ts";
import { GivenWhenThen, step, type StepSpec } from "./support/registry.ts";
import type { KubeWorld } from "./support/world.ts";

const G = "HTTP";

async function get(world: KubeWorld, kind: "Service" | "Pod", name: string, port: number, path: string, status: number, seconds: number): Promise<void> {
  const target: HttpTarget = { kind, namespace: world.ctx.namespace, name, port, path };
  const answer = await httpGetUntil(world.ctx.clients, target, status, stepMs(seconds));
  world.lastHttp = answer;
  world.text(`${describeTarget(target)} → ${answer.status}`, `status ${answer.status} after ${answer.ms} ms\n--- body\n${answer.body}`);
}

function body(world: KubeWorld): string {
  if (!world.lastHttp) throw new BadInputError('no HTTP request has run in this scenario: add a step like When an HTTP GET to the Service "web" port 8080 path "/" returns 200 within 30 seconds');
  return world.lastHttp.body;
}

export const httpSteps: StepSpec[] = [
  step({
    group: G,
    en: GivenWhenThen("an HTTP GET to the Service {string} port {int} path {string} returns {int} within {int} seconds"),
    zh: GivenWhenThen("对 Service {string} 端口 {int} 路径 {string} 的 HTTP GET 在 {int} 秒内返回 {int}"),
    zhOrder: [0, 1, 2, 4, 3],
    doc: "GET through the API server's service proxy (works the same on kind, local and existing clusters), asking again every 250 ms until the status matches. The timeout message gives the last status and says whether the application or the API server answered (e.g. no endpoints yet).",
    example: { en: 'When an HTTP GET to the Service "go-svc" port 8080 path "/" returns 200 within 30 seconds', zh: '当对 Service "go-svc" 端口 8080 路径 "/" 的 HTTP GET 在 30 秒内返回 200' },
    run: async function (this: KubeWorld, name: string, port: number, path: string, status: number, seconds: number) {
      await get(this, "Service", name, port, path, status, seconds);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("an HTTP GET to the Pod {string} port {int} path {string} returns {int} within {int} seconds"),
    zh: GivenWhenThen("对 Pod {string} 端口 {int} 路径 {string} 的 HTTP GET 在 {int} 秒内返回 {int}"),
    zhOrder: [0, 1, 2, 4, 3],
    doc: "Like the Service form, through the API server's pod proxy.",
    example: { en: 'When an HTTP GET to the Pod "go-test" port 8080 path "/" returns 200 within 30 seconds', zh: '当对 Pod "go-test" 端口 8080 路径 "/" 的 HTTP GET 在 30 秒内返回 200' },
    run: async function (this: KubeWorld, name: string, port: number, path: string, status: number, seconds: number) {
      await get(this, "Pod", name, port, path, status, seconds);
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the HTTP response body contains {string}"),
    zh: GivenWhenThen("HTTP 响应体包含 {string}"),
    doc: "The body of the last HTTP answer contains the text.",
    example: { en: 'Then the HTTP response body contains "hello"', zh: '那么 HTTP 响应体包含 "hello"' },
    run: async function (this: KubeWorld, text: string) {
      const b = body(this);
      if (!b.includes(text)) throw new AssertionFailure(`HTTP response body: expected to contain ${JSON.stringify(text)}, last saw ${JSON.stringify(b.slice(0, 500))}`, { expected: text, lastSeen: b.slice(0, 500) });
    },
  }),
  step({
    group: G,
    en: GivenWhenThen("the HTTP response JSON {string} is {string}"),
    zh: GivenWhenThen("HTTP 响应 JSON {string} 为 {string}"),
    doc: "The body of the last HTTP answer is JSON and the JSONPath (kubectl's) evaluates to the text.",
    example: { en: 'Then the HTTP response JSON "{.status}" is "ok"', zh: '那么 HTTP 响应 JSON "{.status}" 为 "ok"' },
    run: async function (this: KubeWorld, path: string, expected: string) {
      const data = parseJson(body(this), `HTTP response JSON ${path}`, "response body");
      const actual = jsonPathText(data, path);
      if (actual !== expected) throw new AssertionFailure(`HTTP response JSON ${path}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(actual)}`, { expected, lastSeen: actual });
    },
  }),
];
