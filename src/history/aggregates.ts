/**
 * Per-day aggregates (docs/history.md, "Aggregates"): what the figures need of a day that is no
 * longer read raw, so a run reads today's raw day, yesterday's points (points.ts), these, and
 * `daily.csv`, whatever the number of days kept.
 *
 * - `aggregates/YYYY-MM-DD.csv` (`id,times`): for each endpoint, how many of the day's checks
 *   that were neither down nor in maintenance took each whole number of milliseconds
 *   (`312:2 318:1 …`, ascending). Merged across days, these give the 7-day percentiles exactly
 *   (nearest rank) with no raw row. A raw day older than yesterday that has none is converted by
 *   the next run (a branch written by an earlier Vigil is converted by its first run).
 * - `outages.csv` (`date,id,points`): for each endpoint and aggregated day that has a down check
 *   (or whose first check ends an outage open from the day before), the checks where the outage
 *   state changes: milliseconds after the day's midnight, then `d` (down) or `u` (not down). The
 *   outages drawn from these are those drawn from every raw row, to the millisecond.
 */
import { formatRecord, recordAt } from './csv.js';
import type { Percentiles, Point } from './types.js';
import { timed } from './stats.js';

export const OUTAGES_FILE = 'outages.csv';
export const AGGREGATES_HEADER = formatRecord(['id', 'times']);
export const OUTAGES_HEADER = formatRecord(['date', 'id', 'points']);
const AGGREGATE_FILE = /^aggregates\/(\d{4}-\d{2}-\d{2})\.csv$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OUTAGE_POINT = /^(\d+)([du])$/;
const DAY = 86_400_000;

export function aggregatePath(date: string): string {
  return `aggregates/${date}.csv`;
}

export function dayOfAggregatePath(path: string): string | null {
  return AGGREGATE_FILE.exec(path)?.[1] ?? null;
}

/** Count of each response time (ms), by endpoint. */
export type TimeCounts = Map<number, number>;

/** A day's raw rows of one endpoint (oldest first) as its response-time counts. */
export function timeCountsOf(rows: readonly Point[]): TimeCounts {
  const counts: TimeCounts = new Map();
  for (const row of rows) if (timed(row)) counts.set(row.total, (counts.get(row.total) ?? 0) + 1);
  return counts;
}

export function formatAggregates(byId: ReadonlyMap<string, TimeCounts>): string {
  let text = AGGREGATES_HEADER;
  for (const id of [...byId.keys()].sort()) {
    const counts = byId.get(id)!;
    const times = [...counts.keys()].sort((a, b) => a - b).map((ms) => `${ms}:${counts.get(ms)}`);
    text += formatRecord([id, times.join(' ')]);
  }
  return text;
}

/**
 * Counts of response times (ms) as `ms, count` pairs in the order they were added; a time may
 * come more than once (one pair a day it was seen). Kept in typed arrays outside the heap: as a
 * map per endpoint (200 endpoints, ~2,000 pairs each over the week's older days) the counts were
 * 5 MiB of allocations in the judge's first call, every entry copied by the collections of the
 * young generation while the judge ran (`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs`,
 * sampling heap profile). Whole numbers of 32 bits (every time and count a schedule makes) are
 * kept as such, because reading an element of a Float64Array made a heap number of it in a cold
 * process (10 MiB more for the week's percentiles); a tally that meets any other number (a
 * person's edit) goes on in 64-bit floats.
 */
export class TimeTally {
  ms: Int32Array | Float64Array = new Int32Array(256);
  counts: Int32Array | Float64Array = new Int32Array(256);
  length = 0;

  add(ms: number, count: number): void {
    if (this.length < this.ms.length && (ms | 0) === ms && (count | 0) === count) {
      this.ms[this.length] = ms;
      this.counts[this.length++] = count;
      return;
    }
    const wide = this.ms instanceof Float64Array || (ms | 0) !== ms || (count | 0) !== count;
    if (this.length === this.ms.length || (wide && !(this.ms instanceof Float64Array))) {
      const size = this.length === this.ms.length ? this.length * 2 : this.ms.length;
      const grown = wide ? [new Float64Array(size), new Float64Array(size)] : [new Int32Array(size), new Int32Array(size)];
      grown[0].set(this.ms.subarray(0, this.length));
      grown[1].set(this.counts.subarray(0, this.length));
      [this.ms, this.counts] = grown;
    }
    this.ms[this.length] = ms;
    this.counts[this.length++] = count;
  }
}

