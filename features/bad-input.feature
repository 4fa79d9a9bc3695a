Feature: Bad input is reported where it is, in words that say what to fix

  Scenario: The seed's Pod manifest exactly as printed fails at the apply, naming file, line and column
    Then applying the manifest "seed-as-printed/pod-try-go.yaml" fails with an error containing "fixtures/manifests/seed-as-printed/pod-try-go.yaml:12:7: All mapping items must start at the same column. Fix the indentation"

  Scenario: The seed's Deployment manifest exactly as printed fails at the apply, naming file, line and column
    Then applying the manifest "seed-as-printed/pod-try-go-controller.yaml" fails with an error containing "fixtures/manifests/seed-as-printed/pod-try-go-controller.yaml:19:15: Nested mappings are not allowed in compact mappings. Fix the indentation"

  Scenario: A kind the cluster does not serve names the object and says so
    Then applying the manifest "bad/unknown-kind.yaml" fails with an error containing "/typo: kind \"Podd\" is not served by the cluster"

  Scenario: A missing required field names the object and the API server's reason
    Then applying the manifest "bad/missing-containers.yaml" fails with an error containing "/empty: Invalid: Pod \"empty\" is invalid: spec.containers: Required value"

  Scenario: A misspelt field is rejected, not silently dropped
    Then applying the manifest "bad/unknown-field.yaml" fails with an error containing ".imagePullPolicyy: field not declared in schema"

  Scenario: An image that is not on the node with imagePullPolicy Never fails the wait at once
    When I apply the manifest "bad/never-pulled.yaml"
    Then waiting for the Pod "never-pulled" to be Ready fails within 30 seconds with an error containing "container app: ErrImageNeverPull"

  Scenario: A wait that runs out of time says what it expected, what it last saw and the events
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: stuck
      spec:
        nodeSelector:
          kubecuke.io/no-such-node: "true"
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
      """
    Then waiting 3 seconds for the Pod "stuck" to be Ready fails with an error matching "^wait Pod/kc-[a-z0-9-]+/stuck Ready: expected condition Ready=True, last saw phase=Pending node=<none> .*\(after 3(\.\d)? s\)\nrecent events:\n  Warning FailedScheduling \(default-scheduler\): 0/\d+ nodes are available"

  Scenario: A kubectl command that fails is checked, not ignored
    When I run "kubectl get pod nope"
    Then the command fails
    And the exit code is 1
    And the error output contains "pods \"nope\" not found"
