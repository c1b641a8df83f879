/**
 * The judge's first steps: the branch's history read as far as the figures need it, with this
 * run's checks added. It reads the raw files of yesterday and today (the 24 h window and the
 * hours), converts each older kept day that has no aggregates yet, takes the 7-day window's older
 * days from their aggregates and the outages of the 30 and 90 days from `outages.csv`, and notes
 * the files that change on the way: the day files this run appends to, the days converted, the
 * days expired, `outages.csv` (docs/history.md, "Aggregates").
 */
import { type DailyByDate, readDailyByDate } from './daily-rows.js';
import { dayFilePath, dayOfPath, readWholeDay, type RowsById, type TimedRow } from './rows.js';
import { DAY, dailyRowOf, datesBack, sortByTime, startOfUtcDay, utcDate } from './stats.js';
import {
  OUTAGES_FILE,
  OUTAGES_HEADER,
  addAggregates,
  addCounts,
  aggregatePath,
  dayOfAggregatePath,
  formatAggregates,
  formatOutages,
  outagePointsOf,
  readOutages,
  timeCountsOf,
  type OutageRow,
  TimeTally,
  type TimeCounts,
} from './aggregates.js';
import { EarlyChecks } from './early-checks.js';
import { markOfOlderRuns } from './monitor.js';
import { dayOfPointsPath, formatDayPoints, isDayPoints, pointsPath, readDayPoints } from './points.js';
import { appendThisRun, rowsOfThisRun } from './this-run.js';
import { DAILY_FILE, type BranchFiles, type DailyRow, type FileChanges, type JudgeInput, type Point } from './types.js';

/** How far past the run's start (and its own checks) a read row may be dated before it counts as
 * dated in the future: overlapping runs and shards stamp their checks a few minutes apart. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;

/** The run's moment and the days it reckons with. */
export interface Clock {
  now: number;
  today: number;
  /** Days of raw checks kept (at least 7). */
  historyDays: number;
  /** The UTC date of `daysAgo` days before today. */
  dateOf: (daysAgo: number) => string;
  /** The oldest raw day kept. */
  keepFrom: string;
  yesterday: string;
}

export function clockOf(now: Date, historyDays: number): Clock {
  const at = now.getTime();
  const today = startOfUtcDay(at);
  const kept = Math.max(7, Math.floor(historyDays));
  const dates = datesBack(today, Math.max(90, kept));
  const dateOf = (daysAgo: number) => dates[daysAgo] ?? utcDate(today - daysAgo * DAY);
  return { now: at, today, historyDays: kept, dateOf, keepFrom: dateOf(kept - 1), yesterday: dateOf(1) };
}

export type { DailyByDate };

/** The history as the figures read it. */
export interface History {
  /** The rows read (yesterday's, today's and those of any day this run added to), by endpoint,
   * oldest first; of yesterday read from its points, only those from the 24-hour window's start
   * (the ones before it are in `earlyRunTimes`, `spanRowsById` and `sevenDayCounts`; see
   * early-checks.ts). Rows dated in the future are left out. */
  rowsById: Map<string, Point[]>;
  /** The rows that draw outages: the outage points of the older days, the status changes of
   * yesterday's checks before the 24-hour window, then the rows. */
  spanRowsById: Map<string, Point[]>;
  /** When the monitor ran before the 24-hour window (early-checks.ts, `markOfOlderRuns`). */
  earlyRunTimes: Point[];
  /** The response times of the 7-day window's days before yesterday, and of yesterday's checks
   * before the 24-hour window when read from its points, by endpoint. */
  sevenDayCounts: Map<string, TimeTally>;
  /** `daily.csv` by date and endpoint, with the days read now recomputed. */
  daily: DailyByDate;
  /** Where each date's lines begin in `daily.csv`, when it is as Vigil writes it (see
   * `formatDailyFrom`); and the first date whose rows were recomputed (null: none). */
  dailyStarts: ReadonlyMap<string, number> | null;
  dailyChangedFrom: string | null;
  /** The raw days kept on the branch. */
  rawKept: ReadonlySet<string>;
  warnings: string[];
}

