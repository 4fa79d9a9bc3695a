Feature: Job (seed: 常见的管理 Pod 的控制器 — Job)

  Scenario: A Job runs its Pod to completion and keeps its logs
    When I apply the manifest "job-hello.yaml"
    Then the Job "hello" completes within 60 seconds
    When I run "kubectl get jobs"
    Then in the output row whose "NAME" is "hello", "COMPLETIONS" is "1/1"
    When I run "kubectl logs job/hello"
    Then the command succeeds
    And the output contains "hello from the job"
    And the output contains "sum=42"

  Scenario: The logs of a finished Job's Pod are read whole, per container
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: oneshot
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            automountServiceAccountToken: false
            containers:
              - name: first
                image: kubecuke.local/busybox:1
                imagePullPolicy: Never
                command: ["sh", "-c", "echo first says hello"]
              - name: second
                image: kubecuke.local/busybox:1
                imagePullPolicy: Never
                command: ["sh", "-c", "echo second says bye"]
      """
    Then the Job "oneshot" completes within 60 seconds
    When I run "kubectl get pods -l job-name=oneshot -o jsonpath={.items[0].metadata.name}"
    And I save the output as "pod"
    Then the logs of the container "first" of the Pod "${pod}" contain "first says hello" within 10 seconds
    And the logs of the container "second" of the Pod "${pod}" contain "second says bye" within 10 seconds
    And the logs of the Pod "${pod}" match "^first says hello$" within 10 seconds
    # the log of a finished container is final: a text it lacks fails at once, not at the limit
    And the step "the logs of the container \"second\" of the Pod \"${pod}\" contain \"never printed\" within 60 seconds" fails with an error containing "but the container has finished (exit code 0 (Completed)"
