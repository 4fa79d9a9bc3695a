// The World: handles only (scenario context, last results, what a delete step removed, what the
// next assertion is expected to do) and the one way steps report what they did. Everything a
// scenario's steps leave for later steps or for its end lives here, on the scenario's own World
// (cucumber makes one per scenario), never in a module of steps/. cucumber's World's members
// (parameters, attach, log, link) with its signatures, but everything attached or logged is
// redacted first (attach.ts); not cucumber's World base class, whose index signature would let
// any typo through.
import type { IWorldOptions } from "@cucumber/cucumber";
import { BadInputError, HarnessError } from "../../engine/errors.ts";
import type { KubeClients } from "../../engine/kube/client.ts";
import type { ExecResult } from "../../engine/kube/exec.ts";
import type { HttpAnswer } from "../../engine/kube/http.ts";
import type { KubectlResult } from "../../engine/kube/kubectl.ts";
import type { Attachment } from "../../engine/report/attachment.ts";
import { redact } from "../../engine/report/redact.ts";
import { failFastSettings } from "../../engine/settings/env.ts";
import { toReportAttachment, type AttachOptions } from "./attach.ts";
import type { Invariant } from "../../engine/assert/over-time.ts";
import type { ScenarioContext } from "../../engine/scenario/context.ts";
import type { WaitEnv } from "../../engine/wait/waits.ts";

/** The limit of a scenario's steps that name no time (its @step-timeout:N tag, steps/support/deadline.ts). */
export interface StepLimit {
  ms: number;
  why: string;
}

/** A check from a step to the end of the scenario ("throughout the scenario, …"), judged at its end (checks-at-end.ts, called by the After hook in hooks.ts). */
export interface CheckToTheEnd {
  check: Invariant;
  /** `features/x.feature:12`: where it started, for its message. */
  from: string;
  /** "the next assertion is expected to fail" came before it: it must break. */
  expectBreak: boolean;
}

/**
 * "the next assertion is expected to fail" (assert.steps.ts): pending until the next assertion
 * ran; then the message it failed with, or, for a check over the rest of the scenario, how to
 * get its failure once it has come.
 */
export interface ExpectedFailure {
  pending: boolean;
  message?: string;
  later?: () => Promise<string | undefined>;
}

/** A Pod a step deleted, so a later step can look for its replacement. */
export interface DeletedPod {
  name: string;
  uid: string;
  /** The workload that owns it, when deleted through "one Pod of the …". */
  owner?: { kind: string; name: string; selector: string; replicas: number };
}

/** KUBECUKE_FAIL_FAST*, read once per worker (the runner set them before starting cucumber). */
const FAIL_FAST = failFastSettings();

/**
 * Steps type `this: KubeWorld`; a team's own World may extend it (registered with
 * setWorldConstructor after kubecuke's steps). Parameters: cucumber's worldParameters (the
 * profile's, merged with --world-parameters), typed by the team.
 */
export class KubeWorld<Parameters = Record<string, unknown>> {
  scenario?: ScenarioContext;
  lastKubectl?: KubectlResult;
  /** False until a step has checked the exit code or output of lastKubectl. */
  lastKubectlChecked = true;
  lastExec?: ExecResult;
  deletedPod?: DeletedPod;
  /** The step running now (set by the BeforeStep hook): its text, `file:line` and its doc string's opening line, for messages. */
  currentStep?: { text: string; where: string; docStringLine?: number };
  /** A @step-timeout:N tag's limit for this scenario's steps that name no time (support/deadline.ts). */
  stepLimit?: StepLimit;
  /** The last HTTP answer, for checks of its body. */
  lastHttp?: HttpAnswer;
  /** Set by "the next assertion is expected to fail"; read by the next assertion and by "the assertion failed with …". */
  expectedFailure?: ExpectedFailure;
  /** Checks over the rest of the scenario, judged when it ends (before cleanup). */
  readonly checksToTheEnd: CheckToTheEnd[] = [];
  /** Set by "I act as the ServiceAccount …": waits, exec and logs then use these clients. */
  actingAs?: { serviceAccount: string; clients: KubeClients };
  /** cucumber's world parameters: the profile's `worldParameters` merged with `--world-parameters` (kubecuke's own settings under `kubecuke`). */
  readonly parameters: Parameters;
  private readonly raw: Pick<IWorldOptions, "attach" | "log" | "link">;

  constructor(options: IWorldOptions<Parameters>) {
    this.raw = { attach: options.attach, log: options.log, link: options.link };
    this.parameters = options.parameters;
  }

  get ctx(): ScenarioContext {
    if (!this.scenario) throw new HarnessError("no scenario context: the Before hook did not create one (see its error above)");
    return this.scenario;
  }

  /** The clients reads go through: the scenario's own (its ServiceAccount, or the admin under @allow-shared-changes), or the ServiceAccount acted as. */
  get kube(): KubeClients {
    return this.actingAs?.clients ?? this.ctx.clients;
  }

  get env(): WaitEnv {
    return { clients: this.kube, namespace: this.ctx.namespace, timeline: this.ctx.timeline, failFast: FAIL_FAST };
  }

  /**
   * Everything a step shows in the report goes through here, redacted: cucumber's forms
   * (`attach(text)`, `attach(text, "text/plain")`, `attach(text | buffer, { mediaType, fileName })`,
   * `attach(buffer, "image/png")`) and kubecuke's `attach({ name, contentType, body })`.
   */
  attach(data: Attachment | string | Buffer, mediaTypeOrOptions?: string | AttachOptions): void {
    const a = toReportAttachment(data, mediaTypeOrOptions);
    void (typeof a.data === "string" ? this.raw.attach(a.data, a.options) : this.raw.attach(a.data, a.options));
  }

  /** cucumber's log: a line of text with the step in the report, redacted. */
  log(text: string): void {
    void this.raw.log(redact(text));
  }

  /** cucumber's link: URLs shown with the step. */
  link(...urls: string[]): void {
    void (this.raw.link as (...u: string[]) => void)(...urls);
  }

  text(name: string, body: string): void {
    this.attach({ name, contentType: "text/plain", body });
  }

  get kubectlResult(): KubectlResult {
    if (!this.lastKubectl) throw new BadInputError('no kubectl command has run in this scenario: add a step like When I run "kubectl get pods"');
    this.lastKubectlChecked = true;
    return this.lastKubectl;
  }

  get execResult(): ExecResult {
    if (!this.lastExec) throw new BadInputError('no exec has run in this scenario: add a step like When I exec "echo ok" in the Pod "go-test"');
    return this.lastExec;
  }
}
