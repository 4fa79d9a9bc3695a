# Run only by test/providers/setup.test.ts with KUBECUKE_SETUP_FILE=test/providers/features/bad-setup.yaml.
@setup:broken
Feature: A scenario whose suite setup fails

  Scenario: never runs, because its setup failed
    When I run "kubectl get pods"
    Then the command succeeds
