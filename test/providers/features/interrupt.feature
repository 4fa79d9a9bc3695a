# Run by test/providers/interrupt.test.ts, which sends SIGINT to the runner's process group (as
# Ctrl-C in a terminal does) at one point of one scenario per run, chosen by tag.
Feature: An interrupted run leaves nothing behind

  @apply
  Scenario: Interrupted during an apply
    When I apply the manifest "test/providers/features/interrupt/many-configmaps.yaml"
    Then the ConfigMap "cm-120" matches within 30 seconds:
      """
      data:
        n: "120"
      """

  @wait @twice
  Scenario: Interrupted during a wait
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: nowhere
      spec:
        terminationGracePeriodSeconds: 30
        nodeSelector:
          kubecuke.io/no-such-node: "true"
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
      """
    Then the Pod "nowhere" is Ready within 120 seconds

  @cleanup
  Scenario: Interrupted during cleanup
    When I apply the manifest:
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: sleepers
      spec:
        replicas: 3
        selector:
          matchLabels: { app: sleepers }
        template:
          metadata:
            labels: { app: sleepers }
          spec:
            containers:
              - name: app
                image: kubecuke.local/busybox:1
                imagePullPolicy: Never
                command: ["sleep", "3600"]
      """
    Then the Deployment "sleepers" rolls out within 90 seconds

  @next
  Scenario: The next scenario runs on the same cluster
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: after
      spec:
        terminationGracePeriodSeconds: 0
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
      """
    Then the Pod "after" is Ready within 60 seconds
