Feature: Rollouts, events, containers and checks over time

  Scenario: Re-applying a changed Deployment rolls it out, and the old Pods go
    When I apply the manifest "pod-try-go-controller.yaml"
    Then the Deployment "go-controller-test" rolls out within 90 seconds
    When I apply the manifest "observe/web-v2.yaml"
    Then the Deployment "go-controller-test" rolls out within 120 seconds
    And an event with reason "ScalingReplicaSet" is recorded for the Deployment "go-controller-test" within 30 seconds
    When I run "kubectl get pods -l app=app-go -o jsonpath={.items[*].spec.containers[0].env[0].value}"
    Then the output matches "^v2 v2$"

  Scenario: A rollout whose new Pod cannot start fails at once, naming the Pod and why
    When I apply the manifest "pod-try-go-controller.yaml"
    Then the Deployment "go-controller-test" rolls out within 90 seconds
    When I apply the manifest "observe/web-broken.yaml"
    Then the step "the Deployment \"go-controller-test\" rolls out within 120 seconds" fails with an error containing "but it cannot happen: Pod go-controller-test-"
    And the step "the Deployment \"go-controller-test\" rolls out within 120 seconds" fails with an error containing "container go-con: ErrImageNeverPull"

  Scenario: A crash-looping Pod passes "is Ready" once, and the checks over time catch it
    When I apply the manifest "observe/crasher.yaml"
    # Ready for an instant: a single check cannot tell
    Then the Pod "crasher" is Ready within 45 seconds
    And the container "app" of the Pod "crasher" restarts within 60 seconds
    And the container "app" of the Pod "crasher" terminates with exit code 3 within 30 seconds
    And the previous logs of the container "app" of the Pod "crasher" contain "crashing in 3 seconds"
    And the step "the Pod \"crasher\" stays Ready for 30 seconds" fails with an error containing "Pod/${namespace}/crasher: expected to stay Ready for 30 s"
    And the step "no container of the Pod \"crasher\" restarted" fails with an error containing "container app restarted"
    And the step "no container of the Pod \"crasher\" restarted" fails with an error containing "last termination: exit code 3 (Error)"
    And the step "the container \"app\" of the Pod \"crasher\" terminates with exit code 0 within 30 seconds" fails with an error containing "container app terminated with exit code 3 (Error)"
    And an event with reason "BackOff" is recorded for the Pod "crasher" within 60 seconds
    And the step "no Warning event was recorded for the Pod \"crasher\"" fails with an error containing "Warning BackOff"

  # No service-account token here: on a loaded machine the kubelet may log a transient
  # "FailedMount … failed to sync configmap cache" Warning for the token's kube-root-ca.crt
  # (it gives its cache 1 s), which is true, but not what this scenario is about.
  Scenario: A healthy Pod stays Ready, has no Warning and never restarted; its events say who did what
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: go-test
        labels:
          app: go
      spec:
        automountServiceAccountToken: false
        containers:
          - name: gogogo
            image: registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go
            imagePullPolicy: IfNotPresent
            ports:
              - containerPort: 8080
      """
    Then the Pod "go-test" is Ready within 60 seconds
    And the Pod "go-test" stays Ready for 5 seconds
    And no container of the Pod "go-test" restarted
    And no Warning event was recorded for the Pod "go-test"
    And an event with reason "Scheduled" and a message containing "Successfully assigned ${namespace}/go-test" is recorded for the Pod "go-test" within 30 seconds
    And the step "an event with reason \"Killing\" is recorded for the Pod \"go-test\" within 2 seconds" fails with an error containing "expected an event Killing"
    And the step "the previous logs of the container \"gogogo\" of the Pod \"go-test\" contain \"x\"" fails with an error containing "previous terminated container \"gogogo\" in pod \"go-test\" not found"

  Scenario: Logs of one container of several; exec's stdout and stderr
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: duo
      spec:
        terminationGracePeriodSeconds: 0
        containers:
          - name: first
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sh", "-c", "echo from the first container; exec sleep 3600"]
          - name: second
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sh", "-c", "echo from the second container; exec sleep 3600"]
      """
    Then the logs of the container "second" of the Pod "duo" contain "from the second container" within 30 seconds
    And the step "the logs of the container \"first\" of the Pod \"duo\" contain \"from the second container\" within 2 seconds" fails with an error containing "from the first container"
    When I exec "sh -c 'echo out; echo err >&2'" in the container "first" of the Pod "duo"
    Then the exec output matches "^out$"
    And the exec output does not contain "err"
    And the exec error output contains "err"
    And the step "the exec output matches \"^err\"" fails with an error containing "expected to match /^err/"
    And the step "the exec error output contains \"out\"" fails with an error containing "exec stderr: expected to contain \"out\""

  Scenario: The logs of a Pod still being created are waited for, then read
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: echoer
      spec:
        automountServiceAccountToken: false
        # the app container waits to start (PodInitializing) while this one runs
        initContainers:
          - name: setup
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3"]
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sh", "-c", "echo hello from echoer; sleep 3600"]
      """
    Then the logs of the Pod "echoer" contain "hello from echoer" within 60 seconds
    And the logs of the container "app" of the Pod "echoer" contain "hello from echoer" within 10 seconds
