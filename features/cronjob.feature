Feature: CronJob (seed: 常见的管理 Pod 的控制器 — CronJob)
  The schedule "* * * * *" fires at the next minute boundary, so a scheduled run is seen
  within ~70 s. Triggering a run by hand (kubectl create job --from) checks the Job template
  without the wait.

  Background:
    When I apply the manifest "cronjob-tick.yaml"
    And I run "kubectl get cronjob tick"
    Then in the output row whose "NAME" is "tick", "SCHEDULE" is "* * * * *"
    And in the output row whose "NAME" is "tick", "SUSPEND" is "False"

  Scenario: The schedule creates a Job that completes
    Then the CronJob "tick" creates a Job that completes within 100 seconds

  Scenario: A Job triggered from the CronJob's template completes
    When I run "kubectl create job --from=cronjob/tick manual-tick"
    Then the command succeeds
    And the Job "manual-tick" completes within 60 seconds
    When I run "kubectl logs job/manual-tick"
    Then the output contains "tick"
