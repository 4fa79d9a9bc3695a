Feature: A step's time limit is the one it states, and it ends with our message

  # A Pod that runs but never becomes Ready: nothing the fail-fast policy knows (docs/assertions.md)
  Scenario: "fails within 30 seconds" on a Pod that never becomes Ready ends at 30 s and says it did not fail by itself
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: never-ready
      spec:
        automountServiceAccountToken: false
        terminationGracePeriodSeconds: 0
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
            readinessProbe:
              exec:
                command: ["false"]
              periodSeconds: 5
      """
    Then the step "waiting for the Pod \"never-ready\" to be Ready fails within 30 seconds with an error containing \"ErrImageNeverPull\"" fails with an error containing "wait Pod never-ready Ready: did not fail by itself within 30 s; last saw phase=Running"

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
