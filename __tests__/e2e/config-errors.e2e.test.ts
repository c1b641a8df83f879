/**
 * Every configuration error the docs name (docs/configuration.md), through dist/index.js: the step fails with a message
 * naming the place, and nothing is requested — neither the endpoints nor the issues API.
 */
import { expect, test } from '@jest/globals';
import { runAction } from '../support/action.js';
import { serviceFixture } from '../support/run-fixture.js';

const fixture = serviceFixture();

const good = () => `- ${fixture.service.url}/ok`;

type Case = { inputs: Record<string, string>; files?: Record<string, string>; env?: Record<string, string> };

const cases: Array<[string, () => Case, string]> = [
  ['invalid YAML', () => ({ inputs: { endpoints: `${good()}\n- url: [unclosed` } }), 'input endpoints, line 2: invalid YAML'],
  [
    'unknown key',
    () => ({ inputs: { endpoints: `${good()}\n- { url: "${fixture.service.url}/x", retrys: 2 }` } }),
    'endpoints[1].retrys (input endpoints, line 2): unknown key; did you mean "retries"?',
  ],
  [
    'bad URL',
    () => ({ inputs: { endpoints: `${good()}\n- "http://"` } }),
    'endpoints[1] (input endpoints, line 2): "http://" is not a valid URL',
  ],
  ['bad scheme', () => ({ inputs: { endpoints: `${good()}\n- file:///etc/passwd` } }), 'scheme "file" is not supported'],
  ['bad duration', () => ({ inputs: { endpoints: good(), timeout: 'forever' } }), 'input timeout: "forever" is not a duration'],
  [
    'bad regular expression',
    () => ({ inputs: { endpoints: `- { url: "${fixture.service.url}/ok", body-matches: "(unclosed" }` } }),
    'endpoints[0].body-matches (input endpoints, line 1): not a valid regular expression',
  ],
  [
    'missing variable',
    () => ({ inputs: { endpoints: `- ${fixture.service.url}/\${NOT_SET_ANYWHERE}` } }),
    'environment variable NOT_SET_ANYWHERE is not set',
  ],
  [
    'duplicate ids',
    () => ({
      inputs: { endpoints: `- { name: Web, url: "${fixture.service.url}/a" }\n- { name: web, url: "${fixture.service.url}/b" }` },
    }),
    'duplicate id "web"',
  ],
  ['no endpoints', () => ({ inputs: {} }), 'input endpoints: no endpoints to check'],
  [
    'input outside its allowed values',
    () => ({ inputs: { endpoints: good(), 'fail-on': 'always' } }),
    'input fail-on: "always" is not one of down, degraded, never',
  ],
  [
    'config file with its line',
    () => ({
      inputs: { config: 'monitor.yml' },
      files: {
        'monitor.yml': `defaults:\n  retries: 2\nendpoints:\n  - url: ${fixture.service.url}/ok\n    follow-redirects: lots\n`,
      },
    }),
    'monitor.yml:5:5: endpoints[0].follow-redirects: "lots" is not a whole number',
  ],
  [
    'notify without history',
    () => ({ inputs: { endpoints: good(), history: 'false', notify: '- slack: https://hooks.example/services/x' } }),
    'input notify: needs history (history: true)',
  ],
  [
    'a notification target with a missing key, at its line',
    () => ({
      inputs: { endpoints: good(), notify: '- slack: https://hooks.example/services/x\n- telegram: { token: "1:abc" }' },
    }),
    'notify[1].telegram.chat (input notify, line 2): required',
  ],
  [
    'a maintenance window for an endpoint that does not exist',
    () => ({
      inputs: { config: 'vigil.yml' },
      files: {
        'vigil.yml': `endpoints:\n  - { name: API, url: "${fixture.service.url}/ok" }\nmaintenance:\n  - { every: day, start: "03:00", duration: 5m, endpoints: [apo] }\n`,
      },
    }),
    'vigil.yml:4:61: maintenance[0].endpoints[0]: no endpoint has the id "apo" (did you mean "api"?)',
  ],
  [
    'a shard that does not exist',
    () => ({ inputs: { endpoints: good(), shard: '6/5' } }),
    'input shard: shard 6 of 5 does not exist',
  ],
  [
    'an uptime target of 100%',
    () => ({ inputs: { endpoints: good(), 'uptime-target': '100' } }),
    'input uptime-target: "100" leaves no error budget',
  ],
  [
    'a history branch git would refuse',
    () => ({ inputs: { endpoints: good(), 'history-branch': 'vigil data' } }),
    'input history-branch: "vigil data" is not a valid branch name: it contains a space',
  ],
  [
    'a run clock that is not a time',
    () => ({ inputs: { endpoints: good() }, env: { VIGIL_NOW: 'yesterday' } }),
    'VIGIL_NOW is not a time in ISO 8601 (like 2026-01-31T12:00:00Z): "yesterday"',
  ],
];

test.each(cases)('%s', async (_name, make, message) => {
  const before = { endpoints: fixture.service.requests.length, github: fixture.github.requests.length };
  const { inputs, files, env } = make();
  const run = await runAction({
    inputs: { ...inputs, 'create-issues': 'true', 'github-token': 'test-token' },
    files,
    env: { GITHUB_API_URL: fixture.github.url, ...env },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(message);
  expect(run.stdout).toContain('Nothing was checked.');
  expect(fixture.service.requests.length).toBe(before.endpoints);
  expect(fixture.github.requests.length).toBe(before.github);
});

test('a problem in the config file is annotated on its file and line; one in an input on no file', async () => {
  const run = await runAction({
    inputs: { config: 'monitor.yml', endpoints: `- { url: "${fixture.service.url}/x", retrys: 2 }` },
    files: { 'monitor.yml': `endpoints:\n  - url: ${fixture.service.url}/ok\n    timeout: soon\n` },
  });
  expect(run.code).toBe(1);
  const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error title=Vigil configuration'));
  expect(annotations).toEqual([
    '::error title=Vigil configuration::endpoints[0].retrys (input endpoints, line 1): unknown key; did you mean "retries"?',
    expect.stringMatching(
      /^::error title=Vigil configuration,file=monitor\.yml,line=3,col=5::monitor\.yml:3:5: endpoints\[0\]\.timeout: "soon" is not a duration/,
    ),
  ]);
});