/** Reads the history, adds this run's checks to it and sets the files that change in `changes`. */
export function readHistory(input: JudgeInput, clock: Clock, changes: FileChanges): History {
  const { files } = input;
  const newRowsByDay = rowsOfThisRun(input.checks);
  // The branch's paths: with a store that fetches only what the judge reads (`filesToRead`),
  // more files are on the branch than were read.
  const { rawDays, aggregated, pointed } = daysOnBranch(input.paths ?? files.keys());
  appendThisRun(files, newRowsByDay, rawDays, changes);
  const sortedRawDays = [...rawDays].sort();
  const daily = readDailyByDate(files.get(DAILY_FILE) ?? '');
  const read: Reading = {
    files,
    clock,
    changes,
    newRowsByDay,
    sortedRawDays,
    aggregated,
    pointed,
    daily: daily.byDate,
    dailyChangedFrom: null,
    outageRows: outageRowsOf(files.get(OUTAGES_FILE) ?? ''),
    outagesChanged: false,
    rowsById: new Map(),
    early: null,
    earlyRunTimes: [],
    sevenDayCounts: new Map(),
    futureRows: 0,
    firstFuture: Infinity,
  };
  const converted = readDays(read, input);
  addOlderCounts(read, converted, rawDays);
  const expired = sortedRawDays.filter((date) => date < clock.keepFrom);
  expire(read, expired, rawDays);
  removeOldPoints(read, rawDays);
  if (read.outagesChanged) {
    const text = formatOutages([...read.outageRows.values()]);
    if (text !== (files.get(OUTAGES_FILE) ?? OUTAGES_HEADER)) changes.set(OUTAGES_FILE, text);
  }
  const warnings = read.futureRows > 0 ? [futureWarning(read.futureRows, read.firstFuture, clock.now)] : [];
  if (input.readCache) {
    for (const key of input.readCache.keys()) {
      const date = dayOfPath(key.split('#')[0]);
      if (date && date < clock.yesterday) input.readCache.delete(key);
    }
  }
  return {
    rowsById: read.rowsById,
    spanRowsById: spanRowsOf(read),
    earlyRunTimes: [...markOfOlderRuns(rawDays, read.daily, clock), ...read.earlyRunTimes],
    sevenDayCounts: read.sevenDayCounts,
    daily: read.daily,
    dailyStarts: daily.starts,
    dailyChangedFrom: read.dailyChangedFrom,
    rawKept: new Set(sortedRawDays.filter((date) => date >= clock.keepFrom)),
    warnings,
  };
}

/** What the steps of `readHistory` share. */
interface Reading {
  files: BranchFiles;
  clock: Clock;
  changes: FileChanges;
  newRowsByDay: Map<string, TimedRow[]>;
  sortedRawDays: readonly string[];
  aggregated: Set<string>;
  /** The days that have a points file (see points.ts). */
  pointed: ReadonlySet<string>;
  daily: DailyByDate;
  /** The first date whose rows of `daily.csv` were recomputed. */
  dailyChangedFrom: string | null;
  outageRows: Map<string, OutageRow>;
  outagesChanged: boolean;
  rowsById: Map<string, Point[]>;
  /** Yesterday's checks before the 24-hour window, when read from its points (early-checks.ts). */
  early: EarlyChecks | null;
  earlyRunTimes: Point[];
  sevenDayCounts: Map<string, TimeTally>;
  futureRows: number;
  firstFuture: number;
}

/** The days that have a raw file, those that have aggregates, and those that have points. */
export function daysOnBranch(paths: Iterable<string>): { rawDays: Set<string>; aggregated: Set<string>; pointed: Set<string> } {
  const rawDays = new Set<string>();
  const aggregated = new Set<string>();
  const pointed = new Set<string>();
  for (const path of paths) {
    const date = dayOfPath(path);
    if (date) rawDays.add(date);
    const aggregate = dayOfAggregatePath(path);
    if (aggregate) aggregated.add(aggregate);
    const points = dayOfPointsPath(path);
    if (points) pointed.add(points);
  }
  return { rawDays, aggregated, pointed };
}

function outageRowsOf(text: string): Map<string, OutageRow> {
  const rows = new Map<string, OutageRow>();
  for (const row of readOutages(text)) rows.set(`${row.date},${row.id}`, row);
  return rows;
}

/**
 * Reads the raw days the figures need: yesterday and today (the 24 h window and the hours), any
 * later one, each older kept day that has no aggregates yet (converted now: a branch of an earlier
 * Vigil, or the day that has just become the day before yesterday), and any raw day `daily.csv`
 * lacks (its daily rows are written, also before it expires). A day the run does not append to
 * is read from its points when it has them (see points.ts); yesterday's are written when they
 * were read from the raw day. Returns the days converted.
 */
