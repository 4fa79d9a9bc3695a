// The one way a duration reaches a person: in messages, logs and notes ("after 2.4 s").
// Tables that line up columns (the run's phase table) keep their own fixed decimals.

/** Milliseconds as seconds with their unit: one decimal below ten ("2.4 s"), whole from ten ("31 s"). */
export function secondsText(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
}

/** The time since `startMs` (a Date.now() value) as secondsText. */
export function secondsSince(startMs: number, now: number = Date.now()): string {
  return secondsText(now - startMs);
}
