Feature: Values carried between steps and brought in from the environment
  `${namespace}`, `${scenario}` and `${run}` are the scenario's own; `${env:NAME}` comes from the
  environment (this suite's runner sets TRY_GO_TAG=try_go unless it is set); `I save … as "x"`
  makes `${x}`. They are filled into step arguments, doc strings and manifest files.

  Scenario: The image tag under test comes from the environment
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: tagged
      spec:
        containers:
          - name: app
            image: registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:${env:TRY_GO_TAG}
            imagePullPolicy: IfNotPresent
      """
    Then the Pod "tagged" is Ready within 60 seconds
    When I run "kubectl get pod tagged -o jsonpath={.spec.containers[0].image}"
    Then the output contains "ali-c317:try_go"

  Scenario: The scenario's namespace in a literal kubectl command
    When I run "kubectl get namespace ${namespace} -o jsonpath={.metadata.name}"
    Then the output matches "^kc-the-scenario-s-names-[0-9a-f]{6}$"
    When I run "kubectl get serviceaccount default --namespace ${namespace} -o name"
    Then the output contains "serviceaccount/default"

  Scenario: A value saved from one object is used in a later manifest and command
    When I apply the manifest "pod-try-go.yaml"
    Then the Pod "go-test" is Ready within 60 seconds
    When I save the JSONPath "{.status.podIP}" of the Pod "go-test" as "pod-ip"
    And I save the JSONPath "{.metadata.uid}" of the Pod "go-test" as "pod-uid"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: seen
      data:
        ip: "${pod-ip}"
        uid: "${pod-uid}"
      """
    And I run "kubectl get configmap seen -o jsonpath={.data.uid}"
    And I save the output as "uid-from-configmap"
    Then the variable "uid-from-configmap" is "${pod-uid}"
    When I run "kubectl get pods --field-selector status.podIP=${pod-ip} -o json"
    And I save the output JSONPath "{.items[0].metadata.name}" as "found"
    Then the variable "found" is "go-test"

  Scenario: Unknown and unset variables, and a capture that matches nothing, are bad input
    Then the step "I run \"kubectl get pods -n ${nope}\"" fails with an error containing "unknown variable $${nope}. Known here: $${namespace}, $${scenario}, $${run}."
    And the step "I run \"kubectl get pods -l tag=${env:KUBECUKE_SURELY_UNSET_VARIABLE}\"" fails with an error containing "environment variable KUBECUKE_SURELY_UNSET_VARIABLE (used as $${env:KUBECUKE_SURELY_UNSET_VARIABLE}) is not set"
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        mode: test
        script: "echo $${HOME}"
      """
    Then the step "I save the JSONPath \"{.data.missing}\" of the ConfigMap \"settings\" as \"x\"" fails with an error containing "save the JSONPath {.data.missing} of ConfigMap/"
    And the step "I save the JSONPath \"{.data.missing}\" of the ConfigMap \"settings\" as \"x\"" fails with an error containing "it matches nothing"
    # $${ is a literal ${
    When I run "kubectl get configmap settings -o jsonpath={.data.script}"
    Then the output contains "echo $${HOME}"
