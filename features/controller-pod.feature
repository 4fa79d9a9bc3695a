Feature: Controller-owned Pods (seed: 控制器式 Pod, Deployment)
  A Deployment keeps the number of Pods it asks for: the seed's pod-try-go-controller.yaml,
  indentation fixed, with 2 replicas.

  A controller manages Pods and makes sure the number of replicas asked for keeps running. The
  common controllers that manage Pods: ReplicaSet, Deployment, Job, CronJob, DaemonSet and
  StatefulSet. For example, a Deployment (`vim pod-try-go-controller.yaml`):

  ```yaml
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: go-controller-test
    namespace: default
    labels:
      app: go
  spec:
    selector:
      matchLabels:
        app: app-go
    replicas: 2
    template:
      metadata:
        labels:
          app: app-go
      spec:
        containers:
        - name: go-con
          ports:
          - containerPort: 8080
          image: registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go
          imagePullPolicy: IfNotPresent
  ```

  The other commands are the same as for a standalone Pod.

  Background:
    When I apply the manifest "pod-try-go-controller.yaml"
    Then the Deployment "go-controller-test" has 2 ready replicas within 90 seconds

  @smoke
  Scenario: kubectl get deployment shows 2/2
    `kubectl get deployment` shows the Deployment: READY is ready replicas out of those asked for.

    When I run "kubectl get deployment"
    Then in the output row whose "NAME" is "go-controller-test", "READY" is "2/2"
    And in the output row whose "NAME" is "go-controller-test", "UP-TO-DATE" is "2"
    And in the output row whose "NAME" is "go-controller-test", "AVAILABLE" is "2"

  Scenario: The Pods carry the template's labels and belong to the Deployment's ReplicaSet
    Then the Deployment "go-controller-test" has the selector label "app" set to "app-go"
    When I run "kubectl get pods -l app=app-go -o json"
    Then the output JSONPath "{.items[*].metadata.ownerReferences[0].kind}" is "ReplicaSet ReplicaSet"
    And the output JSONPath "{.items[*].spec.containers[0].name}" is "go-con go-con"

  Scenario: Deleting one Pod brings a replacement with a new UID
    Delete one of the Deployment's Pods and the controller creates a new one at once (a new UID):
    the number of replicas goes back to 2.

    When I delete one Pod of the Deployment "go-controller-test"
    Then a replacement Pod with a new UID brings it back to 2 ready Pods within 60 seconds
    And the Deployment "go-controller-test" has 2 ready replicas within 60 seconds
    When I run "kubectl get deployment go-controller-test"
    Then in the output row whose "NAME" is "go-controller-test", "READY" is "2/2"