function readDays(read: Reading, input: JudgeInput): ReadonlySet<string> {
  const { files, clock, newRowsByDay, sortedRawDays, daily, outageRows, rowsById } = read;
  const { yesterday } = clock;
  /** The day's points file, when the run reads the day from it: never for today or a later day,
   * whose raw file every run reads (`filesToRead`), so points that disagree with it (a file a
   * person wrote) are written again from it rather than counted. */
  const briefOf = (date: string) => {
    const text = newRowsByDay.has(date) || date > yesterday ? undefined : files.get(pointsPath(date));
    return text !== undefined && isDayPoints(text) ? text : undefined;
  };
  const readable = (date: string) => files.has(dayFilePath(date)) || briefOf(date) !== undefined;
  const recentDays = sortedRawDays.filter((date) => date >= yesterday || newRowsByDay.has(date));
  const converted = sortedRawDays.filter(
    (date) =>
      date < yesterday && date >= clock.keepFrom && !read.aggregated.has(date) && !newRowsByDay.has(date) && readable(date),
  );
  // A row dated in the future (a clock that was wrong when it was written) counts in no figure
  // and draws no outage; it stays on the branch.
  const latestCheck = input.checks.reduce((latest, check) => Math.max(latest, Date.parse(check.checkedAt) || 0), clock.now);
  const futureAfter = latestCheck + FUTURE_TOLERANCE_MS;
  /** Whether an endpoint's last check of a day converted now was down (`date,id`). */
  const endedDown = new Map<string, boolean>();
  /** Whether an outage of the endpoint was open at the end of the raw day before `date`. */
  const openBefore = (date: string, id: string): boolean => {
    const before = sortedRawDays[sortedRawDays.indexOf(date) - 1];
    if (before === undefined) return false;
    const known = endedDown.get(`${before},${id}`);
    if (known !== undefined) return known;
    return outageRows.get(`${before},${id}`)?.points.at(-1)?.status === 'down';
  };
  const d7Date = clock.dateOf(6);
  const convertedSet = new Set(converted);
  const missingDaily = sortedRawDays.filter((date) => !daily.has(date) && readable(date));
  for (const date of [...new Set([...converted, ...recentDays, ...missingDaily])].sort()) {
    const path = dayFilePath(date);
    const brief = briefOf(date);
    const added = newRowsByDay.get(date);
    // Neither the raw day nor its points were read (a file that could not be read): nothing to
    // count, and nothing to write over what the branch holds.
    if (brief === undefined && !files.has(path) && !added) continue;
    const recompute = newRowsByDay.has(date) || !daily.has(date);
    const isConverted = convertedSet.has(date);
    let dayRows =
      brief !== undefined
        ? readBrief(read, date, brief, date === yesterday && !recompute && !isConverted)
        : readWholeDay(path, files.get(path) ?? '', input.readCache);
    if (added) {
      const merged = new Map(dayRows);
      for (const row of added) merged.set(row.id, sortByTime([...(merged.get(row.id) ?? []), row]));
      dayRows = merged;
    }
    // Yesterday's points, from its raw day; and again for a day that has them when this run adds to it.
    // A day this run adds to is what it writes (its raw file read, or begun anew when there was
    // none): points left from a raw day since removed must not outlive it.
    const rawRead = files.has(path) || added !== undefined;
    if (brief === undefined && rawRead && (date === yesterday || (date > yesterday && read.pointed.has(date)))) {
      const text = formatDayPoints(date, dayRows);
      if (text !== files.get(pointsPath(date))) read.changes.set(pointsPath(date), text);
    }
    if (date >= utcDate(futureAfter - DAY)) dayRows = withoutFutureRows(read, dayRows, futureAfter);
    const recomputed = new Map<string, DailyRow>();
    const counts = new Map<string, TimeCounts>();
    for (const [id, rows] of dayRows) {
      if (recompute) recomputed.set(id, dailyRowOf(date, id, rows));
      if (isConverted) {
        counts.set(id, timeCountsOf(rows));
        const points = outagePointsOf(rows, openBefore(date, id));
        if (points.length > 0) outageRows.set(`${date},${id}`, { date, id, points });
        endedDown.set(`${date},${id}`, rows.length > 0 && rows[rows.length - 1].status === 'down');
        if (date >= d7Date) addCounts(countsOf(read, id), counts.get(id)!);
      } else if (date >= yesterday || newRowsByDay.has(date)) {
        const all = rowsById.get(id);
        // One array of the two days' length, not one grown row by row to it.
        rowsById.set(id, all ? all.concat(rows) : rows.slice());
      }
    }
    if (isConverted) {
      read.changes.set(aggregatePath(date), formatAggregates(counts));
      read.aggregated.add(date);
      read.outagesChanged = true;
    }
    if (recompute) daily.set(date, recomputed);
    if (recompute) read.dailyChangedFrom ??= date; // the dates go in order: the first is the earliest
  }
  return convertedSet;
}

/**
 * A day's rows from its points. Yesterday's, when its row of `daily.csv` stands (`splits`): the
 * checks before the 24-hour window come as what the figures need of them (see early-checks.ts),
 * not as rows; the rows are the rest.
 */
