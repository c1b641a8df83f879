/** This run's checks as rows of the day files they go to (docs/history.md, the layout of the branch). */
import { errorOf, rowStatusOf } from './counting.js';
import { CHECK_HEADER, dayFilePath, formatCheckRow, type TimedRow } from './rows.js';
import { utcDate } from './stats.js';
import type { BranchFiles, CheckedEndpoint, FileChanges } from './types.js';

export /** This run's checks as rows, by UTC day. */
function rowsOfThisRun(checks: readonly CheckedEndpoint[]): Map<string, TimedRow[]> {
  const byDay = new Map<string, TimedRow[]>();
  for (const check of checks) {
    const row = rowOf(check);
    const date = utcDate(row.at);
    const list = byDay.get(date) ?? [];
    list.push(row);
    byDay.set(date, list);
  }
  return byDay;
}

/** The days, of those the run appends to, by UTC date of their checks. */
export function datesOfChecks(checks: readonly Pick<CheckedEndpoint, 'checkedAt'>[]): Set<string> {
  const dates = new Set<string>();
  for (const check of checks) {
    const at = Date.parse(check.checkedAt);
    if (!Number.isNaN(at)) dates.add(utcDate(at));
  }
  return dates;
}

export /** This run's rows appended to their day files. */
function appendThisRun(
  files: BranchFiles,
  newRowsByDay: ReadonlyMap<string, readonly TimedRow[]>,
  rawDays: Set<string>,
  changes: FileChanges,
): void {
  for (const [date, rows] of newRowsByDay) {
    const path = dayFilePath(date);
    let text = files.get(path) ?? '';
    if (text.trim() === '') text = CHECK_HEADER;
    else if (!text.endsWith('\n')) text += '\n';
    for (const row of rows) text += formatCheckRow(row);
    changes.set(path, text);
    rawDays.add(date);
  }
}

function rowOf(check: CheckedEndpoint): TimedRow {
  const at = Date.parse(check.checkedAt);
  if (Number.isNaN(at)) throw new Error(`check of ${check.id} has no valid checkedAt: ${check.checkedAt}`);
  const ms = (value: number) => Math.max(0, Math.round(value));
  return {
    at,
    time: new Date(at).toISOString(),
    id: check.id,
    status: rowStatusOf(check),
    http: check.httpStatus,
    total: ms(check.timings.total),
    dns: ms(check.timings.dns),
    connect: ms(check.timings.connect),
    tls: ms(check.timings.tls),
    wait: ms(check.timings.wait),
    download: ms(check.timings.download),
    attempts: check.attempts,
    error: errorOf(check),
  };
}
