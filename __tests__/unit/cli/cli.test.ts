import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, parseArgs, UsageError } from '../../../src/cli.js';
import { ROOT } from '../../support/action.js';
import { behaviours, closedPort, startServer, type Service } from '../../support/servers.js';

let service: Service;
let dir: string;
beforeAll(async () => {
  service = await startServer(behaviours);
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

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

  test('a misspelt option or command gets a did-you-mean', async () => {
    expect(() => parseArgs(['check', '--timout', '5s'])).toThrow('unknown option --timout; did you mean "--timeout"?');
    expect(() => parseArgs(['check', '--summary_file', 'x.md'])).toThrow('did you mean "--summary-file"?');
    expect(() => parseArgs(['check', '--retry-dely=1s'])).toThrow('did you mean "--retry-delay"?');
    expect(() => parseArgs(['chek', 'https://a.example'])).toThrow('unknown command "chek"; did you mean "check"?');
    expect(() => parseArgs(['--verison'])).toThrow('unknown option --verison; did you mean "--version"?');
    expect(() => parseArgs(['--config', 'vigil.yml'])).toThrow('a command comes first: vigil check --config …');
    const { out, io: cli } = io();
    expect(await main(['validate', '--confg', 'vigil.yml'], cli)).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe('vigil: unknown option --confg; did you mean "--config"?');
  });

  test('--version prints the version of the package', async () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const argv of [['--version'], ['-v'], ['check', '--version']]) {
      const { out, io: cli } = io();
      expect(await main(argv, cli)).toBe(0);
      expect(out.stdout).toBe(`vigil ${version}\n`);
    }
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

  test('validate lists each endpoint with its checks, JSON comparisons as they will be read', async () => {
    writeFileSync(
      path.join(dir, 'health.yml'),
      [
        'endpoints:',
        `  - name: API health`,
        `    url: ${service.url}/health?token=s3cret-value`,
        '    max-response-time: 1500ms',
        '    json:',
        '      status: ok',
        '      memory_mb: "< 400"',
        '      len(queue.workers): ">= 1"',
        '',
      ].join('\n'),
    );
    const before = service.requests.length;
    const run = io();
    expect(await main(['validate', '--config', 'health.yml'], run.io)).toBe(0);
    expect(run.out.stdout).toContain('api-health: GET ');
    expect(run.out.stdout).toContain(
      'status 200-299; under 1500ms; $.status == "ok"; $.memory_mb < 400; len($.queue.workers) >= 1',
    );
    expect(run.out.stdout).not.toContain('s3cret-value');
    expect(service.requests.length).toBe(before);
  });

  test('validate: a ${VAR} that is not set here is a note, and the rest is still checked', async () => {
    writeFileSync(
      path.join(dir, 'secrets.yml'),
      [
        'endpoints:',
        '  - url: https://${API_HOST}/health?token=${API_TOKEN}',
        '    headers: { Authorization: "Bearer ${API_TOKEN}" }',
        '  - url: ${BASE_URL}/ready',
        '    name: Ready',
      ].join('\n'),
    );
    const run = io();
    expect(await main(['validate', '--config', 'secrets.yml'], run.io)).toBe(0);
    expect(run.out.stderr).toBe('');
    expect(run.out.stdout).toContain(
      'note: secrets.yml:2:5: endpoints[0].url: environment variable API_HOST is not set (used as ${API_HOST}); it must be set where the checks run',
    );
    // Once per variable, where it is first used.
    expect(run.out.stdout.match(/variable API_TOKEN is not set/g)).toHaveLength(1);
    expect(run.out.stdout).toContain('note: secrets.yml:4:5: endpoints[1].url: environment variable BASE_URL is not set');
    expect(run.out.stdout).toContain('Configuration is valid');
    // A real mistake next to an unset variable is still an error.
    writeFileSync(path.join(dir, 'secrets-bad.yml'), 'endpoints:\n  - url: https://${API_HOST}/health\n    timeout: 60\n');
    const bad = io();
    expect(await main(['validate', '--config', 'secrets-bad.yml'], bad.io)).toBe(1);
    expect(bad.out.stderr).toContain('secrets-bad.yml:3:5: endpoints[0].timeout: 60 has no unit; did you mean 60s?');
    expect(bad.out.stdout).toContain('environment variable API_HOST is not set');
    // check itself still needs every variable.
    const check = io();
    expect(await main(['check', '--config', 'secrets.yml'], check.io)).toBe(1);
    expect(check.out.stderr).toContain('environment variable API_HOST is not set (used as ${API_HOST})\n');
  });

  test('a summary file that cannot be written is one clear line; the check still runs and prints its table', async () => {
    const { out, io: cli } = io();
    const code = await main(
      ['check', '--summary-file', path.join(dir, 'no-such-folder', 'summary.md'), `${service.url}/ok`],
      cli,
    );
    expect(code).toBe(1);
    expect(out.stdout).toMatch(/up\s+127\.0\.0\.1:\d+\/ok\s+200/);
    expect(out.stderr).toBe(
      `vigil: cannot write the summary to "${path.join(dir, 'no-such-folder', 'summary.md')}": its folder does not exist\n`,
    );
  });

  test('the table calls the download phase DL, so it is not read as the status "down"', async () => {
    const { out, io: cli } = io();
    await main(['check', `${service.url}/ok`], cli);
    const header = out.stdout.split('\n')[2];
    expect(header.split(/\s+/)).toEqual([
      'STATUS',
      'NAME',
      'HTTP',
      'TIME',
      'LIMIT',
      'TRIES',
      'DNS',
      'CONN',
      'TLS',
      'WAIT',
      'DL',
      'DETAILS',
    ]);
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
    const version = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), '--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^vigil \d+\.\d+\.\d+\n$/);
  });

  test('a reader that stops early (`| head`) gets no stack trace, and the exit status still says what was found', async () => {
    const cli = path.join(ROOT, 'dist', 'cli', 'index.js');
    const runClosed = async (...args: string[]) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
      // Closed before the command writes its first line, as `head -1` would after reading one.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise((resolve) => child.on('close', resolve));
      return { status, stderr };
    };
    expect(await runClosed('validate', '--config', 'examples/demo.yml')).toEqual({ status: 0, stderr: '' });
    expect(await runClosed('check', '--retries', '0', 'http://127.0.0.1:9/')).toEqual({ status: 1, stderr: '' });
  });
});
