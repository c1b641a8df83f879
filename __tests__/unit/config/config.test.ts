import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDuration } from '../../../src/config/duration.js';
import { slug } from '../../../src/config/resolve-endpoint.js';
import { BUILT_IN_CHECKS, INPUT_DEFAULTS, loadConfig, type InputName } from '../../../src/config/inputs.js';
import { parseStatusRanges, statusAllowed } from '../../../src/config/status-ranges.js';
import { duration } from '../../../src/config/schema.js';
import { ConfigError, type Config } from '../../../src/config/types.js';
import { placeOf } from '../../../src/config/yaml.js';
import { actionYml } from '../../support/action.js';

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
  test('durations need a unit', () => {
    expect(parseDuration('250ms')).toEqual({ ms: 250 });
    expect(parseDuration('30s')).toEqual({ ms: 30_000 });
    expect(parseDuration('2m')).toEqual({ ms: 120_000 });
    expect(parseDuration('1h')).toEqual({ ms: 3_600_000 });
    expect(parseDuration('1.5s')).toEqual({ ms: 1500 });
    expect(parseDuration('0')).toEqual({ ms: 0 });
    expect(parseDuration('1500')).toEqual({ bare: 1500 });
    expect(parseDuration(60)).toEqual({ bare: 60 });
    expect(parseDuration('3x')).toEqual({ invalid: true });
    expect(parseDuration('-1s')).toEqual({ invalid: true });
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
    const config = load({ endpoints: '- https://your-app.example/health/simple/\n- https://example.com' });
    expect(config.endpoints.map((e) => [e.name, e.id])).toEqual([
      ['your-app.example/health/simple/', 'your-app-example-health-simple'],
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
      'bad.yml:5:5: endpoints[2].timeout: "3x" is not a duration (durations are a number with a unit: 250ms, 30s, 2m, 1h)',
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
      'endpoints[1] (input endpoints, line 2): scheme "ftp" is not supported (use http, https, tcp, tls, dns, ws, wss, grpc, grpcs, smtp, smtps, postgres, postgresql, mysql, redis, rediss; or telegram-bot: or workflow: or heartbeat: in place of url)',
      expect.stringMatching(/^endpoints\[2\]\.body-matches \(input endpoints, line 3\): not a valid regular expression: /),
      'endpoints[3] (input endpoints, line 4): environment variable MISSING_VAR is not set (used as ${MISSING_VAR})',
    ]);
  });

  test('a URL that does not parse is quoted without its user name and password, with what to mend', () => {
    const found = problems({
      endpoints: [
        '- postgresql://vigil:Pg-Secret-1@/app',
        '- "postgres://vigil:pa/ss#Pg-Secret-2@db.example:5432/app"',
        '- "redis://:Pg-Secret-3@:6379"',
      ].join('\n'),
    });
    expect(found).toEqual([
      'endpoints[0] (input endpoints, line 1): "postgresql://***@/app" is not a valid URL; it has no host: name it after the "@" (scheme://user:password@HOST:PORT/…)',
      'endpoints[1] (input endpoints, line 2): "postgres://***@db.example:5432/app" is not a valid URL; in a user name or password, write "/", "#", "?" and "@" percent-encoded (%2F, %23, %3F, %40)',
      'endpoints[2] (input endpoints, line 3): "redis://***@:6379" is not a valid URL; it has no host: name it after the "@" (scheme://user:password@HOST:PORT/…)',
    ]);
    expect(found.join('\n')).not.toMatch(/Secret|vigil:/);
    // Without "://" the credentials are masked too; a fault elsewhere (the port) gets no hint.
    expect(
      problems({ endpoints: '- "postgres//vigil:Pg-Secret-4@db/app"\n- "postgres://vigil:Pg-Secret-5@db:99999/app"' }),
    ).toEqual([
      'endpoints[0] (input endpoints, line 1): "***@db/app" is not a valid URL; add http:// or https://',
      'endpoints[1] (input endpoints, line 2): "postgres://***@db:99999/app" is not a valid URL',
    ]);
  });

  test('a substituted URL that does not parse is quoted masked whole, not with its host or path', () => {
    const found = problems(
      { endpoints: '- url: ${DB_URL}' },
      { DB_URL: 'postgres://vigil:pa/ss#Pg-Secret-6@db-prod-7.internal:5432/billing' },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^endpoints\[0\]\.url \(input endpoints, line 1\): "\*\*\*" is not a valid URL/);
    expect(found[0]).not.toMatch(/Secret|db-prod|billing/);
  });

  test('duplicate ids, and no endpoints at all', () => {
    expect(
      problems({ endpoints: '- { url: "https://a.example/x", name: API }\n- { url: "https://b.example", name: api }' }),
    ).toEqual([
      'endpoints[1] (input endpoints, line 2): duplicate id "api" (also endpoints[0]); give one of them a different name or an id',
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

describe('durations', () => {
  test('a bare number is an error that suggests the unit it most likely meant', () => {
    expect(problems({ endpoints: '- { url: "https://a.example", timeout: 60 }' })).toEqual([
      'endpoints[0].timeout (input endpoints, line 1): 60 has no unit; did you mean 60s? (durations are a number with a unit: 250ms, 30s, 2m, 1h)',
    ]);
    // Hundreds and up were most likely milliseconds, which is what a bare number used to mean.
    expect(problems({ endpoints: '- https://a.example', 'retry-delay': '500' })).toEqual([
      'input retry-delay: "500" has no unit; did you mean 500ms? (durations are a number with a unit: 250ms, 30s, 2m, 1h)',
    ]);
    const file = writeConfig('bare.yml', 'defaults:\n  max-response-time: 2\nendpoints:\n  - https://a.example\n');
    expect(problems({ config: file })).toEqual([
      expect.stringMatching(/^bare\.yml:2:3: defaults\.max-response-time: 2 has no unit; did you mean 2s\?/),
    ]);
    // Zero is the same in every unit.
    expect(load({ endpoints: '- { url: "https://a.example", retry-delay: 0 }' }).endpoints[0].retryDelay).toBe(0);
  });

  test('a timeout or retry delay over an hour is an error, not a timer that fires at once', () => {
    expect(problems({ endpoints: '- { url: "https://a.example", timeout: 600h, retry-delay: 61m }' })).toEqual([
      'endpoints[0].timeout (input endpoints, line 1): "600h" is longer than the maximum of 1h',
      'endpoints[0].retry-delay (input endpoints, line 1): "61m" is longer than the maximum of 1h',
    ]);
    expect(problems({ endpoints: '- https://a.example', timeout: '3601s' })).toEqual([
      'input timeout: "3601s" is longer than the maximum of 1h',
    ]);
    expect(load({ endpoints: '- { url: "https://a.example", timeout: 1h, retry-delay: 60m }' }).endpoints[0]).toMatchObject({
      timeout: 3_600_000,
      retryDelay: 3_600_000,
    });
  });

  test('the duration parser is generic, for limits such as a 6-hour deadline', () => {
    const deadline = duration(1000, 6 * 3_600_000);
    expect(deadline('6h')).toBe(21_600_000);
    expect(() => deadline('7h')).toThrow('"7h" is longer than the maximum of 6h');
    expect(() => deadline('10ms')).toThrow('"10ms" is shorter than the minimum of 1s');
    expect(() => deadline(4)).toThrow('4 has no unit; did you mean 4s?');
  });
});

describe('ids', () => {
  test('names in any script get ids of their own', () => {
    const config = load({
      endpoints: [
        '- { name: Главная, url: "https://a.example/" }',
        '- { name: 首页, url: "https://b.example/" }',
        '- { name: "Über Straße — API", url: "https://c.example/" }',
        '- { name: "हिन्दी पृष्ठ", url: "https://d.example/" }',
        '- { name: "Café (EU)", url: "https://e.example/" }',
        '- { name: "Mixed Главная 2", url: "https://f.example/" }',
      ].join('\n'),
    });
    expect(config.endpoints.map((e) => e.id)).toEqual([
      'главная',
      '首页',
      'uber-straße-api',
      'हिन्दी-पृष्ठ',
      'cafe-eu',
      'mixed-главная-2',
    ]);
  });

  test('ids made before other scripts counted stay the same', () => {
    expect(slug('API health')).toBe('api-health');
    expect(slug('your-app.example/health/simple/')).toBe('your-app-example-health-simple');
    expect(slug('Crème brûlée — Shop #1')).toBe('creme-brulee-shop-1');
  });

  test('a name with no letters or digits at all is still an error', () => {
    expect(problems({ endpoints: '- { name: "🚀 — !", url: "https://a.example/" }' })).toEqual([
      'endpoints[0] (input endpoints, line 1): name "🚀 — !" has no letters or digits to make an id from',
    ]);
  });
});

describe('headers HTTP cannot carry', () => {
  test('control characters and characters outside Latin-1 are errors that do not quote the value', () => {
    const found = problems({
      endpoints: [
        '- { url: "https://a.example", headers: { X-Token: "abc\\u0007def" } }',
        '- { url: "https://b.example", headers: { Authorization: "Bearer s3cr€t" } }',
        '- { url: "https://c.example", headers: { "X Bad": ok } }',
        '- { url: "https://d.example", headers: { Прокси: ok } }',
      ].join('\n'),
    });
    expect(found).toEqual([
      'endpoints[0].headers (input endpoints, line 1): the value of header X-Token contains a control character (at position 4), which HTTP cannot carry',
      'endpoints[1].headers (input endpoints, line 2): the value of header Authorization contains a character outside Latin-1 (at position 12), which HTTP cannot carry',
      expect.stringContaining('"X Bad" is not a valid header name'),
      expect.stringContaining('"Прокси" is not a valid header name'),
    ]);
    expect(found.join('\n')).not.toMatch(/abc|s3cr/);
    // Latin-1 and tabs are fine.
    expect(
      load({ endpoints: '- { url: "https://a.example", headers: { X-Name: "Café\tBar" } }' }).endpoints[0].headers['X-Name'],
    ).toBe('Café\tBar');
  });
});

describe('YAML anchors and aliases', () => {
  test('an alias is the value it refers to, in headers, json and everywhere else', () => {
    const file = writeConfig(
      'anchors.yml',
      [
        'defaults:',
        '  timeout: &patience 20s',
        'endpoints:',
        '  - url: https://a.example/health',
        '    headers: &auth { Authorization: "Bearer abc123" }',
        '    json: &expect { status: ok, checks.db: up }',
        '  - url: https://b.example/health',
        '    headers: *auth',
        '    json: *expect',
        '    retry-delay: *patience',
      ].join('\n'),
    );
    const [, b] = load({ config: file }).endpoints;
    expect(b.headers).toEqual({ Authorization: 'Bearer abc123' });
    expect(b.json.map((j) => [j.path, j.expected])).toEqual([
      ['status', 'ok'],
      ['checks.db', 'up'],
    ]);
    expect(b.retryDelay).toBe(20_000);
  });

  test('merge keys (<<) merge as YAML defines: own keys win, earlier maps win over later ones', () => {
    const lines = [
      'endpoints:',
      '  - &base { url: "https://a.example/", timeout: 5s, retries: 1, headers: { X-Team: ops } }',
      '  - <<: *base',
      '    url: https://b.example/',
      '    retries: 4',
      '  - <<: [{ timeout: 7s }, *base]',
      '    url: https://c.example/',
    ];
    const [a, b, c] = load({ config: writeConfig('merge.yml', lines.join('\n')) }).endpoints;
    expect([a.url, a.timeout, a.retries]).toEqual(['https://a.example/', 5000, 1]);
    expect([b.url, b.timeout, b.retries, b.headers]).toEqual(['https://b.example/', 5000, 4, { 'X-Team': 'ops' }]);
    expect([c.url, c.timeout, c.retries]).toEqual(['https://c.example/', 7000, 1]);
    // A whole endpoint can be an alias too: here the same endpoint twice, so the same id twice.
    expect(problems({ config: writeConfig('merge-twice.yml', [...lines, '  - *base'].join('\n')) })).toEqual([
      'merge-twice.yml:8:5: endpoints[3]: duplicate id "a-example" (also endpoints[0]); give one of them a different name or an id',
    ]);
  });

  test('a bad value reached through an alias or a merge is an error at the place it is written', () => {
    const file = writeConfig(
      'bad-alias.yml',
      [
        'endpoints:',
        '  - url: https://a.example/',
        '    headers: &auth Bearer abc123',
        '  - url: https://b.example/',
        '    headers: *auth',
        '  - <<: { timeot: 3s }',
        '    url: https://c.example/',
      ].join('\n'),
    );
    expect(problems({ config: file })).toEqual([
      'bad-alias.yml:6:11: endpoints[2].timeot: unknown key; did you mean "timeout"?',
      'bad-alias.yml:3:5: endpoints[0].headers: expected a map of header names to values',
      'bad-alias.yml:5:5: endpoints[1].headers: expected a map of header names to values',
    ]);
  });

  test('an alias bomb is a configuration error, not a hang', () => {
    const lines = ['x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `x${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const file = writeConfig(
      'bomb.yml',
      `endpoints:\n  - url: https://a.example/\n    body-contains: &b\n      - ${lines.join('\n      - ')}\n  - url: https://b.example/\n    body-contains: *b\n`,
    );
    expect(problems({ config: file })[0]).toMatch(/^bomb\.yml:\d+:\d+: endpoints\[0\]\.body-contains: cannot be read: .*alias/i);
  });
});

describe('the place of a problem, for its annotation', () => {
  function configError(inputs: Partial<Record<InputName, string>>): ConfigError {
    try {
      load(inputs);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a configuration error');
  }
  const places = (error: ConfigError) => error.problems.map((problem) => placeOf(problem.where, error.configFile));

  test('a problem in the config file names its file (from the workspace, with "/"), line and column', () => {
    writeConfig('placed.yml', 'endpoints:\n  - url: https://a.example\n    timeout: 3x\n');
    const error = configError({ config: './placed.yml' });
    expect(error.configFile).toBe('placed.yml');
    expect(error.problems[0].where).toBe('placed.yml:3:5: endpoints[0].timeout');
    expect(places(error)).toEqual([{ file: 'placed.yml', line: 3, column: 5 }]);
    writeConfig('broken-place.yml', 'endpoints:\n  - url: [\n');
    expect(places(configError({ config: 'broken-place.yml' }))).toEqual([
      { file: 'broken-place.yml', line: expect.any(Number), column: expect.any(Number) },
    ]);
  });

  test('a file name with colons and digits is not misread', () => {
    writeConfig('a:1:2.yml', 'endpoints:\n  - url: https://a.example\n    retries: lots\n');
    expect(places(configError({ config: 'a:1:2.yml' }))).toEqual([{ file: 'a:1:2.yml', line: 3, column: 5 }]);
  });

  test('a problem in an input, or in a file outside the workspace, has no place', () => {
    expect(places(configError({ endpoints: '- url: https://a.example\n  timout: 3s' }))).toEqual([null]);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'vigil-outside-'));
    writeFileSync(path.join(outside, 'far.yml'), 'endpoints:\n  - url: https://a.example\n    timeout: 3x\n');
    const error = configError({ config: path.relative(workspace, path.join(outside, 'far.yml')) });
    expect(error.configFile).toBeNull();
    expect(error.problems[0].where).toMatch(/far\.yml:3:5: endpoints\[0\]\.timeout$/);
    expect(places(error)).toEqual([null]);
    rmSync(outside, { recursive: true, force: true });
  });
});
