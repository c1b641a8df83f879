/**
 * Yesterday's checks in brief (docs/history.md, "Aggregates"): `points/YYYY-MM-DD.csv`, `id,points`,
 * for each endpoint every check of the day, oldest first, separated by spaces, as `<ms after the
 * check before it (the first: after the day's UTC midnight)><status><response ms>`, the status one
 * letter (`u` up, `g` degraded, `d` down, `m` maintenance): `api,3000u212 300112d0 299938u230`.
 * Times after the check before rather than after midnight: on a schedule they repeat (a run every
 * five minutes, give or take), so git sends the file in a third of the bytes on the benchmark's
 * branch, and in three quarters with a schedule's delays.
 *
 * Why: the 24-hour window and the hours of the page need yesterday's checks, and the raw day file
 * holds them with eight more columns. On 200 endpoints checked every five minutes, yesterday's raw
 * file is 3.8 MiB (400 KiB as git sends it); its points are 0.7 MiB (240 KiB), and read in a
 * fraction of the time (`npm run bench`, docs/BENCHMARKS.md "Memory that scales"). The first run
 * after midnight writes them from the raw day it reads; the runs after it read them instead; the
 * run that turns the day into aggregates reads them too, and removes them. A run whose checks fall
 * on a day that has points (a run that started before midnight) reads the raw day and writes them
 * again, so they stay what the raw day says.
 */
import { formatRecord, recordAt } from './csv.js';
import { sortByTime } from './stats.js';
import type { Point, RowStatus } from './types.js';
import type { RowsById } from './rows.js';
import type { EarlyChecks } from './early-checks.js';

export const POINTS_HEADER = formatRecord(['id', 'points']);
const POINTS_FILE = /^points\/(\d{4}-\d{2}-\d{2})\.csv$/;
const LETTER: Record<RowStatus, string> = { up: 'u', degraded: 'g', down: 'd', maintenance: 'm' };
const STATUS_OF: Record<string, RowStatus> = { u: 'up', g: 'degraded', d: 'down', m: 'maintenance' };
/** A point as written: an offset (negative for rows a person put out of order, or dated before
 * the day), a letter, a whole number of ms. Each number as JavaScript prints it, however large:
 * a row a person dated decades off, or gave a response time of twenty digits (which prints with an
 * exponent), is read from the raw day like any other, and its points must give it back, not end
 * the endpoint's line there. */
const POINT = /^(-?\d+)([ugdm])(\d+(?:\.\d+)?(?:e\+\d+)?)$/;
/** The latest and earliest time a JavaScript date holds: an offset past them is not a time. */
const MAX_TIME = 8.64e15;

export function pointsPath(date: string): string {
  return `points/${date}.csv`;
}

export function dayOfPointsPath(path: string): string | null {
  return POINTS_FILE.exec(path)?.[1] ?? null;
}

/** A day's rows (by endpoint, oldest first) as its points file. */
export function formatDayPoints(date: string, byId: RowsById): string {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  let text = POINTS_HEADER;
  for (const id of [...byId.keys()].sort()) {
    const rows = byId.get(id)!;
    if (rows.length === 0) continue;
    const points: string[] = new Array(rows.length);
    let previous = midnight;
    for (let i = 0; i < rows.length; i++) {
      points[i] = `${rows[i].at - previous}${LETTER[rows[i].status]}${rows[i].total}`;
      previous = rows[i].at;
    }
    text += formatRecord([id, points.join(' ')]);
  }
  return text;
}

/** Whether a text is a points file at all: it begins with the header Vigil writes. One that does
 * not (emptied, cut short, or another file saved under its name) is not read as the day, and is
 * removed, so the next run reads the raw day and writes the points again. */
export function isDayPoints(text: string): boolean {
  return /^id,points\r?(\n|$)/.test(text);
}

/**
 * Reads a points file as the day's rows by endpoint, oldest first. A line that does not parse is
 * skipped; a point that does not parse ends its line (the times after it count from it); a later
 * line for the same endpoint adds to the earlier one. The file is made again from the raw day
 * when it is deleted. With `early`, the checks it takes go to it rather than become rows.
 */
export function readDayPoints(date: string, text: string, early?: EarlyChecks): RowsById {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  const byId = new Map<string, Point[]>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const record = recordAt(lines, i);
    if (record === null || record.last !== i) continue;
    const [id, points] = record.fields;
    if (!id || points === undefined || (i === 0 && id === 'id' && points === 'points')) continue;
    const rows = byId.get(id) ?? [];
    readLine(points, id, midnight, rows, early);
    if (rows.length > 0) byId.set(id, rows);
  }
  for (const rows of byId.values()) if (!isSorted(rows)) sortByTime(rows);
  return byId;
}

const LETTER_CODE: Record<number, RowStatus> = { 117: 'up', 103: 'degraded', 100: 'down', 109: 'maintenance' };

/**
 * Adds the points of one line to `rows`, up to the first that does not parse. A point as Vigil
 * writes it (digits, a letter, digits) is read character by character; any other goes to the
 * pattern, which also takes the forms a very large number prints as. Splitting the line into
 * tokens and matching each made reading yesterday's 57,600 points (200 endpoints) about 17 ms
 * of the judge's first call (`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs`, CPU profile).
 */
function readLine(points: string, id: string, midnight: number, rows: Point[], early: EarlyChecks | undefined): void {
  let at = midnight;
  let position = 0;
  while (position < points.length) {
    let end = points.indexOf(' ', position);
    if (end === -1) end = points.length;
    let offset = 0;
    let total = 0;
    let status: RowStatus | undefined;
    let cursor = position;
    const negative = points.charCodeAt(cursor) === 45;
    if (negative) cursor++;
    const digitsFrom = cursor;
    for (let code = points.charCodeAt(cursor); code >= 48 && code <= 57; code = points.charCodeAt(++cursor))
      offset = offset * 10 + code - 48;
    if (cursor > digitsFrom && cursor - digitsFrom <= 15) status = LETTER_CODE[points.charCodeAt(cursor)];
    const totalFrom = ++cursor;
    for (let code = points.charCodeAt(cursor); code >= 48 && code <= 57; code = points.charCodeAt(++cursor))
      total = total * 10 + code - 48;
    if (status === undefined || cursor !== end || cursor === totalFrom || cursor - totalFrom > 15) {
      // Not the plain form: the pattern decides.
      const match = POINT.exec(points.slice(position, end));
      if (!match) return;
      offset = Number(match[1]);
      total = Number(match[3]);
      status = STATUS_OF[match[2]];
    } else if (negative) offset = -offset;
    if (Math.abs(at + offset) > MAX_TIME || !Number.isFinite(total)) return;
    at += offset;
    if (early !== undefined && early.takes(at)) early.add(id, at, status, total);
    else rows.push({ at, id, status, total });
    position = end + 1;
  }
}

function isSorted(rows: readonly Point[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i].at < rows[i - 1].at) return false;
  return true;
}
