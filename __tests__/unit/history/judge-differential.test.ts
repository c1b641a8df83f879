// The judge that reads the last two raw days and per-day aggregates against the judge that read
// the raw days themselves (a frozen copy, `support/judge-v2/`), over random branches of the
// earlier format: from the first run on (which converts the branch) through days of runs that
// roll days into aggregates and expire them (with runs that start before midnight and save after
// it), every figure (windows, percentiles, downtime, budget), the page's hours, days and outages, the events and daily.csv are the same, to the row.
// The new judge is given only the files `filesToRead` names, as the store fetches them.
import { describe, expect, it } from '@jest/globals';
import { filesToRead, judge } from '../../../src/history/judge.js';
import { judge as judgeV2 } from '../../support/judge-v2/judge.js';
import { dailyRowOf } from '../../support/judge-v2/stats.js';
import { CHECK_HEADER, formatCheckRow, formatDaily } from '../../support/judge-v2/rows.js';
import type { BranchFiles, CheckedEndpoint, DailyRow, EndpointSettings, Judgement } from '../../../src/history/types.js';
import { generator } from '../../support/random.js';

const WORKFLOW = '.github/workflows/uptime.yml';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Status = 'up' | 'degraded' | 'down' | 'maintenance';

/** Each endpoint's status over time: runs of up with outages, degraded spells and maintenance. */
function statusSource(random: ReturnType<typeof generator>) {
  const current = new Map<string, { status: Status; until: number }>();
  return (id: string, at: number): Status => {
    const known = current.get(id);
    if (known && at < known.until) return known.status;
    const roll = random.next();
    const status: Status = roll < 0.1 ? 'down' : roll < 0.16 ? 'degraded' : roll < 0.19 ? 'maintenance' : 'up';
    // Outages from one check to more than a day, so some cross midnight.
    const length = status === 'up' ? random.int(1, 48) * HOUR : random.int(1, 36 * 12) * 5 * MINUTE;
    current.set(id, { status, until: at + length });
    return status;
  };
}

function checkOf(id: string, status: Status, at: number, random: ReturnType<typeof generator>): CheckedEndpoint {
  const total = status === 'down' ? random.int(0, 30) : random.int(50, status === 'degraded' ? 5000 : 900);
  return {
    id,
    name: id.toUpperCase(),
    url: `https://example.com/${id}`,
    status: status === 'maintenance' ? 'up' : status,
    inMaintenance: status === 'maintenance',
    httpStatus: status === 'down' ? null : 200,
    timings: { dns: 1, connect: 2, tls: 3, wait: Math.max(0, total - 10), download: 4, total },
    attempts: status === 'down' ? 3 : 1,
    error: status === 'down' ? 'connection refused' : null,
    failures: [],
    checkedAt: new Date(at).toISOString(),
  };
}

function settingsOf(id: string, random: ReturnType<typeof generator>): EndpointSettings {
  return {
    id,
    name: id.toUpperCase(),
    url: `https://example.com/${id}`,
    target: [99, 99.9, 95][random.int(0, 2)],
    failureThreshold: random.int(1, 3),
    successThreshold: random.int(1, 2),
  };
}

/** A branch of the earlier format, as months of runs leave it: raw days for `rawDays`, older days
 * only in daily.csv, no aggregates. */
function v2Branch(seed: number, ids: string[], start: number, rawDays: number, dailyDays: number, every: number): BranchFiles {
  const random = generator(seed);
  const statusAt = statusSource(random);
  const files: BranchFiles = new Map();
  const daily: DailyRow[] = [];
  const firstDay = start - (start % DAY) - (dailyDays - 1) * DAY;
  const byDay = new Map<string, string>();
  const rowsByDayId = new Map<string, Map<string, Array<{ at: number; id: string; status: Status; total: number }>>>();
  for (let at = firstDay + random.int(0, every - 1) * MINUTE; at < start; at += every * MINUTE) {
    const date = new Date(at).toISOString().slice(0, 10);
    for (const id of ids) {
      // Now and then an endpoint is not checked (a shard's run that did not happen).
      if (random.next() < 0.03) continue;
      const status = statusAt(id, at);
      const check = checkOf(id, status, at + ids.indexOf(id), random);
      const row = {
        time: check.checkedAt,
        id,
        status,
        http: check.httpStatus,
        total: check.timings.total,
        dns: 1,
        connect: 2,
        tls: 3,
        wait: check.timings.wait,
        download: 4,
        attempts: check.attempts,
        error: check.error ?? '',
      };
      byDay.set(date, (byDay.get(date) ?? CHECK_HEADER) + formatCheckRow(row));
      const byId = rowsByDayId.get(date) ?? new Map();
      byId.set(id, [...(byId.get(id) ?? []), { at: at + ids.indexOf(id), id, status, total: row.total }]);
      rowsByDayId.set(date, byId);
    }
  }
  const firstRaw = new Date(start - (start % DAY) - (rawDays - 1) * DAY).toISOString().slice(0, 10);
  for (const [date, text] of byDay) if (date >= firstRaw) files.set(`history/${date}.csv`, text);
  for (const [date, byId] of rowsByDayId) for (const [id, rows] of byId) daily.push(dailyRowOf(date, id, rows));
  files.set('daily.csv', formatDaily(daily));
  return files;
}

