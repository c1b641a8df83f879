const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;

/** Parses `250ms`, `30s`, `2m`, `1h` or a bare number of milliseconds. Returns null when the
 * text is not a duration, so the caller can say where the bad value is. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const match = DURATION.exec(value.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']);
}

export const DURATION_HINT = 'use milliseconds or a number with a unit: 250ms, 30s, 2m, 1h';
