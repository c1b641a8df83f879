/**
 * The `maintenance:` list, parsed into windows; whether an endpoint is in one at a given moment
 * is decided in `maintenance/windows.ts`. Recurring windows start at a wall-clock time in their
 * zone (so "03:00 Berlin" stays 03:00 across daylight-saving changes) and last their duration in
 * real time.
 */
import { didYouMean } from '../text/did-you-mean.js';
import { parseDuration } from './duration.js';
import type { Problem } from './problem.js';
import { isTimeZone, zonedToUtc } from './zone.js';

interface WindowBase {
  durationMs: number;
  /** The zone its times are read and shown in. */
  timezone: string;
  /** Endpoint ids, or null for all. */
  endpoints: string[] | null;
}

export interface OnceWindow extends WindowBase {
  kind: 'once';
  /** Epoch ms. */
  start: number;
}

export interface RecurringWindow extends WindowBase {
  kind: 'recurring';
  /** Days of the week it starts on, in its zone: 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after local midnight. */
  startMinute: number;
}

export type MaintenanceWindow = OnceWindow | RecurringWindow;

export const MAX_DURATION_MS = 7 * 24 * 3_600_000;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ONCE_KEYS = ['start', 'duration', 'timezone', 'endpoints'];
const RECURRING_KEYS = ['every', 'start', 'duration', 'timezone', 'endpoints'];
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

let zoneNames: string[] | null = null;
function suggestZone(name: string): string | null {
  zoneNames ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const normal = (zone: string) => zone.replace(/_/g, '-').toLowerCase();
  const guess = didYouMean(name, zoneNames.map(normal));
  return guess === null ? null : (zoneNames.find((zone) => normal(zone) === guess) ?? null);
}

export interface ParsedMaintenance {
  windows: MaintenanceWindow[];
  problems: Problem[];
}

export function parseMaintenance(value: unknown, base = 'maintenance'): ParsedMaintenance {
  const windows: MaintenanceWindow[] = [];
  const problems: Problem[] = [];
  const problem = (where: string, message: string) => problems.push({ where, message });
  if (value === undefined || value === null) return { windows, problems };
  if (!Array.isArray(value)) {
    problem(base, 'expected a list of windows, e.g. - { every: [sunday], start: "03:00", duration: 30m }');
    return { windows, problems };
  }

  value.forEach((item, index) => {
    const at = `${base}[${index}]`;
    if (!isMap(item)) {
      problem(at, 'expected a map: { start, duration } once, or { every, start, duration } to repeat');
      return;
    }
    const before = problems.length;
    const recurring = item.every !== undefined;
    const known = recurring ? RECURRING_KEYS : ONCE_KEYS;
    for (const key of Object.keys(item)) {
      if (known.includes(key)) continue;
      const guess = didYouMean(key, RECURRING_KEYS);
      problem(
        `${at}.${key}`,
        guess ? `unknown key (did you mean "${guess}"?)` : `unknown key (known keys: ${RECURRING_KEYS.join(', ')})`,
      );
    }

    let timezone = 'UTC';
    if (item.timezone !== undefined) {
      const zone = typeof item.timezone === 'string' ? item.timezone.trim() : '';
      if (zone !== '' && isTimeZone(zone))
        timezone = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
      else {
        const guess = zone ? suggestZone(zone) : null;
        problem(
          `${at}.timezone`,
          `${JSON.stringify(item.timezone)} is not a time zone${guess ? ` (did you mean "${guess}"?)` : ' (use an IANA name such as Europe/Berlin or UTC)'}`,
        );
      }
    }

    const durationMs = parseWindowDuration(item.duration, `${at}.duration`, problem);
    const endpoints = parseIds(item.endpoints, `${at}.endpoints`, problem);

    if (recurring) {
      const days = parseDays(item.every, `${at}.every`, problem);
      let startMinute = 0;
      const start = item.start;
      if (start === undefined || start === null) problem(`${at}.start`, 'required: the local time it starts, e.g. "03:00"');
      else if (typeof start === 'number') problem(`${at}.start`, `is a number (${start}): write the time quoted, e.g. "03:00"`);
      else {
        const match = typeof start === 'string' ? CLOCK.exec(start.trim()) : null;
        if (match) startMinute = Number(match[1]) * 60 + Number(match[2]);
        else problem(`${at}.start`, `${JSON.stringify(start)} is not a time of day (use "HH:MM", e.g. "03:00", quoted)`);
      }
      if (problems.length === before && days && durationMs !== null) {
        windows.push({ kind: 'recurring', days, startMinute, durationMs, timezone, endpoints });
      }
      return;
    }

    const start = parseStart(item.start, timezone, `${at}.start`, problem);
    if (problems.length === before && start !== null && durationMs !== null) {
      windows.push({ kind: 'once', start, durationMs, timezone, endpoints });
    }
  });
  return { windows, problems };
}

