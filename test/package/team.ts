// What the package test adds to the project `kubecuke init` wrote, as a team would by hand: a
// step of its own and a feature that runs its own image (loaded by kubecuke, never pulled).
export const TEAM_IMAGE = "team.local/hello:1";

export const TEAM_STEPS = `// The team's own step: reads the Pod through the World's clients.
import { Then } from "@cucumber/cucumber";
import { AssertionFailure, type KubeWorld } from "kubecuke";

Then("the Pod {string} runs the image {string}", async function (this: KubeWorld, name: string, image: string) {
  const pod = await this.kube.core.readNamespacedPod({ name, namespace: this.ctx.namespace });
  const status = pod.status?.containerStatuses?.[0];
  this.text(\`Pod \${name}\`, JSON.stringify(status ?? {}, null, 2));
  if (!status?.imageID || !status.image.endsWith(image) || !status.state?.running) {
    throw new AssertionFailure(\`read Pod/\${this.ctx.namespace}/\${name}: expected a running container of \${image}, last saw \${status ? \`\${status.image} (\${Object.keys(status.state ?? {}).join()})\` : "no container status"}\`);
  }
});
`;

export const TEAM_FEATURE = `Feature: The team's own image
  Scenario: A Pod runs the team's image, put into the cluster by kubecuke
    When I apply the manifest:
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: hello}
      spec:
        terminationGracePeriodSeconds: 1
        containers:
          - name: hello
            image: ${TEAM_IMAGE}
            imagePullPolicy: Never
            command: ["/bin/busybox", "sh", "-c", "echo hello from the team image; exec /bin/busybox sleep 3600"]
      """
    Then the Pod "hello" is Running within 60 seconds
    And the logs of the Pod "hello" contain "hello from the team image" within 60 seconds
    And the Pod "hello" runs the image "${TEAM_IMAGE}"
`;
