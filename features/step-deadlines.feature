Feature: A step's time limit is the one it states, and it ends with our message

  Scenario: "fails within 30 seconds" on a Pod that never schedules ends at 30 s and says it did not fail by itself
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: nowhere
      spec:
        nodeSelector:
          kubecuke.io/no-such-node: "true"
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
      """
    Then the step "waiting for the Pod \"nowhere\" to be Ready fails within 30 seconds with an error containing \"ErrImageNeverPull\"" fails with an error containing "wait Pod nowhere Ready: did not fail by itself within 30 s; last saw phase=Pending node=<none>"

  # About 195 s: proves a step's limit is its own "within 200 seconds" (plus a margin), not a
  # fixed 180 s for every step as before.
  @slow
  Scenario: A 200-second wait runs to its end
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: sleeper
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            terminationGracePeriodSeconds: 0
            containers:
              - name: app
                image: kubecuke.local/busybox:1
                imagePullPolicy: Never
                command: ["sleep", "190"]
      """
    Then the Job "sleeper" completes within 200 seconds
