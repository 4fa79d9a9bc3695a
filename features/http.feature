Feature: HTTP checks through the API server's proxy
  No port-forward and no NodePort: the request goes to the API server, which proxies it to the
  Service or Pod, so the same steps work on kind, local and existing clusters.

  Background:
    Given I apply the manifest "pod-try-go.yaml"
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

  Scenario: The Service answers with a status, a body and JSON
    When an HTTP GET to the Service "go-svc" port 8080 path "/hello" returns 200 within 60 seconds
    Then the HTTP response body contains "hello from try_go on go-test"
    When an HTTP GET to the Service "go-svc" port 8080 path "/info" returns 200 within 10 seconds
    Then the HTTP response JSON "{.app}" is "try_go"
    And the HTTP response JSON "{.host}" is "go-test"
    When an HTTP GET to the Pod "go-test" port 8080 path "/healthz" returns 200 within 10 seconds
    Then the HTTP response body contains "ok"
    When an HTTP GET to the Service "go-svc" port 8080 path "/status/404" returns 404 within 10 seconds
    Then the HTTP response body contains "status 404 from try_go"

  Scenario: A check that does not hold says what came back and who answered
    Given the Pod "go-test" is Ready within 60 seconds
    Then the step "an HTTP GET to the Service \"go-svc\" port 8080 path \"/status/503\" returns 200 within 5 seconds" fails with an error containing "HTTP GET Service/"
    And the step "an HTTP GET to the Service \"go-svc\" port 8080 path \"/status/503\" returns 200 within 5 seconds" fails with an error containing "go-svc:8080/status/503: expected status 200, last saw status 503, body: \"status 503 from try_go on go-test"
    And the step "an HTTP GET to the Service \"no-such-svc\" port 8080 path \"/\" returns 200 within 2 seconds" fails with an error containing "last saw status 404 from the API server (NotFound: services \"no-such-svc\" not found)"
