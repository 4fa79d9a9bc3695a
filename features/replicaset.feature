Feature: ReplicaSet (seed: 常见的管理 Pod 的控制器 — Replicaset)

  Scenario: A ReplicaSet keeps its replicas and replaces a deleted Pod
    When I apply the manifest "replicaset-try-go.yaml"
    Then the ReplicaSet "go-rs" has 2 ready replicas within 90 seconds
    When I run "kubectl get replicaset go-rs"
    Then in the output row whose "NAME" is "go-rs", "READY" is "2"
    When I delete one Pod of the ReplicaSet "go-rs"
    Then a replacement Pod with a new UID brings it back to 2 ready Pods within 60 seconds
