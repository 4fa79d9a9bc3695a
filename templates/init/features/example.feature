# Examples of kubecuke's steps. Every scenario gets its own namespace, deleted when it ends.
# These pull no image, so they run on any cluster. The step catalog: node_modules/kubecuke/docs/steps.md
@example
Feature: Examples of kubecuke's steps
  A feature describes what the cluster must do, in words a reader understands; kubecuke makes
  every step real: it applies, waits by watching the API, and reports what it saw.

  Scenario: A ConfigMap from a fixture file
    When I apply the manifest "example-configmap.yaml"
    Then the ConfigMap "app-settings" matches within 10 seconds:
      """
      data: {mode: test}
      """
    And the ConfigMap "app-settings" has the label "app" set to "example"

  Scenario: kubectl sees a Service the scenario applied
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata: {name: web, labels: {app: web}}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 8080}]
      """
    And I run "kubectl get service web"
    Then the command succeeds
    And the output has a row whose "NAME" is "web"
    And the Service "web" matches within 10 seconds:
      """
      spec: {ports: [{port: 80}]}
      """

  Scenario: A step of your own (steps/my.steps.ts)
    When I apply the manifest "example-configmap.yaml"
    Then the ConfigMap "app-settings" has 2 keys
