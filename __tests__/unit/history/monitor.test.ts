// The watcher itself: the monitor's own runs read from the times of its rows (status.json's
// `monitor`, docs/history.md), and what the judge writes of them.
import { describe, expect, test } from '@jest/globals';
import { monitorOf, rowTimes, runStarts } from '../../../src/history/monitor.js';
import { judge } from '../../../src/history/judge.js';
import type { CheckedEndpoint, Point } from '../../../src/history/types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-12-06T12:00:00.000Z');

/** Rows of runs every `every` ms over the last `span` ms up to NOW, each run writing `rows` rows a
 * few seconds apart; `skip` and `late` (ms late) by the run's index counted back from NOW. */
function schedule(options: { every: number; span: number; rows?: number; skip?: number[]; late?: Map<number, number> }) {
  const times: number[] = [];
  const count = Math.floor(options.span / options.every);
  for (let back = count; back >= 0; back--) {
    if (options.skip?.includes(back)) continue;
    const start = NOW - back * options.every + (options.late?.get(back) ?? 0);
    for (let row = 0; row < (options.rows ?? 3); row++) times.push(start + row * 7 * SECOND);
  }
  return times;
}

describe('runs from row times', () => {
  test('rows within 60 s of each other are one run, even chained; a row 61 s later starts another', () => {
    const t = NOW - HOUR;
    const starts = runStarts([t + 100 * SECOND, t, t + 50 * SECOND, t + 161 * SECOND, t + 40 * SECOND, t + 221 * SECOND]);
    // t, t+40, t+50, t+100 are chained within 60 s; t+161 is 61 s after t+100; t+221 is 60 s after it.
    expect(starts).toEqual([t, t + 161 * SECOND]);
  });

  test("the times kept of many endpoints' rows give the same runs as every row sorted", () => {
    // Endpoints checked a few seconds apart in runs of irregular length, some runs 50–70 s apart.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const lists: Point[][] = Array.from({ length: 30 }, () => []);
    for (let at = NOW - 2 * 24 * HOUR; at < NOW; at += 40 * SECOND + Math.floor(random() * 10 * MINUTE)) {
      lists.forEach((rows, n) => {
        if (random() < 0.8) rows.push({ at: at + Math.floor(random() * 20 * SECOND) + n, id: `e${n}`, status: 'up', total: 1 });
      });
    }
    const every = lists.flat().map((row) => row.at);
    const kept = rowTimes(lists);
    expect(kept.length).toBeLessThan(every.length / 5);
    expect(runStarts(kept)).toEqual(runStarts(every));
    expect(monitorOf(kept, NOW)).toEqual(monitorOf(every, NOW));
  });

  test('no rows: nothing known', () => {
    expect(monitorOf([], NOW)).toEqual({ every: null, lastRun: null, runs24h: 0, coverage24h: null, longestGap24h: null });
  });

  test('one run (the first ever): every and coverage unknown, the gap is the time since it', () => {
    const times = [NOW - 10 * MINUTE, NOW - 10 * MINUTE + 3 * SECOND];
    expect(monitorOf(times, NOW)).toEqual({
      every: null,
      lastRun: new Date(NOW - 10 * MINUTE).toISOString(),
      runs24h: 1,
      coverage24h: null,
      longestGap24h: 600,
    });
  });

  test('runs every 5 minutes for a day, all on time: 100 %, longest gap 5 min', () => {
    const monitor = monitorOf(schedule({ every: 5 * MINUTE, span: 30 * HOUR }), NOW);
    expect(monitor).toEqual({
      every: 300,
      lastRun: new Date(NOW).toISOString(),
      runs24h: 288,
      coverage24h: 100,
      longestGap24h: 300,
    });
  });

  test('a late run and a skipped run: the time past every × 1.5 is not covered; the median ignores them', () => {
    // Every 10 min over 30 h. The run 20 intervals back is 8 min late (an 18 min gap, 3 min of it
    // past the 15 min reach of the run before); the run 50 back is skipped (a 20 min gap, 5 min
    // uncovered). 8 min of the 24 h are not covered: 99.4 %.
    const monitor = monitorOf(
      schedule({ every: 10 * MINUTE, span: 30 * HOUR, skip: [50], late: new Map([[20, 8 * MINUTE]]) }),
      NOW,
    );
    expect(monitor.every).toBe(600);
    expect(monitor.runs24h).toBe(144 - 1);
    expect(monitor.coverage24h).toBe(Math.floor(((24 * 60 - 8) / (24 * 60)) * 1000) / 10);
    expect(monitor.coverage24h).toBe(99.4);
    expect(monitor.longestGap24h).toBe(20 * 60);
  });

  test('the longest gap runs to now when the runs stopped', () => {
    const times = schedule({ every: 5 * MINUTE, span: 10 * HOUR }).map((at) => at - 3 * HOUR);
    const monitor = monitorOf(times, NOW);
    expect(monitor.longestGap24h).toBe(3 * 3600);
    expect(monitor.every).toBe(300);
    expect(monitor.lastRun).toBe(new Date(NOW - 3 * HOUR).toISOString());
    // 10 h 7.5 min of the 13 h since the first run were covered.
    expect(monitor.coverage24h).toBe(Math.floor(((10 * 60 + 7.5) / (13 * 60)) * 1000) / 10);
  });

  test('the first run less than 24 h ago: coverage is of the time since it', () => {
    const monitor = monitorOf(schedule({ every: 5 * MINUTE, span: 2 * HOUR }), NOW);
    expect(monitor.runs24h).toBe(25);
    expect(monitor.coverage24h).toBe(100);
    expect(monitor.longestGap24h).toBe(300);
  });

  test('a gap across the start of the window counts from the window start; the run before it still covers', () => {
    // Runs every 5 min until 25 h ago, none until 20 h ago, then every 5 min again.
    const times = [
      ...schedule({ every: 5 * MINUTE, span: 20 * HOUR }),
      ...schedule({ every: 5 * MINUTE, span: 5 * HOUR }).map((at) => at - 25 * HOUR),
    ];
    const monitor = monitorOf(times, NOW);
    expect(monitor.longestGap24h).toBe(4 * 3600);
    // The 4 h from the window's start to 20 h ago are not covered (the run 25 h ago reaches 7.5 min).
    expect(monitor.coverage24h).toBe(Math.floor((20 / 24) * 1000) / 10);
  });
});

