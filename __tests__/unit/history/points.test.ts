// Yesterday's points (points/YYYY-MM-DD.csv): the rows they give are the raw day's, a damaged
// point or line costs only itself, and a points file listed on the branch but not read (bytes
// that are not text) is never written over from nothing.
import { describe, expect, it } from '@jest/globals';
import { filesToRead, judge } from '../../../src/history/judge.js';
import { formatDayPoints, readDayPoints } from '../../../src/history/points.js';
import { CHECK_HEADER, formatCheckRow, readWholeDay } from '../../../src/history/rows.js';
import type { BranchFiles, CheckedEndpoint, EndpointSettings } from '../../../src/history/types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const YESTERDAY = '2026-11-25';
const MIDNIGHT = Date.parse(`${YESTERDAY}T00:00:00.000Z`);

function rawDay(): string {
  let text = CHECK_HEADER;
  const statuses = ['up', 'degraded', 'down', 'maintenance', 'up'] as const;
  for (let n = 0; n < 40; n++) {
    for (const id of ['api', 'web,"quoted"']) {
      const status = statuses[n % statuses.length];
      const at = MIDNIGHT + n * 30 * MINUTE + (id === 'api' ? 17 : 503);
      text += formatCheckRow({
        time: new Date(at).toISOString(),
        id,
        status,
        http: status === 'down' ? null : 200,
        total: status === 'down' ? 0 : 100 + ((n * 37) % 900),
        dns: 1,
        connect: 2,
        tls: 3,
        wait: 50,
        download: 4,
        attempts: 1,
        error: status === 'down' ? 'refused, "twice"' : '',
      });
    }
  }
  return text;
}

