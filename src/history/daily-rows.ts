/** `daily.csv` read into rows (docs/history.md, the layout of the branch). */
import { TextBuilder, recordAt, withoutCr } from './csv.js';
import {
  DAILY_HEADER,
  DATE,
  byDateThenId,
  columnIndexes,
  digitsAt,
  formatDaily,
  formatDailyLines,
  interner,
  wholeNumber,
} from './rows.js';
import { DAILY_COLUMNS, type DailyRow } from './types.js';

/** Reads `daily.csv`. Invalid lines are skipped; a later line for the same day and id wins. */
export function readDailyRows(text: string): DailyRow[] {
  const byKey = new Map<string, DailyRow>();
  eachDailyRow(text, (row) => byKey.set(`${row.date},${row.id}`, row));
  return [...byKey.values()];
}

/** `daily.csv` by date, then id. */
export type DailyByDate = Map<string, Map<string, DailyRow>>;

/**
 * `daily.csv` as the judge reads it: `readDailyRows` by date, then id, without a key made for
 * every row; and, when the text is exactly what `formatDaily` writes of those rows, where each
 * date's lines begin (`starts`), so that `formatDailyFrom` writes only the days a run changed.
 */
export function readDailyByDate(text: string): { byDate: DailyByDate; starts: Map<string, number> | null } {
  const byDate: DailyByDate = new Map();
  const starts = new Map<string, number>();
  const canonical = eachDailyRow(text, (row, start) => {
    let byId = byDate.get(row.date);
    if (!byId) {
      byDate.set(row.date, (byId = new Map()));
      starts.set(row.date, start);
    }
    byId.set(row.id, row);
  });
  return { byDate, starts: canonical ? starts : null };
}

/**
 * `formatDaily` of the rows of `byDate`, given the text they were read from (`readDailyByDate`)
 * and the first date whose rows were changed since (null: none). When that text is exactly what
 * `formatDaily` writes (`starts` is set), its lines before that date are kept as they are and only
 * the days from it are written: a run changes today's rows, and formatting the 18,000 rows of 200
 * endpoints' 90 days again was a tenth of the judge's time (`BENCH_ENDPOINTS=200 node
 * scripts/bench-judge.mjs`, CPU profile of the warm calls). The result is the same text.
 */
export function formatDailyFrom(
  text: string,
  byDate: DailyByDate,
  starts: ReadonlyMap<string, number> | null,
  changedFrom: string | null,
): string {
  if (starts === null) return formatDaily([...byDate.values()].flatMap((byId) => [...byId.values()]));
  if (changedFrom === null) return text;
  // The file's dates are in order, so the first line of a date from `changedFrom` on begins the part written anew.
  let cut = text.length;
  for (const [date, start] of starts) if (date >= changedFrom && start < cut) cut = start;
  const rows: DailyRow[] = [];
  for (const [date, byId] of byDate) if (date >= changedFrom) byId.forEach((row) => rows.push(row));
  return text.slice(0, cut) + formatDailyLines(rows, new TextBuilder()).toString();
}

/**
 * Each valid row of `daily.csv`, in file order, with where its line begins. Returns whether the
 * text is exactly what `formatDaily` writes of the rows read: its header, then one line a row in
 * order of date and id, no two for the same day and id, each number as `String` writes it, and a
 * line end after the last.
 */
function eachDailyRow(text: string, onRow: (row: DailyRow, start: number) => void): boolean {
  // Each line is read on its own, as in a day file: Vigil writes every row on one line, so a quote
  // left open costs that line only (a record it would make of several lines is not a row), not
  // the rows it would otherwise swallow.
  // Each record is read into a row as it comes (the first one may be the header, which names the
  // columns), not collected first: on 200 endpoints, 18,000 arrays of fields held at once.
  const lines = text.split('\n');
  let indexes: number[] | null = null;
  let inOrder = false;
  const ends: number[] = new Array<number>(DAILY_COLUMNS.length);
  const same = interner();
  let canonical = lines[0] === DAILY_HEADER.slice(0, -1) && lines[lines.length - 1] === '';
  let previous: DailyRow | null = null;
  let start = 0;
  for (let i = 0; i < lines.length; i++, start += lines[i - 1].length + 1) {
    let row: DailyRow | null;
    const line = lines[i];
    if (inOrder && line.indexOf('"') === -1) {
      const plain = withoutCr(line);
      row = dailyRowOfLine(plain, ends, same);
      if (canonical && row !== null) {
        canonical = plain === line && isWritten(plain, ends, row) && (previous === null || follows(row, previous));
        previous = row;
      }
    } else {
      const record = recordAt(lines, i);
      if (record === null || record.last !== i) {
        canonical &&= i === lines.length - 1;
        continue;
      }
      if (indexes === null) {
        const columns = columnIndexes([record.fields], DAILY_COLUMNS);
        indexes = columns.indexes;
        inOrder = indexes.every((index, position) => index === position);
        if (columns.first === 1) continue;
      }
      row = dailyRowOf(indexes.map((index) => record.fields[index]));
      canonical = false;
    }
    if (row) onRow(row, start);
    else canonical &&= i === lines.length - 1;
  }
  return canonical;
}

