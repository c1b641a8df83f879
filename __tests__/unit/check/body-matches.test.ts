/**
 * `body-matches` ends within the attempt's deadline, even for a pattern that backtracks
 * forever on a hostile body: the endpoint is down with `body-matches took longer than the
 * deadline`, and the run goes on.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cannotBacktrack } from '../../../src/check/match-within.js';
import { checkAll, checkEndpoint } from '../../../src/check/run.js';
import { loadConfig } from '../../../src/config/inputs.js';
import type { Endpoint } from '../../../src/config/types.js';
import { results, runAction } from '../../support/action.js';
import { startServer, type Service } from '../../support/servers.js';

// ^(a+)+$ takes about 2^n steps on n letters a and a last character that is not one: at 29 of
// them, tens of seconds on the thread that runs it.
const HOSTILE_BODY = `${'a'.repeat(29)}!`;

let page: Service;
beforeAll(async () => {
  page = await startServer((req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end(req.url === '/hostile' ? HOSTILE_BODY : '{"status": "ok", "version": "1.2.3"}');
  });
});
afterAll(() => page.close());

function endpoints(yaml: string): Endpoint[] {
  return loadConfig((name) => (name === 'endpoints' ? yaml : ''), { env: {}, workspace: '.' }).endpoints;
}

describe('a pattern that backtracks on a hostile body', () => {
  test('is down within the deadline, with what happened', async () => {
    const [endpoint] = endpoints(`- { url: "${page.url}/hostile", body-matches: "^(a+)+$", timeout: 1s, retries: 0 }`);
    const started = Date.now();
    const result = await checkEndpoint(endpoint, { concurrency: 1 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.status).toBe('down');
    expect(result.failures).toEqual(['body-matches took longer than the deadline']);
  });

  test('in the built action too (the worker ships inside the bundle)', async () => {
    const started = Date.now();
    const run = await runAction({
      inputs: {
        endpoints: `- { url: "${page.url}/hostile", body-matches: "^(a+)+$", timeout: 1s, retries: 0 }`,
        'fail-on': 'never',
      },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(results(run).map((r) => [r.status, r.failures])).toEqual([['down', ['body-matches took longer than the deadline']]]);
  });

  test('several at once, more than there are workers, all end within their deadline; the next check still works', async () => {
    const hostile = Array.from(
      { length: 6 },
      (_, i) => `- { url: "${page.url}/hostile", name: h${i}, body-matches: "^(a+)+$", timeout: 800ms, retries: 0 }`,
    );
    const started = Date.now();
    const report = await checkAll(endpoints(hostile.join('\n')), { concurrency: 6 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.endpoints.map((e) => e.failures)).toEqual(Array(6).fill(['body-matches took longer than the deadline']));

    const [good] = endpoints(`- { url: "${page.url}/ok", body-matches: '"status":\\s*"ok"', retries: 0 }`);
    expect((await checkEndpoint(good, { concurrency: 1 })).status).toBe('up');
  });
});

describe('ordinary patterns', () => {
  test('a match and a mismatch, with and without quantifiers', async () => {
    const list = endpoints(
      [
        `- { url: "${page.url}/ok", name: a, retries: 0, body-matches: '"version":\\s*"1\\.\\d+' }`,
        `- { url: "${page.url}/ok", name: b, retries: 0, body-matches: '"version":\\s*"2\\.' }`,
        `- { url: "${page.url}/ok", name: c, retries: 0, body-matches: "/STATUS/i" }`,
        `- { url: "${page.url}/ok", name: d, retries: 0, body-matches: "^down" }`,
      ].join('\n'),
    );
    const report = await checkAll(list, { concurrency: 4 });
    expect(report.endpoints.map((e) => [e.status, e.failures])).toEqual([
      ['up', []],
      ['down', ['body does not match /"version":\\s*"2\\./']],
      ['up', []],
      ['down', ['body does not match /^down/']],
    ]);
  });

  test('only a pattern without quantifiers is tested without a worker', () => {
    expect([/ok/, /^"status": "(ok|fine)"$/, /[a-z+*?]{/, /\d\+\*/, /a\{2\}/].map(cannotBacktrack)).toEqual([
      true,
      true,
      false,
      true,
      true,
    ]);
    expect([/a+/, /(a|b)*/, /x?/, /a{2,}/, /[ab]+$/].map(cannotBacktrack)).toEqual([false, false, false, false, false]);
  });
});
