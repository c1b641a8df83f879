/**
 * Maintenance windows at work: whether an endpoint is in a window at a given moment, and how
 * that is said. The `maintenance:` list itself is parsed in `config/maintenance.ts`.
 */
import { MAX_DURATION_MS, type MaintenanceWindow } from '../config/maintenance.js';
import { wallClock, zonedToUtc } from '../config/zone.js';

export interface ActiveWindow {
  /** When the maintenance ends (the last of the windows that cover the moment back to back). */
  until: Date;
  timezone: string;
}

const DAY_MS = 24 * 3_600_000;

/** The starts and ends of a window's occurrences that could cover `time` (recurring ones began
 * at most a week before, since no window lasts longer). */
function occurrences(window: MaintenanceWindow, time: number): Array<{ start: number; end: number }> {
  if (window.kind === 'once') return [{ start: window.start, end: window.start + window.durationMs }];
  const today = wallClock(time, window.timezone);
  const found: Array<{ start: number; end: number }> = [];
  for (let back = 8; back >= -1; back--) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    if (!window.days.includes(date.getUTCDay())) continue;
    const start = zonedToUtc(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      Math.floor(window.startMinute / 60),
      window.startMinute % 60,
      window.timezone,
    );
    found.push({ start, end: start + window.durationMs });
  }
  return found;
}

/** The maintenance each endpoint is in at `time`, by id (those in none are left out). */
export function windowsAt(
  windows: readonly MaintenanceWindow[],
  endpoints: ReadonlyArray<{ id: string }>,
  time: Date,
): Map<string, ActiveWindow> {
  const found = new Map<string, ActiveWindow>();
  for (const { id } of endpoints) {
    const window = windowAt(windows, id, time);
    if (window) found.set(id, window);
  }
  return found;
}

/**
 * The maintenance an endpoint is in at `time`, or null. Windows that overlap or follow each other
 * without a gap count as one maintenance, until the last of them ends.
 */
export function windowAt(windows: readonly MaintenanceWindow[], id: string, time: Date): ActiveWindow | null {
  const mine = windows.filter((window) => window.endpoints === null || window.endpoints.includes(id));
  let moment = time.getTime();
  let active: ActiveWindow | null = null;
  for (let step = 0; step < 1000; step++) {
    let best: { end: number; timezone: string } | null = null;
    for (const window of mine) {
      for (const { start, end } of occurrences(window, moment)) {
        if (start <= moment && moment < end && (best === null || end > best.end)) best = { end, timezone: window.timezone };
      }
    }
    if (best === null) break;
    // A window that always follows another (every day for 24h) never ends: say when the
    // current stretch of up to a week ends rather than searching forever.
    if (active !== null && best.end - time.getTime() > MAX_DURATION_MS) break;
    active = { until: new Date(best.end), timezone: best.timezone };
    moment = best.end;
  }
  return active;
}

/** `maintenance until 03:30 (Europe/Moscow)`; the date is added when it ends on another day
 * than `now` (or more than a day later). */
export function maintenanceUntil(window: ActiveWindow, now?: Date): string {
  const end = wallClock(window.until.getTime(), window.timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(end.hour)}:${pad(end.minute)}`;
  let when = clock;
  if (now) {
    const today = wallClock(now.getTime(), window.timezone);
    const sameDay = today.year === end.year && today.month === end.month && today.day === end.day;
    if (!sameDay || window.until.getTime() - now.getTime() >= DAY_MS)
      when = `${end.year}-${pad(end.month)}-${pad(end.day)} ${clock}`;
  }
  return `maintenance until ${when} (${window.timezone})`;
}

/** The summary's line: `🔧 maintenance until 03:30 (Europe/Moscow)`. */
export function maintenanceText(window: ActiveWindow, now?: Date): string {
  return `🔧 ${maintenanceUntil(window, now)}`;
}
