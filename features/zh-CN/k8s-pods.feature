# language: zh-CN
功能: K8S 应用 —— 创建 Pod（种子教程 k8s-pods.zh.md 全文）
  教程中的每条命令和每个说法都在真实集群上执行并检查：每个步骤旁的标记说明它在最近一次运行中
  是否通过，步骤下方是集群当时真实的输出。

  创建 Pod 有三种方式：

  - **自主式 Pod**：直接定义一个 Pod 资源；
  - **控制器式 Pod**：利用控制器来管理 Pod 资源，确保 Pod 始终维持在指定的副本数运行；
  - **通过命令行创建 Pod**：`kubectl run`。

  最后是**创建 Pod 的流程**：kubectl、apiserver、etcd、调度器和 kubelet 如何一起把 Pod 运行起来。

  > 清单 pod-try-go.yaml 和 pod-try-go-controller.yaml 为修正缩进后的版本；
  > 原样印刷的版本见“原样印刷的清单”两个场景。

  @smoke
  场景: 自主式 Pod：kubectl apply 启动 Pod，并用 -o wide 查看节点和 IP
    直接定义一个 Pod 资源。举个栗子，编辑清单文件（`vim pod-try-go.yaml`）：

    ```yaml
    apiVersion: v1          # api 版本
    kind: Pod               # 创建的资源
    metadata:
      name: go-test         # Pod 的名字
      namespace: default    # Pod 所在的名称空间
      labels:
        app: go             # 标签
    spec:                   # 规格说明（specification 的简称）
      containers:           # 容器列表
      - name: gogogo        # 容器的名字
        ports:
        - containerPort: 8080              # 容器端口
        image: registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go
        imagePullPolicy: IfNotPresent      # 镜像拉取策略
    ```

    可选字段：`activeDeadlineSeconds: 600`（Pod 运行的最长时间），端口下的 `hostIP`（指定绑定的宿主机 IP）
    和 `hostPort`（在宿主机上映射的端口）。镜像拉取策略 `imagePullPolicy` 有三种：

    - `Always`：不管本地是否存在镜像，都要重新拉取镜像；
    - `Never`：从不拉取镜像；
    - `IfNotPresent`：如果本地存在，使用本地的镜像，本地不存在，从官方拉取镜像。

    用 `kubectl apply -f pod-try-go.yaml` 启动 Pod，再用 `kubectl get pod -o wide -l app=go` 查看：
    `-o wide` 比默认输出多出 Pod 的 IP 和所在节点（NODE）。清单中的 `namespace: default` 在这里
    换成了场景自己的名称空间，所以每个场景都从空的名称空间开始。

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
    修改 yaml 文件后直接重新执行 `kubectl apply -f` 即可更新 Pod：apply 只把文件与集群中现有对象的
    差别写回去，kubectl 回答 `configured`。这里修改后的文件加了一个标签和一个注解。

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
    - 查看 Pod 日志：`kubectl logs go-test`；
    - 进入 Pod：`kubectl exec -it go-test -- /bin/bash`；
    - 进入 Pod 里的指定容器：`kubectl exec -it go-test --container=gogogo -- /bin/bash`，
      或简写为 `-c gogogo`；
    - 退出：`exit`。

    交互式 shell 中键入的内容写在步骤下方的“输入”里，集群的回答在其后。

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
    `kubectl describe pods go-test` 显示 Pod 的详细信息：名字、标签、所在节点、容器镜像、端口和
    最近的事件；`kubectl get pods --show-labels` 在列表中多出一列 LABELS。

    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl describe pods go-test"
    那么输出匹配 "^Name:\s+go-test$"
    而且输出匹配 "^Labels:\s+app=go$"
    而且输出匹配 "Image:\s+registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go"
    当我执行 "kubectl get pods --show-labels"
    那么输出表格中 "NAME" 为 "go-test" 的行，"LABELS" 为 "app=go"

  场景: 删除 Pod（按名称）
    删除 Pod 可以按名称（`kubectl delete pods go-test`），也可以按创建它的清单文件（下一个场景）。
    自主式 Pod 删除后不会再被创建。

    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl delete pods go-test"
    那么命令成功
    而且 Pod "go-test" 在 30 秒内被删除

  场景: 删除 Pod（按清单文件）
    `kubectl delete -f pod-try-go.yaml` 删除文件中定义的所有对象。

    当我应用清单 "pod-try-go.yaml"
    那么 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl delete -f pod-try-go.yaml"
    那么命令成功
    而且 Pod "go-test" 在 30 秒内被删除

  场景: 控制器式 Pod：Deployment 始终维持指定的副本数
    利用控制器来管理 Pod 资源，确保 Pod 始终维持在指定的副本数运行。常见的管理 Pod 的控制器：
    ReplicaSet、Deployment、Job、CronJob、DaemonSet、StatefulSet。

    举个栗子：通过 Deployment 管理 Pod（`vim pod-try-go-controller.yaml`）：

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

    用 `kubectl get deployment` 查看 Deployment。删掉它的一个 Pod，控制器会立即创建一个新的 Pod
    （新的 UID），副本数恢复到 2。其余命令与自主式 Pod 相同。

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
    不写清单，通过 `kubectl run` 创建 Pod：镜像、端口和镜像拉取策略都写在命令行上。

    当我执行 "kubectl run go-test --image=registry.cn-hangzhou.aliyuncs.com/ali-21-docker/ali-c317:try_go --port=8080 --image-pull-policy='IfNotPresent'"
    那么命令成功
    而且 Pod "go-test" 在 60 秒内就绪
    当我执行 "kubectl get pod go-test -o json"
    那么输出的 JSONPath "{.spec.containers[0].ports[0].containerPort}" 为 "8080"
    而且输出的 JSONPath "{.spec.containers[0].imagePullPolicy}" 为 "IfNotPresent"

  场景: kubeconfig 中存储着集群信息，决定 apiserver、用户名等上下文信息
    kubeconfig 环境变量 或 /root/.kube/config 中存储着 k8s 的集群信息，决定着 apiserver 、用户名等
    上下文信息。kubecuke 从不读写 ~/.kube/config：每个场景有自己的 kubeconfig，其默认名称空间就是
    场景自己的名称空间（`kc-` 开头）。

    当我执行 "kubectl config view --minify"
    那么命令成功
    而且输出匹配 "server: https://"
    而且输出匹配 "namespace: kc-"
    而且输出匹配 "user: \S+"
    当我执行 "kubectl get pods"
    那么命令成功

  场景: 创建 Pod 的流程：写入 etcd、调度绑定节点、kubelet 创建并启动容器、回报状态
    ```text
    kubectl ──▶ apiserver ──▶ etcd                   第一步：提交创建请求，写入 etcd
                    │ watch
                    ▼
                scheduler ──▶ apiserver ──▶ etcd     第二步：选择 node，写入绑定信息
                    │ watch
                    ▼
                 kubelet ──▶ 容器运行时              第三步：创建并启动容器
                    │
                    ▼
                apiserver ──▶ etcd                   第四步：写入 Pod 的状态信息
    ```

    1. 第一步：基于 kubeconfig 或 /root/.kube/config 认证后，kubectl 向 apiserver 提交创建 pod 的请求，
       apiserver 接收到 pod 创建请求后，会将 pod 的属性信息（metadata）写入 etcd。
    2. 第二步：apiserver 触发 watch 机制准备创建 pod，信息转发给调度器 scheduler，调度器使用调度算法
       选择 node 节点，调度器将 node 信息给 apiserver，apiserver 将绑定的 node 信息写入 etcd。
    3. 第三步：apiserver 又通过 watch 机制，调用 kubelet，指定 pod 信息，调用容器运行时创建并启动
       pod 内的容器。
    4. 第四步：创建完成之后反馈给 kubelet，kubelet 又将 pod 的状态信息给 apiserver，apiserver 又将
       pod 的状态信息写入 etcd。

    场景在 apply 之前就开始 watch 名称空间，下面的步骤按这个时间线逐一检查这四步。

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
    教程原文印刷的清单缩进有误：容器下的 `ports` 比同级的 `name` 多缩进了一格。照抄会失败，
    错误信息指出文件、行和列。

    那么应用清单 "seed-as-printed/pod-try-go.yaml" 失败，错误信息包含 "seed-as-printed/pod-try-go.yaml:12:7"

  场景: 原样印刷的 Deployment 清单（缩进错误）在应用时报出文件、行和列
    原文 Deployment 清单中 `matchLabels` 与 `selector` 同级、`template` 下的 `metadata` 和 `spec`
    与 `template` 同级（都少缩进了一级），容器下的 `ports` 又比 `name` 多缩进了一格。

    那么应用清单 "seed-as-printed/pod-try-go-controller.yaml" 失败，错误信息包含 "seed-as-printed/pod-try-go-controller.yaml:19:15"
