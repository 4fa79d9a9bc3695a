// The unit every part of the harness hands to the report: steps attach what they did,
// diagnostics attach what the cluster looked like. Bodies pass through redact() first.
export interface Attachment {
  name: string;
  /** MIME type: text/plain, application/yaml, application/json, ... */
  contentType: string;
  body: string;
}
