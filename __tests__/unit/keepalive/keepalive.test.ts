/**
 * Keep-alive against a tiny loopback stand-in for the GitHub API: at most one re-enable a day,
 * and without `actions: write` a notice once a day that says what to add — nothing fails.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { keepAlive, workflowFileName } from '../../../src/keepalive/index.js';
import type { KeepAliveInput } from '../../../src/keepalive/index.js';
import { closedPort, startServer } from '../../support/servers.js';
import type { Service } from '../../support/servers.js';

let api: Service | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

/** Answers PUT …/enable with the scripted statuses in turn (204 when the script runs out). */
async function fakeApi(statuses: Array<{ status: number; headers?: Record<string, string> }> = []): Promise<Service> {
  const script = [...statuses];
  api = await startServer((req, res) => {
    const reply = script.shift() ?? { status: 204 };
    const routed = req.method === 'PUT' && /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/enable$/.test(req.url ?? '');
    res.writeHead(routed ? reply.status : 404, { 'content-type': 'application/json', ...reply.headers });
    res.end(
      reply.status === 204 && routed
        ? ''
        : JSON.stringify({ message: routed ? 'Resource not accessible by integration' : 'Not Found' }),
    );
  });
  return api;
}

const day = 24 * 3_600_000;
const now = new Date('2026-11-26T10:00:00Z');
const input = (service: Service | string, extra: Partial<KeepAliveInput> = {}): KeepAliveInput => ({
  api: { baseUrl: typeof service === 'string' ? service : service.url, token: 'ghs_test_token' },
  repository: 'acme/site',
  workflow: 'acme/site/.github/workflows/uptime.yml@refs/heads/main',
  lastDone: null,
  now,
  ...extra,
});

describe('keepAlive', () => {
  test('re-enables its own workflow through the API with the token', async () => {
    const service = await fakeApi();
    const result = await keepAlive(input(service));
    expect(result).toEqual({ outcome: 'enabled', lastDone: now.toISOString(), message: null });
    expect(service.requests).toHaveLength(1);
    expect(service.requests[0]).toMatchObject({ method: 'PUT', url: '/repos/acme/site/actions/workflows/uptime.yml/enable' });
    expect(service.requests[0].headers.authorization).toBe('Bearer ghs_test_token');
  });

  test('at most once a day', async () => {
    const service = await fakeApi();
    const lastDone = new Date(now.getTime() - day + 60_000).toISOString();
    expect(await keepAlive(input(service, { lastDone }))).toEqual({ outcome: 'skipped', lastDone, message: null });
    expect(service.requests).toHaveLength(0);
    const dayLater = await keepAlive(input(service, { lastDone: new Date(now.getTime() - day).toISOString() }));
    expect(dayLater.outcome).toBe('enabled');
    expect(service.requests).toHaveLength(1);
  });

  test('without actions: write: a notice saying what to add, once a day, and nothing fails', async () => {
    const service = await fakeApi([{ status: 403 }]);
    const refused = await keepAlive(input(service));
    expect(refused.outcome).toBe('notice');
    expect(refused.message).toContain('`actions: write`');
    expect(refused.message).toContain('60 days');
    expect(refused.lastDone).toBe(now.toISOString());
    // The next run the same day says nothing more and asks nothing.
    const later = await keepAlive(input(service, { lastDone: refused.lastDone, now: new Date(now.getTime() + 5 * 60_000) }));
    expect(later).toEqual({ outcome: 'skipped', lastDone: refused.lastDone, message: null });
    expect(service.requests).toHaveLength(1);
  });

  test('a rate limit or a server error is tried again by the next run, without a permission notice', async () => {
    const service = await fakeApi([{ status: 403, headers: { 'x-ratelimit-remaining': '0' } }, { status: 502 }]);
    const limited = await keepAlive(input(service));
    expect(limited).toMatchObject({ outcome: 'failed', lastDone: null });
    expect(limited.message).not.toContain('actions: write');
    const broken = await keepAlive(input(service));
    expect(broken).toMatchObject({ outcome: 'failed', lastDone: null });
    expect(broken.message).toContain('HTTP 502');
    expect((await keepAlive(input(service))).outcome).toBe('enabled');
  });

  test('an API that cannot be reached fails nothing and never shows the token', async () => {
    const result = await keepAlive(input(`http://127.0.0.1:${await closedPort()}`));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/ECONNREFUSED/);
    expect(result.message).not.toContain('ghs_test_token');
  });

  test('finds the workflow file from GITHUB_WORKFLOW_REF or a path', () => {
    expect(workflowFileName('acme/site/.github/workflows/uptime.yml@refs/heads/main')).toBe('uptime.yml');
    expect(workflowFileName('.github/workflows/check.yaml')).toBe('check.yaml');
  });
});
