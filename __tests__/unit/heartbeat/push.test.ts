/** Push heartbeats without the network: how a heartbeat is judged from its last reports, the
 * branch file that keeps them, which runs count as a heartbeat report, and the configuration
 * errors that name where they are. */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEndpoint } from '../../../src/cli.js';
import { loadConfig, type InputName } from '../../../src/config/inputs.js';
import { ConfigError, type Config } from '../../../src/config/types.js';
import { checkReport, heartbeatEvent } from '../../../src/run/heartbeat-dispatch.js';
import type { HeartbeatReport } from '../../../src/config/heartbeat.js';
import { readReports, recordReport, withReport } from '../../../src/heartbeat/reports.js';
import { judgeHeartbeat } from '../../../src/probe/kinds/heartbeat.js';
import { probeHeartbeat } from '../../../src/probe/kinds/heartbeat.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-06T04:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const report = (status: 'ok' | 'fail', ageMs: number): HeartbeatReport => ({ status, at: ago(ageMs), run: null });

const workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-heartbeat-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('judging a heartbeat from its last reports', () => {
  test('up when the last report is ok and within max-age', () => {
    expect(judgeHeartbeat([report('ok', 3 * 60_000)], 25 * HOUR, NOW)).toEqual({
      up: true,
      error: null,
      code: null,
      text: 'last heartbeat 3 min ago (ok)',
    });
    // Exactly max-age old is still within it.
    expect(judgeHeartbeat([report('ok', 25 * HOUR)], 25 * HOUR, NOW).up).toBe(true);
  });

  test('down when the last ok is older than max-age, in the words of the README', () => {
    expect(judgeHeartbeat([report('ok', 26 * HOUR + 5 * 60_000)], 25 * HOUR, NOW).error).toBe(
      'no heartbeat for 26 h (max-age 25h)',
    );
    expect(judgeHeartbeat([report('ok', 100 * 60_000)], 90 * 60_000, NOW).error).toBe('no heartbeat for 100 min (max-age 90m)');
    expect(judgeHeartbeat([report('ok', 5 * 24 * HOUR)], 30_000, NOW).error).toBe('no heartbeat for 5 d (max-age 30s)');
  });

  test('down when the last report says fail, saying when, and when the last ok was', () => {
    const verdict = judgeHeartbeat([report('fail', 2 * HOUR), report('ok', 26 * HOUR)], 25 * HOUR, NOW);
    expect(verdict).toMatchObject({ up: false, code: 'REPORTED_FAIL' });
    expect(verdict.error).toBe('reported fail 2 h ago (2026-12-06 02:00 UTC); last ok 26 h ago');
    expect(judgeHeartbeat([report('fail', 5 * 60_000)], 25 * HOUR, NOW).error).toBe(
      'reported fail 5 min ago (2026-12-06 03:55 UTC)',
    );
  });

  test('down when no report came', () => {
    expect(judgeHeartbeat([], 25 * HOUR, NOW)).toMatchObject({
      up: false,
      error: 'no heartbeat received yet',
      code: 'NO_REPORT',
    });
  });

  test('the check says why it could not judge when the reports were not read', async () => {
    const result = await probeHeartbeat(
      {
        url: 'heartbeat:backup',
        method: 'GET',
        headers: {},
        body: null,
        timeout: 1000,
        followRedirects: 0,
        insecure: false,
        kind: {
          heartbeat: 'backup',
          maxAge: HOUR,
          heartbeatReports: null,
          heartbeatUnread: 'not judged: the data branch could not be read: boom',
        },
      },
      { wallClock: () => NOW },
    );
    expect(result).toMatchObject({
      error: 'not judged: the data branch could not be read: boom',
      errorCode: 'NOT_READ',
      httpStatus: null,
    });
    expect(result.timings.total).toBe(0);
  });
});

