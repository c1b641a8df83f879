/**
 * The watcher itself: how regularly the monitor's own runs came, read from nothing but the
 * times of the rows they wrote (README "Is the monitor itself running?", docs/history.md
 * "monitor"). GitHub starts scheduled workflows late, and skips some when it is busy; these
 * figures say how much of the last day was really watched. Pure: times in, figures out.
 *
 * A gap is not counted as up or down: an endpoint's uptime counts only the checks that were
 * made, so a skipped run changes no endpoint's figures — it shows here instead.
 */
import type { DailyByDate } from './daily-rows.js';
import type { MonitorFigures, Point } from './types.js';

/** Rows written within this of each other are one run (the checks of a run, and of its shards). */
export const RUN_GAP_MS = 60_000;
/** A run covers `every` × this after it: a run up to half an interval late still counts as on time. */
export const ON_TIME_FACTOR = 1.5;
const DAY_MS = 24 * 60 * 60_000;

/**
 * The monitor's figures at `now` from the times (epoch ms, any order, any span) of the rows on the
 * branch. Rows dated after `now` (the run that is judging checked after it started) count as
 * runs, and the window ends at the later of `now` and the last run.
 *
 * With no run at all every figure is unknown (null, `runs24h` 0). `every` needs two runs within
 * the last 24 h, and `coverage24h` needs `every`, so with one run both are null; `longestGap24h`
 * is then the time since that run (or since the window's start, when the run before it was
 * older). Runs before the window count only as far as they reach into it.
 */
export function monitorOf(times: ArrayLike<number>, now: number): MonitorFigures {
  const runs = runStarts(times);
  if (runs.length === 0) return { every: null, lastRun: null, runs24h: 0, coverage24h: null, longestGap24h: null };
  const last = runs[runs.length - 1];
  const end = Math.max(now, last);
  const windowStart = end - DAY_MS;
  let firstIn = runs.length;
  while (firstIn > 0 && runs[firstIn - 1] > windowStart) firstIn--;
  const inWindow = runs.slice(firstIn);

  const intervals: number[] = [];
  for (let i = 1; i < inWindow.length; i++) intervals.push(inWindow[i] - inWindow[i - 1]);
  const everyMs = intervals.length > 0 ? median(intervals) : null;

  // The longest stretch without a run: between runs of the window (the one that reaches into it
  // from before counted from the window's start), and from the last run to the window's end.
  const marks = firstIn > 0 ? [windowStart, ...inWindow, end] : [...inWindow, end];
  let longest = 0;
  for (let i = 1; i < marks.length; i++) longest = Math.max(longest, marks[i] - marks[i - 1]);

  let coverage: number | null = null;
  if (everyMs !== null) {
    // The last 24 h, or the time since the first run known when that is shorter.
    const from = Math.max(windowStart, runs[0]);
    const reach = everyMs * ON_TIME_FACTOR;
    let covered = 0;
    let coveredTo = from;
    for (let i = Math.max(0, firstIn - 1); i < runs.length; i++) {
      const start = Math.max(runs[i], coveredTo);
      const stop = Math.min(runs[i] + reach, end);
      if (stop > start) {
        covered += stop - start;
        coveredTo = stop;
      }
    }
    const span = end - from;
    // Floored to a tenth, so a day with a late run never reads as 100 %.
    coverage = span > 0 ? Math.floor((covered / span) * 1000) / 10 : null;
  }
  return {
    every: everyMs === null ? null : Math.round(everyMs / 1000),
    lastRun: new Date(last).toISOString(),
    runs24h: inWindow.length,
    coverage24h: coverage,
    longestGap24h: Math.round(longest / 1000),
  };
}

/** Each run's start (its first row), oldest first: sorted row times split where two are more
 * than `RUN_GAP_MS` apart. */
export function runStarts(times: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(times).sort();
  const starts: number[] = [];
  let previous = -Infinity;
  for (let i = 0; i < sorted.length; i++) {
    const at = sorted[i];
    if (!Number.isFinite(at)) continue;
    if (at - previous > RUN_GAP_MS) starts.push(at);
    previous = at;
  }
  return starts;
}

/**
 * The times of the rows read, for `monitorOf`, oldest first: of each 30 s in which rows were
 * written, the earliest and the latest. A run stamps every endpoint's check within seconds and a
 * branch may hold a hundred thousand rows; runs are told apart by gaps of more than 60 s, which
 * these keep exactly, without sorting every row.
 */
