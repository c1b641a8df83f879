/**
 * The figures of one endpoint the judge puts in `status.json` and on the page: checks, uptime,
 * response times, downtime and error budget per window, the last 24 hours, the last 90 days and
 * the outages of the last 30 days (README "Status page", docs/history.md).
 */
import { percentiles, secondsWithin, timed, uptimePercent, HOUR, type Span } from './stats.js';
import { percentilesOfCounts, type TimeTally } from './aggregates.js';
import type { CountedStatus, DailyRow, DaySlot, EndpointFigures, HourSlot, Outage, Point, RowStatus, Window } from './types.js';

const WINDOW_DAYS: Record<Exclude<Window, '24h'>, number> = { '7d': 7, '30d': 30, '90d': 90 };
const LONG_WINDOWS = ['7d', '30d', '90d'] as const;
const WINDOW_START: Record<Exclude<Window, '24h'>, keyof Windows> = { '7d': 'd7', '30d': 'd30', '90d': 'd90' };
/** The days of the longest window and of the 90-day bar. */
const DAYS_SHOWN = 90;
export const COUNTED_RANK: Record<CountedStatus, number> = { up: 0, maintenance: 1, degraded: 2, down: 3 };
const ROW_RANK: Record<RowStatus, number> = COUNTED_RANK;

/** The start of each window (ms). */
export type Windows = { h24: number; d7: number; d30: number; d90: number };

/**
 * The last 90 UTC days as every endpoint reads them, looked up once per run (index = days ago):
 * each day's rows of `daily.csv` by id, and whether its raw file is kept. Looking each endpoint's
 * 7, 30 and 90 days and its 90-day bar up by date was 217 lookups of a date, then of the id, per
 * endpoint (43,400 on 200 endpoints); this is 90 lookups of the id.
 */
export interface DayTable {
  dates: readonly string[];
  byId: ReadonlyArray<ReadonlyMap<string, DailyRow> | undefined>;
  raw: readonly boolean[];
}

export function dayTableOf(
  daily: Map<string, Map<string, DailyRow>>,
  rawKept: ReadonlySet<string>,
  dateOf: (daysAgo: number) => string,
): DayTable {
  const dates: string[] = [];
  const byId: Array<ReadonlyMap<string, DailyRow> | undefined> = [];
  const raw: boolean[] = [];
  for (let ago = 0; ago < DAYS_SHOWN; ago++) {
    const date = dateOf(ago);
    dates.push(date);
    byId.push(daily.get(date));
    raw.push(rawKept.has(date));
  }
  return { dates, byId, raw };
}

/** One endpoint's rows of `daily.csv` over the last 90 days, by days ago (undefined: no row). */
export function dailyOfEndpoint(table: DayTable, id: string): Array<DailyRow | undefined> {
  return table.byId.map((rows) => rows?.get(id));
}

const scratch = [new Int32Array(1024), new Int32Array(1024)];
/** Buffer `which` of `figuresOf`, at least `length` long. Of 32-bit integers, like `TimeTally`:
 * a response time read from a Float64Array is a heap number made in a cold process. */
function scratchOf(which: 0 | 1, length: number): Int32Array {
  if (scratch[which].length < length) scratch[which] = new Int32Array(length * 2);
  return scratch[which];
}

/** The times within the 7 days and the 24 hours of rows, and the 24 hours' checks and downs. */
function windowTotals(rows: readonly Point[], windows: Windows) {
  // In reused buffers (arrays made per endpoint were 3.5 MiB of the judge's allocations on 200
  // endpoints); from the first time that is not a 32-bit integer (a person's edit), in arrays.
  let totals7: Int32Array | number[] = scratchOf(0, rows.length);
  let totals24: Int32Array | number[] = scratchOf(1, rows.length);
  let checks24 = 0;
  let down24 = 0;
  let count7 = 0;
  let count24 = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.at < windows.d7) continue;
    const isTimed = timed(row);
    if (isTimed && (row.total | 0) !== row.total && !Array.isArray(totals7)) {
      totals7 = Array.from(totals7.subarray(0, count7));
      totals24 = Array.from((totals24 as Int32Array).subarray(0, count24));
    }
    if (isTimed) totals7[count7++] = row.total;
    if (row.at <= windows.h24) continue;
    if (row.status !== 'maintenance') checks24++;
    if (row.status === 'down') down24++;
    if (isTimed) totals24[count24++] = row.total;
  }
  const upTo = (totals: Int32Array | number[], count: number) => (Array.isArray(totals) ? totals : totals.subarray(0, count));
  return { checks24, down24, totals7: upTo(totals7, count7), totals24: upTo(totals24, count24) };
}

