import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, parseArgs, UsageError } from '../src/cli.js';
import { ROOT } from './support/action.js';
import { behaviours, closedPort, startServer, type Service } from './support/servers.js';

let service: Service;
let dir: string;
beforeAll(async () => {
  service = await startServer(behaviours);
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));
});
afterAll(() => service.close());

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (text: string) => void (out.stdout += text),
      stderr: (text: string) => void (out.stderr += text),
      env: {},
      cwd: dir,
      colour: false,
    },
  };
}

describe('arguments', () => {
  test('URLs become endpoints; inputs are flags with the same names', () => {
    const args = parseArgs([
      'check',
      '--fail-on=degraded',
      '--timeout',
      '5s',
      'https://a.example',
      '--insecure',
      'https://b.example',
    ]);
    expect(args.inputs).toEqual({
      'fail-on': 'degraded',
      timeout: '5s',
      insecure: 'true',
      endpoints: '- "https://a.example"\n- "https://b.example"',
    });
  });

  test('unknown options and commands are usage errors', () => {
    expect(() => parseArgs(['check', '--nope', 'x'])).toThrow(UsageError);
    expect(() => parseArgs(['watch'])).toThrow('unknown command "watch"');
  });
});

describe('vigil check / validate', () => {
  test('check prints a table and exits 0 when everything is up', async () => {
    const { out, io: cli } = io();
    expect(await main(['check', `${service.url}/ok`], cli)).toBe(0);
    expect(out.stdout).toMatch(/^Vigil: 1 endpoint up/);
    expect(out.stdout).toMatch(/up\s+127\.0\.0\.1:\d+\/ok\s+200/);
  });

  test('check exits 1 when the status reaches --fail-on, and writes the summary file', async () => {
    const { out, io: cli } = io();
    const summary = path.join(dir, 'summary.md');
    const code = await main(
      ['check', '--retries', '0', '--summary-file', summary, `http://127.0.0.1:${await closedPort()}/`],
      cli,
    );
    expect(code).toBe(1);
    expect(out.stdout).toContain('connection refused');
    expect(readFileSync(summary, 'utf8')).toMatch(/^## 🔴 Vigil: 1 of 1 endpoint down/);
    const never = io();
    expect(await main(['check', '--retries', '0', '--fail-on', 'never', `${service.url}/status/500`], never.io)).toBe(0);
  });

  test('--json prints the results', async () => {
    const { out, io: cli } = io();
    await main(['check', '--json', `${service.url}/ok`], cli);
    expect(JSON.parse(out.stdout)[0]).toMatchObject({ status: 'up', httpStatus: 200 });
  });

  test('validate exits 0 for a good file and 1 with every problem for a bad one, making no request', async () => {
    const before = service.requests.length;
    writeFileSync(path.join(dir, 'good.yml'), `endpoints:\n  - ${service.url}/ok\n`);
    writeFileSync(path.join(dir, 'bad.yml'), `endpoints:\n  - url: ${service.url}/ok\n    expected-status: 2xx\n`);
    const good = io();
    expect(await main(['validate', '--config', 'good.yml'], good.io)).toBe(0);
    expect(good.out.stdout).toContain('Configuration is valid: 1 endpoint (');
    const bad = io();
    expect(await main(['validate', '--config', 'bad.yml'], bad.io)).toBe(1);
    expect(bad.out.stderr).toContain('bad.yml:3:5: endpoints[0].expected-status: "2xx" is not a status code');
    expect(service.requests.length).toBe(before);
  });

  test('the example configurations are valid', async () => {
    for (const example of ['demo.yml', 'vigil.yml']) {
      const run = io();
      run.io.cwd = ROOT;
      run.io.env = { STATUS_TOKEN: 'example-token' };
      expect([example, await main(['validate', '--config', path.join('examples', example)], run.io)]).toEqual([example, 0]);
      expect(run.out.stderr).toBe('');
    }
  });

  test('the built CLI runs from dist/', async () => {
    // Asynchronously: the service answering it lives in this process.
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), 'check', `${service.url}/ok`], {
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    expect(stdout).toMatch(/up\s+127\.0\.0\.1:\d+\/ok\s+200/);
    const help = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), '--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('vigil validate --config FILE');
  });
});