describe('the judge writes status.json monitor', () => {
  function checkAt(at: number): CheckedEndpoint {
    return {
      id: 'api',
      name: 'API',
      url: 'https://api.example.com/health',
      status: 'up',
      inMaintenance: false,
      httpStatus: 200,
      timings: { dns: 1, connect: 2, tls: 3, wait: 40, download: 4, total: 50 },
      attempts: 1,
      error: null,
      failures: [],
      checkedAt: new Date(at).toISOString(),
    };
  }

  test('from the runs on the branch and this run; a skipped run leaves uptime at 100 %', () => {
    const files = new Map<string, string>();
    const base = { endpoints: [], workflow: 'monitor.yml', configuredIds: ['api'], historyDays: 7 };
    // Runs every 5 min for 3 h, with one skipped an hour ago.
    for (let at = NOW - 3 * HOUR; at <= NOW; at += 5 * MINUTE) {
      if (at === NOW - HOUR) continue;
      const judgement = judge({ ...base, files, checks: [checkAt(at + 2 * SECOND)], now: new Date(at) });
      for (const [path, text] of judgement.changes) {
        if (text === null) files.delete(path);
        else files.set(path, text);
      }
    }
    const status = JSON.parse(files.get('status.json')!);
    expect(status.monitor).toEqual({
      every: 300,
      lastRun: new Date(NOW + 2 * SECOND).toISOString(),
      runs24h: 36,
      // 2.5 of 180 min not covered.
      coverage24h: Math.floor(((180 - 2.5) / 180) * 1000) / 10,
      longestGap24h: 600,
    });
    // The gap is neither up nor down: the endpoint's figures count only the checks made.
    expect(status.endpoints[0].uptime['24h']).toBe(100);
    expect(status.endpoints[0].checks['24h']).toBe(36);
    expect(status.endpoints[0].downtime['24h']).toBe(0);
  });
});
