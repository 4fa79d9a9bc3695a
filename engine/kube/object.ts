// The core type: a Kubernetes object as plain JSON. Its own module, so everything that handles
// objects (waits, assertions, the run's sweep) does not import the manifest parser for it.
/** A Kubernetes object as plain JSON (what the API server accepts and returns). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

