/**
 * `vigil check --history-dir DIR`: the CLI keeps the data branch's files in a folder, so
 * thresholds count across runs on a laptop or another CI as they do in the action.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli.js';
import { withReport } from '../../../src/heartbeat/reports.js';
import { startServer, type Service } from '../../support/servers.js';

let service: Service;
beforeAll(async () => {
  service = await startServer((req, res) => {
    res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'text/plain' });
    res.end(req.url === '/down' ? 'unavailable' : 'ok');
  });
});
const made: string[] = [];
/** A folder for one test, removed after the file's tests. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-history-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await service.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function check(argv: string[], cwd: string) {
  const out = { stdout: '', stderr: '' };
  const code = await main(['check', ...argv], {
    stdout: (text: string) => void (out.stdout += text),
    stderr: (text: string) => void (out.stderr += text),
    env: {},
    cwd,
    colour: false,
  });
  return { code, ...out };
}

describe('vigil check --history-dir', () => {
  test('two runs: the files appear, and failure-threshold 2 counts across the two runs', async () => {
    const cwd = tempDir();
    const dir = path.join(cwd, 'history-data');
    const argv = ['--history-dir', dir, '--failure-threshold', '2', '--retries', '0', `${service.url}/down`];

    const first = await check(argv, cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0); // down once: pending, fails nothing
    expect(first.stdout).toContain('(down — 1 of 2 before it counts)');
    expect(first.stdout).toContain(`History kept in ${dir}`);
    const names = readdirSync(dir).sort();
    expect(names).toEqual(expect.arrayContaining(['daily.csv', 'history', 'state.json', 'status.json']));
    const [dayFile] = readdirSync(path.join(dir, 'history'));
    expect(dayFile).toMatch(/^\d{4}-\d\d-\d\d\.csv$/);
    const firstRows = readFileSync(path.join(dir, 'history', dayFile), 'utf8')
      .trimEnd()
      .split('\n');
    expect(firstRows).toHaveLength(2); // header and one check
    const firstDownAt = firstRows[1].split(',')[0];
    expect(firstRows[1]).toMatch(/^[^,]+,[^,]+,down,503,/);
    const firstStatus = JSON.parse(readFileSync(path.join(dir, 'status.json'), 'utf8'));
    expect(firstStatus.endpoints[0].status).not.toBe('down');

    const second = await check(argv, cwd);
    expect(second.code).toBe(1); // down twice in a row: it counts
    expect(second.stdout).not.toContain('before it counts');
    expect(second.stdout).toContain(`down since ${firstDownAt}`);
    expect(
      readFileSync(path.join(dir, 'history', dayFile), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(3);
    const status = JSON.parse(readFileSync(path.join(dir, 'status.json'), 'utf8'));
    expect(status.status).toBe('down');
    expect(status.endpoints[0]).toMatchObject({ status: 'down', since: firstDownAt, checks: { '24h': 2 } });
    expect(existsSync(path.join(dir, 'index.html'))).toBe(true);
  });

  test("--summary-file holds the History section, as the action's summary does, when the history is kept", async () => {
    const cwd = tempDir();
    const summary = path.join(cwd, 'summary.md');
    const argv = ['--retries', '0', '--summary-file', summary, `${service.url}/ok`];
    expect((await check([...argv, '--history-dir', path.join(cwd, 'data')], cwd)).code).toBe(0);
    const kept = readFileSync(summary, 'utf8');
    expect(kept).toContain('### History');
    expect(kept).toMatch(/^\| Endpoint \| State \| Since \(UTC\) \| Uptime 24 h/m);
    expect(kept).toContain('Last 24 hours, an hour a square');
    // Without a history there is nothing to say about it.
    expect((await check(argv, cwd)).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).not.toContain('### History');
  });

  test('without --history-dir the CLI writes no file', async () => {
    const cwd = tempDir();
    const run = await check(['--retries', '0', `${service.url}/ok`], cwd);
    expect(run.code).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('vigil check --history-dir judges push heartbeats', () => {
  /** A folder holding what the data branch holds for one heartbeat: its last report, `ago` ms old. */
  function folderWithReport(cwd: string, ago: number): string {
    const dir = path.join(cwd, 'data');
    mkdirSync(path.join(dir, 'heartbeats'), { recursive: true });
    const at = new Date(Date.now() - ago).toISOString();
    writeFileSync(
      path.join(dir, 'heartbeats', 'nightly-backup.json'),
      withReport(undefined, 'nightly-backup', { status: 'ok', at, run: null }),
    );
    return dir;
  }
  const config = (cwd: string) => {
    writeFileSync(path.join(cwd, 'vigil.yml'), 'endpoints:\n  - { heartbeat: nightly-backup, max-age: 25h }\n');
    return ['--config', 'vigil.yml', '--json'];
  };
  const result = (run: { stdout: string }) => JSON.parse(run.stdout.slice(0, run.stdout.indexOf('\n')))[0];

  test('from the reports in the folder, as the action judges them from the branch', async () => {
    const fresh = tempDir();
    const up = await check([...config(fresh), '--history-dir', folderWithReport(fresh, 3_600_000)], fresh);
    expect(result(up)).toMatchObject({ status: 'up', error: null });
    expect(up.code).toBe(0);

    const stale = tempDir();
    const down = await check([...config(stale), '--history-dir', folderWithReport(stale, 26 * 3_600_000)], stale);
    expect(result(down)).toMatchObject({ status: 'down', error: expect.stringMatching(/^no heartbeat for 26 h/) });
    expect(down.code).toBe(1);
  });

  test('without a folder it says what to give', async () => {
    const cwd = tempDir();
    const run = await check(config(cwd), cwd);
    expect(result(run)).toMatchObject({
      status: 'down',
      error: 'not judged: this run keeps no history: give --history-dir, a folder with the heartbeats/ folder of the data branch',
    });
  });
});