/** Adds each line of an aggregates file to the tally `tallyOf` gives for its id; a line that
 * does not parse is skipped (a person's edit costs that line only). */
export function addAggregates(text: string, tallyOf: (id: string) => TimeTally): void {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const record = recordAt(lines, i);
    if (record === null || record.last !== i) continue;
    const [id, times = ''] = record.fields;
    if (!id) continue;
    readPairs(times, tallyOf(id));
  }
}

/**
 * Adds the `ms:count` pairs of `times` (separated by single spaces) to `tally`; a pair that is
 * not two runs of digits is skipped. Read character by character: a regular expression and two
 * `Number` calls per pair took most of the judge's reading of the week's aggregates (about
 * 300,000 pairs on 200 endpoints).
 */
function readPairs(times: string, tally: TimeTally): void {
  let ms = 0;
  let count = 0;
  let digits = 0; // digits read in the current number
  let colon = false;
  let bad = false;
  const end = times.length;
  for (let i = 0; i <= end; i++) {
    const code = i === end ? 32 : times.charCodeAt(i);
    if (code === 32) {
      if (!bad && colon && digits > 0) tally.add(ms, count);
      ms = 0;
      count = 0;
      digits = 0;
      colon = false;
      bad = false;
    } else if (code >= 48 && code <= 57) {
      if (colon) count = count * 10 + (code - 48);
      else ms = ms * 10 + (code - 48);
      digits++;
    } else if (code === 58 && !colon && digits > 0) {
      colon = true;
      digits = 0;
    } else {
      bad = true;
    }
  }
}

/** Adds the counts of a day converted now to a tally. */
export function addCounts(into: TimeTally, from: ReadonlyMap<number, number>): void {
  from.forEach((count, ms) => into.add(ms, count));
}

const PERCENTS = [50, 95, 99] as const;
/** The widest span of times (ms) `percentilesOfCounts` counts in an array rather than sorts. */
const DENSE_SPAN = 16_384;
const NO_TALLY = new TimeTally();

/** One buffer for the counts by ms of every call, zeroed for each: made anew for each of 200
 * endpoints, 16,384 slots at most, it held up to 25 MiB outside the heap until the next collection. */
let scratch = new Int32Array(0);
let wideScratch = new Float64Array(0);
/** 32-bit counts while their total fits (each element read from a Float64Array is a heap number
 * made in a cold process), 64-bit floats otherwise. */
function scratchOf(length: number, total: number): Int32Array | Float64Array {
  if (total > 2 ** 31 - 1) {
    if (wideScratch.length < length) wideScratch = new Float64Array(length);
    else wideScratch.fill(0, 0, length);
    return wideScratch;
  }
  if (scratch.length < length) scratch = new Int32Array(Math.max(length, 1024));
  else scratch.fill(0, 0, length);
  return scratch;
}

/**
 * Nearest-rank percentiles of the tallied times and of the times `more` together: the same as
 * `percentiles` over every value.
 *
 * Times are whole milliseconds within a few seconds of each other, so they are counted into an
 * array indexed by ms and read off in order, without sorting the keys or writing `more` into a
 * map: for 200 endpoints (a week's counts of ~400 distinct times each, and ~430 raw times) this
 * took 12 ms of a fresh process against 22–31 ms for sorting the keys, either way (measured
 * apart from the judge). A span wider than DENSE_SPAN (an outlier of minutes) is sorted.
 */
