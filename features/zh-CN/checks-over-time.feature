# language: zh-CN
@epic:Assertions
功能: 随时间检查任意资源（中文步骤）
  单次检查只看到一个瞬间；这些步骤看 watch 送来的每一个版本：从现在起 N 秒、场景剩余部分、或到目前为止的整个场景。

  场景: 对象持续匹配；在整个场景中始终匹配；失败消息指出第一个不匹配的版本
    当我应用以下清单：
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: test, greeting: 你好，世界}
      """
    那么 ConfigMap "settings" 持续匹配 2 秒：
      """
      data: {greeting: 你好，世界}
      """
    而且在整个场景中，ConfigMap "settings" 始终匹配：
      """
      data: {mode: test}
      """
    当预期下一个断言失败
    那么 ConfigMap "settings" 持续匹配 1 秒：
      """
      data: {greeting: 再见}
      """
    而且断言失败，消息包含：
      """
      keep matching ConfigMap/${namespace}/settings: expected every version to match for 1 s, but at
      data.greeting: expected "再见", saw "你好，世界"
      """
    当预期下一个断言失败
    那么在整个场景中，ConfigMap "settings" 始终匹配：
      """
      data: {greeting: 你好，世界}
      """
    当我执行 "kubectl label configmap settings extra=yes"
    那么命令成功
    当我应用以下清单：
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: test, greeting: 再见}
      """
    那么断言失败，消息包含：
      """
      to the end of the scenario; at
      data.greeting: expected "你好，世界", saw "再见"
      """

  场景: Deployment 的就绪副本从未少于 N 个，失败消息说出最多有几个
    当我应用以下清单：
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: one}
      spec:
        replicas: 1
        selector: {matchLabels: {app: one}}
        template:
          metadata: {labels: {app: one}}
          spec:
            terminationGracePeriodSeconds: 0
            containers:
              - name: app
                image: kubecuke.local/busybox:1
                imagePullPolicy: Never
                command: ["sleep", "3600"]
      """
    那么 Deployment "one" 在 60 秒内有 1 个就绪副本
    而且 Deployment "one" 的就绪副本从未少于 1 个
    而且步骤 "Deployment \"one\" 的就绪副本从未少于 2 个" 失败，错误信息包含 "but it never had 2: at most 1 in"
