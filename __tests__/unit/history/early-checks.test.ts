// Yesterday's checks before the 24-hour window are read from its points as a tally, status changes
// and run times rather than as rows (early-checks.ts). The judgement must be the one made from
// yesterday's raw day, read whole: every figure, the monitor's own runs, the page's hours and
// outages, the events, and the time each state began when state.json is gone. Random days with
// outages across the window's start, skipped runs before it, and points a person left out of order.
import { describe, expect, it } from '@jest/globals';
import { filesToRead, judge } from '../../../src/history/judge.js';
import { CHECK_HEADER, formatCheckRow, formatDaily } from '../../../src/history/rows.js';
import { formatDayPoints } from '../../../src/history/points.js';
import { dailyRowOf } from '../../../src/history/stats.js';
import type { BranchFiles, CheckedEndpoint, EndpointSettings, Judgement, Point, RowStatus } from '../../../src/history/types.js';
import { generator } from '../../support/random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TODAY = Date.parse('2026-11-26T00:00:00.000Z');
const YESTERDAY = TODAY - DAY;
const LETTER: Record<RowStatus, string> = { up: 'u', degraded: 'g', down: 'd', maintenance: 'm' };

/** Two days of runs (yesterday and today) of `ids`: every 5 minutes, give or take, with stretches
 * skipped, and each endpoint's status in spells of a few checks to a few hours. */
function twoDays(seed: number, ids: string[]): Point[] {
  const random = generator(seed);
  const rows: Point[] = [];
  const spell = new Map<string, { status: RowStatus; until: number }>();
  for (let at = YESTERDAY + random.int(0, 4) * MINUTE; at < TODAY + DAY; at += random.int(4, 6) * MINUTE) {
    // Now and then the schedule skips from half an hour to three hours.
    if (random.next() < 0.02) at += random.int(30, 180) * MINUTE;
    ids.forEach((id, n) => {
      let current = spell.get(id);
      if (!current || at >= current.until) {
        const roll = random.next();
        const status: RowStatus = roll < 0.15 ? 'down' : roll < 0.25 ? 'degraded' : roll < 0.3 ? 'maintenance' : 'up';
        current = { status, until: at + random.int(1, 40) * 5 * MINUTE };
        spell.set(id, current);
      }
      const total = current.status === 'down' ? random.int(0, 30) : random.int(40, 900);
      rows.push({ at: at + n * 1000 + random.int(0, 999), id, status: current.status, total });
    });
  }
  return rows;
}

function rawDay(rows: readonly Point[]): string {
  let text = CHECK_HEADER;
  for (const row of rows) {
    text += formatCheckRow({
      time: new Date(row.at).toISOString(),
      id: row.id,
      status: row.status,
      http: row.status === 'down' ? null : 200,
      total: row.total,
      dns: 1,
      connect: 2,
      tls: 3,
      wait: 4,
      download: 5,
      attempts: 1,
      error: row.status === 'down' ? 'timeout' : '',
    });
  }
  return text;
}

function byId(rows: readonly Point[]): Map<string, Point[]> {
  const grouped = new Map<string, Point[]>();
  for (const row of rows) grouped.set(row.id, [...(grouped.get(row.id) ?? []), row]);
  return grouped;
}

/** One endpoint's points line, its checks in the order given (times after the one before). */
function pointsLine(id: string, rows: readonly Point[], midnight: number): string {
  let previous = midnight;
  const tokens = rows.map((row) => {
    const token = `${row.at - previous}${LETTER[row.status]}${row.total}`;
    previous = row.at;
    return token;
  });
  return `${id},${tokens.join(' ')}\n`;
}

function checkOf(row: Point): CheckedEndpoint {
  const down = row.status === 'down';
  return {
    id: row.id,
    name: row.id.toUpperCase(),
    url: `https://example.com/${row.id}`,
    status: down ? 'down' : row.status === 'degraded' ? 'degraded' : 'up',
    inMaintenance: row.status === 'maintenance',
    httpStatus: down ? null : 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: 4, download: 5, total: row.total },
    attempts: 1,
    error: down ? 'timeout' : null,
    failures: [],
    checkedAt: new Date(row.at).toISOString(),
  };
}

/** What a run shows and keeps, but the files it writes. */
function seen(judgement: Judgement) {
  return { status: judgement.status, state: judgement.state, views: judgement.endpoints, events: judgement.events };
}

