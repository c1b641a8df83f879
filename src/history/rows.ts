/** The data branch's CSV files as typed rows (SPEC "Layout of the data branch"). */
import { parseCsv, formatRecord } from './csv.js';
import { CHECK_COLUMNS, DAILY_COLUMNS, type CheckRow, type DailyRow, type RowStatus } from './types.js';

/** A check row with its time in epoch milliseconds, as the judge works with it. */
export interface TimedRow extends CheckRow {
  at: number;
}

const ROW_STATUSES = new Set<string>(['up', 'degraded', 'down', 'maintenance']);
const DAY_FILE = /^history\/(\d{4}-\d{2}-\d{2})\.csv$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const DAILY_FILE = 'daily.csv';
export const STATUS_FILE = 'status.json';
export const STATE_FILE = 'state.json';

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
 * header (columns may come in any order); without one, the SPEC's order is assumed.
 */
function columnIndexes(records: string[][], columns: readonly string[]): { indexes: number[]; first: number } {
  const header = records[0];
  if (header && header.some((name) => name.trim() === columns[0]) && header.some((name) => name.trim() === columns[1])) {
    const names = header.map((name) => name.trim());
    return { indexes: columns.map((column) => names.indexOf(column)), first: 1 };
  }
  return { indexes: columns.map((_, index) => index), first: 0 };
}

function wholeNumber(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
}

/** Reads a day file. Lines that are not a valid check (bad time, status or number) are skipped. */
export function readCheckRows(text: string): TimedRow[] {
  const records = parseCsv(text);
  const { indexes, first } = columnIndexes(records, CHECK_COLUMNS);
  return decodeCheckRecords(records, indexes, first);
}

/**
 * Reads only the checks of some endpoints from a day file: it jumps from one `,id,` to the next
 * instead of splitting every line, which is what keeps old days cheap to look into. A match
 * inside quoted text is read as its line and dropped when that line is not the endpoint's.
 */
export function readCheckRowsOf(text: string, ids: ReadonlySet<string>): TimedRow[] {
  const headerEnd = text.indexOf('\n');
  const header = parseCsv(headerEnd === -1 ? text : text.slice(0, headerEnd))[0] ?? [];
  const { indexes } = columnIndexes([header], CHECK_COLUMNS);
  const lines: string[] = [];
  const starts = new Set<number>();
  for (const id of ids) {
    const needle = `,${id},`;
    for (let found = text.indexOf(needle); found !== -1; found = text.indexOf(needle, found + needle.length)) {
      const start = text.lastIndexOf('\n', found) + 1;
      if (starts.has(start)) continue;
      starts.add(start);
      const end = text.indexOf('\n', found);
      lines.push(text.slice(start, end === -1 ? text.length : end));
    }
  }
  const rows = decodeCheckRecords(parseCsv(lines.join('\n')), indexes, 0);
  return rows.filter((row) => ids.has(row.id));
}

function decodeCheckRecords(records: string[][], indexes: number[], first: number): TimedRow[] {
  const [iTime, iId, iStatus, iHttp, iTotal, iDns, iConnect, iTls, iWait, iDownload, iAttempts, iError] = indexes;
  const rows: TimedRow[] = [];
  for (let r = first; r < records.length; r++) {
    const fields = records[r];
    const time = fields[iTime];
    const id = fields[iId];
    const status = fields[iStatus];
    if (time === undefined || !id || status === undefined || !ROW_STATUSES.has(status)) continue;
    const at = Date.parse(time);
    if (Number.isNaN(at)) continue;
    const total = wholeNumber(fields[iTotal]);
    if (total === null) continue;
    const httpText = fields[iHttp];
    const http = httpText ? wholeNumber(httpText) : null;
    if (httpText && http === null) continue;
    rows.push({
      at,
      time,
      id,
      status: status as RowStatus,
      http,
      total,
      dns: wholeNumber(fields[iDns]) ?? 0,
      connect: wholeNumber(fields[iConnect]) ?? 0,
      tls: wholeNumber(fields[iTls]) ?? 0,
      wait: wholeNumber(fields[iWait]) ?? 0,
      download: wholeNumber(fields[iDownload]) ?? 0,
      attempts: wholeNumber(fields[iAttempts]) ?? 1,
      error: fields[iError] ?? '',
    });
  }
  return rows;
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

/** Reads `daily.csv`. Invalid lines are skipped; a later line for the same day and id wins. */
export function readDailyRows(text: string): DailyRow[] {
  const records = parseCsv(text);
  const { indexes, first } = columnIndexes(records, DAILY_COLUMNS);
  const [iDate, iId, , iUp, iDegraded, iDown, iMaintenance, iP50, iP95, iP99] = indexes;
  const byKey = new Map<string, DailyRow>();
  for (let r = first; r < records.length; r++) {
    const fields = records[r];
    const date = fields[iDate];
    const id = fields[iId];
    if (date === undefined || !DATE.test(date) || !id) continue;
    const up = wholeNumber(fields[iUp]);
    const degraded = wholeNumber(fields[iDegraded]);
    const down = wholeNumber(fields[iDown]);
    if (up === null || degraded === null || down === null) continue;
    byKey.set(`${date},${id}`, {
      date,
      id,
      checks: up + degraded + down,
      up,
      degraded,
      down,
      maintenance: wholeNumber(fields[iMaintenance]) ?? 0,
      p50: wholeNumber(fields[iP50]),
      p95: wholeNumber(fields[iP95]),
      p99: wholeNumber(fields[iP99]),
    });
  }
  return [...byKey.values()];
}

const optional = (value: number | null): string => (value === null ? '' : String(value));

/** `daily.csv` with its header, rows by date, then id. */
export function formatDaily(rows: readonly DailyRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let text = DAILY_HEADER;
  for (const row of sorted) {
    text += formatRecord([
      row.date,
      row.id,
      String(row.checks),
      String(row.up),
      String(row.degraded),
      String(row.down),
      String(row.maintenance),
      optional(row.p50),
      optional(row.p95),
      optional(row.p99),
    ]);
  }
  return text;
}
