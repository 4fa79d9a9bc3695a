// Hand-written cucumber messages for the documentation's unit tests: one English feature with a
// Background, a passed scenario (kubectl output attached), a failed one, an outline with two rows
// (one retried), and its Chinese twin; ids are short and readable.
import type { Envelope, GherkinDocument, Pickle } from "../../engine/docs/messages.ts";
import type { FeatureSource } from "../../engine/docs/model.ts";

const loc = (line: number) => ({ line, column: 1 });
const step = (id: string, keyword: string, text: string, extra: object = {}) => ({ id, location: loc(1), keyword, text, ...extra });

export const EN_URI = "features/pod.feature";
export const ZH_URI = "features/zh-CN/pod.feature";
export const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";
export const WIDE = "NAME     READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\ngo-test  1/1     Running   0          5s    10.244.0.7   node-1   <none>           <none>";

export const enDocument: GherkinDocument = {
  uri: EN_URI,
  feature: {
    language: "en",
    keyword: "Feature",
    name: "Pods",
    description: "  A Pod from a manifest.\n\n  - first\n  - second",
    tags: [{ name: "@epic:Pods" }],
    children: [
      { background: { id: "bg", keyword: "Background", name: "", description: "", steps: [step("b1", "Given ", 'the manifest "pod.yaml" is applied')] } },
      {
        scenario: {
          id: "s1", location: loc(5), keyword: "Scenario", name: "Get the Pod", description: "  Shows **node** and IP.", tags: [{ name: "@smoke" }],
          steps: [step("s1a", "When ", 'I run "kubectl get pod -o wide"'), step("s1b", "Then ", "the command succeeds")],
        },
      },
      {
        scenario: {
          id: "s2", location: loc(9), keyword: "Scenario", name: "Get the Pod", description: "", tags: [],
          steps: [step("s2a", "When ", "I apply the manifest:", { docString: { content: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x" } }), step("s2b", "Then ", 'the Pod "x" is Ready within 5 seconds')],
        },
      },
      {
        scenario: {
          id: "s3", location: loc(15), keyword: "Scenario Outline", name: "Echo <word>", description: "", tags: [],
          steps: [step("s3a", "When ", 'I exec "echo <word>"')],
          examples: [{ id: "ex", name: "", keyword: "Examples", tableHeader: { id: "h", cells: [{ value: "word" }] }, tableBody: [{ id: "r1", cells: [{ value: "hi" }] }, { id: "r2", cells: [{ value: "ho" }] }] }],
        },
      },
      { scenario: { id: "s4", location: loc(20), keyword: "Scenario", name: "Never run", description: "", tags: [], steps: [step("s4a", "When ", 'I run "kubectl version"')] } },
    ],
  },
};

const bgStep = (id: string) => ({ id, text: 'the manifest "pod.yaml" is applied', astNodeIds: ["b1"] });
export const enPickles: Pickle[] = [
  { id: "p1", uri: EN_URI, name: "Get the Pod", astNodeIds: ["s1"], steps: [bgStep("p1b"), { id: "p1a", text: 'I run "kubectl get pod -o wide"', astNodeIds: ["s1a"] }, { id: "p1c", text: "the command succeeds", astNodeIds: ["s1b"] }] },
  {
    id: "p2", uri: EN_URI, name: "Get the Pod", astNodeIds: ["s2"],
    steps: [bgStep("p2b"), { id: "p2a", text: "I apply the manifest:", astNodeIds: ["s2a"], argument: { docString: { content: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x" } } }, { id: "p2c", text: 'the Pod "x" is Ready within 5 seconds', astNodeIds: ["s2b"] }],
  },
  { id: "p3", uri: EN_URI, name: "Echo hi", astNodeIds: ["s3", "r1"], steps: [bgStep("p3b"), { id: "p3a", text: 'I exec "echo hi"', astNodeIds: ["s3a", "r1"] }] },
  { id: "p4", uri: EN_URI, name: "Echo ho", astNodeIds: ["s3", "r2"], steps: [bgStep("p4b"), { id: "p4a", text: 'I exec "echo ho"', astNodeIds: ["s3a", "r2"] }] },
  { id: "p5", uri: EN_URI, name: "Never run", astNodeIds: ["s4"], steps: [bgStep("p5b"), { id: "p5a", text: 'I run "kubectl version"', astNodeIds: ["s4a"] }] },
];

export const zhDocument: GherkinDocument = {
  uri: ZH_URI,
  feature: {
    language: "zh-CN", keyword: "功能", name: "Pod 教程", description: "  教程的说明：为什么要\n  这样做。", tags: [],
    children: [{ scenario: { id: "z1", location: loc(3), keyword: "场景", name: "查看 Pod", description: "", tags: [], steps: [step("z1a", "当", '我执行 "kubectl get pod -o wide"')] } }],
  },
};
export const zhPickles: Pickle[] = [{ id: "q1", uri: ZH_URI, name: "查看 Pod", astNodeIds: ["z1"], steps: [{ id: "q1a", text: '我执行 "kubectl get pod -o wide"', astNodeIds: ["z1a"] }] }];

const ts = (seconds: number) => ({ seconds, nanos: 0 });
const passed = { status: "PASSED", duration: ts(1) };
const finished = (tcs: string, stepId: string, testStepResult: object) => ({ testStepFinished: { testCaseStartedId: tcs, testStepId: stepId, testStepResult } });
const attach = (tcs: string, stepId: string, fileName: string, body: string, mediaType = "text/plain", contentEncoding = "IDENTITY") => ({ attachment: { testCaseStartedId: tcs, testStepId: stepId, fileName, body, mediaType, contentEncoding } });

/** A run of the English feature's first three scenarios and the Chinese one; "Never run" was not selected. */
export function runEnvelopes(): Envelope[] {
  const e: object[] = [
    { meta: { implementation: { name: "cucumber-js", version: "12.9.0" } } },
    { source: { uri: EN_URI, data: "…" } },
    { gherkinDocument: enDocument },
    ...enPickles.slice(0, 4).map((pickle) => ({ pickle })),
    { source: { uri: ZH_URI, data: "…" } },
    { gherkinDocument: zhDocument },
    { pickle: zhPickles[0] },
    { hook: { id: "h1", name: "scenario namespace" } },
    { hook: { id: "h2", name: "failure diagnostics, timeline and cleanup" } },
    { testRunStarted: { timestamp: ts(1_796_546_758) } },
    { testCase: { id: "c1", pickleId: "p1", testSteps: [{ id: "t1h", hookId: "h1" }, { id: "t1b", pickleStepId: "p1b" }, { id: "t1a", pickleStepId: "p1a" }, { id: "t1c", pickleStepId: "p1c" }] } },
    { testCase: { id: "c2", pickleId: "p2", testSteps: [{ id: "t2b", pickleStepId: "p2b" }, { id: "t2a", pickleStepId: "p2a" }, { id: "t2c", pickleStepId: "p2c" }, { id: "t2h", hookId: "h2" }] } },
    { testCase: { id: "c3", pickleId: "p3", testSteps: [{ id: "t3b", pickleStepId: "p3b" }, { id: "t3a", pickleStepId: "p3a" }] } },
    { testCase: { id: "c4", pickleId: "p4", testSteps: [{ id: "t4b", pickleStepId: "p4b" }, { id: "t4a", pickleStepId: "p4a" }] } },
    { testCase: { id: "cz", pickleId: "q1", testSteps: [{ id: "tza", pickleStepId: "q1a" }] } },
    // c1: passed, kubectl output attached (plus Allure's runtime message, which is not output)
    { testCaseStarted: { id: "r1", testCaseId: "c1", attempt: 0 } },
    finished("r1", "t1h", passed),
    attach("r1", "t1h", "", '{"type":"metadata"}', "application/vnd.allure.message+json"),
    finished("r1", "t1b", passed),
    finished("r1", "t1a", passed),
    attach("r1", "t1a", "kubectl get pod -o wide", `$ kubectl get pod -o wide\nexit code: 0\n--- stdout\n${WIDE}`),
    attach("r1", "t1a", "long output", Buffer.from(Array.from({ length: 40 }, (_, i) => `line ${i} token: ${TOKEN}`).join("\n")).toString("base64"), "text/plain", "BASE64"),
    finished("r1", "t1c", passed),
    { testCaseFinished: { testCaseStartedId: "r1" } },
    // c2: the wait fails, its message quotes a token; the After hook attaches diagnostics
    { testCaseStarted: { id: "r2", testCaseId: "c2", attempt: 0 } },
    finished("r2", "t2b", passed),
    finished("r2", "t2a", passed),
    finished("r2", "t2c", { status: "FAILED", message: `KubecukeTimeoutError: wait Pod/kc-1/x: expected Ready, last saw Pending (after 5 s) Bearer ${TOKEN}\n    at wait (engine/wait/waits.ts:1:1)`, exception: { type: "KubecukeTimeoutError", message: `wait Pod/kc-1/x: expected Ready, last saw Pending (after 5 s) Bearer ${TOKEN}` } }),
    finished("r2", "t2h", passed),
    attach("r2", "t2h", "events pod/x", "Warning  FailedScheduling"),
    { testCaseFinished: { testCaseStartedId: "r2" } },
    // c3: failed, then passed on a retry
    { testCaseStarted: { id: "r3a", testCaseId: "c3", attempt: 0 } },
    finished("r3a", "t3b", passed),
    finished("r3a", "t3a", { status: "FAILED", message: "boom" }),
    { testCaseFinished: { testCaseStartedId: "r3a", willBeRetried: true } },
    { testCaseStarted: { id: "r3b", testCaseId: "c3", attempt: 1 } },
    finished("r3b", "t3b", passed),
    finished("r3b", "t3a", passed),
    attach("r3b", "t3a", "exec echo hi", "hi"),
    { testCaseFinished: { testCaseStartedId: "r3b" } },
    { testCaseStarted: { id: "r4", testCaseId: "c4", attempt: 0 } },
    finished("r4", "t4b", passed),
    finished("r4", "t4a", passed),
    { testCaseFinished: { testCaseStartedId: "r4" } },
    { testCaseStarted: { id: "rz", testCaseId: "cz", attempt: 0 } },
    finished("rz", "tza", passed),
    attach("rz", "tza", "kubectl get pod -o wide", WIDE),
    { testCaseFinished: { testCaseStartedId: "rz" } },
    { testRunFinished: { success: false, timestamp: ts(1_796_546_800) } },
  ];
  return e as Envelope[];
}

/** Parsed again, a file's pickles get new ids: the join must go by content, not by id. */
const reparsed = (ps: Pickle[]): Pickle[] => ps.map((p) => ({ ...p, id: `now-${p.id}`, steps: p.steps.map((st) => ({ ...st, id: `now-${st.id}` })) }));

/** The feature files as they are now (the engine's input besides the run). */
export function currentSources(): FeatureSource[] {
  return [
    { uri: EN_URI, document: enDocument, pickles: reparsed(enPickles) },
    { uri: ZH_URI, document: zhDocument, pickles: reparsed(zhPickles) },
  ];
}
