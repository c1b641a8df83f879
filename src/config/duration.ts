const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

export const DURATION_HINT = 'durations are a number with a unit: 250ms, 30s, 2m, 1h';

/** What a duration text means: milliseconds, or why it is not a duration. */
export type ParsedDuration = { ms: number } | { bare: number } | { invalid: true };

/** Parses `250ms`, `30s`, `2m`, `1h`. A number without a unit is reported apart (`bare`), so the
 * caller can suggest the unit that was probably meant: `timeout: 60` used to mean 60 ms, which
 * nobody who wrote it wanted. Zero needs no unit: it is the same in every one. */
export function parseDuration(value: unknown): ParsedDuration {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null) return { invalid: true };
  if (BARE_NUMBER.test(text)) return Number(text) === 0 ? { ms: 0 } : { bare: Number(text) };
  const match = DURATION.exec(text);
  if (!match) return { invalid: true };
  return { ms: Math.round(Number(match[1]) * UNIT_MS[match[2] as Unit]) };
}

/** The shortest exact way to write a number of milliseconds: 3600000 → `1h`, 1500 → `1500ms`. */
export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** The unit a bare number was most likely written in, for a duration between `min` and `max` ms.
 * Small numbers are seconds (`timeout: 60`); numbers in the hundreds and up were most likely
 * milliseconds, which is what a bare number meant before units were required (`retry-delay: 500`). */
export function likelyDuration(bare: number, min: number, max: number): string {
  const order: Unit[] = bare < 100 ? ['s', 'ms', 'm'] : ['ms', 's', 'm'];
  const fits = order.find((unit) => bare * UNIT_MS[unit] >= min && bare * UNIT_MS[unit] <= max);
  return `${bare}${fits ?? order[0]}`;
}
