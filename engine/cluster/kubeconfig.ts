// The existing provider's view of a user's kubeconfig: the generic minifier, with errors that
// say which setting to fix.
import { KubeconfigError, minifyKubeconfig as minify, type Minified } from "../kube/kubeconfig.ts";
import { ProviderConfigError } from "../settings/provider.ts";

export function minifyKubeconfig(text: string, context: string, sourcePath: string): Minified {
  try {
    return minify(text, context, sourcePath);
  } catch (err) {
    if (!(err instanceof KubeconfigError)) throw err;
    const fix = err.missingContext ? "Fix KUBECUKE_EXISTING_CONTEXT" : "Fix the file or KUBECUKE_EXISTING_KUBECONFIG";
    throw new ProviderConfigError(`${err.message}. ${fix}`, { cause: err });
  }
}
