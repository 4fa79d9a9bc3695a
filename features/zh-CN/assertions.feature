# language: zh-CN
@epic:Assertions
功能: 对任意资源的声明式断言（中文步骤）
  用 YAML 写出必须成立的字段，步骤监视对象直到它们成立；失败时列出每一处不匹配。

  场景: 按名称和按标签选择器匹配 ConfigMap，并检查失败消息
    当我应用以下清单：
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, labels: {app: zh-demo}}
      data: {mode: test, greeting: 你好，世界}
      """
    那么 ConfigMap "settings" 在 10 秒内匹配：
      """
      data: {greeting: 你好，世界}
      """
    而且 ConfigMap "settings" 不匹配：
      """
      data: {mode: production}
      """
    而且带有标签 "app=zh-demo" 的每个 configmaps 在 10 秒内匹配：
      """
      data: {mode: test}
      """
    而且带有标签 "app=zh-demo" 的 cm 在 10 秒内恰好有 1 个匹配：
      """
      metadata: {name: settings}
      """
    而且带有标签 "app=zh-demo" 的 ConfigMap 在 10 秒内至少有 1 个匹配：
      """
      data: {mode: !present}
      """
    而且 ConfigMap "other" 不存在
    当预期下一个断言失败
    那么 ConfigMap "settings" 在 1 秒内匹配：
      """
      data: {greeting: 再见}
      """
    而且断言失败，消息包含：
      """
      data.greeting: expected "再见", last saw "你好，世界"
      """
    当我执行 "kubectl delete configmap settings"
    那么 30 秒内不存在带有标签 "app=zh-demo" 的 ConfigMap
