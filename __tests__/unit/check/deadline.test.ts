/**
 * The run deadline: the whole run ends within it. An attempt still running at the deadline is
 * down with `run deadline (…) reached`, no retry starts that could not finish before it, and
 * the endpoints it left no time for are not checked (neither up nor down, nothing sent to them).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { checkAll, type RunDeadline } from '../../../src/check/run.js';
import { loadConfig } from '../../../src/config/inputs.js';
import type { Endpoint } from '../../../src/config/types.js';
import { checkUntilCancelled } from '../../../src/run/measure.js';
import { behaviours, startServer, type Service } from '../../support/servers.js';

let service: Service;
beforeAll(async () => {
  service = await startServer(behaviours);
});
afterAll(() => service.close());

function endpoints(yaml: string): Endpoint[] {
  return loadConfig((name) => (name === 'endpoints' ? yaml : ''), { env: {}, workspace: '.' }).endpoints;
}

/** A deadline `ms` from now, as the action sets it. */
const deadlineIn = (ms: number, label: string): RunDeadline => ({ at: performance.now() + ms, label });

/** The requests the service received for paths that start with `prefix`. */
const requestsTo = (prefix: string) => service.requests.filter((request) => request.url.startsWith(prefix)).length;

describe('a mass outage', () => {
  test('100 hanging endpoints, 10 at a time, end soon after a 2 s deadline; what was never started is not checked', async () => {
    const list = endpoints(
      [
        `- { url: "${service.url}/ok", name: answers }`,
        `- { url: "${service.url}/hang/own-timeout", name: own timeout, timeout: 300ms, retries: 0 }`,
        ...Array.from({ length: 100 }, (_, i) => `- { url: "${service.url}/hang/${i}", name: hangs ${i} }`),
      ].join('\n'),
    );
    const started = performance.now();
    const report = await checkAll(list, { concurrency: 10, deadline: deadlineIn(2000, '2s') });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000 + 2000);

    // What answers in time is unaffected, and an attempt that ends by its own timeout says so.
    const [answers, ownTimeout, ...cut] = report.endpoints;
    expect([answers.name, answers.status, answers.attempts, answers.error]).toEqual(['answers', 'up', 1, null]);
    expect([ownTimeout.status, ownTimeout.error]).toEqual(['down', 'timed out after 300 ms waiting for response headers']);

    // The ten attempts running at the deadline end there, as down, with the phases they reached.
    expect(cut).toHaveLength(10);
    for (const result of cut) {
      expect([result.status, result.error, result.attempts]).toEqual(['down', 'run deadline (2s) reached', 1]);
      expect(result.timings.total).toBeLessThanOrEqual(2000 + 500);
      expect(result.timings.wait).toBeGreaterThan(0);
    }
    // Those started at once waited for headers until the deadline.
    expect(cut.slice(0, 8).every((result) => result.timings.wait > 1000)).toBe(true);

    // The other 90 were never started: not counted, and nothing was sent to them.
    const neverStarted = list.slice(12).map(({ id, name }) => ({ id, name }));
    expect(report.notChecked).toEqual(neverStarted);
    expect(report.counts).toEqual({ up: 1, degraded: 0, down: 11 });
    expect(report.status).toBe('down');
    expect(requestsTo('/hang/')).toBe(11);
  });
});