function parseWindowDuration(value: unknown, where: string, problem: (where: string, message: string) => void): number | null {
  if (value === undefined || value === null || value === '') {
    problem(where, 'required, e.g. 30m or 2h');
    return null;
  }
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))) {
    problem(where, `${String(value).trim()} has no unit (did you mean ${String(value).trim()}m?)`);
    return null;
  }
  const parsed = parseDuration(value);
  if (!('ms' in parsed)) {
    problem(where, `${JSON.stringify(value)} is not a duration (use a number with a unit: 30m, 2h)`);
    return null;
  }
  const ms = parsed.ms;
  if (ms <= 0) {
    problem(where, 'must be longer than zero');
    return null;
  }
  if (ms > MAX_DURATION_MS) {
    problem(where, `${JSON.stringify(value)} is longer than a week (168h); split it, or pause the workflow instead`);
    return null;
  }
  return ms;
}

function parseDays(value: unknown, where: string, problem: (where: string, message: string) => void): number[] | null {
  if (typeof value === 'string' && ['day', 'daily'].includes(value.trim().toLowerCase())) return [0, 1, 2, 3, 4, 5, 6];
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) {
    problem(where, 'empty: list days (every: [sunday]) or write every: day');
    return null;
  }
  const days = new Set<number>();
  let ok = true;
  items.forEach((item, i) => {
    const text = typeof item === 'string' ? item.trim().toLowerCase() : '';
    const day = DAYS.findIndex((name) => name === text || (text.length === 3 && name.startsWith(text)));
    if (day >= 0) {
      days.add(day);
      return;
    }
    ok = false;
    const guess = typeof item === 'string' ? didYouMean(item, [...DAYS, 'day']) : null;
    problem(
      Array.isArray(value) ? `${where}[${i}]` : where,
      `${JSON.stringify(item)} is not a day${guess ? ` (did you mean "${guess}"?)` : ' (use monday … sunday, or every: day)'}`,
    );
  });
  return ok ? [...days].sort() : null;
}

function parseIds(value: unknown, where: string, problem: (where: string, message: string) => void): string[] | null {
  if (value === undefined || value === null) return null;
  const items = Array.isArray(value) ? value : [value];
  const ids = items.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
  if (ids.length !== items.length || ids.length === 0) {
    problem(where, 'expected a list of endpoint ids');
    return null;
  }
  return ids;
}

/** `2026-12-01T02:00:00Z` (or with an offset); without an offset it is read in the window's zone. */
function parseStart(
  value: unknown,
  timezone: string,
  where: string,
  problem: (where: string, message: string) => void,
): number | null {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.getTime();
  }
  if (value === undefined || value === null) {
    problem(where, 'required: when the window starts (2026-12-01T02:00:00Z), or add every: to repeat it');
    return null;
  }
  const text = typeof value === 'string' ? value.trim() : '';
  const match = DATETIME.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s = '0', fraction = '', offset] = match;
    const numbers = [y, mo, d, h, mi, s].map(Number);
    const probe = new Date(Date.UTC(numbers[0], numbers[1] - 1, numbers[2], numbers[3], numbers[4], numbers[5]));
    const real =
      probe.getUTCFullYear() === numbers[0] &&
      probe.getUTCMonth() === numbers[1] - 1 &&
      probe.getUTCDate() === numbers[2] &&
      numbers[3] < 24 &&
      numbers[5] < 60;
    if (real) {
      if (offset)
        return Date.parse(
          `${y}-${mo}-${d}T${h}:${mi}:${s.padStart(2, '0')}${fraction}${offset.toUpperCase() === 'Z' ? 'Z' : offset}`,
        );
      return zonedToUtc(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], timezone) + numbers[5] * 1000;
    }
  }
  problem(
    where,
    CLOCK.test(text)
      ? `${JSON.stringify(value)} is a time of day: add every: [sunday] (or every: day) to repeat it, or give a date (2026-12-01T02:00:00Z)`
      : `${JSON.stringify(value)} is not a date and time (use ISO 8601: 2026-12-01T02:00:00Z)`,
  );
  return null;
}
