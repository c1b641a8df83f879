/** How figures read on the status page and the badges. */
import type { CountedStatus } from '../history/types.js';

export const STATUS_WORD: Record<CountedStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  maintenance: 'Maintenance',
};

/**
 * `99.98%`: floored to two decimals, so anything short of 100 never reads as 100 (a day with one
 * failed check out of 10,000 must not look perfect). `null` (no checks) reads as `no data`.
 */
export function formatUptime(percent: number | null): string {
  if (percent === null) return 'no data';
  if (percent >= 100) return '100%';
  const floored = Math.floor(percent * 100) / 100;
  // Trailing zeros dropped (`99.50` → `99.5`, `99.00` → `99`) by looking, not by a regular
  // expression: the page writes this some 20,000 times on 200 endpoints.
  const fixed = floored.toFixed(2);
  return `${fixed.endsWith('00') ? fixed.slice(0, -3) : fixed.endsWith('0') ? fixed.slice(0, -1) : fixed}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `26 Nov 2026` (UTC). */
export function formatDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** `26 Nov` (UTC), for places where the year is plain from the context. */
export function formatShortDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** `09:05` (UTC). */
export function formatClock(date: Date): string {
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}

/** `26 Nov 2026, 09:05 UTC`. */
export function formatMoment(date: Date): string {
  return `${formatDay(date)}, ${formatClock(date)} UTC`;
}

/** A valid date from ISO text, or null. */
export function parseTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
