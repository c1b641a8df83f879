/** `daily.csv` read into rows (docs/history.md, the layout of the branch). */
import { recordAt, withoutCr } from './csv.js';
import { DATE, columnIndexes, interner, wholeNumber } from './rows.js';
import { DAILY_COLUMNS, type DailyRow } from './types.js';

/** Reads `daily.csv`. Invalid lines are skipped; a later line for the same day and id wins. */
export function readDailyRows(text: string): DailyRow[] {
  const byKey = new Map<string, DailyRow>();
  eachDailyRow(text, (row) => byKey.set(`${row.date},${row.id}`, row));
  return [...byKey.values()];
}

/** `readDailyRows` by date, then id, without a key made for every row. */
export function readDailyByDate(text: string): Map<string, Map<string, DailyRow>> {
  const daily = new Map<string, Map<string, DailyRow>>();
  eachDailyRow(text, (row) => {
    let byId = daily.get(row.date);
    if (!byId) daily.set(row.date, (byId = new Map()));
    byId.set(row.id, row);
  });
  return daily;
}

/** Each valid row of `daily.csv`, in file order. */
function eachDailyRow(text: string, onRow: (row: DailyRow) => void): void {
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
  for (let i = 0; i < lines.length; i++) {
    let row: DailyRow | null;
    const line = lines[i];
    if (inOrder && line.indexOf('"') === -1) {
      row = dailyRowOfLine(withoutCr(line), ends, same);
    } else {
      const record = recordAt(lines, i);
      if (record === null || record.last !== i) continue;
      if (indexes === null) {
        const columns = columnIndexes([record.fields], DAILY_COLUMNS);
        indexes = columns.indexes;
        inOrder = indexes.every((index, position) => index === position);
        if (columns.first === 1) continue;
      }
      row = dailyRowOf(indexes.map((index) => record.fields[index]));
    }
    if (row) onRow(row);
  }
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
  if (to - from > 15) return wholeNumber(line.slice(from, to));
  let value = 0;
  for (let at = from; at < to; at++) {
    const digit = line.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return wholeNumber(line.slice(from, to));
    value = value * 10 + digit;
  }
  return value;
}
