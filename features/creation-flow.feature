Feature: How a Pod is created (seed: 创建 Pod 的流程)
  kubectl submits the Pod to the API server, which stores it (step 1); the scheduler binds it
  to a node (step 2); the kubelet creates and starts its containers (step 3) and reports the
  Pod's status back (step 4). The scenario's watch starts before the apply and records it all.

  ```text
  kubectl ──create──▶ apiserver ──store──▶ etcd
                          │ watch
                          ▼
                      scheduler ──bind node──▶ apiserver ──store──▶ etcd
                          │ watch
                          ▼
                       kubelet ──▶ container runtime: create and start the containers
                          │
                          ▼
                Pod status ──▶ apiserver ──store──▶ etcd
  ```

  1. Authenticated by the kubeconfig, kubectl sends the API server a request to create the Pod;
     the API server writes the Pod's attributes (metadata) to etcd.
  2. Through its watch, the API server's news reaches the scheduler, which picks a node with its
     scheduling algorithm and tells the API server, which writes the binding to etcd.
  3. Through its watch again, the kubelet of that node gets the Pod and has the container runtime
     create and start the Pod's containers.
  4. Once they run, the kubelet reports the Pod's status to the API server, which writes it to etcd.

  Scenario: From submission to Ready, in order
    Given the manifest "pod-try-go.yaml" is in the working directory
    When I run "kubectl apply -f pod-try-go.yaml"
    Then the command succeeds
    And the Pod "go-test" is Ready within 60 seconds
    And the Pod "go-test" was first stored without a node
    And "default-scheduler" then bound the Pod "go-test" to a node
    And the kubelet then created and started the container "gogogo" of the Pod "go-test"
    And the conditions of the Pod "go-test" became True in this order:
      | PodScheduled    |
      | Initialized     |
      | ContainersReady |
      | Ready           |

  Scenario: kubectl finds the API server, user and namespace in the kubeconfig
    The KUBECONFIG environment variable, or /root/.kube/config, holds the cluster's details: which
    API server, which user, the context. kubecuke never reads or writes ~/.kube/config: each
    scenario has a kubeconfig of its own, whose default namespace is the scenario's (`kc-…`).

    When I run "kubectl config view --minify"
    Then the command succeeds
    And the output matches "server: https://"
    And the output matches "namespace: kc-"
    And the output matches "user: \S+"
