Feature: The harness changes and deletes only what it created
  Outside its own namespace a scenario may create objects (they are labelled with the run and
  the scenario and deleted after it, by UID), but it never changes an object that existed
  before, unless it is tagged @allow-shared-changes (then the object is put back afterwards).
  Objects made here with a literal kubectl command stand for the user's own: the harness did
  not create them, so it neither changes nor deletes them, and the scenario removes them itself.
  (That the objects created here are gone after the scenario, and that @allow-shared-changes
  restores what it changed, is checked from outside the run: test/providers/ownership.test.ts.)

  Scenario: A ConfigMap that already exists in another namespace is not overwritten
    Given I run "kubectl apply -f -" with input:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kubecuke-ownership-users-cm
        namespace: kube-system
      data:
        owner: team-a
      """
    And the command succeeds
    Then applying the manifest "ownership/users-configmap-kube-system.yaml" fails with an error containing "ownership/users-configmap-kube-system.yaml:1: ConfigMap kube-system/kubecuke-ownership-users-cm exists and was not created by this run; kubecuke will not change it. Rename it, move it into the scenario's namespace"
    When I run "kubectl get configmap kubecuke-ownership-users-cm -n kube-system -o json --show-managed-fields"
    Then the output JSONPath "{.data.owner}" is "team-a"
    And the output contains "\"manager\": \"kubectl-client-side-apply\""
    And the output does not contain "\"manager\": \"kubecuke\""
    When I run "kubectl delete configmap kubecuke-ownership-users-cm -n kube-system"
    Then the command succeeds

  Scenario: A cluster-scoped object that already exists is not overwritten, and the whole manifest stops before anything changes
    Given I run "kubectl apply -f -" with input:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: kubecuke-ownership-users-role
      rules:
        - apiGroups: [""]
          resources: ["configmaps"]
          verbs: ["get"]
      """
    And the command succeeds
    Then applying the manifest "ownership/users-clusterrole.yaml" fails with an error containing "ownership/users-clusterrole.yaml:8: ClusterRole kubecuke-ownership-users-role (cluster-scoped) exists and was not created by this run; kubecuke will not change it."
    When I run "kubectl get clusterrole kubecuke-ownership-users-role -o jsonpath={.rules[0].verbs}"
    Then the output contains "[\"get\"]"
    # the first document of the refused manifest was not applied either
    When I run "kubectl get configmap kubecuke-ownership-before-role --ignore-not-found -o name"
    Then the command succeeds
    And the output does not contain "kubecuke-ownership-before-role"
    When I run "kubectl delete clusterrole kubecuke-ownership-users-role"
    Then the command succeeds

  Scenario: Objects a scenario creates outside its namespace carry its labels and are deleted after it
    When I apply the manifest "ownership/created-outside.yaml"
    And I run "kubectl get clusterrole kubecuke-ownership-created-role -o jsonpath='{.metadata.labels.kubecuke\.io/scenario}'"
    Then the output matches "^kc-objects-a-scenario-c-[0-9a-f]{6}$"
    When I run "kubectl get configmap kubecuke-ownership-created-cm -n kube-public -o jsonpath='{.metadata.labels.app\.kubernetes\.io/managed-by}'"
    Then the output contains "kubecuke"
    # re-applying what the scenario created is allowed: it is the scenario's own
    When I apply the manifest "ownership/created-outside.yaml"
    And I run "kubectl get configmap kubecuke-ownership-created-cm -n kube-public -o jsonpath={.data.created}"
    Then the output contains "by-the-scenario"
