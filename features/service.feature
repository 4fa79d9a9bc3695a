Feature: A Service routes to the Pod

  @smoke
  Scenario: A client Pod reaches the seed's Pod through its Service
    When I apply the manifest "pod-try-go.yaml"
    And I apply the manifest:
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: go-svc
      spec:
        selector:
          app: go
        ports:
          - port: 8080
            targetPort: 8080
      """
    Then the Pod "go-test" is Ready within 60 seconds
    # created after the Service, so its environment carries GO_SVC_SERVICE_HOST/PORT
    When I apply the manifest "client-busybox.yaml"
    Then the Pod "client" is Ready within 60 seconds
    When I exec "sh -c 'timeout 10 wget -qO- http://$GO_SVC_SERVICE_HOST:$GO_SVC_SERVICE_PORT/hello'" in the Pod "client"
    Then the exec exit code is 0
    And the exec output contains "hello from try_go on go-test"
    And the logs of the Pod "go-test" contain "GET /hello" within 10 seconds
    # cluster DNS: the short name, then the fully qualified one
    When I exec "sh -c 'timeout 10 wget -qO- http://go-svc:8080/by-name'" in the Pod "client"
    Then the exec exit code is 0
    And the exec output contains "hello from try_go on go-test"
    When I exec "sh -c 'nslookup go-svc.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local'" in the Pod "client"
    Then the exec exit code is 0
    And the exec output contains "Address: 10.96."
    And the logs of the Pod "go-test" contain "GET /by-name" within 10 seconds
