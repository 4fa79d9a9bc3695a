Feature: A Pod from the command line (seed: 通过命令行创建 Pod)
  No manifest: `kubectl run` creates the Pod, with the image, the port and the image pull policy
  on the command line.

  Scenario: kubectl run with image, port and pull policy
    When I run "kubectl run go-test --image=registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go --port=8080 --image-pull-policy='IfNotPresent'"
    Then the command succeeds
    And the output contains "pod/go-test created"
    And the Pod "go-test" is Ready within 60 seconds
    When I run "kubectl get pod go-test -o json"
    Then the output JSONPath "{.spec.containers[0].image}" is "registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go"
    And the output JSONPath "{.spec.containers[0].ports[0].containerPort}" is "8080"
    And the output JSONPath "{.spec.containers[0].imagePullPolicy}" is "IfNotPresent"
    And the output JSONPath "{.metadata.labels.run}" is "go-test"
    And the logs of the Pod "go-test" contain "try_go listening on :8080" within 30 seconds
