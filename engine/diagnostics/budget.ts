// Size bounds for failure diagnostics: a chatty container must not turn the report into
// gigabytes. Their time bounds are the engine's one deadline helper (engine/kube/deadline.ts).

/** Keeps the *end* of text (where crashes are) within maxBytes, with a note saying what was cut. */
export function truncateTail(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, "utf8");
  if (buf.length <= maxBytes) return text;
  // Cut at a line start so the first kept line is whole; decoding may drop a split UTF-8 char.
  let kept = buf.subarray(buf.length - maxBytes).toString("utf8");
  const nl = kept.indexOf("\n");
  if (nl >= 0 && nl < kept.length - 1) kept = kept.slice(nl + 1);
  const keptBytes = Buffer.byteLength(kept, "utf8");
  return `[… truncated: showing the last ${keptBytes} of ${buf.length} bytes]\n${kept}`;
}
