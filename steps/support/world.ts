// The World: handles only (scenario context, last results, what a delete step removed) and the
// one way steps report what they did. Not cucumber's World base class: its `attach` takes raw
// data, ours takes an Attachment and always redacts it.
import type { IWorldOptions } from "@cucumber/cucumber";
import { BadInputError, HarnessError } from "../../engine/errors.ts";
import type { KubeClients } from "../../engine/kube/client.ts";
import type { ExecResult } from "../../engine/kube/exec.ts";
import type { HttpAnswer } from "../../engine/kube/http.ts";
import type { KubectlResult } from "../../engine/kube/kubectl.ts";
import type { Attachment } from "../../engine/report/attachment.ts";
import { redact } from "../../engine/report/redact.ts";
import { failFastSettings } from "../../engine/settings/env.ts";
import type { Invariant } from "../../engine/assert/over-time.ts";
import type { ScenarioContext } from "../../engine/scenario/context.ts";
import type { WaitEnv } from "../../engine/wait/waits.ts";

/** allure-js-commons' runtime messages (ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE). */
const ALLURE_RUNTIME_MESSAGE = "application/vnd.allure.message+json";

/** The limit of a scenario's steps that name no time (its @step-timeout:N tag, steps/support/deadline.ts). */
export interface StepLimit {
  ms: number;
  why: string;
}

/** A check from a step to the end of the scenario ("throughout the scenario, …"), judged by checks-at-end.ts. */
export interface CheckToTheEnd {
  check: Invariant;
  /** `features/x.feature:12`: where it started, for its message. */
  from: string;
  /** "the next assertion is expected to fail" came before it: it must break. */
  expectBreak: boolean;
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

export class KubeWorld {
  scenario?: ScenarioContext;
  lastKubectl?: KubectlResult;
  /** False until a step has checked the exit code or output of lastKubectl. */
  lastKubectlChecked = true;
  lastExec?: ExecResult;
  deletedPod?: DeletedPod;
  /** The step running now (set by the BeforeStep hook): its text and `file:line`, for messages. */
  currentStep?: { text: string; where: string };
  /** A @step-timeout:N tag's limit for this scenario's steps that name no time (support/deadline.ts). */
  stepLimit?: StepLimit;
  /** The last HTTP answer, for checks of its body. */
  lastHttp?: HttpAnswer;
  /** Checks over the rest of the scenario, judged when it ends (before cleanup). */
  readonly checksToTheEnd: CheckToTheEnd[] = [];
  /** Set by "I act as the ServiceAccount …": waits, exec and logs then use these clients. */
  actingAs?: { serviceAccount: string; clients: KubeClients };
  private readonly rawAttach: IWorldOptions["attach"];
  readonly log: IWorldOptions["log"];

  constructor(options: IWorldOptions) {
    this.rawAttach = options.attach;
    this.log = options.log;
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
   * Everything a step shows in the report goes through here, redacted. The (string, media
   * type) form exists for one caller: allure-js-commons' runtime (`allure.parameter` in the
   * hooks), which talks to the Allure formatter through cucumber's attach; nothing else may use it.
   */
  attach(a: Attachment | string, mediaType?: string): void {
    if (typeof a === "string") {
      if (mediaType !== ALLURE_RUNTIME_MESSAGE) throw new HarnessError(`attach(string, ${mediaType}): steps attach an Attachment ({ name, contentType, body })`);
      void this.rawAttach(a, mediaType);
      return;
    }
    void this.rawAttach(redact(a.body), { mediaType: a.contentType, fileName: withExtension(a.name, a.contentType) });
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

/** Allure types YAML and JSON attachments by the file name's extension, not the media type. */
function withExtension(name: string, contentType: string): string {
  const ext = { "application/yaml": ".yaml", "application/json": ".json" }[contentType];
  return ext && !/\.[a-z0-9]{1,5}$/i.test(name) ? `${name}${ext}` : name;
}