function readBrief(read: Reading, date: string, brief: string, splits: boolean): RowsById {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  const before = Math.min(read.clock.now - DAY, midnight + DAY);
  if (!splits || before <= midnight) return readDayPoints(date, brief);
  const early = new EarlyChecks(midnight, before);
  const rows = readDayPoints(date, brief, early);
  // Checks out of order (a person's edit): read as rows, like any other day.
  if (early.disordered) return readDayPoints(date, brief);
  for (const [id, { tally }] of early.endpoints()) {
    const counts = countsOf(read, id);
    for (let i = 0; i < tally.length; i++) counts.add(tally.ms[i], tally.counts[i]);
  }
  read.early = early;
  read.earlyRunTimes = early.runTimes();
  return rows;
}

/** A day's rows without those dated after `futureAfter`, which are counted for the warning. */
function withoutFutureRows(read: Reading, byId: RowsById, futureAfter: number): RowsById {
  let dated = 0;
  byId.forEach((rows) => {
    for (let i = 0; i < rows.length; i++) if (rows[i].at > futureAfter) dated++;
  });
  if (dated === 0) return byId;
  const kept = new Map<string, Point[]>();
  for (const [id, rows] of byId) {
    for (const row of rows) if (row.at > futureAfter) read.firstFuture = Math.min(read.firstFuture, row.at);
    const present = rows.filter((row) => row.at <= futureAfter);
    if (present.length > 0) kept.set(id, present);
  }
  read.futureRows += dated;
  return kept;
}

function countsOf(read: Reading, id: string): TimeTally {
  let counts = read.sevenDayCounts.get(id);
  if (!counts) read.sevenDayCounts.set(id, (counts = new TimeTally()));
  return counts;
}

/** The 7-day window's days before yesterday, from their aggregates. */
function addOlderCounts(read: Reading, converted: ReadonlySet<string>, rawDays: ReadonlySet<string>): void {
  const addTo = (id: string) => countsOf(read, id);
  for (let ago = 2; ago < 7; ago++) {
    const date = read.clock.dateOf(ago);
    if (converted.has(date) || !rawDays.has(date)) continue;
    const text = read.files.get(aggregatePath(date));
    if (text === undefined) continue;
    // Added where they go, without a map per endpoint and day first: on 200 endpoints that was a
    // thousand maps of a few hundred times each, built to be merged and dropped.
    addAggregates(text, addTo);
  }
}

/** Removes the raw days, aggregates and outage rows older than the history kept. */
function expire(read: Reading, expired: readonly string[], rawDays: ReadonlySet<string>): void {
  const { keepFrom } = read.clock;
  for (const date of expired) read.changes.set(dayFilePath(date), null);
  for (const date of read.aggregated) if (date < keepFrom) read.changes.set(aggregatePath(date), null);
  for (const [key, row] of read.outageRows) {
    if (row.date < keepFrom || !rawDays.has(row.date) || expired.includes(row.date)) {
      read.outageRows.delete(key);
      read.outagesChanged = true;
    }
  }
}

/** Removes the points of the days before yesterday (a day converted now was read from them), of
 * days without a raw file, and those that are not points at all and were not written again now. */
function removeOldPoints(read: Reading, rawDays: ReadonlySet<string>): void {
  for (const date of read.pointed) {
    const path = pointsPath(date);
    const text = read.files.get(path);
    const broken = text !== undefined && !isDayPoints(text) && !read.changes.has(path);
    if (date < read.clock.yesterday || !rawDays.has(date) || broken) read.changes.set(path, null);
  }
}

/** The outage points of the aggregated days (for the outages of the 30 and 90 days), then the
 * raw rows read, by endpoint, oldest first. */
function spanRowsOf(read: Reading): Map<string, Point[]> {
  const oldest = read.clock.dateOf(89);
  const { yesterday } = read.clock;
  const spanRowsById = new Map<string, Point[]>();
  // concat, not push(...points): a day of a hundred thousand rows is too many arguments.
  const append = (id: string, points: Point[]) => {
    const list = spanRowsById.get(id);
    spanRowsById.set(id, list ? list.concat(points) : points);
  };
  for (const row of read.outageRows.values()) {
    if (row.date >= oldest && row.date < yesterday) append(row.id, row.points.slice());
  }
  if (read.early !== null) {
    for (const id of read.early.endpoints().keys())
      append(id, read.early.spanPoints(id, spanRowsById.get(id) ?? [], read.rowsById.get(id) ?? []));
  }
  for (const [id, rows] of read.rowsById) append(id, rows);
  for (const rows of spanRowsById.values()) sortByTime(rows);
  return spanRowsById;
}

function futureWarning(rows: number, first: number, now: number): string {
  return (
    `${rows} ${rows === 1 ? 'row' : 'rows'} of the history ${rows === 1 ? 'is' : 'are'} dated in the future ` +
    `(from ${new Date(first).toISOString()}, while this run started at ${new Date(now).toISOString()}): ` +
    'a clock was wrong when they were written. They count in no figure and show no outage.'
  );
}
