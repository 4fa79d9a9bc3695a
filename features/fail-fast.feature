Feature: Waits that fail early when the cluster has said a Pod will not come up by itself

  The fail-fast policy of Ready, Running and rollout waits (docs/assertions.md, KUBECUKE_FAIL_FAST*):
  a crash loop after 3 restarts, an image that cannot be pulled, a Pod unschedulable for 15 s.

  Scenario: A crash loop ends a Ready wait after 3 restarts, naming how the container ended and the events
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: crash-at-once
      spec:
        automountServiceAccountToken: false
        terminationGracePeriodSeconds: 0
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sh", "-c", "echo starting; exit 3"]
            # never Ready, so the wait cannot pass between two crashes
            readinessProbe:
              exec:
                command: ["false"]
      """
    Then waiting for the Pod "crash-at-once" to be Ready fails within 90 seconds with an error containing "but it cannot happen: container app: CrashLoopBackOff after 3 restarts (fail-fast limit 3); last termination: exit code 3 (Error)"
    And waiting for the Pod "crash-at-once" to be Ready fails within 5 seconds with an error containing "Back-off restarting failed container app in pod crash-at-once"

  Scenario: An unschedulable Pod ends a Ready wait after 15 seconds, naming the scheduler's reason
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
    Then waiting for the Pod "nowhere" to be Ready fails within 40 seconds with an error containing "(fail-fast limit 15 s): PodScheduled=False (Unschedulable): 0/"
    And waiting for the Pod "nowhere" to be Ready fails within 5 seconds with an error containing "Warning FailedScheduling (default-scheduler)"
    And the step "the logs of the Pod \"nowhere\" contain \"x\" within 2 seconds" fails with an error containing "last saw no log yet: container not started: no status yet; PodScheduled=False (Unschedulable)"

  Scenario: An image that cannot be pulled ends a Ready wait at once
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: never-pulled
      spec:
        containers:
          - name: app
            image: kubecuke.local/not-on-the-node:1
            imagePullPolicy: Never
      """
    Then waiting for the Pod "never-pulled" to be Ready fails within 30 seconds with an error containing "container app: ErrImageNeverPull"
    And the step "the logs of the Pod \"never-pulled\" contain \"x\" within 30 seconds" fails with an error containing "but it cannot happen: container app: ErrImageNeverPull"

  Scenario: A limit of 0 seconds is refused as bad input, naming the step
    Then the step "the Pod \"anything\" is Ready within 0 seconds" fails with an error containing "0 seconds is too short: a wait needs at least 1 second"
