/** The data branch's CSV files as typed rows (docs/history.md, the layout of the branch). */
import { TextBuilder, formatField, formatRecord, recordAt, withoutCr } from './csv.js';
import { sortByTime } from './stats.js';
import {
  CHECK_COLUMNS,
  DAILY_COLUMNS,
  type CheckRow,
  type DailyRow,
  type JudgeInput,
  type Point,
  type RowStatus,
} from './types.js';

/** A check of this run as a row, with its time in epoch milliseconds. */
export interface TimedRow extends CheckRow {
  at: number;
}

const ROW_STATUS = new Map<string, RowStatus>(
  (['up', 'degraded', 'down', 'maintenance'] as const).map((status) => [status, status]),
);
const DAY_FILE = /^history\/(\d{4}-\d{2}-\d{2})\.csv$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dayFilePath(date: string): string {
  return `history/${date}.csv`;
}

/** The UTC date (YYYY-MM-DD) of a day file's path, or null for any other path. */
export function dayOfPath(path: string): string | null {
  return DAY_FILE.exec(path)?.[1] ?? null;
}

export const CHECK_HEADER = formatRecord(CHECK_COLUMNS);
export const DAILY_HEADER = formatRecord(DAILY_COLUMNS);

/**
 * Maps each wanted column to its index in the records. A first record naming the columns is a
 * header (columns may come in any order); without one, the documented order (docs/history.md) is assumed.
 */
export function columnIndexes(records: string[][], columns: readonly string[]): { indexes: number[]; first: number } {
  const header = records[0];
  if (header && header.some((name) => name.trim() === columns[0]) && header.some((name) => name.trim() === columns[1])) {
    const names = header.map((name) => name.trim());
    return { indexes: columns.map((column) => names.indexOf(column)), first: 1 };
  }
  return { indexes: columns.map((_, index) => index), first: 0 };
}

export function wholeNumber(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
}

/** Reads a day file's checks as points. Lines that are not a valid check (bad time, status or
 * number) are skipped. */
export function readPoints(text: string): Point[] {
  const lines = text.split('\n');
  const { indexes, first } = checkColumns(lines);
  return pointsOfLines(lines, first, indexes);
}

/**
 * Reads only the points of some endpoints from a day file: it jumps from one `,id,` to the next
 * instead of reading every line, which is what keeps old days cheap to look into. Each line found
 * is read on its own, in file order; a match inside quoted text is dropped when its line is not
 * the endpoint's.
 */
export function readPointsOf(text: string, ids: ReadonlySet<string>): Point[] {
  const lines = text.split('\n');
  const { indexes, first } = checkColumns(lines);
  // The jump needs the id in its usual column; a file whose columns a person reordered is read whole.
  if (indexes[1] !== 1) return pointsOfLines(lines, first, indexes).filter((point) => ids.has(point.id));
  const starts = new Set<number>();
  for (const id of ids) {
    const needle = `,${formatField(id)},`; // as the id is written: quoted when it holds a comma or quote
    for (let found = text.indexOf(needle); found !== -1; found = text.indexOf(needle, found + needle.length)) {
      starts.add(text.lastIndexOf('\n', found) + 1);
    }
  }
  const points: Point[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    for (const point of pointsOfLines([line], 0, indexes)) if (ids.has(point.id)) points.push(point);
  }
  return points;
}

/** A day file's columns: from its header (its first record, after any blank line) when it has
 * one, else in the documented order; and the line its checks start on. */
function checkColumns(lines: readonly string[]): { indexes: number[]; first: number } {
  for (let i = 0; i < lines.length; i++) {
    const record = recordAt(lines, i);
    if (record === null) continue;
    const { indexes, first } = columnIndexes([record.fields], CHECK_COLUMNS);
    return { indexes, first: first === 1 ? record.last + 1 : i };
  }
  return columnIndexes([], CHECK_COLUMNS);
}

/**
 * The points of the lines from `first` on. A line in the documented column order without a quote (all
 * that Vigil writes, but for errors with a comma) is read by finding its first five commas; the
 * columns after them are not looked at. Splitting every line into its twelve fields and decoding
 * them all, as a general CSV reader does, made the judge's first call over 90 days up to 1.5 times
 * as long and its warm calls 1.3–1.6 times (`npm run bench:judge`, old and new code side by side).
 * Other lines take the general reader, with the same rules.
 */