export function figuresOf(
  rows: readonly Point[],
  olderCounts: TimeTally | undefined,
  spans: readonly Span[],
  days: readonly (DailyRow | undefined)[],
  table: DayTable,
  windows: Windows,
  now: number,
  target: number,
): Pick<EndpointFigures, 'checks' | 'uptime' | 'responseTime' | 'downtime' | 'errorBudget'> {
  // The 7 days' times are counted with those of the days before yesterday only when the
  // percentiles are read.
  const { checks24, down24, totals7, totals24 } = windowTotals(rows, windows);
  const checks = { '24h': checks24 } as Record<Window, number>;
  const uptime = { '24h': uptimePercent(checks24, down24) } as Record<Window, number | null>;
  const downtime = { '24h': Math.round(secondsWithin(spans, windows.h24, now)) } as Record<Window, number>;
  // One pass over the 90 days, read off at 7, 30 and 90: the sums of the shorter windows are the
  // longer ones' at that point, added in the same order (so the estimate is the same to the bit).
  let sum = 0;
  let down = 0;
  let estimated = 0;
  let next = 0;
  for (let ago = 0; ago < DAYS_SHOWN; ago++) {
    const row = days[ago];
    if (row) {
      sum += row.checks;
      down += row.down;
      // A day known only from daily.csv: its outages are estimated as its share of down checks.
      if (!table.raw[ago] && row.down > 0) estimated += (86_400 * row.down) / (row.checks + row.maintenance);
    }
    const window = LONG_WINDOWS[next];
    if (ago + 1 === WINDOW_DAYS[window]) {
      checks[window] = sum;
      uptime[window] = uptimePercent(sum, down);
      downtime[window] = Math.round(secondsWithin(spans, windows[WINDOW_START[window]], now) + estimated);
      next++;
    }
  }
  const allowed = Math.round(((100 - target) / 100) * 30 * 86_400);
  const used = downtime['30d'];
  const left = allowed > 0 ? Math.max(0, Math.floor((1 - used / allowed) * 1000) / 1000) : used > 0 ? 0 : 1;
  return {
    checks,
    uptime,
    responseTime: {
      '24h': percentiles(totals24),
      '7d': percentilesOfCounts(olderCounts, totals7),
    },
    downtime,
    errorBudget: { allowed, used, left },
  };
}

export function hoursOf(rows: readonly Point[], now: number): HourSlot[] {
  const first = now - (now % HOUR) - 23 * HOUR;
  const worst: Array<RowStatus | null> = new Array(24).fill(null);
  // Each timed row as one number, its hour above its time (slot × 2³², then the time as
  // `percentiles` reads it, a Uint32Array value): one sort orders the day's times by hour, then by
  // time. Sorting each hour apart was 24 arrays, typed arrays and sorts per endpoint (4,800 of
  // each on 200 endpoints): the hours took 21 ms of a fresh process instead of 17 (one thread).
  const keyed = keyedOf(rows.length);
  let count = 0;
  // How many times each hour has: where its times lie in `sorted` is known without reading them
  // (each element read from a Float64Array is a heap number made in a cold process).
  const inSlot = new Int32Array(24);
  // Rows are sorted by time: only the last day's are looked at.
  for (let i = rows.length - 1; i >= 0 && rows[i].at >= first; i--) {
    const row = rows[i];
    const slot = Math.floor((row.at - first) / HOUR);
    if (slot > 23) continue;
    const current = worst[slot];
    if (current === null || ROW_RANK[row.status] > ROW_RANK[current]) worst[slot] = row.status;
    if (timed(row)) {
      keyed[count++] = slot * SLOT_KEY + (row.total >>> 0);
      inSlot[slot]++;
    }
  }
  const sorted = keyed.subarray(0, count).sort();
  const starts = hourStarts(first);
  const hours: HourSlot[] = [];
  let from = 0; // the first of the slot's times in `sorted`
  for (let slot = 0; slot < 24; slot++) {
    const to = from + inSlot[slot];
    const p50 = rankedIn(sorted, from, to, 50);
    const p95 = rankedIn(sorted, from, to, 95);
    const base = slot * SLOT_KEY;
    hours.push({
      start: starts[slot],
      status: worst[slot],
      p50: p50 === null ? null : p50 - base,
      p95: p95 === null ? null : p95 - base,
    });
    from = to;
  }
  return hours;
}

let keyedScratch = new Float64Array(1024);
/** The buffer `hoursOf` keys the times in, for every endpoint: at least `length` long. */
function keyedOf(length: number): Float64Array {
  if (keyedScratch.length < length) keyedScratch = new Float64Array(length * 2);
  return keyedScratch;
}

/** The nearest-rank percentile `p` of sorted[from, to), as `percentiles` takes it; null when empty. */
function rankedIn(sorted: Float64Array, from: number, to: number, p: number): number | null {
  const count = to - from;
  return count > 0 ? sorted[from + Math.max(1, Math.ceil((p / 100) * count)) - 1] : null;
}

/** What one hour adds to a keyed time in `hoursOf`: above any Uint32 value. */
const SLOT_KEY = 2 ** 32;

let lastHours: { first: number; starts: string[] } | null = null;

/** The 24 hours' starts (ISO) from `first`: the same for every endpoint of a run, so written once
 * (the last answer is kept) rather than 24 dates made and written per endpoint. */
function hourStarts(first: number): string[] {
  if (lastHours?.first !== first) {
    lastHours = { first, starts: Array.from({ length: 24 }, (_, slot) => new Date(first + slot * HOUR).toISOString()) };
  }
  return lastHours.starts;
}

export function daysOf(days: readonly (DailyRow | undefined)[], table: DayTable): DaySlot[] {
  const slots: DaySlot[] = [];
  for (let ago = DAYS_SHOWN - 1; ago >= 0; ago--) {
    const row = days[ago];
    slots.push({
      date: table.dates[ago],
      checks: row?.checks ?? 0,
      down: row?.down ?? 0,
      maintenance: row?.maintenance ?? 0,
      uptime: row ? uptimePercent(row.checks, row.down) : null,
    });
  }
  return slots;
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
