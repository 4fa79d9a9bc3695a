# language: zh-CN
@epic:Shards
功能: 分片自测（中文）

  场景: 在场景的命名空间中执行 kubectl
    当我执行 "kubectl get serviceaccount default -o name"
    那么命令成功
    而且输出包含 "serviceaccount/default"

  场景: 不存在的对象
    当我执行 "kubectl get configmap not-there"
    那么命令失败
