import assert from "node:assert/strict";
import { test } from "node:test";
import { parseKubectlCommand, splitCommandLine } from "../../engine/kube/command-line.ts";

test("quotes group words like a shell, without expansion", () => {
  assert.deepEqual(splitCommandLine(`kubectl exec go-test -- /bin/bash -c 'echo "a b"; exit 0'`), ["kubectl", "exec", "go-test", "--", "/bin/bash", "-c", 'echo "a b"; exit 0']);
  assert.deepEqual(splitCommandLine(`kubectl run x --image-pull-policy='IfNotPresent'`), ["kubectl", "run", "x", "--image-pull-policy=IfNotPresent"]);
  assert.deepEqual(splitCommandLine(`a "x\\"y" b\\ c ''`), ["a", 'x"y', "b c", ""]);
  assert.deepEqual(splitCommandLine(`kubectl get pod -o jsonpath='{.items[*].metadata.name}'`), ["kubectl", "get", "pod", "-o", "jsonpath={.items[*].metadata.name}"]);
});

test("pipes and unterminated quotes are refused", () => {
  assert.throws(() => splitCommandLine("kubectl get pods | grep go"), /unsupported shell operator "\|"/);
  assert.throws(() => splitCommandLine("kubectl get 'pods"), /unterminated ' quote/);
});

test("-it is dropped without input; -i kept (before --) with input", () => {
  assert.deepEqual(parseKubectlCommand("kubectl exec -it go-test -- /bin/bash -c 'echo ok'", false), {
    args: ["exec", "go-test", "--", "/bin/bash", "-c", "echo ok"],
    stdin: false,
  });
  assert.deepEqual(parseKubectlCommand("kubectl exec -it go-test --container=gogogo -- /bin/bash", true), {
    args: ["exec", "go-test", "--container=gogogo", "-i", "--", "/bin/bash"],
    stdin: true,
  });
  assert.deepEqual(parseKubectlCommand("kubectl exec -t -i go-test -c gogogo -- sh", false).args, ["exec", "go-test", "-c", "gogogo", "--", "sh"]);
  // input goes to stdin even without -i (kubectl apply -f -), and no -i is invented
  assert.deepEqual(parseKubectlCommand("kubectl apply -f -", true), { args: ["apply", "-f", "-"], stdin: true });
  // flags after -- belong to the command in the container
  assert.deepEqual(parseKubectlCommand("kubectl exec go-test -- ls -it", false).args, ["exec", "go-test", "--", "ls", "-it"]);
});

test("commands that would leave the scenario are refused", () => {
  assert.throws(() => parseKubectlCommand("kubectl --kubeconfig=/root/.kube/config get pods", false), /"--kubeconfig" is not allowed/);
  assert.throws(() => parseKubectlCommand("kubectl get pods --context other", false), /"--context" is not allowed/);
  assert.throws(() => parseKubectlCommand("oc get pods", false), /starting with "kubectl"/);
});