function pointsOfLines(lines: readonly string[], first: number, indexes: readonly number[]): Point[] {
  const inOrder = indexes.slice(0, 5).every((index, position) => index === position);
  const timeOf = isoTimeReader();
  const idOf = interner();
  const points: Point[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = withoutCr(lines[i]);
    if (line === '') continue;
    if (inOrder && line.indexOf('"') === -1) {
      const c1 = line.indexOf(',');
      const c2 = c1 === -1 ? -1 : line.indexOf(',', c1 + 1);
      const c3 = c2 === -1 ? -1 : line.indexOf(',', c2 + 1);
      const c4 = c3 === -1 ? -1 : line.indexOf(',', c3 + 1);
      if (c4 === -1) continue; // fewer than five columns: no response time
      let c5 = line.indexOf(',', c4 + 1);
      if (c5 === -1) c5 = line.length;
      let point = pointInLine(line, c1, c2, c3, c4, c5, timeOf, idOf);
      if (point === undefined)
        point = pointOf(
          line.slice(0, c1),
          line.slice(c1 + 1, c2),
          line.slice(c2 + 1, c3),
          line.slice(c3 + 1, c4),
          line.slice(c4 + 1, c5),
          timeOf,
          idOf,
        );
      if (point) points.push(point);
      continue;
    }
    // A record that spans lines is read for its first five columns, but the lines it swallowed
    // are still read on their own: Vigil writes every check on one line, so a quote that a person
    // left open (or a stray one) costs at most its own line, not the checks after it.
    const record = recordAt(lines, i);
    if (record === null) continue;
    const fields = record.fields;
    // Only a line's own columns make a check: not a time, id or number that ran on into later lines.
    if (record.last !== i && indexes.slice(0, 5).some((index) => fields[index]?.includes('\n'))) continue;
    const point = pointOf(
      fields[indexes[0]],
      fields[indexes[1]],
      fields[indexes[2]],
      fields[indexes[3]],
      fields[indexes[4]],
      timeOf,
      idOf,
    );
    if (point) points.push(point);
  }
  return points;
}

/**
 * `pointOf` of a line's first five columns (ending at commas `c1`…`c4` and `c5`), read where they
 * lie when they are as Vigil writes them: a time of 24 characters, a status by its name, the
 * numbers in digits. Undefined for any other line, which `pointOf` reads from its columns cut out,
 * so what is accepted does not change. Cutting five strings out of each of today's lines (28,800
 * at noon on 200 endpoints) was a third of the time spent reading them, and most of what the
 * reading left for the collector (`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs`, CPU profile).
 */
function pointInLine(
  line: string,
  c1: number,
  c2: number,
  c3: number,
  c4: number,
  c5: number,
  timeOf: (text: string, end?: number) => number,
  idOf: (id: string) => string,
): Point | null | undefined {
  if (c1 !== 24 || c2 === c1 + 1) return undefined;
  const status = statusAt(line, c2 + 1, c3);
  if (status === undefined) return undefined;
  const total = digitsAt(line, c4 + 1, c5);
  if (total < 0 || (c4 > c3 + 1 && digitsAt(line, c3 + 1, c4) < 0)) return undefined;
  const at = timeOf(line, c1);
  if (Number.isNaN(at)) return null;
  return { at, id: idOf(line.slice(c1 + 1, c2)), status, total };
}

/** The status named by `line.slice(from, to)`, or undefined for any other text. */
function statusAt(line: string, from: number, to: number): RowStatus | undefined {
  switch (to - from) {
    case 2:
      return line.startsWith('up', from) ? 'up' : undefined;
    case 4:
      return line.startsWith('down', from) ? 'down' : undefined;
    case 8:
      return line.startsWith('degraded', from) ? 'degraded' : undefined;
    case 11:
      return line.startsWith('maintenance', from) ? 'maintenance' : undefined;
    default:
      return undefined;
  }
}

