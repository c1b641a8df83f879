import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { evaluate, jsonEqual, lookupPath } from '../../../src/check/evaluate.js';
import { checkAll, checkEndpoint } from '../../../src/check/run.js';
import { loadConfig } from '../../../src/config/inputs.js';
import type { Endpoint } from '../../../src/config/types.js';
import { probeHttp as probe } from '../../../src/probe/kinds/http.js';
import { type ProbeResult } from '../../../src/probe/types.js';
import { behaviours, closedPort, startServer, type Service } from '../../support/servers.js';

let service: Service;
beforeAll(async () => {
  service = await startServer(behaviours);
});
afterAll(() => service.close());

/** Endpoints as the configuration makes them, from inline YAML. */
function endpoints(yaml: string, inputs: Record<string, string> = {}): Endpoint[] {
  return loadConfig((name) => (name === 'endpoints' ? yaml : (inputs[name] ?? '')), { env: {}, workspace: '.' }).endpoints;
}

const fastRetries = { 'retry-delay': '1ms' };

describe('evaluate', () => {
  const now = new Date();
  const judge = async (yaml: string) => {
    const [endpoint] = endpoints(yaml);
    return await evaluate(endpoint, await probe({ ...endpoint, bodyLimit: undefined }), now);
  };

  test('a passing endpoint is up', async () => {
    expect(await judge(`- ${service.url}/ok`)).toEqual({ status: 'up', error: null, failures: [], certExpiresInDays: null });
  });

  test('a status outside expected-status is down, with the actual status', async () => {
    expect((await judge(`- ${service.url}/status/503`)).failures).toEqual(['status 503 is not in 200-299']);
    expect((await judge(`- { url: "${service.url}/status/404", expected-status: "200-299, 404" }`)).status).toBe('up');
  });

  test('JSON checks report the actual value', async () => {
    const verdict = await judge(
      `- url: ${service.url}/json/broken\n  json: { status: ok, database: ok, checks.db.status: pass, items.1.id: 8, missing.key: 1 }`,
    );
    expect(verdict.status).toBe('down');
    expect(verdict.failures).toEqual([
      '$.database is "down", expected "ok"',
      '$.checks.db.status is "fail", expected "pass"',
      '$.missing.key is missing, expected 1',
    ]);
  });

  test('a body that is not JSON fails a JSON check', async () => {
    const verdict = await judge(`- url: ${service.url}/not-json\n  json: { status: ok }`);
    expect(verdict.failures[0]).toMatch(/^body is not JSON \(/);
  });

  test('body and header checks', async () => {
    const verdict = await judge(
      [
        `- url: ${service.url}/ok`,
        '  body-contains: [all good, missing text]',
        '  body-not-contains: [good]',
        '  body-matches: "^nothing"',
        '  response-headers: { content-type: application/json, x-absent: here }',
      ].join('\n'),
    );
    expect(verdict.failures).toEqual([
      'body does not contain "missing text"',
      'body contains "good"',
      'body does not match /^nothing/',
      'header content-type is "text/plain", expected "application/json"',
      'header x-absent is missing, expected "here"',
    ]);
  });

  test('slower than max-response-time is degraded, not down', async () => {
    const verdict = await judge(`- { url: "${service.url}/delay-headers/80", max-response-time: 20ms }`);
    expect(verdict.status).toBe('degraded');
    expect(verdict.failures[0]).toMatch(/^response time \d+ ms is over 20 ms$/);
  });

  test('a content check reads past the first MiB only as far as 1 MiB', async () => {
    const verdict = await judge(`- { url: "${service.url}/huge/3", body-contains: [needle, tail], timeout: 10s }`);
    expect(verdict.failures).toEqual(['body does not contain "tail" (in the first 1 MiB)']);
  });

  test('certificate expiry: degraded within the window, down once expired, off at 0', async () => {
    const [endpoint] = endpoints('- https://a.example');
    const day = 86_400_000;
    const attempt = (validTo: Date): ProbeResult => ({
      httpStatus: 200,
      statusText: 'OK',
      headers: {},
      body: Buffer.from('ok'),
      bodyTruncated: false,
      bodyError: null,
      timings: { dns: 0, connect: 1, tls: 1, wait: 1, download: 0, total: 3 },
      error: null,
      errorCode: null,
      redirects: 0,
      finalUrl: endpoint.url,
      certValidTo: validTo,
      startedAt: now,
    });
    expect(await evaluate(endpoint, attempt(new Date(now.getTime() + 61.5 * day)), now)).toMatchObject({
      status: 'up',
      certExpiresInDays: 61,
    });
    expect(await evaluate(endpoint, attempt(new Date(now.getTime() + 5.5 * day)), now)).toEqual({
      status: 'degraded',
      error: null,
      certExpiresInDays: 5,
      failures: ['certificate expires in 5 days (under 14)'],
    });
    expect(await evaluate(endpoint, attempt(new Date(now.getTime() - 2 * day)), now)).toMatchObject({
      status: 'down',
      error: 'certificate has expired',
      certExpiresInDays: -2,
    });
    expect((await evaluate({ ...endpoint, certExpiryDays: 0 }, attempt(new Date(now.getTime() + day)), now)).status).toBe('up');
  });

  test('paths and JSON equality', () => {
    expect(lookupPath({ a: [{ b: 1 }] }, ['a', '0', 'b'])).toBe(1);
    expect(lookupPath({ a: 1 }, ['a', 'b'])).toBeUndefined();
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});

describe('retries', () => {
  test('a down endpoint is retried with a doubling delay, and its result is the last attempt', async () => {
    const [endpoint] = endpoints(`- http://127.0.0.1:${await closedPort()}/`, { retries: '3', 'retry-delay': '100ms' });
    const delays: number[] = [];
    const result = await checkEndpoint(endpoint, { concurrency: 1, sleep: async (ms) => void delays.push(ms) });
    expect(delays).toEqual([100, 200, 400]);
    expect(result).toMatchObject({ status: 'down', attempts: 4, error: 'connection refused', note: 'down on all 4 attempts' });
  });

  test('an endpoint that comes up on a later attempt says so', async () => {
    let calls = 0;
    const [endpoint] = endpoints(`- ${service.url}/ok`, fastRetries);
    const result = await checkEndpoint(endpoint, {
      concurrency: 1,
      // The first attempt reaches a port that refuses, as a sleeping service would.
      probe: async (request) => probe(calls++ === 0 ? { ...request, url: `http://127.0.0.1:${await closedPort()}/` } : request),
    });
    expect(result.status).toBe('up');
    expect(result.attempts).toBe(2);
    expect(result.note).toBe('up after 2 attempts — woke from a cold start?');
  });

  test('degraded and up are not retried', async () => {
    const [endpoint] = endpoints(`- { url: "${service.url}/delay-headers/30", max-response-time: 1ms }`, fastRetries);
    const result = await checkEndpoint(endpoint, { concurrency: 1 });
    expect(result).toMatchObject({ status: 'degraded', attempts: 1 });
  });
});

describe('pool', () => {
  test('at most `concurrency` endpoints are in flight, results come in config order', async () => {
    let inFlight = 0;
    let peak = 0;
    const list = endpoints(
      Array.from({ length: 9 }, (_, i) => `- ${service.url}/delay-headers/${(9 - i) * 10}?n=${i}`).join('\n'),
    );
    const report = await checkAll(list, {
      concurrency: 3,
      probe: async (request) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await probe(request);
        } finally {
          inFlight -= 1;
        }
      },
    });
    expect(peak).toBe(3);
    expect(report.endpoints.map((e) => e.url)).toEqual(list.map((e) => e.url));
    expect(report.counts).toEqual({ up: 9, degraded: 0, down: 0 });
    expect(report.status).toBe('up');
  });

  test('the overall status is the worst', async () => {
    const report = await checkAll(
      endpoints(
        `- ${service.url}/ok\n- { url: "${service.url}/delay-headers/30", max-response-time: 1ms }\n- ${service.url}/status/500`,
        {
          retries: '0',
        },
      ),
      { concurrency: 10 },
    );
    expect(report.endpoints.map((e) => e.status)).toEqual(['up', 'degraded', 'down']);
    expect(report.status).toBe('down');
  });
});
