import { describe, expect, it } from '@jest/globals';
import { judge } from '../../../src/history/judge.js';
import { formatCheckRow, formatDaily } from '../../../src/history/rows.js';
import type {
  BranchFiles,
  CheckRow,
  CheckedEndpoint,
  DailyRow,
  EndpointSettings,
  JudgeInput,
  Judgement,
  StateFile,
  StatusFile,
} from '../../../src/history/types.js';

const WORKFLOW = '.github/workflows/uptime.yml';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HEADER = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';

type Status = 'up' | 'degraded' | 'down';

function check(id: string, status: Status, at: number, extra: Partial<CheckedEndpoint> = {}): CheckedEndpoint {
  const total = extra.timings?.total ?? (status === 'down' ? 2 : status === 'degraded' ? 4000 : 300);
  return {
    id,
    name: id.toUpperCase(),
    url: `https://example.com/${id}?token=***`,
    status,
    inMaintenance: false,
    httpStatus: status === 'down' ? null : 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: total - 10, download: 4, total },
    attempts: status === 'down' ? 3 : 1,
    error: status === 'down' ? 'connection refused' : null,
    failures: [],
    checkedAt: new Date(at).toISOString(),
    ...extra,
  };
}

function settings(id: string, extra: Partial<EndpointSettings> = {}): EndpointSettings {
  return {
    id,
    name: id.toUpperCase(),
    url: `https://example.com/${id}?token=***`,
    target: 99,
    failureThreshold: 1,
    successThreshold: 1,
    ...extra,
  };
}

/** The branch as the store keeps it: the judge's changes applied to the files. */
class Branch {
  files: BranchFiles = new Map();
  apply(judgement: Judgement): Judgement {
    for (const [path, text] of judgement.changes) {
      if (text === null) this.files.delete(path);
      else this.files.set(path, text);
    }
    return judgement;
  }
  /** One run: each check's status at `at`, judged at `at` + 1 s. */
  run(checks: CheckedEndpoint[], extra: Partial<JudgeInput> = {}): Judgement {
    const ids = checks.map((c) => c.id);
    const now = new Date(Math.max(...checks.map((c) => Date.parse(c.checkedAt))) + 1000);
    return this.apply(
      judge({
        files: this.files,
        checks,
        endpoints: ids.map((id) => settings(id)),
        workflow: WORKFLOW,
        configuredIds: ids,
        historyDays: 30,
        now,
        ...extra,
      }),
    );
  }
  status(): StatusFile {
    return JSON.parse(this.files.get('status.json')!);
  }
  state(): StateFile {
    return JSON.parse(this.files.get('state.json')!);
  }
}

function row(id: string, status: CheckRow['status'], at: number, total = 300): string {
  return formatCheckRow({
    time: new Date(at).toISOString(),
    id,
    status,
    http: status === 'down' ? null : 200,
    total,
    dns: 0,
    connect: 0,
    tls: 0,
    wait: total,
    download: 0,
    attempts: 1,
    error: status === 'down' ? 'connection refused' : '',
  });
}

/** Day files for rows at the given times (grouped by UTC day). */
function dayFiles(rows: Array<[string, CheckRow['status'], number, number?]>): BranchFiles {
  const files: BranchFiles = new Map();
  for (const [id, status, at, total] of [...rows].sort((a, b) => a[2] - b[2])) {
    const path = `history/${new Date(at).toISOString().slice(0, 10)}.csv`;
    files.set(path, (files.get(path) ?? HEADER) + row(id, status, at, total));
  }
  return files;
}

const NOON = Date.parse('2026-11-26T12:00:00.000Z');
const TODAY = Date.parse('2026-11-26T00:00:00.000Z');

function judgeAt(files: BranchFiles, now: number, checks: CheckedEndpoint[], extra: Partial<JudgeInput> = {}): Judgement {
  const ids = [...new Set(checks.map((c) => c.id))];
  return judge({
    files,
    checks,
    endpoints: ids.map((id) => settings(id)),
    workflow: WORKFLOW,
    configuredIds: ids,
    historyDays: 30,
    now: new Date(now),
    ...extra,
  });
}