/** The whole number `line.slice(from, to)` writes in 1 to 15 digits, or -1 for any other text. */
export function digitsAt(line: string, from: number, to: number): number {
  if (to === from || to - from > 15) return -1;
  let value = 0;
  for (let at = from; at < to; at++) {
    const digit = line.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A point from a check's first five columns, or null when they are not a valid check. */
function pointOf(
  time: string | undefined,
  id: string | undefined,
  status: string | undefined,
  http: string | undefined,
  total: string | undefined,
  timeOf: (text: string) => number,
  idOf: (id: string) => string = (same) => same,
): Point | null {
  if (time === undefined || !id || status === undefined) return null;
  const known = ROW_STATUS.get(status);
  if (known === undefined) return null;
  const at = timeOf(time);
  if (Number.isNaN(at)) return null;
  const ms = wholeNumber(total);
  if (ms === null) return null;
  if (http && wholeNumber(http) === null) return null;
  return { at, id: idOf(id), status: known, total: ms };
}

/**
 * One string for each id of a file: the point keeps it, not the piece of its line (a string of
 * its own for every row). With the status's constant likewise, a day of 200 endpoints' rows
 * (57,600) keeps about 6 MiB less while the judge runs.
 */
export function interner(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

/**
 * `Date.parse` for the many times of one day file. A time as Vigil writes it
 * (`2026-11-26T10:05:03.412Z`) is its day's midnight, parsed once per day, plus the clock time read
 * digit by digit; any other text goes to `Date.parse`, so what is accepted does not change.
 */
function isoTimeReader(): (text: string, end?: number) => number {
  let day = '';
  let midnight = NaN;
  // `end`: where the time ends in `text`, which it begins (a line read in place); its length by default.
  const parse = (text: string, end: number) => Date.parse(end === text.length ? text : text.slice(0, end));
  return (text, end = text.length) => {
    if (
      end !== 24 ||
      text.charCodeAt(13) !== 58 ||
      text.charCodeAt(16) !== 58 ||
      text.charCodeAt(19) !== 46 ||
      text.charCodeAt(23) !== 90
    ) {
      return parse(text, end);
    }
    if (day === '' || !text.startsWith(day)) {
      day = text.slice(0, 11);
      midnight = Date.parse(`${day}00:00:00.000Z`);
      // Only a date written the one canonical way (`YYYY-MM-DDT`) is reused.
      if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 11) !== day) midnight = NaN;
    }
    // Each digit read in place (a closure called per digit was a tenth of reading today's lines in
    // a cold process); one that is not a digit (out of 0–9, unsigned) sends the time to Date.parse.
    const h1 = text.charCodeAt(11) - 48;
    const h2 = text.charCodeAt(12) - 48;
    const m1 = text.charCodeAt(14) - 48;
    const m2 = text.charCodeAt(15) - 48;
    const s1 = text.charCodeAt(17) - 48;
    const s2 = text.charCodeAt(18) - 48;
    const f1 = text.charCodeAt(20) - 48;
    const f2 = text.charCodeAt(21) - 48;
    const f3 = text.charCodeAt(22) - 48;
    const digits = (h1 | h2 | m1 | m2 | s1 | s2 | f1 | f2 | f3) >>> 0 <= 15 && Math.max(h2, m2, s2, f1, f2, f3) <= 9;
    const hours = h1 * 10 + h2;
    const minutes = m1 * 10 + m2;
    const seconds = s1 * 10 + s2;
    if (Number.isNaN(midnight) || !digits || !(hours < 24 && minutes < 60 && seconds < 60)) return parse(text, end);
    return midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000 + f1 * 100 + f2 * 10 + f3;
  };
}

export function formatCheckRow(row: CheckRow): string {
  return formatRecord([
    row.time,
    row.id,
    row.status,
    row.http === null ? '' : String(row.http),
    String(row.total),
    String(row.dns),
    String(row.connect),
    String(row.tls),
    String(row.wait),
    String(row.download),
    String(row.attempts),
    row.error,
  ]);
}

const optional = (value: number | null): string => (value === null ? '' : String(value));

/** `daily.csv` with its header, rows by date, then id. */
export function formatDaily(rows: readonly DailyRow[]): string {
  return formatDailyLines(rows, new TextBuilder().text(DAILY_HEADER)).toString();
}

/** The order of `daily.csv`'s rows: by date, then id. */
export function byDateThenId(a: DailyRow, b: DailyRow): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds the lines of `daily.csv`'s rows to `text`, by date, then id. */
export function formatDailyLines(rows: readonly DailyRow[], text: TextBuilder): TextBuilder {
  const sorted = [...rows].sort(byDateThenId);
  // Only the id can need quotes: a date and numbers never do (what `formatRecord` gives, without
  // testing ten fields a row; the file is written every run).
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i];
    text.text(
      `${row.date},${formatField(row.id)},${row.checks},${row.up},${row.degraded},${row.down},${row.maintenance},` +
        `${optional(row.p50)},${optional(row.p95)},${optional(row.p99)}\n`,
    );
  }
  return text;
}

/** A day's rows by endpoint, each oldest first. */
export type RowsById = ReadonlyMap<string, readonly Point[]>;

function groupById(rows: readonly Point[]): RowsById {
  const byId = new Map<string, Point[]>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const list = byId.get(row.id);
    if (list) list.push(row);
    else byId.set(row.id, [row]);
  }
  for (const list of byId.values()) sortByTime(list);
  return byId;
}

/** A day file's rows by endpoint; with a cache, one read before is reused (see
 * `JudgeInput.readCache`). */
export function readWholeDay(path: string, text: string, cache: JudgeInput['readCache']): RowsById {
  const cached = cache?.get(path);
  if (cached && cached.text === text) return cached.byId;
  let byId: RowsById;
  // Today's file only grows: read just the lines added since it was last read.
  if (cached && cached.text.startsWith(CHECK_HEADER) && cached.text.endsWith('\n') && text.startsWith(cached.text)) {
    const grown = new Map(cached.byId);
    for (const [id, rows] of groupById(readPoints(text.slice(cached.text.length)))) {
      grown.set(id, sortByTime([...(grown.get(id) ?? []), ...rows]));
    }
    byId = grown;
  } else {
    byId = groupById(readPoints(text));
  }
  cache?.set(path, { text, byId });
  return byId;
}
