// Yesterday's points against the raw day they stand for: over raw days a person may have edited
// (rows out of order or dated on another day or decades before, many at one moment, CRLF line ends, quoted ids,
// fractional response times) and runs around midnight judged out of order, a branch with points
// gives every figure, daily row and outage a branch without them gives; and no run writes over
// or removes a file it did not read (a store reads only what `filesToRead` names).
import { describe, expect, it } from '@jest/globals';
import { filesToRead, judge } from '../../../src/history/judge.js';
import { CHECK_HEADER } from '../../../src/history/rows.js';
import type { BranchFiles, CheckedEndpoint, EndpointSettings, FileChanges } from '../../../src/history/types.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MIDNIGHT = Date.parse('2026-11-25T00:00:00.000Z');
const IDS = ['api', 'web,"quoted"', 'with space'];
const STATUSES = ['up', 'degraded', 'down', 'maintenance'];

const endpoints: EndpointSettings[] = IDS.map((id) => ({
  id,
  name: id,
  url: 'https://example.com/',
  target: 99,
  failureThreshold: 2,
  successThreshold: 1,
}));

function check(id: string, at: number): CheckedEndpoint {
  return {
    id,
    name: id,
    url: 'https://example.com/',
    status: 'up',
    inMaintenance: false,
    httpStatus: 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: 200, download: 4, total: 210 },
    attempts: 1,
    error: null,
    failures: [],
    checkedAt: new Date(at).toISOString(),
  };
}

/** A repeatable stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const field = (id: string) => (/[,"]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id);

/** A raw day as a person may have left it. */
function rawDay(date: string, next: () => number): string {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  let text = CHECK_HEADER;
  for (let n = 0; n < 150; n++) {
    const id = IDS[Math.floor(next() * IDS.length)];
    let at = midnight + Math.floor(next() * DAY);
    const odd = next();
    if (odd < 0.03)
      at = midnight - Math.floor(next() * 3 * DAY); // dated days before
    else if (odd < 0.06)
      at = midnight + DAY + Math.floor(next() * DAY); // dated the day after
    else if (odd < 0.1)
      at = midnight + 5 * HOUR; // many at one moment
    else if (odd < 0.11) at = Date.parse('1971-06-01T00:00:00.000Z') + n; // dated decades before
    const status = STATUSES[Math.floor(next() * STATUSES.length)];
    const total = next() < 0.05 ? (next() * 1000).toFixed(2) : String(Math.floor(next() * 2000));
    const error = next() < 0.1 ? '"refused, twice"' : '';
    const http = status === 'down' ? '' : '200';
    text += `${new Date(at).toISOString()},${field(id)},${status},${http},${total},1,2,3,4,5,1,${error}${next() < 0.1 ? '\r\n' : '\n'}`;
  }
  return text;
}

function applyTo(files: BranchFiles, changes: FileChanges): void {
  for (const [path, text] of changes) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
}

describe('yesterday’s points give the figures of the raw day', () => {
  it.each([7, 8, 30])('history-days %i: days roll, runs around midnight save late and out of order', (historyDays) => {
    const next = random(historyDays * 7919);
    const withPoints: BranchFiles = new Map();
    for (let ago = 0; ago < 12; ago++) {
      const date = new Date(MIDNIGHT - ago * DAY).toISOString().slice(0, 10);
      withPoints.set(`history/${date}.csv`, rawDay(date, next));
    }
    const withoutPoints: BranchFiles = new Map(withPoints);
    const runAt = (now: number, checkedAt: number) => {
      const checks = IDS.map((id) => check(id, checkedAt));
      const judgeOf = (files: BranchFiles, read?: ReadonlySet<string>) =>
        judge({
          files: read ? new Map([...files].filter(([path]) => read.has(path))) : files,
          paths: files.keys(),
          checks,
          endpoints,
          workflow: '.github/workflows/uptime.yml',
          configuredIds: IDS,
          historyDays,
          now: new Date(now),
        });
      const read = filesToRead(withPoints.keys(), new Date(now), historyDays, checks);
      const brief = judgeOf(withPoints, read);
      const whole = judgeOf(withoutPoints);
      const when = new Date(now).toISOString();
      expect([when, brief.endpoints, brief.status]).toEqual([when, whole.endpoints, whole.status]);
      for (const file of ['daily.csv', 'outages.csv'])
        expect([when, file, brief.changes.get(file)]).toEqual([when, file, whole.changes.get(file)]);
      const unread = [...brief.changes.keys()].filter((path) => withPoints.has(path) && !read.has(path));
      expect([when, unread]).toEqual([when, []]);
      applyTo(withPoints, brief.changes);
      applyTo(withoutPoints, whole.changes);
      for (const path of [...withoutPoints.keys()]) if (path.startsWith('points/')) withoutPoints.delete(path);
    };
    for (let day = 1; day < 10; day++) {
      const midnight = MIDNIGHT + day * DAY;
      runAt(midnight + MINUTE, midnight + MINUTE - 500); // the first run after midnight
      runAt(midnight - 2 * MINUTE, midnight - 2 * MINUTE - 500); // a run of the day before, saved after it
      runAt(midnight + 30_000, midnight - 1000); // started before midnight, judged after
      runAt(midnight + 6 * MINUTE, midnight + 6 * MINUTE - 500);
      runAt(midnight + 12 * HOUR, midnight + 12 * HOUR - 500);
    }
    expect([...withPoints.keys()].some((path) => path.startsWith('points/'))).toBe(true);
  });
});
