Feature: How a Pod is created (seed: 创建 Pod 的流程)
  kubectl submits the Pod to the API server, which stores it (step 1); the scheduler binds it
  to a node (step 2); the kubelet creates and starts its containers (step 3) and reports the
  Pod's status back (step 4). The scenario's watch starts before the apply and records it all.

  Scenario: From submission to Ready, in order
    Given the manifest "pod-try-go.yaml" is in the working directory
    When I run "kubectl apply -f pod-try-go.yaml"
    Then the command succeeds
    And the Pod "go-test" is Ready within 60 seconds
    And the Pod "go-test" was first stored without a node
    And "default-scheduler" then bound the Pod "go-test" to a node
    And the kubelet then created and started the container "gogogo" of the Pod "go-test"
    And the conditions of the Pod "go-test" became True in this order:
      | PodScheduled    |
      | Initialized     |
      | ContainersReady |
      | Ready           |

  Scenario: kubectl finds the API server, user and namespace in the kubeconfig
    When I run "kubectl config view --minify"
    Then the command succeeds
    And the output matches "server: https://"
    And the output matches "namespace: kc-"
    And the output matches "user: \S+"
