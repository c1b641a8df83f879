/**
 * The mistakes a newcomer makes in the first minutes, and what they are told: each mistake once,
 * at its place, in the words of the tool they used (a flag on the command line, an input in a
 * workflow), with the fix when it is a likely one.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli.js';
import { loadConfig, type InputName } from '../../../src/config/inputs.js';
import { ConfigError } from '../../../src/config/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-first-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await main(argv, {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    env: {},
    cwd: dir,
    colour: false,
  });
  return { code, ...out };
}

/** The problems a configuration is refused with, as `where: message` lines. */
function problemsOf(inputs: Partial<Record<InputName, string>>): string[] {
  try {
    loadConfig((name) => inputs[name] ?? '', { env: {}, workspace: dir });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('the configuration loaded');
}

describe('the command line', () => {
  test('`vigil` alone prints the usage and exits 2, like any other usage mistake', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^vigil: a command is needed: check or validate\n/);
    expect(run.stderr).toContain('Usage:\n  vigil check');
  });

  test('a bad value is named by its flag, not by the action input behind it', async () => {
    const run = await cli('check', '--timeout', '60', '--retries', 'many', 'http://127.0.0.1:9/');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--timeout: ');
    expect(run.stderr).toContain('60s');
    expect(run.stderr).toContain('--retries: ');
    expect(run.stderr).not.toContain('input ');
  });

  test('a URL without its scheme is told to add one, naming the argument', async () => {
    const run = await cli('check', 'https://127.0.0.1:9/', '127.0.0.1:8080/');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(URL argument 2)');
    expect(run.stderr).toContain('"127.0.0.1:8080/" is not a valid URL; add http:// or https://');
    expect(run.stderr).not.toContain('input ');
  });

  test('a host and port without a scheme is told to add one, not that "localhost" is a scheme', async () => {
    // `localhost:8080/health` parses as a URL whose scheme is `localhost`.
    const run = await cli('check', 'localhost:8080/health', 'my-app.example:443');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"localhost:8080/health" is not a valid URL; add http:// or https://');
    expect(run.stderr).toContain('"my-app.example:443" is not a valid URL; add http:// or https://');
    expect(run.stderr).not.toContain('scheme');
  });

  test('`vigil check` with nothing to check says what to give it, in flags', async () => {
    const run = await cli('check');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no endpoints to check: give URLs as arguments, --endpoints or --config');
    expect(run.stderr).not.toContain('"config"');
  });

  test('--endpoints is named as the flag it is', async () => {
    const run = await cli('validate', '--endpoints', '- url: example.com/health');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(--endpoints, line 1)');
    expect(run.stderr).toContain('add http:// or https://');
  });
});

describe('configuration mistakes', () => {
  test('a mistake under `defaults:` is reported once, not once per endpoint', () => {
    const file = path.join(dir, 'defaults.yml');
    writeFileSync(
      file,
      [
        'defaults:',
        '  timeout: 60',
        '  expected-status: ok',
        'endpoints:',
        '  - https://a.example/',
        '  - https://b.example/',
        '  - https://c.example/',
        '  - https://d.example/',
        '',
      ].join('\n'),
    );
    const problems = problemsOf({ config: path.basename(file) });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/defaults\.yml:2:\d+: defaults\.timeout: .*60s/);
    expect(problems[1]).toMatch(/defaults\.yml:3:\d+: defaults\.expected-status: /);
  });

  test('a YAML syntax error is one message, with the file and the line', () => {
    const file = path.join(dir, 'broken.yml');
    // One space too many before `url:`: the parser reports it twice, from two points of view.
    writeFileSync(file, ['endpoints:', '  - name: API', '     url: https://a.example/', '  - https://b.example/', ''].join('\n'));
    const problems = problemsOf({ config: path.basename(file) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^broken\.yml:[23]:\d+: invalid YAML: /);
  });

  test('the same in the endpoints input', () => {
    const problems = problemsOf({
      endpoints: '- url: https://a.example/\n  headers: { A: b, C: [d }\n- https://b.example/\n- name: "x',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^input endpoints, line \d: invalid YAML: /);
  });
});
