/**
 * How long something took or lasted, as people read it — one wording everywhere (summary,
 * issues, chat, the status page, the terminal, failure texts):
 *
 * - below a second: `412 ms`;
 * - below a minute: seconds, to two decimals below 10 s and one above (`3.4 s`, `12.5 s`; whole
 *   seconds stay whole: `45 s`);
 * - from a minute: rounded to the nearest minute, `2 min`, `1 h`, `1 h 30 min`; from a day,
 *   rounded to the hour, `1 d`, `1 d 2 h`.
 *
 * (Configuration durations are written differently, `90m`, `25h`: see `config/duration.ts`.)
 */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 59_950) return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1).replace(/\.?0+$/, '')} s`;
  const minutes = Math.round(value / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The same wording for a length in seconds (history rows, outages, ages), to whole seconds. */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(Math.max(0, seconds));
  // Whole seconds: nothing, too, is counted in them.
  return whole === 0 ? '0 s' : formatDuration(whole * 1000);
}

/**
 * An age set beside a `max-age` written in hours (`last run started 26 h ago (max-age 25h)`): in
 * the unit the limit is likely written in — whole minutes below two hours, whole hours below
 * three days, then days — so the two read side by side without converting.
 */
export function roughAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 72 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}
