/**
 * `vigil check --history-dir DIR`: the CLI keeps the data branch's files in a folder, so
 * thresholds count across runs on a laptop or another CI as they do in the action.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli.js';
import { startServer, type Service } from './support/servers.js';

let service: Service;
beforeAll(async () => {
  service = await startServer((req, res) => {
    res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'text/plain' });
    res.end(req.url === '/down' ? 'unavailable' : 'ok');
  });
});
afterAll(() => service.close());

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
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-history-'));
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

  test('without --history-dir the CLI writes no file', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-history-'));
    const run = await check(['--retries', '0', `${service.url}/ok`], cwd);
    expect(run.code).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
