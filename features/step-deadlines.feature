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

  # A step's limit is its own "within N seconds" (plus a margin), not one limit for every step:
  # under this scenario's 3 s for steps that name no time, a step that names none is cut at 3 s
  # with our message, and a wait that names 30 s runs on past 3 s to its end (about 6 s). Before
  # issue 21 a 200-second wait under the 180 s default proved this in 195 s.
  @step-timeout:3
  Scenario: A wait that names its own time runs past the scenario's step timeout
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
                command: ["sleep", "9"]
      """
    Then the step "I run \"kubectl wait --for=condition=complete job/sleeper --timeout=60s\"" fails with an error containing "expected it to finish within 3 s (this scenario's @step-timeout:3)"
    And the Job "sleeper" completes within 30 seconds