describe('the data branch files', () => {
  it('starts a new branch: a day file with its header, daily.csv, status.json and state.json', () => {
    const branch = new Branch();
    const judgement = branch.run([check('api', 'up', NOON), check('db', 'down', NOON + 5)]);
    expect([...judgement.changes.keys()].sort()).toEqual(['daily.csv', 'history/2026-11-26.csv', 'state.json', 'status.json']);
    expect(branch.files.get('history/2026-11-26.csv')).toBe(
      // (the down check's wait, 2 − 10, is written as 0: times are never negative)
      HEADER +
        '2026-11-26T12:00:00.000Z,api,up,200,300,1,2,3,290,4,1,\n2026-11-26T12:00:00.005Z,db,down,,2,1,2,3,0,4,3,connection refused\n',
    );
    expect(branch.files.get('daily.csv')).toBe(
      'date,id,checks,up,degraded,down,maintenance,p50,p95,p99\n2026-11-26,api,1,1,0,0,0,300,300,300\n2026-11-26,db,1,0,0,1,0,,,\n',
    );
    expect(branch.status()).toMatchObject({ version: 1, status: 'down', updatedAt: '2026-11-26T12:00:01.005Z' });
  });

  it('appends later checks to the day file, oldest first, and rewrites that day’s daily row', () => {
    const branch = new Branch();
    branch.run([check('api', 'up', NOON)]);
    branch.run([check('api', 'down', NOON + 5 * MINUTE)]);
    const lines = branch.files.get('history/2026-11-26.csv')!.trim().split('\n');
    expect(lines.map((line) => line.split(',')[2])).toEqual(['status', 'up', 'down']);
    expect(branch.files.get('daily.csv')).toContain('2026-11-26,api,2,1,0,1,0,300,300,300\n');
  });

  it('puts a check on its own UTC day and writes errors on one line', () => {
    const branch = new Branch();
    const late = Date.parse('2026-11-25T23:59:59.900Z');
    branch.run([check('api', 'down', late, { error: null, failures: ['body said:\nline two\r\nline three', 'second'] })]);
    expect(branch.files.get('history/2026-11-25.csv')).toContain(',3,body said: line two line three\n');
  });

  it('removes raw days older than history-days and keeps their rows in daily.csv, which still count for 90 days', () => {
    const old = TODAY - 40 * DAY + HOUR;
    const files = dayFiles([
      ['api', 'down', old],
      ['api', 'up', old + 5 * MINUTE],
    ]);
    files.set(
      'daily.csv',
      formatDaily([
        { date: '2026-10-17', id: 'api', checks: 2, up: 1, degraded: 0, down: 1, maintenance: 0, p50: 300, p95: 300, p99: 300 },
      ]),
    );
    const judgement = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]);
    expect(judgement.changes.get('history/2026-10-17.csv')).toBeNull();
    expect(judgement.changes.get('daily.csv')).toContain('2026-10-17,api,2,1,0,1,0,300,300,300\n');
    const figures = judgement.status.endpoints[0];
    expect(figures.checks).toEqual({ '24h': 1, '7d': 1, '30d': 1, '90d': 3 });
    expect(figures.uptime['90d']).toBe(66.666);
  });

  it('writes the daily row of a raw day that daily.csv lacks before removing the day', () => {
    const old = TODAY - 31 * DAY + HOUR;
    const files = dayFiles([
      ['api', 'up', old, 100],
      ['api', 'down', old + 5 * MINUTE],
      ['api', 'maintenance', old + 10 * MINUTE, 50],
    ]);
    const judgement = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]);
    expect(judgement.changes.get('history/2026-10-26.csv')).toBeNull();
    expect(judgement.changes.get('daily.csv')).toContain('2026-10-26,api,2,1,0,1,1,100,100,100\n');
  });

  it('keeps a raw day of exactly history-days ago (today counts as the first day)', () => {
    const files = dayFiles([['api', 'up', TODAY - 29 * DAY + HOUR]]);
    const judgement = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]);
    expect(judgement.changes.has('history/2026-10-28.csv')).toBe(false);
    const seven = judgeAt(dayFiles([['api', 'up', TODAY - 7 * DAY + HOUR]]), NOON, [check('api', 'up', NOON - 1000)], {
      historyDays: 7,
    });
    expect(seven.changes.get('history/2026-11-19.csv')).toBeNull();
  });

  it('treats a status.json or state.json that is not JSON as a new branch', () => {
    const files: BranchFiles = new Map([
      ['status.json', '{ broken'],
      ['state.json', '<<<<<<< HEAD'],
    ]);
    const judgement = judgeAt(files, NOON, [check('api', 'down', NOON - 1000)]);
    expect(judgement.events.map((e) => e.kind)).toEqual(['down']);
    expect(judgement.state.outbox).toEqual([]);
  });
});