describe('the branch file of a heartbeat', () => {
  test('keeps the newest reports first, at most ten, whatever order they landed in', () => {
    let text: string | undefined;
    for (let hour = 12; hour >= 1; hour--) text = withReport(text, 'backup', report(hour % 2 ? 'ok' : 'fail', hour * HOUR));
    // One that landed late (its run started earlier) goes in its place, not first.
    text = withReport(text, 'backup', report('ok', 1.5 * HOUR));
    const reports = readReports(text);
    expect(reports).toHaveLength(10);
    expect(reports.map((entry) => (NOW - Date.parse(entry.at)) / HOUR)).toEqual([1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(JSON.parse(text as string)).toMatchObject({ version: 1, id: 'backup' });
  });

  test('a report is added to what another run wrote meanwhile, not written over it', () => {
    const first = recordReport(new Map(), 'backup', report('ok', HOUR));
    const second = recordReport(
      new Map([['heartbeats/backup.json', first.get('heartbeats/backup.json') as string]]),
      'backup',
      report('fail', 0),
    );
    expect(readReports(second.get('heartbeats/backup.json') ?? undefined).map((entry) => entry.status)).toEqual(['fail', 'ok']);
  });

  test('a run that recorded its report already (another job of a matrix) changes nothing', () => {
    const run = 'https://github.com/acme/shop/actions/runs/42';
    const first = recordReport(new Map(), 'backup', { status: 'ok', at: ago(0), run });
    const files = new Map([['heartbeats/backup.json', first.get('heartbeats/backup.json') as string]]);
    expect(recordReport(files, 'backup', { status: 'ok', at: ago(0), run }).size).toBe(0);
  });

  test('a file edited by hand or cut short is read for what it holds, never an error', () => {
    expect(readReports('{"reports": [')).toEqual([]);
    expect(readReports('[]')).toEqual([]);
    const text = JSON.stringify({
      reports: [
        { status: 'ok', at: ago(HOUR), run: 'javascript:alert(1)' },
        { status: 'maybe', at: ago(0) },
        { status: 'fail', at: 'yesterday' },
        null,
      ],
    });
    expect(readReports(text)).toEqual([{ status: 'ok', at: ago(HOUR), run: null }]);
  });
});

describe('which runs are heartbeat reports', () => {
  const eventOf = (event: unknown) => {
    const file = path.join(workspace, `event-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify(event));
    return file;
  };

  test('a repository_dispatch of type vigil-heartbeat is; another type or event is a run like any other', () => {
    const payload = { id: 'backup', status: 'ok' };
    const file = eventOf({ action: 'vigil-heartbeat', client_payload: payload });
    expect(heartbeatEvent({ name: 'repository_dispatch', path: file })).toEqual({ payload });
    expect(heartbeatEvent({ name: 'schedule', path: file })).toBeNull();
    const deploy = eventOf({ action: 'deploy', client_payload: payload });
    expect(heartbeatEvent({ name: 'repository_dispatch', path: deploy })).toBeNull();
  });

  test('a report must name a watched id and say ok or fail', () => {
    const watched = new Set(['backup']);
    const said = (payload: unknown) => {
      const checked = checkReport(payload, watched);
      return 'problem' in checked ? checked.problem((value) => `«${String(value)}»`) : checked;
    };
    expect(said({ id: 'backup', status: 'fail' })).toEqual({ id: 'backup', status: 'fail' });
    expect(said({ id: 'backup', status: 'OK' })).toBe('the report\'s status «OK»; it must be "ok" or "fail"');
    expect(said({ id: '../state', status: 'ok' })).toMatch(/^the report's id «\.\.\/state» is not a heartbeat id/);
    expect(said({ id: 'nightly', status: 'ok' })).toMatch(/^no endpoint watches heartbeat «nightly»/);
    expect(said({ id: 42, status: 'ok' })).toMatch(/^the report's id «42» is not a heartbeat id/);
    expect(said([])).toMatch(/^the report has no client_payload object/);
  });
});

describe('configuration', () => {
  const file = (name: string, text: string) => {
    writeFileSync(path.join(workspace, name), text);
    return name;
  };
  const load = (config: string): Config =>
    loadConfig((name: InputName) => (name === 'config' ? config : name === 'history' ? 'true' : ''), {
      env: { GITHUB_REPOSITORY: 'acme/shop' },
      workspace,
    });
  const problems = (config: string): string[] => {
    try {
      load(config);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => `${p.where}: ${p.message}`);
      throw error;
    }
    throw new Error('expected a configuration error');
  };

  test('heartbeat: ID in place of url; the endpoint id may differ, the report id is the heartbeat value', () => {
    const config = load(
      file(
        'ok.yml',
        'endpoints:\n  - heartbeat: backup\n    max-age: 25h\n  - { heartbeat: db-dump.nightly, id: dump, max-age: 90m, retries: 3 }\n',
      ),
    );
    const [backup, dump] = config.endpoints;
    expect(backup).toMatchObject({ id: 'heartbeat-backup', name: 'heartbeat backup', url: 'heartbeat:backup' });
    expect(backup.kind).toMatchObject({ heartbeat: 'backup', maxAge: 25 * HOUR });
    expect(dump).toMatchObject({ id: 'dump', url: 'heartbeat:db-dump.nightly', retries: 0 });
    expect(dump.kind).toMatchObject({ heartbeat: 'db-dump.nightly', maxAge: 90 * 60_000 });
    // `vigil validate` says what judges it.
    expect(describeEndpoint(dump)).toBe(
      '  dump: heartbeat heartbeat:db-dump.nightly — up when the last report says ok and came within max-age (required); under 3s; max-age 90m',
    );
  });

  test('max-age is required, and the error names the file, line and endpoint', () => {
    expect(problems(file('no-age.yml', 'endpoints:\n  - https://example.com\n  - heartbeat: backup\n')).join('\n')).toBe(
      'no-age.yml:3:5: endpoints[1]: missing required key "max-age" for heartbeat "backup": how long after a report the job counts as silent (e.g. max-age: 25h)',
    );
  });

  test('a bad id, heartbeat together with url, and keys of other kinds are errors at their key', () => {
    const found = problems(
      file(
        'bad.yml',
        [
          'endpoints:',
          '  - { heartbeat: "nightly backup!", max-age: 1h }',
          '  - { heartbeat: backup, url: "https://example.com", max-age: 1h }',
          '  - { heartbeat: backup, max-age: 1h, body-contains: ok }',
          '  - { heartbeat: restore, max-age: soon }',
        ].join('\n'),
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^bad\.yml:2:7: endpoints\[0\]\.heartbeat: "nightly backup!" is not a heartbeat id \(letters, digits/,
        ),
        'bad.yml:3:5: endpoints[1]: "url" and "heartbeat" each say what to check: give only one of them',
        expect.stringMatching(
          /^bad\.yml:4:39: endpoints\[2\]\.body-contains: "body-contains" does not apply to a heartbeat check/,
        ),
        // Written but not a duration: that is the error, not a missing max-age.
        'bad.yml:5:27: endpoints[3].max-age: "soon" is not a duration (durations are a number with a unit: 250ms, 30s, 2m, 1h)',
      ]),
    );
    expect(found.filter((line) => line.includes('missing required key'))).toEqual([]);
  });
});
