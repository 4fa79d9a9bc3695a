Feature: DaemonSet (seed: 常见的管理 Pod 的控制器 — Daemonset)

  Scenario: A DaemonSet runs one Pod on every node
    When I apply the manifest "daemonset-agent.yaml"
    Then the DaemonSet "node-agent" has one ready Pod on every node within 60 seconds
    When I run "kubectl logs -l app=node-agent"
    Then the output contains "agent on "
