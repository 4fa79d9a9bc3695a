# Input of npm run bench:run: the smallest real scenario (about 1.5 s of steps on a warm local
# cluster), so what the run costs around the scenarios shows.
Feature: The trivial scenario the run benchmark measures

  Scenario: apply a Pod, wait for Ready, exec once
    When I apply the manifest "pod-try-go.yaml"
    Then the Pod "go-test" is Ready within 60 seconds
    When I exec "echo ok" in the Pod "go-test"
    Then the exec output contains "ok"
