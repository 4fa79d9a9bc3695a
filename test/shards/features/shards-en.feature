@epic:Shards
Feature: Shard self-test
  A small suite the shard test (npm run test:shards) runs whole, then as two shards, and
  compares. Not part of the main suite (cucumber.mjs reads features/ only).

  Scenario: kubectl works in the scenario's namespace
    When I run "kubectl get configmap kube-root-ca.crt -o name"
    Then the command succeeds
    And the output contains "configmap/kube-root-ca.crt"

  Scenario: a ConfigMap from a doc string
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: shard-data
      data:
        colour: green
      """
    And I run "kubectl get configmap shard-data -o jsonpath={.data.colour}"
    Then the output contains "green"

  @flaky
  Scenario: passes on its second attempt
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: attempt
      """
    Then this scenario fails on its first attempt

  Scenario: fails on every attempt (not retried: it is not tagged @flaky)
    When I run "kubectl get configmap not-there"
    Then the command succeeds
