# language: zh-CN
功能: K8S 应用 —— 创建 Pod（种子教程 k8s-pods.zh.md 全文）
  教程中的每条命令和每个说法都在真实集群上执行并检查。
  清单 pod-try-go.yaml 和 pod-try-go-controller.yaml 为修正缩进后的版本；
  原样印刷的版本见“原样印刷的清单”两个场景。

  @smoke
  场景: 自主式 Pod：kubectl apply 启动 Pod，并用 -o wide 查看节点和 IP
    假如工作目录中有清单 "pod-try-go.yaml"
    当我执行 "kubectl apply -f pod-try-go.yaml"
    那么命令成功
    而且 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl get pod -o wide -l app=go"
    那么输出表格中有 "NAME" 为 "go-test" 的行
    而且输出表格中 "NAME" 为 "go-test" 的行，"STATUS" 为 "Running"
    而且输出表格中 "NAME" 为 "go-test" 的行，"NODE" 匹配 "^[a-z0-9][a-z0-9.-]*$"
    而且输出表格中 "NAME" 为 "go-test" 的行，"IP" 匹配 "^\d+\.\d+\.\d+\.\d+$"

  场景: 修改 yaml 文件后直接重新执行 kubectl apply 可更新 Pod
    假如工作目录中有清单 "pod-try-go.yaml"
    当我执行 "kubectl apply -f pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    假如工作目录中有清单 "pod-try-go-edited.yaml"
    当我执行 "kubectl apply -f pod-try-go-edited.yaml"
    那么命令成功
    而且输出包含 "pod/go-test configured"
    而且 Pod "go-test" 的标签 "version" 为 "v2"
    而且 Pod "go-test" 的注解 "kubecuke.io/edited-by" 为 "qa"

  场景: 查看 Pod 日志、进入 Pod 及其指定容器、退出
    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    而且 Pod "go-test" 的日志在 30 秒内包含 "try_go listening on :8080"
    当我执行 "kubectl logs go-test"
    那么输出包含 "try_go listening on :8080"
    当我执行 "kubectl exec -it go-test -- /bin/bash" 并输入：
      """
      echo "我在 $HOSTNAME 里"
      exit
      """
    那么命令成功
    而且输出包含 "我在 go-test 里"
    当我执行 "kubectl exec -it go-test --container=gogogo -- /bin/bash" 并输入：
      """
      echo container=gogogo
      exit
      """
    那么输出包含 "container=gogogo"
    当我执行 "kubectl exec -it go-test -c gogogo -- /bin/bash -c 'echo ok'"
    那么输出包含 "ok"
    当我在 Pod "go-test" 的容器 "gogogo" 中执行 "/bin/bash -c 'exit 0'"
    那么执行退出码为 0

  场景: 查看 Pod 详细信息与标签
    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl describe pods go-test"
    那么输出匹配 "^Name:\s+go-test$"
    而且输出匹配 "^Labels:\s+app=go$"
    而且输出匹配 "Image:\s+registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go"
    当我执行 "kubectl get pods --show-labels"
    那么输出表格中 "NAME" 为 "go-test" 的行，"LABELS" 为 "app=go"

  场景: 删除 Pod（按名称）
    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl delete pods go-test"
    那么命令成功
    而且 Pod "go-test" 在 30 秒内被删除

  场景: 删除 Pod（按清单文件）
    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl delete -f pod-try-go.yaml"
    那么命令成功
    而且 Pod "go-test" 在 30 秒内被删除

  场景: 控制器式 Pod：Deployment 始终维持指定的副本数
    假如工作目录中有清单 "pod-try-go-controller.yaml"
    当我执行 "kubectl apply -f pod-try-go-controller.yaml"
    那么命令成功
    而且 Deployment "go-controller-test" 在 90 秒内有 2 个就绪副本
    当我执行 "kubectl get deployment"
    那么输出表格中 "NAME" 为 "go-controller-test" 的行，"READY" 为 "2/2"
    当我删除 Deployment "go-controller-test" 的一个 Pod
    那么 60 秒内出现一个新 UID 的替代 Pod，就绪 Pod 恢复到 2 个
    而且 Deployment "go-controller-test" 在 60 秒内有 2 个就绪副本

  场景: 通过命令行创建 Pod（kubectl run）
    当我执行 "kubectl run go-test --image=registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go --port=8080 --image-pull-policy='IfNotPresent'"
    那么命令成功
    而且 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl get pod go-test -o json"
    那么输出的 JSONPath "{.spec.containers[0].ports[0].containerPort}" 为 "8080"
    而且输出的 JSONPath "{.spec.containers[0].imagePullPolicy}" 为 "IfNotPresent"

  场景: kubeconfig 中存储着集群信息，决定 apiserver、用户名等上下文信息
    当我执行 "kubectl config view --minify"
    那么命令成功
    而且输出匹配 "server: https://"
    而且输出匹配 "namespace: kc-"
    而且输出匹配 "user: \S+"
    当我执行 "kubectl get pods"
    那么命令成功

  场景: 创建 Pod 的流程：写入 etcd、调度绑定节点、kubelet 创建并启动容器、回报状态
    假如工作目录中有清单 "pod-try-go.yaml"
    当我执行 "kubectl apply -f pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    而且 Pod "go-test" 最初被写入时没有绑定节点
    而且随后 "default-scheduler" 将 Pod "go-test" 绑定到节点
    而且随后 kubelet 创建并启动了 Pod "go-test" 的容器 "gogogo"
    而且 Pod "go-test" 的状态条件按以下顺序变为 True：
      | PodScheduled    |
      | Initialized     |
      | ContainersReady |
      | Ready           |

  场景: 原样印刷的 Pod 清单（缩进错误）在应用时报出文件、行和列
    那么应用清单 "seed-as-printed/pod-try-go.yaml" 失败，错误信息包含 "seed-as-printed/pod-try-go.yaml:12:7"

  场景: 原样印刷的 Deployment 清单（缩进错误）在应用时报出文件、行和列
    那么应用清单 "seed-as-printed/pod-try-go-controller.yaml" 失败，错误信息包含 "seed-as-printed/pod-try-go-controller.yaml:19:15"
