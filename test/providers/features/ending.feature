# Run by test/providers/ending.test.ts: the end of a run (its namespaces' wait and its report in
# the background, KUBECUKE_CLEANUP_IN_BACKGROUND / KUBECUKE_REPORT_IN_BACKGROUND) and a failed
# scenario's namespace kept for debugging (KUBECUKE_KEEP_FAILED).
Feature: How a run ends

  @passes
  Scenario: A Pod becomes Ready
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: ready
      spec:
        terminationGracePeriodSeconds: 0
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
      """
    Then the Pod "ready" is Ready within 60 seconds

  @fails
  Scenario: A Pod that never exists, on purpose
    Then the Pod "nowhere" is Ready within 1 seconds
