Feature: Standalone Pod (seed: 自主式 Pod)
  A Pod defined directly by a manifest (the seed's pod-try-go.yaml, indentation fixed)
  and handled with the seed's kubectl commands, each run literally in the scenario's namespace.

  There are three ways to create a Pod: **a standalone Pod**, defined directly as a Pod resource
  (this chapter); **a controller-owned Pod**, managed by a controller that keeps the number of
  replicas asked for; and **from the command line**, with `kubectl run`. The last chapter follows
  **how a Pod is created**: kubectl, the API server, etcd, the scheduler and the kubelet.

  For example, the manifest `pod-try-go.yaml` (`vim pod-try-go.yaml`):

  ```yaml
  apiVersion: v1          # API version
  kind: Pod               # the kind of resource to create
  metadata:
    name: go-test         # the Pod's name
    namespace: default    # the namespace the Pod lives in
    labels:
      app: go             # a label
  spec:                   # the specification
    containers:           # the list of containers
    - name: gogogo        # the container's name
      ports:
      - containerPort: 8080              # the container's port
      image: registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go
      imagePullPolicy: IfNotPresent      # when to pull the image
  ```

  Optional fields: `activeDeadlineSeconds: 600` (the longest the Pod may run), and under a port
  `hostIP` (the host address to bind) and `hostPort` (the port mapped on the host). The image pull
  policy `imagePullPolicy` is one of:

  - `Always`: pull the image every time, whether or not it is present locally;
  - `Never`: never pull the image;
  - `IfNotPresent`: use the local image if there is one, else pull it.

  The manifest's `namespace: default` is replaced by the scenario's own namespace: every scenario
  starts from an empty namespace of its own.

  Background:
    Every scenario below starts the Pod as the tutorial does: `kubectl apply -f pod-try-go.yaml`,
    then waits until it is Ready.

    Given the manifest "pod-try-go.yaml" is in the working directory
    When I run "kubectl apply -f pod-try-go.yaml"
    Then the command succeeds
    And the output contains "pod/go-test created"
    And the Pod "go-test" is Ready within 60 seconds

  @smoke
  Scenario: kubectl get -o wide shows the Pod with a node and an IP
    `kubectl get pod -o wide -l app=go` lists the Pods labelled `app=go`; `-o wide` adds the Pod's
    IP address and the node it runs on.

    When I run "kubectl get pod -o wide -l app=go"
    Then the output has a row whose "NAME" is "go-test"
    And in the output row whose "NAME" is "go-test", "STATUS" is "Running"
    And in the output row whose "NAME" is "go-test", "READY" is "1/1"
    And in the output row whose "NAME" is "go-test", "NODE" matches "^[a-z0-9][a-z0-9.-]*$"
    And in the output row whose "NAME" is "go-test", "IP" matches "^\d+\.\d+\.\d+\.\d+$"

  Scenario: Re-applying an edited manifest updates the Pod in place
    After editing the YAML file, running `kubectl apply -f` again updates the Pod: apply writes back
    only what differs from the object in the cluster. The edited file adds a label and an annotation.

    When I apply the manifest "pod-try-go-edited.yaml"
    Then the Pod "go-test" has the label "version" set to "v2"
    And the Pod "go-test" has the annotation "kubecuke.io/edited-by" set to "qa"
    When I run "kubectl get pods --show-labels"
    Then in the output row whose "NAME" is "go-test", "LABELS" is "app=go,version=v2"

  Scenario: kubectl logs shows the start line
    `kubectl logs go-test` prints what the Pod's container wrote to its standard output.

    Then the logs of the Pod "go-test" contain "try_go listening on :8080" within 30 seconds
    When I run "kubectl logs go-test"
    Then the command succeeds
    And the output contains "try_go listening on :8080"

  Scenario: kubectl exec -it runs a command in the Pod and in its named container
    `kubectl exec -it go-test -- /bin/bash` enters the Pod; `--container=gogogo`, or `-c gogogo`
    for short, enters a named container of it. The exit code of the command is kubectl's own.

    When I run "kubectl exec -it go-test -- /bin/bash -c 'echo ok'"
    Then the command succeeds
    And the output contains "ok"
    When I run "kubectl exec -it go-test --container=gogogo -- /bin/bash -c 'echo in $HOSTNAME'"
    Then the output contains "in go-test"
    When I run "kubectl exec -it go-test -c gogogo -- /bin/bash -c 'exit 3'"
    Then the exit code is 3

  Scenario: An interactive shell in the Pod, ended with exit
    What is typed into the interactive shell is the step's input; `exit` leaves it.

    When I run "kubectl exec -it go-test -- /bin/bash" with input:
      """
      echo "shell in $HOSTNAME"
      exit
      """
    Then the command succeeds
    And the output contains "shell in go-test"

  Scenario: exec through the API checks output and exit code
    When I exec "/bin/bash -c 'echo ok; exit 0'" in the container "gogogo" of the Pod "go-test"
    Then the exec exit code is 0
    And the exec output contains "ok"
    When I exec "/bin/sh -c 'exit 7'" in the Pod "go-test"
    Then the exec exit code is 7

  Scenario: kubectl exec into a container that does not exist fails
    When I run "kubectl exec go-test -c nope -- true"
    Then the command fails
    And the error output contains "container nope is not valid for pod go-test"

  Scenario: kubectl describe shows the Pod's details
    `kubectl describe pods go-test` shows the Pod in detail: name, labels, node, image, ports and
    its recent events.

    When I run "kubectl describe pods go-test"
    Then the command succeeds
    And the output matches "^Name:\s+go-test$"
    And the output matches "^Namespace:\s+kc-"
    And the output matches "^Node:\s+\S+/\d+\.\d+\.\d+\.\d+$"
    And the output matches "^Labels:\s+app=go$"
    And the output matches "^Status:\s+Running$"
    And the output matches "Image:\s+registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go"
    And the output matches "Port:\s+8080/TCP"
    And the output matches "Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned"

  Scenario: kubectl get pods --show-labels shows app=go
    `--show-labels` adds a LABELS column to the list.

    When I run "kubectl get pods --show-labels"
    Then in the output row whose "NAME" is "go-test", "LABELS" is "app=go"

  Scenario: kubectl delete pods by name, and the Pod is gone
    A Pod is deleted by name (`kubectl delete pods go-test`) or by the manifest that created it
    (next scenario). A standalone Pod, once deleted, is not created again.

    When I run "kubectl delete pods go-test"
    Then the command succeeds
    And the output contains "pod \"go-test\" deleted"
    And the Pod "go-test" is gone within 30 seconds
    When I run "kubectl get pods"
    Then the output does not contain "go-test"

  Scenario: kubectl delete -f the manifest, and the Pod is gone
    `kubectl delete -f pod-try-go.yaml` deletes every object the file defines.

    When I run "kubectl delete -f pod-try-go.yaml"
    Then the command succeeds
    And the Pod "go-test" is gone within 30 seconds
