@epic:Reports
Feature: Hook failures in the report
  Scenarios the hook-failure report test runs on purpose: each fails in a hook, not in a step.
  Not part of the main suite (cucumber.mjs reads features/ only).

  Scenario: a check throughout the scenario broken after the last step
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: test}
      """
    And throughout the scenario, the ConfigMap "settings" always matched:
      """
      data: {mode: test}
      """
    When I run "kubectl patch configmap settings --type merge -p '{\"data\":{\"mode\":\"prod\"}}'"
    Then the command succeeds

  Scenario: an unset environment variable fails the scenario before the cluster
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: tagged}
      data: {tag: "${env:KUBECUKE_HOOK_TEST_UNSET}"}
      """
