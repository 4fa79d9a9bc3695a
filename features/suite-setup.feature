@setup:gizmos
Feature: Suite setup installs what scenarios share once per run
  kubecuke.setup.yaml declares `gizmos` (a CustomResourceDefinition). It is installed before the
  first scenario, awaited until Established, shared by the scenarios tagged @setup:gizmos (which
  run in parallel with several workers) and removed at the end of the run.

  Scenario: A custom resource of the CRD the suite setup installed; scenarios may not change the CRD
    When I apply the manifest:
      """
      apiVersion: setup.kubecuke.example.com/v1
      kind: Gizmo
      metadata:
        name: first
      spec:
        size: 3
        color: green
      """
    And I run "kubectl get gizmos.setup.kubecuke.example.com first -o jsonpath={.spec.size}"
    Then the output contains "3"
    # installed by this run's setup: labelled with the run
    When I run "kubectl get crd gizmos.setup.kubecuke.example.com -o jsonpath='{.metadata.labels.kubecuke\.io/setup} {.metadata.labels.kubecuke\.io/run}'"
    Then the output contains "gizmos ${run}"
    # shared by every scenario of the run: no scenario may change it
    And applying the manifest "setup/gizmo-crd-changed.yaml" fails with an error containing "CustomResourceDefinition gizmos.setup.kubecuke.example.com (cluster-scoped) was installed by the suite setup \"gizmos\""

  Scenario: The CRD's schema, from the suite setup, rejects an invalid custom resource
    Then applying the manifest "setup/bad-gizmo.yaml" fails with an error containing "Gizmo.setup.kubecuke.example.com \"too-small\" is invalid"
    And applying the manifest "setup/bad-gizmo.yaml" fails with an error containing "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"
    And applying the manifest "setup/bad-gizmo.yaml" fails with an error containing "spec.color: Unsupported value: \"purple\""

  @setup:greeter
  Scenario: A kustomization from the suite setup
    When I run "kubectl get configmap kubecuke-greeter -n default -o jsonpath={.data.greeting}"
    Then the output contains "hello from the suite setup"