export function rowTimes(rowLists: Iterable<readonly Point[]>): number[] {
  const lists = [...rowLists];
  // Each endpoint's rows are oldest first as the judge gives them (a caller need not promise it):
  // the lists' ends give the span, and the pass that slots the rows checks it, so the rows are
  // walked once, not twice (86,000 of them on 200 endpoints: 8 ms instead of 13 in a fresh
  // process, one thread). A row outside the span has them all scanned for it, and slotted again.
  let first = Infinity;
  let last = -Infinity;
  for (const rows of lists) {
    for (const row of [rows[0], rows[rows.length - 1]]) {
      if (row === undefined) continue;
      if (row.at < first) first = row.at;
      if (row.at > last) last = row.at;
    }
  }
  const times = first <= last ? slotted(lists, first, last) : null;
  if (times !== null) return times;
  first = Infinity;
  last = -Infinity;
  for (const rows of lists) {
    for (const row of rows) {
      if (row.at < first) first = row.at;
      if (row.at > last) last = row.at;
    }
  }
  return first <= last ? slotted(lists, first, last)! : [];
}

/** `rowTimes` for rows from `first` to `last` (first ≤ last); null when a row is outside. */
function slotted(lists: ReadonlyArray<readonly Point[]>, first: number, last: number): number[] | null {
  const count = Math.floor((last - first) / SLOT_MS) + 1;
  if (count > MAX_SLOTS) return allSorted(lists);
  // Times as ms after `first`, whole numbers below 2³¹ over the four days at most. A time that is
  // not a whole number of ms (a person's edit) is slotted as the sort slots it.
  const slots = new RunSlots(first, count);
  for (const rows of lists) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.at < first || row.at > last) return null;
      const offset = row.at - first;
      if ((offset | 0) !== offset) return allSorted(lists);
      slots.add(offset);
    }
  }
  return slots.times();
}

/**
 * Per 30 s from `start`, the earliest and the latest time added, as whole ms after `start`: all
 * `rowTimes` keeps of the checks within 30 s (the gaps that tell runs apart are longer). In
 * Int32Arrays, read back as they are: a Float64Array made a heap number of each read in a cold
 * process.
 */
export class RunSlots {
  private readonly earliest: Int32Array;
  private readonly latest: Int32Array;

  constructor(
    readonly start: number,
    count: number,
  ) {
    this.earliest = new Int32Array(count).fill(-1);
    this.latest = new Int32Array(count).fill(-1);
  }

  /** A time `offset` ms after `start`: a whole number, within the slots. */
  add(offset: number): void {
    const slot = Math.floor(offset / SLOT_MS);
    if (this.earliest[slot] === -1 || offset < this.earliest[slot]) this.earliest[slot] = offset;
    if (offset > this.latest[slot]) this.latest[slot] = offset;
  }

  /** Each slot's earliest time and its latest when another, oldest first, in epoch ms. */
  times(): number[] {
    const times: number[] = [];
    for (let slot = 0; slot < this.earliest.length; slot++) {
      if (this.earliest[slot] === -1) continue;
      times.push(this.start + this.earliest[slot]);
      if (this.latest[slot] !== this.earliest[slot]) times.push(this.start + this.latest[slot]);
    }
    return times;
  }
}

/** Every row's time, sorted. */
function allSorted(lists: ReadonlyArray<readonly Point[]>): number[] {
  const all: number[] = [];
  for (const rows of lists) for (const row of rows) all.push(row.at);
  return all.sort((a, b) => a - b);
}

/** Under `RUN_GAP_MS`, so the gaps between slots that tell runs apart are kept exactly. */
export const SLOT_MS = 30_000;
/** Slots `rowTimes` uses at most (four days; the judge reads two): beyond, it sorts the rows. */
const MAX_SLOTS = (4 * DAY_MS) / SLOT_MS;

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The monitor's runs before yesterday, for `monitorOf`: their rows are not read (their days are
 * aggregates now), yet whether the monitor ran before the 24-hour window decides where its
 * longest gap begins — at the window's start, or at its first run when it has none before.
 * Yesterday's early runs say so when there are any; when there are none (the monitor did not run
 * from yesterday's midnight to the window's start), a raw day kept from before yesterday with
 * checks in `daily.csv` says it: its midnight is given as a run. It reaches into the window no
 * further than that day's real last run would have, so coverage is never overstated; it is only
 * left short when that last run came within its reach of the window (a run in the first minutes
 * after midnight, the monitor silent since the midnight before).
 */
export function markOfOlderRuns(
  rawDays: Iterable<string>,
  daily: DailyByDate,
  { yesterday, keepFrom }: { yesterday: string; keepFrom: string },
): Point[] {
  let latest: string | null = null;
  for (const date of rawDays) {
    if (date >= yesterday || date < keepFrom || (latest !== null && date <= latest)) continue;
    const rows = daily.get(date);
    if (rows && [...rows.values()].some((row) => row.checks > 0)) latest = date;
  }
  return latest === null ? [] : [{ at: Date.parse(`${latest}T00:00:00Z`), id: '', status: 'up', total: 0 }];
}
