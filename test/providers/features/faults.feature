# Run by test/providers/faults.test.ts, which restarts the API server or the kubelet of the
# local cluster while the wait below is in progress (once the Job's container runs).
Feature: A wait rides out a restart of a cluster component

  Scenario: A Job completes while a component of the cluster restarts
    When I apply the manifest:
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: fault-sleeper
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
                command: ["sleep", "20"]
      """
    Then the Job "fault-sleeper" completes within 120 seconds