describe('figures', () => {
  it('floors uptime to three decimals and gives null without checks', () => {
    const rows: Array<[string, CheckRow['status'], number]> = [];
    for (let i = 1; i < 288; i++) rows.push(['api', i === 100 ? 'down' : 'up', NOON - i * 5 * MINUTE]);
    const judgement = judgeAt(dayFiles(rows), NOON, [check('api', 'up', NOON - 1000)]);
    expect(judgement.status.endpoints[0].checks['24h']).toBe(288);
    expect(judgement.status.endpoints[0].uptime['24h']).toBe(99.652); // 287 / 288 = 99.6527…
    const none = judgeAt(new Map(), NOON, [check('api', 'down', NOON - 1000, { inMaintenance: true })]);
    expect(none.status.endpoints[0].uptime).toEqual({ '24h': null, '7d': null, '30d': null, '90d': null });
  });

  it('counts 24h as the last 24 hours and 7d as the last 7 UTC days, today included', () => {
    const files = dayFiles([
      ['api', 'down', NOON - 24 * HOUR - MINUTE], // yesterday, just outside the last 24 hours
      ['api', 'up', NOON - 24 * HOUR + MINUTE],
      ['api', 'down', TODAY - 6 * DAY + MINUTE], // first minute of the 7th day back
      ['api', 'down', TODAY - 6 * DAY - MINUTE], // last minute of the 8th day back
    ]);
    const figures = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]).status.endpoints[0];
    expect(figures.checks).toEqual({ '24h': 2, '7d': 4, '30d': 5, '90d': 5 });
    expect(figures.uptime).toEqual({ '24h': 100, '7d': 50, '30d': 40, '90d': 40 });
  });

  it('leaves maintenance checks out of checks, uptime and percentiles', () => {
    const files = dayFiles([
      ['api', 'maintenance', NOON - 3 * HOUR, 9000],
      ['api', 'up', NOON - 2 * HOUR, 100],
    ]);
    const judgement = judgeAt(files, NOON, [check('api', 'down', NOON - HOUR, { inMaintenance: true })]);
    const figures = judgement.status.endpoints[0];
    expect(figures.checks['24h']).toBe(1);
    expect(figures.uptime['24h']).toBe(100);
    expect(figures.responseTime['24h']).toEqual({ p50: 100, p95: 100, p99: 100 });
    expect(judgement.changes.get('daily.csv')).toContain('2026-11-26,api,1,1,0,0,2,100,100,100\n');
  });

  it('takes percentiles by nearest rank over checks that were not down', () => {
    const rows: Array<[string, CheckRow['status'], number, number]> = [];
    for (let ms = 1; ms <= 100; ms++) rows.push(['api', ms % 2 ? 'up' : 'degraded', NOON - ms * MINUTE, ms * 10]);
    rows.push(['api', 'down', NOON - 101 * MINUTE, 99_999]);
    const figures = judgeAt(dayFiles(rows), NOON, [
      check('api', 'up', NOON - 1000, { timings: { dns: 0, connect: 0, tls: 0, wait: 0, download: 0, total: 5 } }),
    ]).status.endpoints[0];
    // 101 values: 5, 10, 20, …, 1000. Rank ⌈0.5 × 101⌉ = 51 → 500; ⌈0.95 × 101⌉ = 96 → 950; ⌈0.99 × 101⌉ = 100 → 990.
    expect(figures.responseTime['24h']).toEqual({ p50: 500, p95: 950, p99: 990 });
    expect(figures.responseTime['7d']).toEqual({ p50: 500, p95: 950, p99: 990 });
  });

  it('clips outages to each window, and counts an outage that lasts until now', () => {
    const files = dayFiles([
      ['api', 'down', NOON - 25 * HOUR], // an outage of two hours across the 24 h boundary
      ['api', 'down', NOON - 24 * HOUR],
      ['api', 'up', NOON - 23 * HOUR],
      ['api', 'down', NOON - 10 * MINUTE], // still down
    ]);
    const judgement = judgeAt(files, NOON, [check('api', 'down', NOON - 5 * MINUTE)]);
    const figures = judgement.status.endpoints[0];
    expect(figures.downtime).toEqual({ '24h': 3600 + 600, '7d': 7200 + 600, '30d': 7200 + 600, '90d': 7200 + 600 });
    expect(judgement.endpoints[0].outages).toEqual([
      { start: '2026-11-26T11:50:00.000Z', end: null, seconds: 600 },
      { start: '2026-11-25T11:00:00.000Z', end: '2026-11-25T13:00:00.000Z', seconds: 7200 },
    ]);
  });

  it('measures an outage of an older day from its raw rows, and one across midnight to the next day’s first check', () => {
    const start = TODAY - 20 * DAY - 30 * MINUTE;
    const rows: Array<[string, CheckRow['status'], number]> = [
      ['api', 'up', start - 5 * MINUTE],
      ['api', 'down', start],
      ['api', 'down', start + 25 * MINUTE],
      ['api', 'up', start + 45 * MINUTE], // next day, 15 minutes after midnight
      ['other', 'down', start + 50 * MINUTE],
      ['other', 'up', start + 55 * MINUTE],
    ];
    const files = dayFiles(rows);
    const daily: DailyRow[] = [
      { date: '2026-11-05', id: 'api', checks: 3, up: 1, degraded: 0, down: 2, maintenance: 0, p50: 300, p95: 300, p99: 300 },
      { date: '2026-11-06', id: 'api', checks: 1, up: 1, degraded: 0, down: 0, maintenance: 0, p50: 300, p95: 300, p99: 300 },
      { date: '2026-11-06', id: 'other', checks: 2, up: 1, degraded: 0, down: 1, maintenance: 0, p50: 300, p95: 300, p99: 300 },
    ];
    files.set('daily.csv', formatDaily(daily));
    const figures = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]).status.endpoints[0];
    expect(figures.downtime).toEqual({ '24h': 0, '7d': 0, '30d': 45 * 60, '90d': 45 * 60 });
  });

  it('estimates the outages of days known only from daily.csv from their share of down checks', () => {
    const daily: DailyRow[] = [
      {
        date: '2026-09-20',
        id: 'api',
        checks: 288,
        up: 276,
        degraded: 0,
        down: 12,
        maintenance: 0,
        p50: 300,
        p95: 300,
        p99: 300,
      },
    ];
    const files: BranchFiles = new Map([['daily.csv', formatDaily(daily)]]);
    const figures = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]).status.endpoints[0];
    expect(figures.downtime['90d']).toBe(3600);
    expect(figures.downtime['30d']).toBe(0);
    expect(figures.checks['90d']).toBe(289);
    expect(figures.uptime['90d']).toBe(95.847);
  });

  it('spends the error budget of 30 days on downtime', () => {
    const files = dayFiles([
      ['api', 'down', NOON - 3 * HOUR],
      ['api', 'up', NOON - 3 * HOUR + 10 * MINUTE],
    ]);
    const figures = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)]).status.endpoints[0];
    expect(figures.errorBudget).toEqual({ allowed: 25920, used: 600, left: 0.976 });
    const strict = judgeAt(files, NOON, [check('api', 'up', NOON - 1000)], { endpoints: [settings('api', { target: 100 })] })
      .status.endpoints[0];
    expect(strict.errorBudget).toEqual({ allowed: 0, used: 600, left: 0 });
  });

  it('draws the last 24 hours as hourly slots: worst status, p50 and p95, null without checks', () => {
    const now = Date.parse('2026-11-26T12:30:00.000Z');
    const files = dayFiles([
      ['api', 'up', Date.parse('2026-11-25T12:10:00.000Z'), 100], // before the first slot (11:30 yesterday is in the window, 12:00 slot starts at 13:00)
      ['api', 'up', Date.parse('2026-11-25T13:05:00.000Z'), 100],
      ['api', 'degraded', Date.parse('2026-11-25T13:35:00.000Z'), 5000],
      ['api', 'down', Date.parse('2026-11-26T11:05:00.000Z')],
      ['api', 'up', Date.parse('2026-11-26T11:10:00.000Z'), 200],
      ['api', 'maintenance', Date.parse('2026-11-26T12:05:00.000Z'), 50],
    ]);
    const hours = judgeAt(files, now, [
      check('api', 'up', now - 1000, { timings: { dns: 0, connect: 0, tls: 0, wait: 0, download: 0, total: 400 } }),
    ]).endpoints[0].hours;
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ start: '2026-11-25T13:00:00.000Z', status: 'degraded', p50: 100, p95: 5000 });
    expect(hours[1]).toEqual({ start: '2026-11-25T14:00:00.000Z', status: null, p50: null, p95: null });
    expect(hours[22]).toEqual({ start: '2026-11-26T11:00:00.000Z', status: 'down', p50: 200, p95: 200 });
    expect(hours[23]).toEqual({ start: '2026-11-26T12:00:00.000Z', status: 'maintenance', p50: 400, p95: 400 });
  });

  it('gives the 90 days of the bar, oldest first, from daily rows', () => {
    const daily: DailyRow[] = [
      { date: '2026-09-20', id: 'api', checks: 4, up: 3, degraded: 0, down: 1, maintenance: 0, p50: 1, p95: 1, p99: 1 },
    ];
    const days = judgeAt(new Map([['daily.csv', formatDaily(daily)]]), NOON, [check('api', 'up', NOON - 1000)]).endpoints[0].days;
    expect(days).toHaveLength(90);
    expect(days[0]).toEqual({ date: '2026-08-29', checks: 0, down: 0, maintenance: 0, uptime: null });
    expect(days.find((d) => d.date === '2026-09-20')).toEqual({
      date: '2026-09-20',
      checks: 4,
      down: 1,
      maintenance: 0,
      uptime: 75,
    });
    expect(days[89]).toEqual({ date: '2026-11-26', checks: 1, down: 0, maintenance: 0, uptime: 100 });
  });
});

