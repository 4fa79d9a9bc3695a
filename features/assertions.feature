@epic:Assertions
Feature: Declarative assertions on any resource
  A YAML document says which fields must hold; the step watches until they do. Maps match as
  subsets, lists contain the items in any order, and a failure lists every mismatch.

  Scenario: A custom resource is matched field by field once its CRD is Established
    When I apply the manifest "crd-widget.yaml"
    Then the CustomResourceDefinition "widgets.kubecuke.example.com" matches within 30 seconds:
      """
      spec:
        scope: Namespaced
      status:
        conditions:
          - type: Established
            status: "True"
      """
    When I apply the manifest "widget-blue.yaml"
    Then the Widget "blue" matches within 10 seconds:
      """
      metadata:
        labels: {app: widgets}
        deletionTimestamp: !absent
      spec:
        size: !ge 2
        color: 蓝色
        名称: 小部件
        tags: [c, a]
      status:
        observedGeneration: !present
        conditions:
          - type: Ready
            reason: !regex ^Warm
      """
    And the widgets.kubecuke.example.com "blue" matches within 5 seconds:
      """
      spec: {tags: !exact [a, b, c]}
      """
    And the kubecuke.example.com/v1/Widget "blue" does not match:
      """
      status:
        conditions:
          - type: Ready
            status: "True"
      """
    When the next assertion is expected to fail
    Then the wdg "blue" matches within 2 seconds:
      """
      spec:
        size: 5
        color: "蓝色"
        tags: !exact [c, b, a]
      status:
        conditions:
          - type: Ready
            status: True
      """
    And the assertion failed with a message containing:
      """
      match Widget/
      /blue: expected it to exist and match within 2 s, last saw 4 mismatch(es) (after 2
      spec.size: expected 5, last saw 3
      spec.tags[0]: expected "c", last saw "a"
      spec.tags[2]: expected "a", last saw "c"
      status.conditions[1].status: expected true, last saw "False" (no item of status.conditions matches {"type":"Ready","status":true}; the closest is [1])
      """
    And the JSONPath "{.status.conditions[?(@.type=='Ready')].reason}" of the Widget "blue" is "Warming" within 5 seconds
    When the next assertion is expected to fail
    Then the JSONPath "{.spec.tags[*]}" of the Widget "blue" is "a b" within 1 seconds
    And the assertion failed with a message containing:
      """
      /blue {.spec.tags[*]}: expected "a b", last saw "a b c" (after 1
      """
    When the next assertion is expected to fail
    Then the Widgte "blue" does not exist
    And the assertion failed with a message containing:
      """
      unknown kind "Widgte": the cluster serves no kind, resource or short name "Widgte"; closest: Widget (kubecuke.example.com/v1/Widget, widgets.kubecuke.example.com)
      """

  Scenario: A Pod is watched until it is Running and Ready, and a failure says what was last seen
    When I apply the manifest "client-busybox.yaml"
    Then the Pod "client" matches within 60 seconds:
      """
      status:
        phase: Running
        conditions:
          - {type: Ready, status: "True"}
          - {type: PodScheduled, status: "True"}
        containerStatuses:
          - name: client
            ready: true
            restartCount: !lt 1
      """
    When the next assertion is expected to fail
    Then the Pod "nobody" matches within 1 seconds:
      """
      status: {phase: Running}
      """
    And the assertion failed with a message containing:
      """
      /nobody: expected it to exist and match within 1 s, last saw no Pod named "nobody" in the namespace
      (it has client)
      """

  Scenario: ConfigMaps by label selector: every one, exactly N, at least N, and none left
    When I apply the manifest:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: one, labels: {app: assert-demo}}
      data: {mode: test, replicas: "3", greeting: 你好，世界}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: two, labels: {app: assert-demo}}
      data: {mode: production, replicas: "3"}
      """
    Then every ConfigMap with labels "app=assert-demo" matches within 10 seconds:
      """
      data: {replicas: "3"}
      """
    And exactly 1 configmaps with labels "app=assert-demo" match within 10 seconds:
      """
      data: {greeting: !regex ^你好}
      """
    And at least 2 cm with labels "app=assert-demo" match within 10 seconds:
      """
      metadata: {name: !regex "^(one|two)$"}
      """
    And the ConfigMap "three" does not exist
    And the step "the ConfigMapp \"three\" does not exist" fails with an error containing "closest: ConfigMap (v1/ConfigMap, configmaps)"
    When the next assertion is expected to fail
    Then every ConfigMap with labels "app=assert-demo" matches within 2 seconds:
      """
      data:
        mode: test
        replicas: 3
      """
    And the assertion failed with a message containing:
      """
      match ConfigMap with labels app=assert-demo in the namespace
      expected every one (and at least one) to match, last saw 2 with these labels, 0 matching (after 2
      one:
      data.replicas: expected 3, last saw "3" (YAML reads an unquoted 3 as a number, but the field holds a string: write "3" in quotes)
      two:
      data.mode: expected "test", last saw "production"
      """
    When the next assertion is expected to fail
    Then the ConfigMap "one" does not exist
    And the assertion failed with a message containing:
      """
      expected it not to exist, last saw it (uid
      """
    When the next assertion is expected to fail
    Then every ConfigMap with labels "app in (assert-demo" matches within 1 seconds:
      """
      data: {mode: test}
      """
    And the assertion failed with a message containing:
      """
      label selector "app in (assert-demo":
      write key=value, key!=value, key in (a,b), key or !key, separated by commas
      """
    When I run "kubectl delete configmap one two"
    Then no ConfigMap with labels "app=assert-demo" exists within 30 seconds
    When the next assertion is expected to fail
    Then exactly 1 ConfigMap with labels "app=assert-demo" match within 1 seconds:
      """
      data: {mode: test}
      """
    And the assertion failed with a message containing:
      """
      expected exactly 1 to match, last saw no ConfigMap with these labels
      """
