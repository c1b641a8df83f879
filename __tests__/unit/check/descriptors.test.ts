/**
 * Few file descriptors: the pool never opens more sockets than the process may, and running out
 * of descriptors is never reported as an endpoint being down.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAll, checkEndpoint, socketBudget } from '../../../src/check/run.js';
import { loadConfig } from '../../../src/config/inputs.js';
import type { Endpoint } from '../../../src/config/types.js';
import { probeHttp as probe } from '../../../src/probe/kinds/http.js';
import { ROOT } from '../../support/action.js';
import { behaviours, startServer, type Service } from '../../support/servers.js';

let service: Service;
beforeAll(async () => {
  service = await startServer(behaviours);
});
afterAll(() => service.close());

function endpoints(yaml: string): Endpoint[] {
  return loadConfig((name) => (name === 'endpoints' ? yaml : ''), { env: {}, workspace: '.' }).endpoints;
}

/** Runs the built `vigil` command under `ulimit -n`, and returns its JSON results. */
async function vigilUnderLimit(limit: number, args: string[]): Promise<{ code: number; results: Array<Record<string, any>> }> {
  const child = spawn(
    'bash',
    ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, path.join(ROOT, 'dist', 'cli', 'index.js'), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
  if (!stdout.trim().startsWith('[')) throw new Error(`vigil exited with ${code}: ${stderr}`);
  return { code, results: JSON.parse(stdout) as Array<Record<string, any>> };
}

describe('a process allowed 256 open files', () => {
  test('checks 2,000 endpoints at concurrency 1000 and reports none of them down', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-fd-'));
    const config = path.join(dir, 'many.json');
    const list = Array.from({ length: 2000 }, (_, i) => ({ name: `e${i}`, url: `${service.url}/delay-headers/20?n=${i}` }));
    writeFileSync(config, JSON.stringify({ endpoints: list }));
    // A loaded machine may make some answers slow (degraded); none may be down for want of a socket.
    const args = ['check', '--config', config, '--concurrency', '1000', '--retries', '0', '--max-response-time', '1h', '--json'];
    const run = await vigilUnderLimit(256, args);
    const down = run.results.filter((result) => result.status !== 'up');
    expect(down.map((result) => result.error)).toEqual([]);
    expect(run.results).toHaveLength(2000);
    expect(run.code).toBe(0);
  }, 120_000);
});

describe('the socket budget', () => {
  const limits = (soft: string) => () =>
    `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 4096                 files\n`;

  test('is the soft limit less the open descriptors and some headroom', () => {
    expect(socketBudget(limits('256'), () => 20)).toBe(256 - 20 - 48);
    expect(socketBudget(limits('1024'), () => 30)).toBe(1024 - 30 - 103);
    expect(socketBudget(limits('unlimited'), () => 30)).toBeNull();
    expect(socketBudget(limits('40'), () => 30)).toBe(1);
    expect(
      socketBudget(
        () => {
          throw new Error('no /proc here');
        },
        () => 0,
      ),
    ).toBeNull();
  });

  test('caps the endpoints in flight below the concurrency asked for', async () => {
    let inFlight = 0;
    let peak = 0;
    const list = endpoints(
      Array.from({ length: 12 }, (_, i) => `- { name: e${i}, url: "${service.url}/delay-headers/20" }`).join('\n'),
    );
    const report = await checkAll(list, {
      concurrency: 50,
      socketBudget: () => 3,
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
    expect(report.counts.up).toBe(12);
  });
});

test('a connection that fails for want of descriptors is waited for, and is not an attempt', async () => {
  const [endpoint] = endpoints(`- { url: "${service.url}/ok", retries: 0 }`);
  let calls = 0;
  const result = await checkEndpoint(endpoint, {
    concurrency: 1,
    probe: async (request) => {
      const attempt = await probe(request);
      // The first two attempts meet a process that has no descriptor left, as EMFILE looks.
      if (++calls <= 2) return { ...attempt, httpStatus: null, error: 'connect EMFILE', errorCode: 'EMFILE' };
      return attempt;
    },
  });
  expect(calls).toBe(3);
  expect(result).toMatchObject({ status: 'up', attempts: 1, error: null, note: null });
});
