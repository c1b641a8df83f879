/**
 * The figures of one endpoint the judge puts in `status.json` and on the page: checks, uptime,
 * response times, downtime and error budget per window, the last 24 hours, the last 90 days and
 * the outages of the last 30 days (README "Status page", docs/history.md).
 */
import { percentiles, secondsWithin, timed, uptimePercent, HOUR, type Span } from './stats.js';
import { percentilesOfCounts, type TimeCounts } from './aggregates.js';
import type { CountedStatus, DailyRow, DaySlot, EndpointFigures, HourSlot, Outage, Point, RowStatus, Window } from './types.js';

const WINDOW_DAYS: Record<Exclude<Window, '24h'>, number> = { '7d': 7, '30d': 30, '90d': 90 };
export const COUNTED_RANK: Record<CountedStatus, number> = { up: 0, maintenance: 1, degraded: 2, down: 3 };
const ROW_RANK: Record<RowStatus, number> = COUNTED_RANK;

/** The start of each window (ms). */
export type Windows = { h24: number; d7: number; d30: number; d90: number };

export function figuresOf(
  id: string,
  rows: readonly Point[],
  olderCounts: TimeCounts | undefined,
  spans: readonly Span[],
  daily: Map<string, Map<string, DailyRow>>,
  rawKept: ReadonlySet<string>,
  windows: Windows,
  now: number,
  dateOf: (daysAgo: number) => string,
  target: number,
): Pick<EndpointFigures, 'checks' | 'uptime' | 'responseTime' | 'downtime' | 'errorBudget'> {
  let checks24 = 0;
  let down24 = 0;
  const totals24: number[] = [];
  // The 7 days' times: the raw rows read, and the counts of the days before yesterday (the judge's
  // own map for this endpoint, used once: added to in place rather than copied).
  const totals7: TimeCounts = olderCounts ?? new Map();
  for (const row of rows) {
    if (row.at < windows.d7) continue;
    if (timed(row)) totals7.set(row.total, (totals7.get(row.total) ?? 0) + 1);
    if (row.at <= windows.h24) continue;
    if (row.status !== 'maintenance') checks24++;
    if (row.status === 'down') down24++;
    if (timed(row)) totals24.push(row.total);
  }
  const checks = { '24h': checks24 } as Record<Window, number>;
  const uptime = { '24h': uptimePercent(checks24, down24) } as Record<Window, number | null>;
  const downtime = { '24h': Math.round(secondsWithin(spans, windows.h24, now)) } as Record<Window, number>;
  for (const window of ['7d', '30d', '90d'] as const) {
    const days = WINDOW_DAYS[window];
    const from = window === '7d' ? windows.d7 : window === '30d' ? windows.d30 : windows.d90;
    let sum = 0;
    let down = 0;
    let estimated = 0;
    for (let ago = 0; ago < days; ago++) {
      const date = dateOf(ago);
      const row = daily.get(date)?.get(id);
      if (!row) continue;
      sum += row.checks;
      down += row.down;
      // A day known only from daily.csv: its outages are estimated as its share of down checks.
      if (!rawKept.has(date) && row.down > 0) estimated += (86_400 * row.down) / (row.checks + row.maintenance);
    }
    checks[window] = sum;
    uptime[window] = uptimePercent(sum, down);
    downtime[window] = Math.round(secondsWithin(spans, from, now) + estimated);
  }
  const allowed = Math.round(((100 - target) / 100) * 30 * 86_400);
  const used = downtime['30d'];
  const left = allowed > 0 ? Math.max(0, Math.floor((1 - used / allowed) * 1000) / 1000) : used > 0 ? 0 : 1;
  return {
    checks,
    uptime,
    responseTime: { '24h': percentiles(totals24), '7d': percentilesOfCounts(totals7) },
    downtime,
    errorBudget: { allowed, used, left },
  };
}

export function hoursOf(rows: readonly Point[], now: number): HourSlot[] {
  const first = now - (now % HOUR) - 23 * HOUR;
  const worst: Array<RowStatus | null> = new Array(24).fill(null);
  const totals: number[][] = Array.from({ length: 24 }, () => []);
  // Rows are sorted by time: only the last day's are looked at.
  for (let i = rows.length - 1; i >= 0 && rows[i].at >= first; i--) {
    const row = rows[i];
    const slot = Math.floor((row.at - first) / HOUR);
    if (slot > 23) continue;
    const current = worst[slot];
    if (current === null || ROW_RANK[row.status] > ROW_RANK[current]) worst[slot] = row.status;
    if (timed(row)) totals[slot].push(row.total);
  }
  return worst.map((status, slot) => {
    const { p50, p95 } = percentiles(totals[slot]);
    return { start: new Date(first + slot * HOUR).toISOString(), status, p50, p95 };
  });
}

export function daysOf(id: string, daily: Map<string, Map<string, DailyRow>>, dateOf: (daysAgo: number) => string): DaySlot[] {
  const days: DaySlot[] = [];
  for (let ago = 89; ago >= 0; ago--) {
    const date = dateOf(ago);
    const row = daily.get(date)?.get(id);
    days.push({
      date,
      checks: row?.checks ?? 0,
      down: row?.down ?? 0,
      maintenance: row?.maintenance ?? 0,
      uptime: row ? uptimePercent(row.checks, row.down) : null,
    });
  }
  return days;
}

export function outagesFrom(spans: readonly Span[], from: number, now: number): Outage[] {
  const outages: Outage[] = [];
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if ((span.end ?? now) < from) break;
    outages.push({
      start: new Date(span.start).toISOString(),
      end: span.end === null ? null : new Date(span.end).toISOString(),
      seconds: Math.round(((span.end ?? now) - span.start) / 1000),
    });
  }
  return outages;
}
