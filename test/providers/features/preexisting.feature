# Run only by test/providers/ownership.test.ts, which creates the objects named here before the
# run (they stand for a team's own objects on a shared cluster) and checks them after it.
Feature: Objects that existed before the run

  Scenario: A team's ConfigMap in kube-system is not overwritten
    Then applying the manifest "provider-tests/configmap.yaml" fails with an error containing "ConfigMap kube-system/kubecuke-test-precious exists and was not created by this run; kubecuke will not change it"

  Scenario: A team's ClusterRole is not overwritten
    Then applying the manifest "provider-tests/clusterrole.yaml" fails with an error containing "ClusterRole kubecuke-test-precious (cluster-scoped) exists and was not created by this run"

  @allow-shared-changes
  Scenario: With @allow-shared-changes a team's ConfigMap may be changed, and is put back afterwards
    When I apply the manifest "provider-tests/shared.yaml"
    And I run "kubectl get configmap kubecuke-test-shared -n kube-public -o jsonpath={.data.mode}"
    Then the output contains "test"

  @keep-namespace
  Scenario: With @keep-namespace an object in default is created by the scenario and deleted after it
    When I apply the manifest "provider-tests/in-default.yaml"
    And I run "kubectl get configmap kubecuke-test-in-default -n default -o jsonpath={.data.made}"
    Then the output contains "here"

  Scenario: A literal kubectl may not delete a team's objects: in kube-system, in another namespace, or the namespace itself
    When I run "kubectl -n kube-system delete configmap kubecuke-test-precious"
    Then the command fails
    And the error output contains "[kubecuke] kubectl \"kubectl -n kube-system delete configmap kubecuke-test-precious\": refused by the API server"
    And the error output contains "tag the scenario @allow-shared-changes"
    When I run "kubectl delete configmap --all -n kubecuke-test-team-prod"
    Then the command fails
    And the error output contains "refused by the API server"
    When I run "kubectl delete namespace kubecuke-test-team-prod"
    Then the command fails
    And the error output contains "refused by the API server"

  @allow-shared-changes
  Scenario: With @allow-shared-changes a literal kubectl may delete a team's objects (not restored: the test made them to be deleted)
    When I run "kubectl -n kube-system delete configmap kubecuke-test-deletable"
    Then the command succeeds
    When I run "kubectl delete namespace kubecuke-test-team-gone --wait=false"
    Then the command succeeds