describe('the monitor after midnight', () => {
  it('counts its longest gap from the window’s start when its last run before the window is on a day read only as aggregates', () => {
    const yesterday = TODAY - DAY;
    const branch = new Branch();
    // The day before yesterday at 21:00, then yesterday from 20:00 on: no run between yesterday's
    // midnight and the 24-hour window's start (01:35 yesterday).
    branch.files = dayFiles([
      ['api', 'up', yesterday - 3 * HOUR],
      ['api', 'up', yesterday + 20 * HOUR],
      ['api', 'up', yesterday + 22 * HOUR],
      ['api', 'up', yesterday + 23 * HOUR],
    ]);
    branch.run([check('api', 'up', TODAY + 90 * MINUTE)]);
    // The day before yesterday is aggregates now: its raw rows are not read again.
    expect([...branch.files.keys()]).toContain(`aggregates/${new Date(yesterday - DAY).toISOString().slice(0, 10)}.csv`);
    const at = TODAY + 95 * MINUTE;
    branch.run([check('api', 'up', at)]);
    const windowStart = at + 1000 - DAY;
    expect(branch.status().monitor).toMatchObject({
      lastRun: new Date(at).toISOString(),
      runs24h: 5,
      longestGap24h: Math.round((yesterday + 20 * HOUR - windowStart) / 1000),
    });
  });
});

