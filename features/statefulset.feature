Feature: StatefulSet (seed: 常见的管理 Pod 的控制器 — Statefulset)

  Scenario: Ordinal names, and the same identity after a Pod is deleted
    When I apply the manifest "statefulset-web.yaml"
    Then the StatefulSet "web" has 2 ready replicas within 120 seconds
    When I run "kubectl get pods -l app=web"
    Then the output has a row whose "NAME" is "web-0"
    And the output has a row whose "NAME" is "web-1"
    When I delete the Pod "web-0"
    Then the Pod "web-0" comes back with a new UID within 60 seconds
    And the StatefulSet "web" has 2 ready replicas within 60 seconds
