Feature: The harness changes and deletes only what it created
  Outside its own namespace a scenario may create objects (they are labelled with the run and
  the scenario and deleted after it, by UID), but it never changes an object that existed
  before, unless it is tagged @allow-shared-changes (then the object is put back afterwards).
  Objects every cluster has (kube-root-ca.crt, the ClusterRole view) stand for the user's own.
  A literal kubectl command acts as the scenario's own ServiceAccount, which may change only the
  scenario's namespace and only read elsewhere; @allow-shared-changes gives it the admin's
  credentials. (That the objects created here are gone after the scenario, that the tag's
  restore puts back what a manifest changed, and that a team's own objects survive literal
  deletes, are checked from outside the run: test/providers/ownership.test.ts.)

  Scenario: A ConfigMap that already exists in another namespace is not overwritten
    # kube-root-ca.crt is in every namespace of every cluster: the run did not create it
    Then applying the manifest "ownership/users-configmap-kube-system.yaml" fails with an error containing "ownership/users-configmap-kube-system.yaml:3: ConfigMap kube-system/kube-root-ca.crt exists and was not created by this run; kubecuke will not change it. Rename it, move it into the scenario's namespace"
    When I run "kubectl get configmap kube-root-ca.crt -n kube-system -o json --show-managed-fields"
    Then the output contains "BEGIN CERTIFICATE"
    And the output does not contain "the-scenario"
    And the output does not contain "\"manager\": \"kubecuke\""

  Scenario: A cluster-scoped object that already exists is not overwritten, and the whole manifest stops before anything changes
    Then applying the manifest "ownership/users-clusterrole.yaml" fails with an error containing "ownership/users-clusterrole.yaml:9: ClusterRole view (cluster-scoped) exists and was not created by this run; kubecuke will not change it."
    When I run "kubectl get clusterrole view -o json --show-managed-fields"
    Then the output does not contain "\"manager\": \"kubecuke\""
    # the first document of the refused manifest was not applied either
    When I run "kubectl get configmap kubecuke-ownership-before-role --ignore-not-found -o name"
    Then the command succeeds
    And the output does not contain "kubecuke-ownership-before-role"

  Scenario: A literal kubectl command may change only the scenario's namespace: deletes elsewhere are refused and delete nothing
    Given I apply the manifest "ownership/elsewhere.yaml"
    When I run "kubectl -n kube-system delete configmap precious-${namespace}"
    Then the command fails
    And the error output contains "cannot delete resource \"configmaps\" in API group \"\" in the namespace \"kube-system\""
    And the error output contains "[kubecuke] kubectl \"kubectl -n kube-system delete configmap precious-${namespace}\": refused by the API server: a scenario's kubectl acts as system:serviceaccount:${namespace}:kubecuke-scenario, which may change only the scenario's namespace (${namespace}) and only read elsewhere. To change another namespace or a cluster-scoped object, tag the scenario @allow-shared-changes"
    When I run "kubectl delete configmap --all -n ${namespace}-team"
    Then the command fails
    And the error output contains "[kubecuke] kubectl \"kubectl delete configmap --all -n ${namespace}-team\": refused by the API server"
    When I run "kubectl delete namespace ${namespace}-team"
    Then the command fails
    And the error output contains "cannot delete resource \"namespaces\""
    # nothing was deleted: reading elsewhere is allowed
    When I run "kubectl get configmap precious-${namespace} -n kube-system -o jsonpath={.data.owner}"
    Then the output contains "team-a"
    When I run "kubectl get configmap team-cm -n ${namespace}-team -o jsonpath={.data.owner}"
    Then the output contains "team-a"
    When I run "kubectl get namespace ${namespace}-team -o jsonpath={.status.phase}"
    Then the output contains "Active"
    # in its own namespace the scenario may do anything
    When I run "kubectl create configmap mine --from-literal=k=v"
    Then the command succeeds
    When I run "kubectl delete configmap mine"
    Then the command succeeds
    # and it may not step around its identity with other credentials
    Then the step "I run \"kubectl --kubeconfig /etc/kubernetes/admin.conf delete namespace ${namespace}-team\"" fails with an error containing "--kubeconfig would replace the scenario's credentials; a scenario's kubectl acts as its own ServiceAccount."

  @allow-shared-changes
  Scenario: With @allow-shared-changes a literal kubectl command acts with the admin's credentials and may delete elsewhere
    Given I apply the manifest "ownership/elsewhere.yaml"
    When I run "kubectl -n kube-system delete configmap precious-${namespace}"
    Then the command succeeds
    When I run "kubectl delete configmap --all -n ${namespace}-team"
    Then the command succeeds
    When I run "kubectl delete namespace ${namespace}-team"
    Then the command succeeds
    When I run "kubectl get configmap precious-${namespace} -n kube-system --ignore-not-found -o name"
    Then the command succeeds
    And the output does not contain "precious"
    When I run "kubectl get namespace ${namespace}-team --ignore-not-found -o name"
    Then the command succeeds
    And the output does not contain "team"

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
