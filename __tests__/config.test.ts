import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDuration } from '../src/config/duration.js';
import { BUILT_IN_CHECKS, INPUT_DEFAULTS, loadConfig, type InputName } from '../src/config/inputs.js';
import { parseStatusRanges, statusAllowed } from '../src/config/status-ranges.js';
import { ConfigError, type Config } from '../src/config/types.js';
import { actionYml } from './support/action.js';

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-config-'));
});
afterAll(() => undefined);

function load(inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig((name) => inputs[name] ?? '', { env, workspace });
}

function problems(inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    load(inputs, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a configuration error');
}

function writeConfig(name: string, text: string): string {
  writeFileSync(path.join(workspace, name), text);
  return name;
}

describe('values', () => {
  test('durations', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('1500')).toBe(1500);
    expect(parseDuration(800)).toBe(800);
    expect(parseDuration('3x')).toBeNull();
    expect(parseDuration('-1s')).toBeNull();
  });

  test('status ranges', () => {
    const ranges = parseStatusRanges('200-299, 301');
    expect(typeof ranges).toBe('object');
    if (typeof ranges === 'string') return;
    expect(ranges.text).toBe('200-299, 301');
    expect(statusAllowed(ranges, 204)).toBe(true);
    expect(statusAllowed(ranges, 301)).toBe(true);
    expect(statusAllowed(ranges, 302)).toBe(false);
    expect(parseStatusRanges([200, '400-404'])).toEqual({
      ranges: [
        [200, 200],
        [400, 404],
      ],
      text: '200, 400-404',
    });
    expect(parseStatusRanges('2xx')).toMatch(/not a status code/);
    expect(parseStatusRanges('700')).toMatch(/outside/);
  });

  test('the built-in defaults are the ones action.yml declares', () => {
    for (const [name, spec] of Object.entries(actionYml.inputs)) {
      if (name === 'github-token') continue;
      expect([name, INPUT_DEFAULTS[name as InputName]]).toEqual([name, spec.default ?? '']);
    }
    expect(Object.keys(INPUT_DEFAULTS).sort()).toEqual(Object.keys(actionYml.inputs).sort());
  });
});

describe('endpoints', () => {
  test('a URL string gets a name from host and path, and an id from the name', () => {
    const config = load({ endpoints: '- https://examflow.ru/health/simple/\n- https://example.com' });
    expect(config.endpoints.map((e) => [e.name, e.id])).toEqual([
      ['examflow.ru/health/simple/', 'examflow-ru-health-simple'],
      ['example.com', 'example-com'],
    ]);
    expect(config.endpoints[0]).toMatchObject({ method: 'GET', timeout: 30_000, retries: 2, maxResponseTime: 3000 });
  });

  test('precedence: endpoint key > config defaults > action input > built-in default', () => {
    const file = writeConfig(
      'precedence.yml',
      [
        'defaults:',
        '  timeout: 7s',
        '  retries: 4',
        'endpoints:',
        '  - url: https://a.example',
        '    timeout: 2s',
        '  - https://b.example',
      ].join('\n'),
    );
    const config = load({ config: file, timeout: '9s', retries: '1', 'max-response-time': '1500ms' });
    const [a, b] = config.endpoints;
    expect(a.timeout).toBe(2000);
    expect(b.timeout).toBe(7000);
    expect(a.retries).toBe(4);
    expect(a.maxResponseTime).toBe(1500);
    expect(a.followRedirects).toBe(BUILT_IN_CHECKS.followRedirects);
  });

  test('inline and file endpoints are checked together, inline first', () => {
    const file = writeConfig('both.json', JSON.stringify({ endpoints: [{ url: 'https://file.example/health', name: 'File' }] }));
    const config = load({ config: file, endpoints: '- https://inline.example' });
    expect(config.endpoints.map((e) => e.name)).toEqual(['inline.example', 'File']);
  });

  test('content checks and request keys are parsed', () => {
    const config = load({
      endpoints: [
        '- name: API health',
        '  url: https://api.example/health',
        '  method: post',
        '  body: { ping: true }',
        '  expected-status: [200, "202-204"]',
        '  body-contains: ok',
        '  body-not-contains: [error, fail]',
        '  body-matches: "/^ok/i"',
        '  json: { status: ok, checks.db.status: pass, $.items.0.id: 7 }',
        '  response-headers: { Content-Type: application/json }',
      ].join('\n'),
    });
    const [e] = config.endpoints;
    expect(e.method).toBe('POST');
    expect(e.body).toBe('{"ping":true}');
    expect(e.headers['Content-Type']).toBe('application/json');
    expect(e.expectedStatus.text).toBe('200, 202-204');
    expect(e.bodyContains).toEqual(['ok']);
    expect(e.bodyNotContains).toEqual(['error', 'fail']);
    expect(e.bodyMatches?.flags).toBe('i');
    expect(e.json.map((j) => [j.path, j.expected])).toEqual([
      ['status', 'ok'],
      ['checks.db.status', 'pass'],
      ['items.0.id', 7],
    ]);
    expect(e.responseHeaders).toEqual({ 'content-type': 'application/json' });
  });

  test('${VAR} is substituted in url, headers and body; the values become secrets', () => {
    const config = load(
      {
        endpoints: [
          '- url: https://api.example/health?token=${API_TOKEN}',
          '  headers: { Authorization: "Bearer ${BEARER}" }',
          '  body: { key: "${BODY_KEY}", literal: "$${NOT_A_VAR}" }',
        ].join('\n'),
      },
      { API_TOKEN: 'tok-123', BEARER: 'bear-456', BODY_KEY: 'body-789' },
    );
    const [e] = config.endpoints;
    expect(e.url).toBe('https://api.example/health?token=tok-123');
    expect(e.headers.Authorization).toBe('Bearer bear-456');
    expect(e.body).toBe('{"key":"body-789","literal":"${NOT_A_VAR}"}');
    expect(e.secrets).toEqual(expect.arrayContaining(['tok-123', 'bear-456', 'body-789', 'Bearer bear-456']));
  });

  test('an explicit id keeps incidents stable across renames', () => {
    const config = load({ endpoints: '- { url: "https://a.example", name: "Shop (new)", id: shop }' });
    expect(config.endpoints[0].id).toBe('shop');
  });
});

