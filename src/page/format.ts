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
  return `${floored.toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** `412 ms`, `1.24 s`. */
export function formatResponse(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')} s`;
}

/** `45 s`, `12 min`, `3 h 5 min`, `4 d 2 h`: how long something lasted. */
export function formatLength(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
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
