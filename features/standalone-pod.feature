Feature: Standalone Pod (seed: 自主式 Pod)
  A Pod defined directly by a manifest (the seed's pod-try-go.yaml, indentation fixed)
  and handled with the seed's kubectl commands, each run literally in the scenario's namespace.

  Background:
    Given the manifest "pod-try-go.yaml" is in the working directory
    When I run "kubectl apply -f pod-try-go.yaml"
    Then the command succeeds
    And the output contains "pod/go-test created"
    And the Pod "go-test" is Ready within 60 seconds

  @smoke
  Scenario: kubectl get -o wide shows the Pod with a node and an IP
    When I run "kubectl get pod -o wide -l app=go"
    Then the output has a row whose "NAME" is "go-test"
    And in the output row whose "NAME" is "go-test", "STATUS" is "Running"
    And in the output row whose "NAME" is "go-test", "READY" is "1/1"
    And in the output row whose "NAME" is "go-test", "NODE" matches "^[a-z0-9][a-z0-9.-]*$"
    And in the output row whose "NAME" is "go-test", "IP" matches "^\d+\.\d+\.\d+\.\d+$"

  Scenario: Re-applying an edited manifest updates the Pod in place
    When I apply the manifest "pod-try-go-edited.yaml"
    Then the Pod "go-test" has the label "version" set to "v2"
    And the Pod "go-test" has the annotation "kubecuke.io/edited-by" set to "qa"
    When I run "kubectl get pods --show-labels"
    Then in the output row whose "NAME" is "go-test", "LABELS" is "app=go,version=v2"

  Scenario: kubectl logs shows the start line
    Then the logs of the Pod "go-test" contain "try_go listening on :8080" within 30 seconds
    When I run "kubectl logs go-test"
    Then the command succeeds
    And the output contains "try_go listening on :8080"

  Scenario: kubectl exec -it runs a command in the Pod and in its named container
    When I run "kubectl exec -it go-test -- /bin/bash -c 'echo ok'"
    Then the command succeeds
    And the output contains "ok"
    When I run "kubectl exec -it go-test --container=gogogo -- /bin/bash -c 'echo in $HOSTNAME'"
    Then the output contains "in go-test"
    When I run "kubectl exec -it go-test -c gogogo -- /bin/bash -c 'exit 3'"
    Then the exit code is 3

  Scenario: An interactive shell in the Pod, ended with exit
    When I run "kubectl exec -it go-test -- /bin/bash" with input:
      """
      echo "shell in $HOSTNAME"
      exit
      """
    Then the command succeeds
    And the output contains "shell in go-test"

  Scenario: exec through the API checks output and exit code
    When I exec "/bin/bash -c 'echo ok; exit 0'" in the container "gogogo" of the Pod "go-test"
    Then the exec exit code is 0
    And the exec output contains "ok"
    When I exec "/bin/sh -c 'exit 7'" in the Pod "go-test"
    Then the exec exit code is 7

  Scenario: kubectl exec into a container that does not exist fails
    When I run "kubectl exec go-test -c nope -- true"
    Then the command fails
    And the error output contains "container nope is not valid for pod go-test"

  Scenario: kubectl describe shows the Pod's details
    When I run "kubectl describe pods go-test"
    Then the command succeeds
    And the output matches "^Name:\s+go-test$"
    And the output matches "^Namespace:\s+kc-"
    And the output matches "^Node:\s+\S+/\d+\.\d+\.\d+\.\d+$"
    And the output matches "^Labels:\s+app=go$"
    And the output matches "^Status:\s+Running$"
    And the output matches "Image:\s+registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go"
    And the output matches "Port:\s+8080/TCP"
    And the output matches "Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned"

  Scenario: kubectl get pods --show-labels shows app=go
    When I run "kubectl get pods --show-labels"
    Then in the output row whose "NAME" is "go-test", "LABELS" is "app=go"

  Scenario: kubectl delete pods by name, and the Pod is gone
    When I run "kubectl delete pods go-test"
    Then the command succeeds
    And the output contains "pod \"go-test\" deleted"
    And the Pod "go-test" is gone within 30 seconds
    When I run "kubectl get pods"
    Then the output does not contain "go-test"

  Scenario: kubectl delete -f the manifest, and the Pod is gone
    When I run "kubectl delete -f pod-try-go.yaml"
    Then the command succeeds
    And the Pod "go-test" is gone within 30 seconds