describe('retries near the deadline', () => {
  test('a retry that could not finish before the deadline is not started', async () => {
    const [endpoint] = endpoints(`- { url: "${service.url}/status/503/too-late", timeout: 5s, retries: 2, retry-delay: 100ms }`);
    const report = await checkAll([endpoint], { concurrency: 1, deadline: deadlineIn(2000, '2s') });
    const [result] = report.endpoints;
    expect([result.status, result.attempts, result.httpStatus]).toEqual(['down', 1, 503]);
    expect(result.failures).toEqual(['status 503 is not in 200-299']);
    expect(result.note).toBe('not retried: the run deadline (2s) was too near');
    // checkAll has returned, so no retry is still to come: the server saw one request only.
    expect(requestsTo('/status/503/too-late')).toBe(1);
  });

  test('a retry that fits before the deadline is made', async () => {
    const [endpoint] = endpoints(`- { url: "${service.url}/status/503/in-time", timeout: 1s, retries: 2, retry-delay: 50ms }`);
    const report = await checkAll([endpoint], { concurrency: 1, deadline: deadlineIn(30_000, '30s') });
    expect([report.endpoints[0].status, report.endpoints[0].attempts, report.endpoints[0].note]).toEqual([
      'down',
      3,
      'down on all 3 attempts',
    ]);
    expect(requestsTo('/status/503/in-time')).toBe(3);
  });
});

describe('the last moments', () => {
  test('no endpoint starts with less than half a second left, unless its whole timeout fits', async () => {
    const list = endpoints(
      [
        `- { url: "${service.url}/ok/late-default", name: default timeout }`,
        `- { url: "${service.url}/ok/late-short", name: short timeout, timeout: 200ms }`,
      ].join('\n'),
    );
    const report = await checkAll(list, { concurrency: 1, deadline: deadlineIn(400, '4m') });
    expect(report.notChecked).toEqual([{ id: list[0].id, name: 'default timeout' }]);
    expect(report.endpoints.map((result) => [result.name, result.status])).toEqual([['short timeout', 'up']]);
    expect(requestsTo('/ok/late-default')).toBe(0);
  });

  test('a body-matches still running at the deadline ends there', async () => {
    // ^(a+)+$ backtracks for tens of seconds on this body: only the run deadline can end it.
    const hostile = await startServer((_req, res) => res.end(`${'a'.repeat(29)}!`));
    try {
      const list = endpoints(`- { url: "${hostile.url}/", body-matches: "^(a+)+$", timeout: 30s, retries: 0 }`);
      const started = performance.now();
      const report = await checkAll(list, { concurrency: 1, deadline: deadlineIn(1500, '1500ms') });
      expect(performance.now() - started).toBeLessThan(1500 + 2000);
      expect(report.endpoints.map((result) => [result.status, result.failures])).toEqual([
        ['down', ['body-matches took longer than the deadline']],
      ]);
    } finally {
      await hostile.close();
    }
  });
});

describe('the action', () => {
  test('passes the deadline through and keeps what was not checked', async () => {
    const list = endpoints(
      [
        `- { url: "${service.url}/ok", name: first }`,
        `- { url: "${service.url}/hang/action", name: second }`,
        `- { url: "${service.url}/ok/never", name: third }`,
      ].join('\n'),
    );
    const logged: string[] = [];
    const { report, cancellation } = await checkUntilCancelled(
      list,
      1,
      (result) => logged.push(result.name),
      new AbortController().signal,
      deadlineIn(1500, '1500ms'),
    );
    expect(cancellation).toBeNull();
    expect(logged).toEqual(['first', 'second']);
    expect(report.endpoints.map((result) => [result.name, result.status, result.error])).toEqual([
      ['first', 'up', null],
      ['second', 'down', 'run deadline (1500ms) reached'],
    ]);
    expect(report.notChecked).toEqual([{ id: list[2].id, name: 'third' }]);
    expect(requestsTo('/ok/never')).toBe(0);
  });

  test('a cancelled run still stops at once, its report with nothing in notChecked', async () => {
    const list = endpoints(`- { url: "${service.url}/hang/cancelled", name: hangs }`);
    const controller = new AbortController();
    setTimeout(() => controller.abort('SIGINT'), 200);
    const started = performance.now();
    const { report, cancellation } = await checkUntilCancelled(
      list,
      1,
      () => undefined,
      controller.signal,
      deadlineIn(60_000, '1m'),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(cancellation).toEqual({ reason: 'SIGINT', notChecked: ['hangs'] });
    expect(report.notChecked).toEqual([]);
  });
});
