/**
 * The dead man's switch through dist/index.js: one GET to `heartbeat-url` after a run that
 * checked, to the fail URL after a run that could not, and a ping that fails is a notice only.
 * The URLs are secrets: neither they nor their paths appear in the log, the summary or outputs.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { runAction, type ActionRun } from '../support/action.js';
import { behaviours, closedPort, startServer, type Service } from '../support/servers.js';

const KEY = '5f1c2d3e-8a9b-4c7d-9e0f-a1b2c3d4e5f6';
let pings: Service;
let service: Service;
beforeAll(async () => {
  pings = await startServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('OK');
  });
  service = await startServer(behaviours);
});
afterAll(async () => Promise.all([pings.close(), service.close()]));

/** What people can read: the runner consumes `::add-mask::` lines (they are how it is told). */
const everything = (run: ActionRun) =>
  [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
const pinged = (from: number) => pings.requests.slice(from).map((request) => `${request.method} ${request.url}`);

test('a run that checked pings heartbeat-url once, and never prints it', async () => {
  const before = pings.requests.length;
  const run = await runAction({ inputs: { endpoints: `- ${service.url}/ok`, 'heartbeat-url': `${pings.url}/ping/${KEY}` } });
  expect(run.code).toBe(0);
  expect(pinged(before)).toEqual([`GET /ping/${KEY}`]);
  expect(everything(run)).not.toContain(KEY);
  // The runner is told to mask it.
  expect(run.stdout).toContain(`::add-mask::/ping/${KEY}`);
});

test('a run whose endpoints are down still checked: the ping is a success ping', async () => {
  const before = pings.requests.length;
  const run = await runAction({
    inputs: { endpoints: `- ${service.url}/status/500`, retries: '0', 'heartbeat-url': `${pings.url}/ping/${KEY}` },
  });
  expect(run.code).not.toBe(0);
  expect(pinged(before)).toEqual([`GET /ping/${KEY}`]);
});

test('a configuration error pings the URL with /fail appended, the one request it makes', async () => {
  const before = pings.requests.length;
  const servedBefore = service.requests.length;
  const run = await runAction({
    inputs: { endpoints: `- ${service.url}/ok\n- url: [unclosed`, 'heartbeat-url': `${pings.url}/ping/${KEY}` },
  });
  expect(run.code).not.toBe(0);
  expect(run.stdout).toContain('Nothing was checked.');
  expect(pinged(before)).toEqual([`GET /ping/${KEY}/fail`]);
  expect(service.requests.length).toBe(servedBefore);
  expect(everything(run)).not.toContain(KEY);
});

test('heartbeat-fail-url is used when given', async () => {
  const before = pings.requests.length;
  const run = await runAction({
    inputs: {
      endpoints: 'endpoints: [',
      'heartbeat-url': `${pings.url}/ping/${KEY}`,
      'heartbeat-fail-url': `${pings.url}/down/${KEY}?reason=config`,
    },
  });
  expect(run.code).not.toBe(0);
  expect(pinged(before)).toEqual([`GET /down/${KEY}?reason=config`]);
  expect(everything(run)).not.toContain(KEY);
});

test('a refused ping is a notice: the step still succeeds', async () => {
  const port = await closedPort();
  const run = await runAction({
    inputs: { endpoints: `- ${service.url}/ok`, 'heartbeat-url': `http://127.0.0.1:${port}/ping/${KEY}` },
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('The heartbeat ping was not delivered');
  expect(run.summary).toContain('The heartbeat ping was not delivered');
  expect(run.stdout).not.toMatch(/::error/);
  expect(everything(run)).not.toContain(KEY);
});

test('a heartbeat-url that is not a URL is a configuration error that does not quote it', async () => {
  const run = await runAction({ inputs: { endpoints: `- ${service.url}/ok`, 'heartbeat-url': `ftp://x/${KEY}` } });
  expect(run.code).not.toBe(0);
  expect(run.stdout).toContain('input heartbeat-url: is not an http or https URL');
  expect(everything(run)).not.toContain(KEY);
});