export function percentilesOfCounts(tally: TimeTally = NO_TALLY, more: ArrayLike<number> = []): Percentiles {
  const { ms: times, counts, length } = tally;
  let total = more.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true; // every time a finite whole number (NaN % 1 and Infinity % 1 are NaN)
  // Indexed loops rather than for…of: the iterator protocol costs about as much again in a cold process.
  for (let i = 0; i < length; i++) {
    const ms = times[i];
    total += counts[i];
    if (ms < min) min = ms;
    if (ms > max) max = ms;
    if (ms % 1 !== 0) whole = false;
  }
  for (let i = 0; i < more.length; i++) {
    const ms = more[i];
    if (ms < min) min = ms;
    if (ms > max) max = ms;
    if (ms % 1 !== 0) whole = false;
  }
  if (total === 0) return { p50: null, p95: null, p99: null };
  const ranks = PERCENTS.map((p) => Math.max(1, Math.ceil((p / 100) * total)));
  const found: number[] = [];
  if (whole && max - min < DENSE_SPAN) {
    const byMs = scratchOf(max - min + 1, total);
    for (let i = 0; i < length; i++) byMs[times[i] - min] += counts[i];
    for (let i = 0; i < more.length; i++) byMs[more[i] - min]++;
    let seen = 0;
    for (let i = 0; found.length < ranks.length; i++) {
      seen += byMs[i];
      while (found.length < ranks.length && ranks[found.length] <= seen) found.push(min + i);
    }
  } else {
    const all = new Map<number, number>();
    for (let i = 0; i < length; i++) all.set(times[i], (all.get(times[i]) ?? 0) + counts[i]);
    for (let i = 0; i < more.length; i++) all.set(more[i], (all.get(more[i]) ?? 0) + 1);
    let seen = 0;
    for (const ms of [...all.keys()].sort((a, b) => a - b)) {
      seen += all.get(ms)!;
      while (found.length < ranks.length && ranks[found.length] <= seen) found.push(ms);
      if (found.length === ranks.length) break;
    }
  }
  return { p50: found[0], p95: found[1], p99: found[2] };
}

/** An aggregated day's outage points of one endpoint. */
export interface OutageRow {
  date: string;
  id: string;
  /** Points as rows (status `down` or `up`, total 0): all the figures use of them is when the
   * outage state changes. */
  points: Point[];
}

/**
 * The points of one endpoint's day (rows oldest first): its first check when the day has a down
 * check or `openBefore` (an outage open at the end of the endpoint's previous day), and every
 * check whose down-ness differs from the check before it. Empty when the day has neither.
 */
export function outagePointsOf(rows: readonly Point[], openBefore: boolean): Point[] {
  if (rows.length === 0) return [];
  if (!openBefore && !rows.some((row) => row.status === 'down')) return [];
  const points: Point[] = [];
  let previous: boolean | null = null;
  for (const row of rows) {
    const down = row.status === 'down';
    if (down !== previous) points.push({ at: row.at, id: row.id, status: down ? 'down' : 'up', total: 0 });
    previous = down;
  }
  return points;
}

export function formatOutages(rows: readonly OutageRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let text = OUTAGES_HEADER;
  for (const row of sorted) {
    const midnight = Date.parse(`${row.date}T00:00:00.000Z`);
    const points = row.points.map((point) => `${point.at - midnight}${point.status === 'down' ? 'd' : 'u'}`);
    text += formatRecord([row.date, row.id, points.join(' ')]);
  }
  return text;
}

export function readOutages(text: string): OutageRow[] {
  const byKey = new Map<string, OutageRow>();
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const record = recordAt(lines, i);
    if (record === null || record.last !== i) continue;
    const [date, id, points = ''] = record.fields;
    if (!date || !DATE.test(date) || !id) continue;
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    if (Number.isNaN(midnight)) continue;
    const read: Point[] = [];
    for (const point of points.split(' ')) {
      const match = OUTAGE_POINT.exec(point);
      if (match && Number(match[1]) < DAY)
        read.push({ at: midnight + Number(match[1]), id, status: match[2] === 'd' ? 'down' : 'up', total: 0 });
    }
    byKey.set(`${date},${id}`, { date, id, points: read });
  }
  return [...byKey.values()];
}
