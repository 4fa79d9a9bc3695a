# language: zh-CN
# kubecuke 步骤的中文示例。每个场景都有自己的命名空间，结束时删除。不拉取任何镜像，任何集群都能运行。
@example
功能: kubecuke 步骤示例（中文）
  用读者能懂的话描述集群应当做到的事；kubecuke 让每个步骤真实执行：应用、监视 API 等待、报告所见。

  场景: 从夹具文件创建 ConfigMap
    当我应用清单 "example-configmap.yaml"
    那么 ConfigMap "app-settings" 在 10 秒内匹配：
      """
      data: {mode: test}
      """
    而且 ConfigMap "app-settings" 的标签 "app" 为 "example"

  场景: 用 kubectl 查看场景创建的 Service
    当我应用以下清单：
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 8080}]
      """
    而且我执行 "kubectl get service web"
    那么命令成功
    而且输出表格中有 "NAME" 为 "web" 的行

  场景: 你自己的步骤（steps/my.steps.ts）
    当我应用清单 "example-configmap.yaml"
    那么 ConfigMap "app-settings" 有 2 个键
