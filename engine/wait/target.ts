// What a list/watch is about: a kind in a namespace (or cluster-wide), maybe narrowed by selectors.

export interface WatchTarget {
  apiVersion: string;
  kind: string;
  /** "" for cluster-scoped kinds. */
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** The collection's API path when the caller has it (the run's end, from aggregated discovery): no per-kind discovery then. */
  path?: string;
}

/** `Pod/ns -l app=web --field-selector metadata.name=x`: how messages name a list/watch. */
export function targetText(t: WatchTarget): string {
  const sel = [t.labelSelector && `-l ${t.labelSelector}`, t.fieldSelector && `--field-selector ${t.fieldSelector}`].filter(Boolean).join(" ");
  return `${t.kind}${t.namespace ? `/${t.namespace}` : ""}${sel ? ` ${sel}` : ""}`;
}
