@docs-selftest
Feature: Documentation self-test
  Runs only in the documentation's browser test (test/report/docs.test.ts): a scenario that fails
  on purpose, with a Secret whose value must not reach any page.

  Scenario: a failing step shows its message, and the Secret stays redacted
    Given I create the Secret "db" from the environment:
      | key      | variable                    |
      | password | KUBECUKE_REPORT_TEST_SECRET |
    When I run "kubectl get secret db -o yaml"
    Then the command succeeds
    # Fails on purpose, quoting the Secret in its message: the page shows it redacted.
    And the output contains "a value the Secret does not have"
