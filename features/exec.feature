Feature: exec says what happened when the command could not run

  Background:
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: envy
      spec:
        terminationGracePeriodSeconds: 0
        containers:
          - name: app
            image: kubecuke.local/busybox:1
            imagePullPolicy: Never
            command: ["sleep", "3600"]
            env:
              - name: GREETING
                value: hello from envy
      """
    Then the Pod "envy" is Ready within 60 seconds

  Scenario: printenv is in the test image and prints a variable
    When I exec "printenv GREETING" in the Pod "envy"
    Then the exec exit code is 0
    And the exec output contains "hello from envy"
    When I exec "printenv NO_SUCH_VARIABLE" in the Pod "envy"
    Then the exec exit code is 1

  Scenario: An executable the image does not have is named, through the API
    Then the step "I exec \"no-such-tool --version\" in the Pod \"envy\"" fails with an error containing "executable file not found in $PATH: no-such-tool"
    And the step "I exec \"/opt/missing/run\" in the Pod \"envy\"" fails with an error containing "no such file or directory: /opt/missing/run"

  Scenario: An executable the image does not have is named, through kubectl
    When I run "kubectl exec envy -- no-such-tool --version"
    Then the step "the command succeeds" fails with an error containing "exec envy -- no-such-tool --version: expected exit code 0, last saw 1"
    And the step "the command succeeds" fails with an error containing "exec: \"no-such-tool\": executable file not found in $PATH"
    And the command fails
