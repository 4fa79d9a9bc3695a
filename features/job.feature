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