function apply(files: BranchFiles, judgement: Judgement): void {
  for (const [path, text] of judgement.changes) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
}

/** What a user sees of a judgement: status.json, the page's views, the events, the warnings.
 * (status.json's `monitor` is newer than the frozen judge: it is tested in history-monitor.) */
function seen(judgement: Judgement) {
  const status = { ...judgement.status };
  delete status.monitor;
  return { status, views: judgement.endpoints, events: judgement.events, warnings: judgement.warnings };
}

describe('the judge over aggregates gives the figures of the judge over raw days', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  it.each(seeds)('random branch %i: the first run converts it, later runs roll days and expire them', (seed) => {
    const random = generator(seed * 7919);
    const ids = Array.from({ length: random.int(1, 4) }, (_, n) => `svc-${n + 1}`);
    const historyDays = [7, 10, 30][random.int(0, 2)];
    const every = [5, 15, 60][random.int(0, 2)];
    const start = Date.parse('2026-11-20T00:00:00.000Z') + random.int(0, 24 * 60) * MINUTE;
    const rawDays = Math.min(historyDays, random.int(3, 31));
    const branch = v2Branch(seed, ids, start, rawDays, rawDays + random.int(0, 40), every);
    const endpoints = ids.map((id) => settingsOf(id, random));
    const statusAt = statusSource(random);
    // The earlier Vigil's last run wrote state.json and status.json.
    const seedChecks = ids.map((id, n) => checkOf(id, statusAt(id, start - 5 * MINUTE), start - 5 * MINUTE + n, random));
    apply(
      branch,
      judgeV2({
        files: branch,
        checks: seedChecks,
        endpoints,
        workflow: WORKFLOW,
        configuredIds: ids,
        historyDays,
        now: new Date(start - 4 * MINUTE),
      }),
    );
    const oldFiles = new Map(branch);
    const newFiles = new Map(branch);
    // Runs every few hours for five days: each crosses midnight several times. Now and then runs
    // come around midnight: one just after it, then one that saves after it checks it made before
    // it (it started late on the day before), then one whose clock is still before midnight (runs
    // that overlap save in any order). The last two add to a day that already has its points.
    let aggregatesSeen = 0;
    let pointsRead = 0;
    let lateRuns = 0;
    const runs: Array<{ now: number; checkedAt: number; early?: boolean }> = [];
    for (let now = start; now < start + 5 * DAY;) {
      runs.push({ now, checkedAt: now - 1000 });
      if (random.next() < 0.3) {
        const midnight = now - (now % DAY) + DAY;
        const after = midnight + random.int(1, 4) * MINUTE;
        runs.push({ now: after, checkedAt: after - 1000 });
        runs.push({ now: after + MINUTE, checkedAt: midnight - random.int(1, 5) * MINUTE });
        const early = midnight - random.int(1, 3) * MINUTE;
        runs.push({ now: early, checkedAt: early - 1000, early: true });
        now = after + random.int(1, 9) * HOUR;
      } else now += random.int(1, 9) * HOUR + random.int(0, 59) * MINUTE;
    }
    for (const { now, checkedAt, early } of runs) {
      const yesterday = new Date(now - (now % DAY) - DAY).toISOString().slice(0, 10);
      if (new Date(checkedAt).toISOString().slice(0, 10) <= yesterday && newFiles.has(`points/${yesterday}.csv`)) lateRuns++;
      const checks = ids.map((id, n) => checkOf(id, statusAt(id, checkedAt), checkedAt + n, random));
      const input = { checks, endpoints, workflow: WORKFLOW, configuredIds: ids, historyDays, now: new Date(now) };
      const before = judgeV2({ ...input, files: oldFiles });
      const read = filesToRead(newFiles.keys(), new Date(now), historyDays, checks);
      if (newFiles.has(`history/${yesterday}.csv`) && !read.has(`history/${yesterday}.csv`)) pointsRead++;
      const after = judge({ ...input, files: new Map([...newFiles].filter(([path]) => read.has(path))), paths: newFiles.keys() });
      // A run whose clock is behind the last one's counts the checks saved after its clock (up to
      // 15 minutes on); the frozen judge left out a day after its today. The runs after it must
      // agree again, from the files it wrote.
      if (!early) expect(seen(after)).toEqual(seen(before));
      apply(oldFiles, before);
      apply(newFiles, after);
      expect(newFiles.get('daily.csv')).toBe(oldFiles.get('daily.csv'));
      // The raw days kept are the same files, with the same rows.
      const raw = (files: BranchFiles) => [...files].filter(([path]) => path.startsWith('history/')).sort();
      expect(raw(newFiles)).toEqual(raw(oldFiles));
      aggregatesSeen = Math.max(aggregatesSeen, [...newFiles.keys()].filter((path) => path.startsWith('aggregates/')).length);
    }
    // The branch was converted: older days were read from their aggregates, yesterday from its
    // points, and runs that started before midnight added to days that had them.
    expect(aggregatesSeen).toBeGreaterThan(0);
    expect(pointsRead).toBeGreaterThan(0);
    expect(lateRuns).toBeGreaterThan(0);
  });
});