function check(id: string, at: number): CheckedEndpoint {
  return {
    id,
    name: id,
    url: `https://example.com/${id}`,
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

const endpoints: EndpointSettings[] = ['api', 'web,"quoted"'].map((id) => ({
  id,
  name: id,
  url: `https://example.com/${id}`,
  target: 99,
  failureThreshold: 1,
  successThreshold: 1,
}));

function run(files: BranchFiles, now: number, read?: Set<string>) {
  const checks = endpoints.map((endpoint) => check(endpoint.id, now - 1000));
  const given = read ? new Map([...files].filter(([path]) => read.has(path))) : files;
  return judge({
    files: given,
    paths: files.keys(),
    checks,
    endpoints,
    workflow: '.github/workflows/uptime.yml',
    configuredIds: endpoints.map((endpoint) => endpoint.id),
    historyDays: 30,
    now: new Date(now),
  });
}

describe('yesterday’s points', () => {
  it('give the rows of the raw day, every status and a quoted id included', () => {
    const raw = readWholeDay(`history/${YESTERDAY}.csv`, rawDay(), undefined);
    const text = formatDayPoints(YESTERDAY, raw);
    expect(text.split('\n')[0]).toBe('id,points');
    expect(text).toContain('api,17u100 1800000g137 ');
    expect(readDayPoints(YESTERDAY, text)).toEqual(raw);
  });

  it('end a line at a damaged point, skip a damaged line, and keep the rest', () => {
    const text = 'id,points\napi,1000u200 1000d0 2000g900 banana 1000u1\n"broken,line\nweb,5000m0 -1000u7\n';
    const read = readDayPoints(YESTERDAY, text);
    expect(read.get('api')).toEqual([
      { at: MIDNIGHT + 1000, id: 'api', status: 'up', total: 200 },
      { at: MIDNIGHT + 2000, id: 'api', status: 'down', total: 0 },
      { at: MIDNIGHT + 4000, id: 'api', status: 'degraded', total: 900 },
    ]);
    expect(read.get('web')).toEqual([
      { at: MIDNIGHT + 4000, id: 'web', status: 'up', total: 7 },
      { at: MIDNIGHT + 5000, id: 'web', status: 'maintenance', total: 0 },
    ]);
  });

  it('keep a row the raw day holds however far its time or response time is (a hand-edited row), and the checks after it', () => {
    const odd = (time: string, id: string, total: string) => `${time},${id},up,200,${total},1,2,3,50,4,1,\n`;
    // Dated decades before the day (13 digits of ms before its midnight), and response times past
    // twelve digits, even past what a number prints without an exponent.
    const raw =
      rawDay() +
      odd('1970-01-02T00:00:00.000Z', 'api', '5') +
      odd(`${YESTERDAY}T23:59:00.000Z`, 'api', '12345678901234') +
      odd(`${YESTERDAY}T23:59:30.000Z`, 'api', '3e21');
    const byId = readWholeDay('', raw, undefined);
    expect(readDayPoints(YESTERDAY, formatDayPoints(YESTERDAY, byId))).toEqual(byId);

    const files: BranchFiles = new Map([[`history/${YESTERDAY}.csv`, raw]]);
    const first = run(files, MIDNIGHT + DAY + 5 * MINUTE);
    for (const [path, text] of first.changes) if (text !== null) files.set(path, text);
    const now = MIDNIGHT + DAY + 10 * MINUTE;
    const fromPoints = run(files, now, filesToRead(files.keys(), new Date(now), 30));
    const fromRaw = run(new Map([...files].filter(([path]) => !path.startsWith('points/'))), now);
    expect(fromPoints.endpoints).toEqual(fromRaw.endpoints);
    // The day turned into aggregates and outages from its points is the day its raw file gives.
    const later = MIDNIGHT + 2 * DAY + 5 * MINUTE;
    const converted = run(files, later, filesToRead(files.keys(), new Date(later), 30));
    const convertedRaw = run(new Map([...files].filter(([path]) => !path.startsWith('points/'))), later);
    for (const path of [`aggregates/${YESTERDAY}.csv`, 'outages.csv', 'daily.csv'])
      expect([path, converted.changes.get(path)]).toEqual([path, convertedRaw.changes.get(path)]);
  });

  it('end a line at a point whose numbers are not numbers of a day (past what a date or a number holds)', () => {
    const text = `id,points\napi,1000u200 1000u1e+400 5u5\nweb,1000u200 ${'9'.repeat(400)}u5 5u5\nold,${'-'}${'9'.repeat(17)}u5 5u5\n`;
    const read = readDayPoints(YESTERDAY, text);
    expect(read.get('api')).toEqual([{ at: MIDNIGHT + 1000, id: 'api', status: 'up', total: 200 }]);
    expect(read.get('web')).toEqual([{ at: MIDNIGHT + 1000, id: 'web', status: 'up', total: 200 }]);
    expect(read.has('old')).toBe(false);
  });

  it('are written by the first run after midnight, then read in place of the raw day, with the same figures', () => {
    const files: BranchFiles = new Map([[`history/${YESTERDAY}.csv`, rawDay()]]);
    const first = run(files, MIDNIGHT + DAY + 5 * MINUTE);
    const points = first.changes.get(`points/${YESTERDAY}.csv`);
    expect(points).toBe(formatDayPoints(YESTERDAY, readWholeDay('', rawDay(), undefined)));
    for (const [path, text] of first.changes) if (text !== null) files.set(path, text);

    const now = MIDNIGHT + DAY + 10 * MINUTE;
    const read = filesToRead(files.keys(), new Date(now), 30);
    expect(read.has(`history/${YESTERDAY}.csv`)).toBe(false);
    expect(read.has(`points/${YESTERDAY}.csv`)).toBe(true);
    const fromPoints = run(files, now, read);
    const fromRaw = run(new Map([...files].filter(([path]) => !path.startsWith('points/'))), now);
    expect(fromPoints.status).toEqual(fromRaw.status);
    expect(fromPoints.endpoints).toEqual(fromRaw.endpoints);
    expect(fromPoints.changes.has(`points/${YESTERDAY}.csv`)).toBe(false);
  });

  it('listed but not read (bytes that are not text) are not written over from nothing, nor is the raw day', () => {
    const files: BranchFiles = new Map([[`history/${YESTERDAY}.csv`, rawDay()]]);
    const now = MIDNIGHT + DAY + 10 * MINUTE;
    const paths = [...files.keys(), `points/${YESTERDAY}.csv`];
    const read = filesToRead(paths, new Date(now), 30);
    expect(read.has(`history/${YESTERDAY}.csv`)).toBe(false);
    const judgement = judge({
      files: new Map(),
      paths,
      checks: endpoints.map((endpoint) => check(endpoint.id, now - 1000)),
      endpoints,
      workflow: '.github/workflows/uptime.yml',
      configuredIds: endpoints.map((endpoint) => endpoint.id),
      historyDays: 30,
      now: new Date(now),
    });
    expect(judgement.changes.has(`points/${YESTERDAY}.csv`)).toBe(false);
    expect(judgement.changes.has(`history/${YESTERDAY}.csv`)).toBe(false);
  });

  it('whose raw day is gone are not read in place of the raw day a late check starts again', () => {
    // A person removed yesterday's raw day; its points stayed. A run that started before midnight
    // adds its checks to yesterday: the raw day now holds only them, and so must what is read next.
    const files: BranchFiles = new Map([[`history/${YESTERDAY}.csv`, rawDay()]]);
    const first = run(files, MIDNIGHT + DAY + 5 * MINUTE);
    for (const [path, text] of first.changes) if (text !== null) files.set(path, text);
    files.delete(`history/${YESTERDAY}.csv`);
    const late = MIDNIGHT + DAY + 6 * MINUTE;
    const checks = endpoints.map((endpoint) => check(endpoint.id, MIDNIGHT + DAY - 2000));
    const paths = [...files.keys()];
    const judgement = judge({
      files: new Map([...files].filter(([path]) => filesToRead(paths, new Date(late), 30, checks).has(path))),
      paths,
      checks,
      endpoints,
      workflow: '.github/workflows/uptime.yml',
      configuredIds: endpoints.map((endpoint) => endpoint.id),
      historyDays: 30,
      now: new Date(late),
    });
    for (const [path, text] of judgement.changes) {
      if (text === null) files.delete(path);
      else files.set(path, text);
    }
    const now = MIDNIGHT + DAY + 10 * MINUTE;
    const next = run(files, now, filesToRead(files.keys(), new Date(now), 30));
    const fromRaw = run(new Map([...files].filter(([path]) => !path.startsWith('points/'))), now);
    expect(next.endpoints).toEqual(fromRaw.endpoints);
  });

  it('of today or a later day are never counted in place of its raw day, which every run reads', () => {
    const now = MIDNIGHT + DAY + 10 * MINUTE;
    const today = '2026-11-26';
    const raw =
      CHECK_HEADER +
      formatCheckRow({
        time: `${today}T00:02:00.000Z`,
        id: 'api',
        status: 'up',
        http: 200,
        total: 120,
        dns: 1,
        connect: 2,
        tls: 3,
        wait: 50,
        download: 4,
        attempts: 1,
        error: '',
      });
    // Points that disagree with the raw day: api down all morning.
    const files: BranchFiles = new Map([
      [`history/${today}.csv`, raw],
      [`points/${today}.csv`, 'id,points\napi,60000d0 60000d0 60000d0\n'],
    ]);
    const judgement = judge({
      files: new Map([...files].filter(([path]) => filesToRead(files.keys(), new Date(now), 30).has(path))),
      paths: files.keys(),
      checks: [],
      endpoints,
      workflow: '.github/workflows/uptime.yml',
      configuredIds: endpoints.map((endpoint) => endpoint.id),
      historyDays: 30,
      now: new Date(now),
    });
    expect((judgement.daily ?? []).filter((row) => row.date === today)).toEqual([
      expect.objectContaining({ id: 'api', checks: 1, up: 1, down: 0 }),
    ]);
    expect(judgement.changes.get(`points/${today}.csv`)).toBe('id,points\napi,120000u120\n');
  });

  it('that are not points at all (emptied, or cut before their header) are removed, and the raw day read again', () => {
    for (const broken of ['', '\n', 'api,1000u200\n']) {
      const files: BranchFiles = new Map([
        [`history/${YESTERDAY}.csv`, rawDay()],
        [`points/${YESTERDAY}.csv`, broken],
      ]);
      const step = (now: number) => {
        const judgement = run(files, now, filesToRead(files.keys(), new Date(now), 30));
        for (const [path, text] of judgement.changes) {
          if (text === null) files.delete(path);
          else files.set(path, text);
        }
        return judgement;
      };
      expect(step(MIDNIGHT + DAY + 10 * MINUTE).changes.get(`points/${YESTERDAY}.csv`)).toBeNull();
      const now = MIDNIGHT + DAY + 15 * MINUTE;
      const withoutPoints = new Map([...files].filter(([path]) => !path.startsWith('points/')));
      expect(step(now).endpoints).toEqual(run(withoutPoints, now).endpoints);
      expect(files.get(`points/${YESTERDAY}.csv`)).toBe(formatDayPoints(YESTERDAY, readWholeDay('', rawDay(), undefined)));
    }
    // The day turned into aggregates is never turned from a broken points file: it waits a run.
    const files: BranchFiles = new Map([
      [`history/${YESTERDAY}.csv`, rawDay()],
      [`points/${YESTERDAY}.csv`, ''],
    ]);
    const later = MIDNIGHT + 2 * DAY + 5 * MINUTE;
    const converting = run(files, later, filesToRead(files.keys(), new Date(later), 30));
    expect(converting.changes.has(`aggregates/${YESTERDAY}.csv`)).toBe(false);
    expect(converting.changes.get(`points/${YESTERDAY}.csv`)).toBeNull();
  });

  it('of a day before yesterday are removed once the day has its aggregates', () => {
    const files: BranchFiles = new Map([[`history/${YESTERDAY}.csv`, rawDay()]]);
    const first = run(files, MIDNIGHT + DAY + 5 * MINUTE);
    for (const [path, text] of first.changes) if (text !== null) files.set(path, text);
    const now = MIDNIGHT + 2 * DAY + 5 * MINUTE;
    const read = filesToRead(files.keys(), new Date(now), 30);
    expect(read.has(`history/${YESTERDAY}.csv`)).toBe(false);
    const later = run(files, now, read);
    expect(later.changes.get(`points/${YESTERDAY}.csv`)).toBeNull();
    expect(later.changes.get(`aggregates/${YESTERDAY}.csv`)).toMatch(/^id,times\n/);
  });
});
