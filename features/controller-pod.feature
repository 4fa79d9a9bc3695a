Feature: Controller-owned Pods (seed: 控制器式 Pod, Deployment)
  A Deployment keeps the number of Pods it asks for: the seed's pod-try-go-controller.yaml,
  indentation fixed, with 2 replicas.

  Background:
    When I apply the manifest "pod-try-go-controller.yaml"
    Then the Deployment "go-controller-test" has 2 ready replicas within 90 seconds

  @smoke
  Scenario: kubectl get deployment shows 2/2
    When I run "kubectl get deployment"
    Then in the output row whose "NAME" is "go-controller-test", "READY" is "2/2"
    And in the output row whose "NAME" is "go-controller-test", "UP-TO-DATE" is "2"
    And in the output row whose "NAME" is "go-controller-test", "AVAILABLE" is "2"

  Scenario: The Pods carry the template's labels and belong to the Deployment's ReplicaSet
    Then the Deployment "go-controller-test" has the selector label "app" set to "app-go"
    When I run "kubectl get pods -l app=app-go -o json"
    Then the output JSONPath "{.items[*].metadata.ownerReferences[0].kind}" is "ReplicaSet ReplicaSet"
    And the output JSONPath "{.items[*].spec.containers[0].name}" is "go-con go-con"

  Scenario: Deleting one Pod brings a replacement with a new UID
    When I delete one Pod of the Deployment "go-controller-test"
    Then a replacement Pod with a new UID brings it back to 2 ready Pods within 60 seconds
    And the Deployment "go-controller-test" has 2 ready replicas within 60 seconds
    When I run "kubectl get deployment go-controller-test"
    Then in the output row whose "NAME" is "go-controller-test", "READY" is "2/2"