describe('endpoints on a shared branch', () => {
  it('keeps the entries of another workflow untouched and drops its own endpoints that left the configuration', () => {
    const branch = new Branch();
    branch.run([check('theirs', 'down', NOON - HOUR)], { workflow: '.github/workflows/other.yml' });
    branch.run([check('gone', 'up', NOON - HOUR + 1)]);
    const theirs = branch.status().endpoints.find((e) => e.id === 'theirs');
    const theirState = branch.state().endpoints.theirs;
    const judgement = branch.run([check('api', 'up', NOON)]);
    expect(judgement.status.endpoints.map((e) => e.id)).toEqual(['api', 'theirs']);
    expect(branch.status().endpoints[1]).toEqual(theirs);
    expect(branch.state().endpoints.theirs).toEqual(theirState);
    expect(Object.keys(branch.state().endpoints).sort()).toEqual(['api', 'theirs']);
    expect(judgement.status.status).toBe('down'); // the worst of all, theirs included
    expect(judgement.endpoints.find((e) => e.id === 'theirs')).toMatchObject({ checked: false, hours: expect.any(Array) });
  });

  it('keeps a configured endpoint another shard checks, in configuration order', () => {
    const branch = new Branch();
    branch.run([check('b', 'up', NOON - HOUR)], { configuredIds: ['a', 'b'] });
    const judgement = branch.run([check('a', 'up', NOON)], { configuredIds: ['a', 'b'] });
    expect(judgement.status.endpoints.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('drops an endpoint not checked for history-days days', () => {
    const branch = new Branch();
    branch.run([check('theirs', 'up', NOON - 31 * DAY)], { workflow: '.github/workflows/other.yml' });
    branch.run([check('recent', 'up', NOON - 29 * DAY)], { workflow: '.github/workflows/other.yml' });
    const judgement = branch.run([check('api', 'up', NOON)]);
    expect(judgement.status.endpoints.map((e) => e.id)).toEqual(['api', 'recent']);
    expect(Object.keys(judgement.state.endpoints).sort()).toEqual(['api', 'recent']);
  });

  it('carries the outbox and keep-alive of state.json through', () => {
    const state = {
      version: 1,
      endpoints: {},
      outbox: [
        {
          event: {
            key: 'api:down:2026-11-26T11:00:00.000Z',
            kind: 'down',
            id: 'api',
            name: 'api',
            url: 'https://api.example/',
            at: '2026-11-26T11:00:00.000Z',
            since: '2026-11-26T11:00:00.000Z',
            status: 'down',
            error: 'connection refused',
            failures: [],
            httpStatus: null,
            responseTime: 3,
            downtime: null,
            incident: null,
          },
          target: 'slack#0',
          firstTried: '2026-11-26T11:00:01.000Z',
          attempts: 1,
          lastError: 'e',
        },
      ],
      keepAlive: { [WORKFLOW]: '2026-11-26T00:00:00.000Z' },
    };
    const judgement = judgeAt(new Map([['state.json', JSON.stringify(state)]]), NOON, [check('api', 'up', NOON - 1000)]);
    expect(judgement.state.outbox).toEqual(state.outbox);
    expect(judgement.state.keepAlive).toEqual(state.keepAlive);
  });
});

describe('thresholds and events', () => {
  const at = (run: number) => NOON + run * 5 * MINUTE;

  it('with thresholds of 1: down on the first down run, recovered on the first run that is not down', () => {
    const branch = new Branch();
    expect(branch.run([check('api', 'up', at(0))]).events).toEqual([]);
    const down = branch.run([check('api', 'down', at(1))]);
    expect(down.events).toEqual([
      expect.objectContaining({
        key: `api:down:${new Date(at(1)).toISOString()}`,
        kind: 'down',
        since: new Date(at(1)).toISOString(),
        error: 'connection refused',
        url: 'https://example.com/api?token=***',
      }),
    ]);
    expect(down.status.endpoints[0]).toMatchObject({ status: 'down', since: new Date(at(1)).toISOString() });
    branch.run([check('api', 'down', at(2))]);
    const recovered = branch.run([check('api', 'up', at(3))]);
    expect(recovered.events).toEqual([
      expect.objectContaining({ kind: 'recovered', since: new Date(at(3)).toISOString(), downtime: 600, status: 'up' }),
    ]);
    expect(recovered.status.endpoints[0]).toMatchObject({ status: 'up', since: new Date(at(3)).toISOString() });
  });

  it('with failure-threshold 3: two down runs are pending, the third counts, dated at the first', () => {
    const branch = new Branch();
    const run = (n: number, status: Status) =>
      branch.apply(
        judgeAt(branch.files, at(n) + 1000, [check('api', status, at(n))], {
          endpoints: [settings('api', { failureThreshold: 3, successThreshold: 3 })],
        }),
      );
    run(0, 'up');
    const first = run(1, 'down');
    expect(first.events).toEqual([]);
    expect(first.endpoints[0].pending).toEqual({ toward: 'down', runs: 1, needed: 3, text: 'down — 1 of 3 before it counts' });
    expect(first.status.endpoints[0].status).toBe('up');
    expect(run(2, 'down').endpoints[0].pending?.text).toBe('down — 2 of 3 before it counts');
    const third = run(3, 'down');
    expect(third.events).toEqual([
      expect.objectContaining({ kind: 'down', at: new Date(at(3)).toISOString(), since: new Date(at(1)).toISOString() }),
    ]);
    expect(third.status.endpoints[0]).toMatchObject({ status: 'down', since: new Date(at(1)).toISOString() });
    expect(third.endpoints[0].pending).toBeNull();

    // success-threshold 3: not down twice is pending; a down run in between starts the count again.
    expect(run(4, 'up').endpoints[0].pending?.text).toBe('not down — 1 of 3 before it counts as recovered');
    expect(run(5, 'down').events).toEqual([]);
    run(6, 'up');
    expect(run(7, 'degraded').events).toEqual([]);
    const recovered = run(8, 'up');
    expect(recovered.events).toEqual([
      expect.objectContaining({
        kind: 'recovered',
        at: new Date(at(8)).toISOString(),
        since: new Date(at(6)).toISOString(),
        downtime: 25 * 60,
      }),
    ]);
    expect(recovered.status.endpoints[0]).toMatchObject({ status: 'up', since: new Date(at(6)).toISOString() });
  });

  it('with failure-threshold 3: a blip that does not last never counts, but its outage is in the downtime', () => {
    const branch = new Branch();
    const options = { endpoints: [settings('api', { failureThreshold: 3 })] };
    branch.apply(judgeAt(branch.files, at(0) + 1000, [check('api', 'down', at(0))], options));
    const next = branch.apply(judgeAt(branch.files, at(1) + 1000, [check('api', 'up', at(1))], options));
    expect(next.events).toEqual([]);
    expect(next.endpoints[0].pending).toBeNull();
    expect(next.status.endpoints[0]).toMatchObject({ status: 'up', downtime: { '24h': 300 } });
  });

  it('dates a change between up and degraded at the check that showed it, and sends degraded', () => {
    const branch = new Branch();
    branch.run([check('api', 'up', at(0))]);
    expect(branch.status().endpoints[0].since).toBe(new Date(at(0)).toISOString());
    branch.run([check('api', 'up', at(1))]);
    expect(branch.status().endpoints[0].since).toBe(new Date(at(0)).toISOString());
    const degraded = branch.run([check('api', 'degraded', at(2))]);
    expect(degraded.events).toEqual([
      expect.objectContaining({ kind: 'degraded', since: new Date(at(2)).toISOString(), responseTime: 4000 }),
    ]);
    expect(degraded.status.endpoints[0]).toMatchObject({ status: 'degraded', since: new Date(at(2)).toISOString() });
    const up = branch.run([check('api', 'up', at(3))]);
    expect(up.events).toEqual([]);
    expect(up.status.endpoints[0]).toMatchObject({ status: 'up', since: new Date(at(3)).toISOString() });
  });

  it('recovering into degraded sends recovered and degraded', () => {
    const branch = new Branch();
    branch.run([check('api', 'down', at(0))]);
    expect(branch.run([check('api', 'degraded', at(1))]).events.map((e) => e.kind)).toEqual(['recovered', 'degraded']);
  });

  it('maintenance: start and end events, no down while in the window, and the outage picks up after it', () => {
    const branch = new Branch();
    branch.run([check('api', 'down', at(0))]);
    const until = new Date(at(3)).toISOString();
    const start = branch.run([
      check('api', 'down', at(1), { inMaintenance: true, maintenanceUntil: until, maintenanceTimezone: 'Europe/Moscow' }),
    ]);
    expect(start.events).toEqual([
      expect.objectContaining({
        kind: 'maintenance',
        status: 'maintenance',
        maintenance: { phase: 'start', until, timezone: 'Europe/Moscow' },
      }),
    ]);
    expect(start.status.endpoints[0]).toMatchObject({ status: 'maintenance', since: new Date(at(1)).toISOString() });
    expect(start.endpoints[0].maintenance).toEqual({ until, timezone: 'Europe/Moscow' });
    expect(branch.run([check('api', 'up', at(2), { inMaintenance: true })]).events).toEqual([]);
    const after = branch.run([check('api', 'down', at(3))]);
    expect(after.events.map((e) => [e.kind, e.maintenance?.phase])).toEqual([['maintenance', 'end']]);
    expect(after.status.endpoints[0]).toMatchObject({ status: 'down', since: new Date(at(0)).toISOString() });
    expect(branch.run([check('api', 'up', at(4))]).events.map((e) => e.kind)).toEqual(['recovered']);
    expect(branch.files.get('history/2026-11-26.csv')).toContain(',api,maintenance,');
  });

  it('keeps the incident recorded in status.json while the endpoint stays down, and gives it to the recovery', () => {
    const branch = new Branch();
    const incident = { number: 12, url: 'https://github.com/o/r/issues/12' };
    branch.run([check('api', 'down', at(0))]);
    // The run's follow-up push records the issue it opened in status.json (docs/history.md); the
    // next runs read it back from there.
    const recorded = branch.status();
    recorded.endpoints[0].incident = incident;
    branch.files.set('status.json', JSON.stringify(recorded, null, 2) + '\n');
    expect(branch.run([check('api', 'down', at(1))]).status.endpoints[0].incident).toEqual(incident);
    const recovered = branch.run([check('api', 'up', at(2))]);
    expect(recovered.events[0].incident).toEqual(incident);
    expect(recovered.status.endpoints[0].incident).toBeNull();
  });

  it('reports the last check in status.json', () => {
    const judgement = new Branch().run([
      check('api', 'down', at(0), { httpStatus: 503, timings: { dns: 0, connect: 0, tls: 0, wait: 0, download: 0, total: 412 } }),
    ]);
    expect(judgement.status.endpoints[0]).toMatchObject({
      id: 'api',
      name: 'API',
      url: 'https://example.com/api?token=***',
      last: { time: new Date(at(0)).toISOString(), status: 'down', http: 503, total: 412 },
      target: 99,
    });
    expect(Object.keys(judgement.status.endpoints[0])).toEqual([
      'id',
      'name',
      'url',
      'status',
      'since',
      'incident',
      'last',
      'target',
      'checks',
      'uptime',
      'responseTime',
      'downtime',
      'errorBudget',
    ]);
  });
});

describe('the cache of day files read', () => {
  it('gives the same judgements as reading every file afresh, over days of runs with outages', () => {
    const plain = new Branch();
    const cached = new Branch();
    const readCache: JudgeInput['readCache'] = new Map();
    const start = TODAY - 10 * DAY;
    for (let run = 0; run < 10 * 16; run++) {
      const at = start + run * 90 * MINUTE;
      const status: Status = run % 23 < 2 ? 'down' : run % 11 === 0 ? 'degraded' : 'up';
      const checks = [check('api', status, at), check('db', run % 17 === 0 ? 'down' : 'up', at + 7)];
      const a = plain.run(checks);
      const b = cached.run(checks, { readCache });
      expect(b.status).toEqual(a.status);
      expect(b.endpoints).toEqual(a.endpoints);
    }
    expect(cached.files).toEqual(plain.files);
    expect(readCache.size).toBeGreaterThan(0);
  });
});