/**
 * Whether a line read by `dailyRowOfLine` is the line `formatDaily` writes of its row: ten
 * columns, the checks the sum of up, degraded and down, and each number as `String` writes it.
 * Told by each column's first character and its width against the width of the number read from
 * it, not by reading all its characters again: a number that begins with a digit other than a
 * lone 0 and holds anything but digits is wider than they are (a point, spaces), but for an
 * exponent of 2 (`1e2`), which no number Vigil writes holds, so a line with an `e` among its
 * numbers is not as written. (A first 0 would let `0x…` through, a first space ` ` read as 0.)
 */
function isWritten(line: string, ends: readonly number[], row: DailyRow): boolean {
  return (
    ends[9] === line.length &&
    line.indexOf('e', ends[1]) === -1 &&
    line.indexOf('E', ends[1]) === -1 &&
    row.id.indexOf('\r') === -1 &&
    widthIs(line, ends, 2, row.checks) &&
    widthIs(line, ends, 3, row.up) &&
    widthIs(line, ends, 4, row.degraded) &&
    widthIs(line, ends, 5, row.down) &&
    widthIs(line, ends, 6, row.maintenance) &&
    widthIs(line, ends, 7, row.p50) &&
    widthIs(line, ends, 8, row.p95) &&
    widthIs(line, ends, 9, row.p99) &&
    numberAt(line, ends[1] + 1, ends[2]) === row.checks
  );
}

/** Whether column `k` of a line cut at `ends` is as wide as `String(value)` and begins as it
 * does (an empty column for null). */
function widthIs(line: string, ends: readonly number[], k: number, value: number | null): boolean {
  const width = ends[k] - ends[k - 1] - 1;
  if (value === null) return width === 0;
  const first = line.charCodeAt(ends[k - 1] + 1);
  if (!((first >= 49 && first <= 57) || (first === 48 && width === 1))) return false;
  let digits = 1;
  for (let bound = 10; value >= bound && digits < 16; bound *= 10) digits++;
  return width === digits && digits < 16;
}

/** Whether `row` comes after `previous` in the order of `formatDaily` (date, then id). */
function follows(row: DailyRow, previous: DailyRow): boolean {
  return byDateThenId(previous, row) < 0;
}

/** A row of daily.csv from its fields in the documented order, or null when it is not a valid row. */
function dailyRowOf(fields: ReadonlyArray<string | undefined>): DailyRow | null {
  const [date, id, , upText, degradedText, downText, maintenance, p50, p95, p99] = fields;
  if (date === undefined || !DATE.test(date) || !id) return null;
  return rowOf(
    date,
    id,
    wholeNumber(upText),
    wholeNumber(degradedText),
    wholeNumber(downText),
    wholeNumber(maintenance),
    wholeNumber(p50),
    wholeNumber(p95),
    wholeNumber(p99),
  );
}

/** The row, or null without up, degraded or down counts. */
function rowOf(
  date: string,
  id: string,
  up: number | null,
  degraded: number | null,
  down: number | null,
  maintenance: number | null,
  p50: number | null,
  p95: number | null,
  p99: number | null,
): DailyRow | null {
  if (up === null || degraded === null || down === null) return null;
  return { date, id, checks: up + degraded + down, up, degraded, down, maintenance: maintenance ?? 0, p50, p95, p99 };
}

/**
 * `dailyRowOf` for a line in the documented column order without a quote (every line Vigil
 * writes), read where it lies: the numbers are read digit by digit from the line rather than cut
 * into strings first (any other text in a number's place goes to `wholeNumber`, so what is
 * accepted does not change). The judge reads daily.csv's 18,000 lines (200 endpoints, 90 days) on
 * every run; cutting every line into ten strings was most of its 46 ms (`BENCH_ENDPOINTS=200 node
 * scripts/bench-judge.mjs`, first call, CPU profile).
 */
function dailyRowOfLine(line: string, ends: number[], same: (text: string) => string): DailyRow | null {
  if (line === '') return null;
  let found = 0;
  for (let at = line.indexOf(','); at !== -1 && found < ends.length; at = line.indexOf(',', at + 1)) ends[found++] = at;
  if (found < ends.length) ends[found++] = line.length;
  // Nothing left of an earlier line: `isWritten` reads the ends of all ten columns.
  for (let k = found; k < ends.length; k++) ends[k] = -1;
  if (found < 6) return null; // no up, degraded or down
  // One string for each date and id of the file, not two for every row: 36,000 strings fewer that
  // live as long as the judge (and that each collection of the young generation copies).
  const date = same(line.slice(0, ends[0]));
  const id = same(line.slice(ends[0] + 1, ends[1]));
  if (!DATE.test(date) || !id) return null;
  // Module functions, not a closure made per line: one per line measured half as fast again.
  return rowOf(
    date,
    id,
    columnAt(line, ends, found, 3),
    columnAt(line, ends, found, 4),
    columnAt(line, ends, found, 5),
    columnAt(line, ends, found, 6),
    columnAt(line, ends, found, 7),
    columnAt(line, ends, found, 8),
    columnAt(line, ends, found, 9),
  );
}

/** The number in column `k` (0-based) of a line cut at `ends`, or null past the `found` columns. */
function columnAt(line: string, ends: readonly number[], found: number, k: number): number | null {
  return found > k ? numberAt(line, ends[k - 1] + 1, ends[k]) : null;
}

/** `wholeNumber` of `line.slice(from, to)`, digits read in place when they are only digits. */
function numberAt(line: string, from: number, to: number): number | null {
  if (to === from) return null;
  const digits = digitsAt(line, from, to);
  return digits >= 0 ? digits : wholeNumber(line.slice(from, to));
}
