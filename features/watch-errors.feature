Feature: A wait whose watch fails says why, instead of only what it last saw

  A scenario acts as its own ServiceAccount, which may do anything in its namespace; these act
  as the namespace's default ServiceAccount, which the cluster's RBAC lets do nothing, so its
  list and watch are Forbidden.

  Scenario: A wait that may not even list Pods names Forbidden in its timeout message
    When I act as the ServiceAccount "default"
    Then waiting 3 seconds for the Pod "anything" to be Ready fails with an error matching "^wait Pod/kc-[a-z0-9-]+/anything Ready: expected condition Ready=True, last saw nothing \(no list has answered\) \(after 3(\.\d)? s\)\nwatch failing since \d\d:\d\d:\d\d \(\d+ failures?\): list Pod/kc-[a-z0-9-]+ --field-selector metadata.name=anything: Forbidden: pods \"anything\" is forbidden: User \"system:serviceaccount:kc-[a-z0-9-]+:default\" cannot list resource \"pods\""

  Scenario: A wait that may list but not watch Pods names the forbidden watch in its timeout message
    # RBAC that allows get and list, not watch; the Group holds every ServiceAccount (a subject
    # of kind ServiceAccount would need the scenario's namespace name), the binding only this namespace
    When I apply the manifest:
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: pods-list-only
      rules:
        - apiGroups: [""]
          resources: ["pods"]
          verbs: ["get", "list"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: pods-list-only
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: Role
        name: pods-list-only
      subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: Group
          name: system:serviceaccounts
      """
    And I act as the ServiceAccount "default"
    Then waiting 3 seconds for the Pod "anything" to be Ready fails with an error matching "^wait Pod/kc-[a-z0-9-]+/anything Ready: expected condition Ready=True, last saw no such Pod \(after 3(\.\d)? s\)\nwatch failing since \d\d:\d\d:\d\d \(\d+ failures?\): watch Pod/kc-[a-z0-9-]+ --field-selector metadata.name=anything: Forbidden: pods \"anything\" is forbidden: User \"system:serviceaccount:kc-[a-z0-9-]+:default\" cannot watch resource \"pods\""