describe("yesterday's checks before the 24-hour window", () => {
  it.each([1, 2, 3, 4, 5, 6])('random days %i: read from the points as the raw day read whole gives them', (seed) => {
    const random = generator(seed * 104_729);
    const ids = Array.from({ length: random.int(1, 4) }, (_, n) => `svc-${n + 1}`);
    const all = twoDays(seed, ids);
    const yesterdayRows = all.filter((row) => row.at < TODAY);
    const date = '2026-11-25';
    const endpoints: EndpointSettings[] = ids.map((id) => ({
      id,
      name: id.toUpperCase(),
      url: `https://example.com/${id}`,
      target: 99.9,
      failureThreshold: random.int(1, 2),
      successThreshold: 1,
    }));
    const daily = formatDaily([...byId(yesterdayRows)].map(([id, rows]) => dailyRowOf(date, id, rows)));
    const points = formatDayPoints(date, byId(yesterdayRows));
    // The same checks, one endpoint's written newest first (times after the one before negative),
    // the next one's cut in two with its later half first.
    const [first, second, ...rest] = ids;
    const rowsOf = (id: string) => byId(yesterdayRows).get(id) ?? [];
    const cut = Math.floor(rowsOf(second ?? first).length / 2);
    const disordered =
      'id,points\n' +
      pointsLine(first, [...rowsOf(first)].reverse(), YESTERDAY) +
      (second === undefined
        ? ''
        : pointsLine(second, rowsOf(second).slice(cut), YESTERDAY) +
          pointsLine(second, rowsOf(second).slice(0, cut), YESTERDAY)) +
      rest.map((id) => pointsLine(id, rowsOf(id), YESTERDAY)).join('');

    // Runs through today: after midnight, in the morning, at noon, late; with and without state.json.
    for (const now of [TODAY + 40 * MINUTE, TODAY + 7 * HOUR + 13 * MINUTE, TODAY + 12 * HOUR, TODAY + 23 * HOUR + 50 * MINUTE]) {
      const before = all.filter((row) => row.at >= TODAY && row.at < now - 5 * MINUTE);
      const last = new Map(all.filter((row) => row.at < now - MINUTE).map((row) => [row.id, row]));
      const checks = ids.flatMap((id) => {
        const row = last.get(id);
        return row ? [checkOf({ ...row, at: now - 1000 })] : [];
      });
      const input = {
        checks,
        endpoints,
        workflow: '.github/workflows/uptime.yml',
        configuredIds: ids,
        historyDays: 30,
        now: new Date(now),
      };
      const base: BranchFiles = new Map([
        [`history/${date}.csv`, rawDay(yesterdayRows)],
        ['history/2026-11-26.csv', rawDay(before)],
        ['daily.csv', daily],
      ]);
      const fromRaw = judge({ ...input, files: new Map(base) });
      for (const brief of [points, disordered]) {
        const branch = new Map([...base, [`points/${date}.csv`, brief]]);
        const read = filesToRead(branch.keys(), new Date(now), 30, checks);
        expect(read.has(`history/${date}.csv`)).toBe(false); // yesterday comes from its points
        const fromPoints = judge({
          ...input,
          files: new Map([...branch].filter(([path]) => read.has(path))),
          paths: branch.keys(),
        });
        expect(seen(fromPoints)).toEqual(seen(fromRaw));
      }
    }
  });

  // A row of another day's file dated among yesterday's checks before the window (a person's
  // edit, a wrong clock): the outages and the time a state began are drawn from every check then.
  it.each([
    ["a row of today's raw file", 'history/2026-11-26.csv'],
    ['a row of the day before, converted by this run', 'history/2026-11-24.csv'],
  ])('%s dated yesterday morning', (_, file) => {
    const date = '2026-11-25';
    const yesterdayRows: Point[] = [];
    for (let at = YESTERDAY; at < TODAY; at += 5 * MINUTE) yesterdayRows.push({ at, id: 'a', status: 'up', total: 100 });
    const now = TODAY + 12 * HOUR;
    const todayRows: Point[] = [];
    for (let at = TODAY; at < now - 5 * MINUTE; at += 5 * MINUTE) todayRows.push({ at, id: 'a', status: 'up', total: 100 });
    const stray: Point = { at: YESTERDAY + 2 * HOUR + 1000, id: 'a', status: 'down', total: 5 };
    const endpoints: EndpointSettings[] = [
      { id: 'a', name: 'A', url: 'https://example.com/a', target: 99.9, failureThreshold: 1, successThreshold: 1 },
    ];
    const checks = [checkOf({ at: now - 1000, id: 'a', status: 'up', total: 100 })];
    const input = {
      checks,
      endpoints,
      workflow: '.github/workflows/uptime.yml',
      configuredIds: ['a'],
      historyDays: 30,
      now: new Date(now),
    };
    const base: BranchFiles = new Map([
      [`history/${date}.csv`, rawDay(yesterdayRows)],
      ['history/2026-11-26.csv', rawDay(file.endsWith('26.csv') ? [stray, ...todayRows] : todayRows)],
      ['daily.csv', formatDaily([dailyRowOf(date, 'a', yesterdayRows)])],
    ]);
    if (file.endsWith('24.csv')) base.set(file, rawDay([{ at: YESTERDAY - 5 * HOUR, id: 'a', status: 'up', total: 90 }, stray]));
    const fromRaw = judge({ ...input, files: new Map(base) });
    const branch = new Map([...base, [`points/${date}.csv`, formatDayPoints(date, byId(yesterdayRows))]]);
    const read = filesToRead(branch.keys(), new Date(now), 30, checks);
    expect(read.has(`history/${date}.csv`)).toBe(false);
    const fromPoints = judge({ ...input, files: new Map([...branch].filter(([path]) => read.has(path))), paths: branch.keys() });
    // The stray down check is an outage of one check, closed by the next check after it.
    expect(fromRaw.status.endpoints[0].downtime['7d']).toBe(299);
    expect(seen(fromPoints)).toEqual(seen(fromRaw));
  });
});
