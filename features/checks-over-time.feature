@epic:Assertions
Feature: Checks over time on any resource
  A single check sees one instant; these see every version the watch delivers over a period:
  N seconds from now, the rest of the scenario, or the scenario so far.

  Scenario: An object keeps matching while it stays as it is; a crash-looping Pod is caught at the first version that breaks it
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: test, greeting: 你好}
      """
    Then the ConfigMap "settings" keeps matching for 2 seconds:
      """
      data: {mode: test, greeting: !regex ^你}
      """
    When I apply the manifest "observe/crasher.yaml"
    Then the Pod "crasher" is Ready within 45 seconds
    When the next assertion is expected to fail
    Then the Pod "crasher" keeps matching for 30 seconds:
      """
      status:
        conditions:
          - {type: Ready, status: "True"}
      """
    And the assertion failed with a message containing:
      """
      keep matching Pod/
      /crasher: expected every version to match for 30 s, but at
      did not match, 1 mismatch(es):
      .status: expected "True", saw "False" (no item of status.conditions matches {"type":"Ready","status":"True"}
      """
    When the next assertion is expected to fail
    Then the ConfigMap "nothing" keeps matching for 2 seconds:
      """
      data: {mode: test}
      """
    And the assertion failed with a message containing:
      """
      /nothing: expected every version to match for 2 s, but at
      (after 0
      it did not exist
      """

  Scenario: Throughout the scenario an object always matched, though it changed
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, labels: {app: demo}}
      data: {mode: test}
      """
    Then throughout the scenario, the ConfigMap "settings" always matched:
      """
      metadata: {labels: {app: demo}}
      data: {mode: test}
      """
    When I run "kubectl label configmap settings extra=yes"
    Then the command succeeds
    And the ConfigMap "settings" has the label "extra" set to "yes"

  Scenario: Throughout the scenario: a later version that breaks the check is named, with its time and fields
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: test}
      """
    When the next assertion is expected to fail
    Then throughout the scenario, the ConfigMap "settings" always matched:
      """
      data: {mode: test}
      """
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: production}
      """
    Then the assertion failed with a message containing:
      """
      ConfigMap/${namespace}/settings: expected every version to match from features/checks-over-time.feature:
      to the end of the scenario; at
      did not match, 1 mismatch(es):
      data.mode: expected "test", saw "production"
      """
    When the next assertion is expected to fail
    Then throughout the scenario, the ConfigMap "settings" always matched:
      """
      data: {mode: test}
      """
    And the assertion failed with a message containing:
      """
      ConfigMap/${namespace}/settings: expected it to match from this step on, but the version at the step does not:
      data.mode: expected "test", saw "production"
      """

  Scenario: A Deployment rolled out without ever having fewer ready replicas; scaled down, it had
    When I apply the manifest "pod-try-go-controller.yaml"
    Then the Deployment "go-controller-test" has 2 ready replicas within 90 seconds
    When I apply the manifest "observe/web-v2.yaml"
    Then the Deployment "go-controller-test" rolls out within 120 seconds
    And the Deployment "go-controller-test" never had fewer than 2 ready replicas
    # the rollout's surge Pod may make it 3 for a moment: 4 it never had
    And the step "the Deployment \"go-controller-test\" never had fewer than 4 ready replicas" fails with an error containing "expected never fewer than 4 ready replicas, but it never had 4: at most "
    When I run "kubectl scale deployment go-controller-test --replicas=1"
    Then the command succeeds
    And the deploy "go-controller-test" has 1 ready replicas within 60 seconds
    And the step "the Deployment \"go-controller-test\" never had fewer than 2 ready replicas" fails with an error containing "expected never fewer than 2 ready replicas (from "
    And the step "the Deployment \"go-controller-test\" never had fewer than 2 ready replicas" fails with an error containing "had 1: desired=1"
    And the Deployment "go-controller-test" never had fewer than 1 ready replicas
