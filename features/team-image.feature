Feature: A team's own image, loaded from an image archive
  A team builds its image (`docker save team.local/hello:1 -o hello.tar`) and names the archive
  in KUBECUKE_IMAGES; the run puts it into the cluster before the first scenario, and Pods run it
  with imagePullPolicy: Never, since no registry has it. In kubecuke's own repository the run
  writes such an archive itself (Debian's static busybox, no Docker) and loads it the same way.

  Scenario: A Pod runs the team's image without pulling it
    When I apply the manifest "team-hello-pod.yaml"
    Then the Pod "hello" is Ready within 60 seconds
    And the logs of the Pod "hello" contain "hello from the team image" within 30 seconds
    When I run "kubectl get pod hello -o jsonpath={.spec.containers[0].image}/{.spec.containers[0].imagePullPolicy}"
    Then the output matches "^team\.local/hello:1/Never$"
    When I exec "busybox echo ok" in the Pod "hello"
    Then the exec exit code is 0
    And the exec output contains "ok"
