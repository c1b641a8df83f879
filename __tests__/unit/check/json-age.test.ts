/**
 * `json: { last_run: "age < 15m" }`: a JSON field that holds a time compares by age (now minus the
 * time), judged against a loopback health page with a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { evaluate } from '../../../src/check/evaluate.js';
import { loadConfig } from '../../../src/config/inputs.js';
import { ConfigError, type Endpoint } from '../../../src/config/types.js';
import { probeHttp as probe } from '../../../src/probe/kinds/http.js';
import { startServer, type Service } from '../../support/servers.js';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const PAGE = {
  last_run: '2026-12-06T09:50:00Z', // 10 min ago
  last_backup: '2026-12-05T07:30:00+00:00', // 26 h 30 min ago
  cron_seconds: NOW.getTime() / 1000 - 120, // 2 min ago, in seconds
  cron_ms: NOW.getTime() - 7_200_000, // 2 h ago, in milliseconds
  clock_skew: '2026-12-06T10:05:00Z', // 5 min in the future
  day: '2026-12-06',
  text: 'yesterday',
  nothing: null,
};

let page: Service;
beforeAll(async () => {
  page = await startServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(PAGE)));
});
afterAll(() => page.close());

const endpoints = (yaml: string): Endpoint[] =>
  loadConfig((name) => (name === 'endpoints' ? yaml : ''), { env: {}, workspace: '.' }).endpoints;

async function failuresOf(json: Record<string, string>): Promise<string[]> {
  const [endpoint] = endpoints(`- url: ${page.url}/health\n  json: ${JSON.stringify(json)}`);
  return (await evaluate(endpoint, await probe(endpoint), NOW)).failures;
}

describe('json age comparisons', () => {
  test('pass within the bound: ISO 8601 strings, seconds and milliseconds since 1970', async () => {
    expect(
      await failuresOf({
        last_run: 'age < 15m',
        last_backup: 'age > 1h',
        cron_seconds: 'age <= 2m',
        cron_ms: 'age >= 2h',
        day: 'age < 11h',
      }),
    ).toEqual([]);
  });

  test('fail with the time and its age filled in', async () => {
    expect(await failuresOf({ last_run: 'age < 5m', last_backup: 'age <= 25h', cron_ms: 'age > 3h' })).toEqual([
      '$.last_run is "2026-12-06T09:50:00Z" (age 10 min), expected age < 5m',
      '$.last_backup is "2026-12-05T07:30:00+00:00" (age 1 d 2 h), expected age <= 25h',
      `$.cron_ms is ${PAGE.cron_ms} (age 2 h), expected age > 3h`,
    ]);
  });

  test('a time in the future is said to be, and passes an upper bound', async () => {
    expect(await failuresOf({ clock_skew: 'age > 0' })).toEqual([
      '$.clock_skew is "2026-12-06T10:05:00Z" (age 5 min in the future), expected age > 0ms',
    ]);
    expect(await failuresOf({ clock_skew: 'age < 15m' })).toEqual([]);
  });

  test('a value that is not a time, or missing, fails in words', async () => {
    expect(await failuresOf({ text: 'age < 1h', nothing: 'age < 1h', gone: 'age < 1h' })).toEqual([
      '$.text is "yesterday", not a time (ISO 8601, or seconds since 1970), expected age < 1h',
      '$.nothing is null, not a time (ISO 8601, or seconds since 1970), expected age < 1h',
      '$.gone is missing, not a time (ISO 8601, or seconds since 1970), expected age < 1h',
    ]);
  });

  test('a malformed age is a configuration error naming where it is', () => {
    const problems = (json: string) => {
      try {
        endpoints(`- url: https://example.com/\n  json: ${json}`);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((p) => `${p.where}: ${p.message}`);
      }
      return [];
    };
    expect(problems('{ last_run: "age < 15" }')).toEqual([
      'endpoints[0].json (input endpoints, line 2): "age < 15" compares the age with "15", not a duration (an age is compared as age < 15m, age <= 1h, age > 5m or age >= 2h; durations are a number with a unit: 250ms, 30s, 2m, 1h)',
    ]);
    expect(problems('{ last_run: "age == 1h" }')).toEqual([
      'endpoints[0].json (input endpoints, line 2): "age == 1h": "==" is not an operator (an age is compared as age < 15m, age <= 1h, age > 5m or age >= 2h)',
    ]);
    // Text that merely starts with "age" is compared as text.
    expect(problems('{ stage: "agent" }')).toEqual([]);
  });
});