describe('configuration errors name the place', () => {
  test('unknown key with a did-you-mean, in the inline input with its line', () => {
    expect(problems({ endpoints: '- url: https://a.example\n  timout: 3s' })).toEqual([
      'endpoints[0].timout (input endpoints, line 2): unknown key; did you mean "timeout"?',
    ]);
    expect(problems({ endpoints: '- url: https://a.example\n  max_response_time: 3s' })[0]).toMatch(
      /did you mean "max-response-time"\?/,
    );
  });

  test('a bad duration in the config file names file, line and key path', () => {
    const file = writeConfig(
      'bad.yml',
      'endpoints:\n  - https://a.example\n  - https://b.example\n  - url: https://c.example\n    timeout: 3x\n',
    );
    expect(problems({ config: file })).toEqual([
      'bad.yml:5:5: endpoints[2].timeout: "3x" is not a duration (use milliseconds or a number with a unit: 250ms, 30s, 2m, 1h)',
    ]);
  });

  test('invalid YAML gives its line', () => {
    const file = writeConfig('broken.yml', 'endpoints:\n  - url: https://a.example\n   bad indent: [\n');
    const [message] = problems({ config: file });
    expect(message).toMatch(/^broken\.yml:\d+:\d+: invalid YAML: /);
  });

  test('bad URL, bad scheme, bad regular expression, missing variable', () => {
    const found = problems({
      endpoints: [
        '- not a url',
        '- ftp://files.example/x',
        '- { url: "https://a.example", body-matches: "([" }',
        '- https://b.example/${MISSING_VAR}',
      ].join('\n'),
    });
    expect(found).toEqual([
      'endpoints[0] (input endpoints, line 1): "not a url" is not a valid URL',
      'endpoints[1] (input endpoints, line 2): scheme "ftp" is not supported (use http or https)',
      expect.stringMatching(/^endpoints\[2\]\.body-matches \(input endpoints, line 3\): not a valid regular expression: /),
      'endpoints[3] (input endpoints, line 4): environment variable MISSING_VAR is not set (used as ${MISSING_VAR})',
    ]);
  });

  test('duplicate ids, and no endpoints at all', () => {
    expect(
      problems({ endpoints: '- { url: "https://a.example/x", name: API }\n- { url: "https://b.example", name: api }' }),
    ).toEqual([
      'endpoints[1] (input endpoints, line 2): duplicate id "api" (also endpoints[0]); give one of them a different name',
    ]);
    expect(problems({})).toEqual(['input endpoints: no endpoints to check: set "endpoints" or "config"']);
  });

  test('inputs outside their allowed values', () => {
    expect(problems({ endpoints: '- https://a.example', 'fail-on': 'sometimes', concurrency: '0', insecure: 'maybe' })).toEqual([
      'input insecure: "maybe" is not a boolean (use true or false)',
      'input concurrency: 0 is outside the allowed range 1-1000',
      'input fail-on: "sometimes" is not one of down, degraded, never',
    ]);
    expect(problems({ endpoints: '- https://a.example', 'expected-status': '2xx' })).toEqual([
      'input expected-status: "2xx" is not a status code or a range such as 200-299',
    ]);
  });

  test('a missing config file, and an unknown top-level key', () => {
    expect(problems({ config: 'nope.yml' })).toEqual(['input config: file "nope.yml" not found']);
    const file = writeConfig('top.yml', 'endpoint:\n  - https://a.example\n');
    expect(problems({ config: file })).toEqual(['top.yml:1:1: endpoint: unknown key; did you mean "endpoints"?']);
  });

  test('a key that identifies one endpoint cannot be a default', () => {
    const file = writeConfig('defaults-url.yml', 'defaults:\n  url: https://a.example\nendpoints:\n  - https://b.example\n');
    expect(problems({ config: file })).toEqual([
      'defaults-url.yml:2:3: defaults.url: "url" belongs on each endpoint, not in defaults',
    ]);
  });

  test('an endpoint without url, and one that is neither a URL nor a map', () => {
    expect(problems({ endpoints: '- name: No URL\n- 42' })).toEqual([
      'endpoints[0] (input endpoints, line 1): missing required key "url"',
      'endpoints[1] (input endpoints, line 2): expected a URL or a map with a "url" key',
    ]);
  });

  test('the endpoints input must be a list; a bare URL, or URLs one per line, are accepted too', () => {
    expect(problems({ endpoints: 'url: https://a.example' })[0]).toMatch(
      /^endpoints \(input endpoints, line 1\): expected a list/,
    );
    expect(load({ endpoints: 'https://a.example' }).endpoints.map((e) => e.url)).toEqual(['https://a.example/']);
    expect(load({ endpoints: 'https://a.example\nhttps://b.example/x\n' }).endpoints.map((e) => e.name)).toEqual([
      'a.example',
      'b.example/x',
    ]);
  });

  test('every problem is reported at once', () => {
    expect(problems({ endpoints: '- { url: "https://a.example", retries: -1, timeout: soon }', summary: 'yes' })).toHaveLength(3);
  });
});
