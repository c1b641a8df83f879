/**
 * End to end: the built dist/index.js, run as a runner runs it, against real loopback services.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCerts } from '../support/certs.js';
import { startProxy } from '../support/proxy.js';
import { results, runAction } from '../support/action.js';
import { behaviours, closedPort, startServer, type Handler, type Service } from '../support/servers.js';
import { commandIn, logLines } from '../support/workflow-commands.js';

let service: Service;
let soon: Service;
let expired: Service;
let valid: Service;
let wrongHost: Service;
let caFile: string;

beforeAll(async () => {
  const certs = makeCerts();
  caFile = certs.caFile;
  service = await startServer(behaviours);
  valid = await startServer(behaviours, { key: certs.key, cert: certs.valid });
  soon = await startServer(behaviours, { key: certs.key, cert: certs.soon });
  expired = await startServer(behaviours, { key: certs.key, cert: certs.expired });
  wrongHost = await startServer(behaviours, { key: certs.key, cert: certs.wrongHost });
});
afterAll(async () => Promise.all([service, soon, expired, valid, wrongHost].map((s) => s.close())));

describe('dist/index.js', () => {
  test('healthy endpoints: outputs, summary, exit 0', async () => {
    const run = await runAction({
      inputs: { endpoints: `- ${service.url}/ok\n- name: JSON\n  url: ${service.url}/json/ok\n  json: { status: ok }` },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('up');
    expect(run.outputs['up-count']).toBe('2');
    expect(run.outputs['down-endpoints']).toBe('[]');
    expect(run.outputs['issues-opened']).toBe('[]');
    const [first, second] = results(run);
    expect(first).toMatchObject({
      id: '127-0-0-1-' + service.port + '-ok',
      status: 'up',
      httpStatus: 200,
      attempts: 1,
      error: null,
    });
    expect(second.name).toBe('JSON');
    const t = first.timings;
    expect(t.dns + t.connect + t.tls + t.wait + t.download).toBe(t.total);
    expect(first.responseTime).toBe(t.total);
    expect(run.summary).toMatch(/^## 🟢 Vigil: all 2 endpoints up/);
  });

  test('a down endpoint fails the step with an annotation; degraded does not by default', async () => {
    const port = await closedPort();
    const run = await runAction({
      inputs: {
        endpoints: `- { name: Payments, url: "http://127.0.0.1:${port}/" }\n- { name: Slow, url: "${service.url}/delay-headers/50", max-response-time: 5ms }`,
        'retry-delay': '10ms',
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('down');
    expect(JSON.parse(run.outputs['down-endpoints'])).toEqual(['Payments']);
    const [payments, slow] = results(run);
    expect(payments).toMatchObject({ status: 'down', httpStatus: null, attempts: 3, error: 'connection refused' });
    expect(slow.status).toBe('degraded');
    expect(run.stdout).toContain('::error title=Vigil%3A Payments is down::Payments is down: connection refused');
    expect(run.stdout).toContain('::warning title=Vigil%3A Slow is degraded::');
    expect(run.stdout).toMatch(/::error::Down: Payments \(down\)/);
  });

  test('fail-on: degraded fails on a slow endpoint; never does not fail at all', async () => {
    const inputs = { endpoints: `- { url: "${service.url}/delay-headers/40", max-response-time: 5ms }` };
    expect((await runAction({ inputs: { ...inputs, 'fail-on': 'degraded' } })).code).toBe(1);
    expect((await runAction({ inputs: { ...inputs, 'fail-on': 'down' } })).code).toBe(0);
    const never = await runAction({ inputs: { endpoints: `- ${service.url}/status/500`, 'fail-on': 'never', retries: '0' } });
    expect(never.code).toBe(0);
    expect(never.outputs.status).toBe('down');
  });

  test('a configuration error fails before any request, naming the place', async () => {
    const before = service.requests.length;
    const run = await runAction({
      inputs: { endpoints: `- ${service.url}/ok\n- url: ${service.url}/ok?x\n  timout: 3s` },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'endpoints[1].timout (input endpoints, line 3): unknown key; did you mean \\"timeout\\"?'.replace(/\\"/g, '"'),
    );
    expect(service.requests.length).toBe(before);
    expect(run.outputs.status).toBeUndefined();
  });

  test('the config file: defaults, file and line in errors', async () => {
    const good = await runAction({
      inputs: { config: 'vigil.yml' },
      files: { 'vigil.yml': `defaults:\n  max-response-time: 1ms\nendpoints:\n  - ${service.url}/delay-headers/20\n` },
    });
    expect(results(good)[0].status).toBe('degraded');
    const bad = await runAction({
      inputs: { config: 'vigil.yml' },
      files: { 'vigil.yml': `endpoints:\n  - url: ${service.url}/ok\n    retries: many\n` },
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('vigil.yml:3:5: endpoints[0].retries: "many" is not a whole number');
  });

  test('secrets never appear in outputs, summary or logs', async () => {
    const run = await runAction({
      inputs: {
        endpoints: [
          `- name: Private`,
          `  url: http://bob:hunter2-pw@127.0.0.1:${service.port}/hostile?echo=1&api_key=\${API_KEY}`,
          `  headers: { Authorization: "Bearer \${TOKEN}" }`,
        ].join('\n'),
        retries: '0',
      },
      env: { API_KEY: 'key-0123456789', TOKEN: 'tok-abcdefghij' },
    });
    // ::add-mask:: lines are read by the runner and never shown; everything else is.
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    const everything = [...log, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
    for (const secret of ['hunter2-pw', 'key-0123456789', 'tok-abcdefghij']) expect(everything).not.toContain(secret);
    // The secrets were registered with the runner as masks.
    expect(run.stdout).toContain('::add-mask::key-0123456789');
    expect(results(run)[0].url).toBe(`http://***:***@127.0.0.1:${service.port}/hostile?echo=1&api_key=***`);
    // The hostile server echoed the Authorization header it really received into its body; the
    // excerpt shows it masked.
    expect(service.requests.at(-1)?.headers.authorization).toBe('Bearer tok-abcdefghij');
    expect(run.summary).toContain('echoed: ***');
  });

  // Credentials in a URL travel as `Authorization: Basic base64(user:password)`; this server
  // really echoes them back. Redacting that encoded form is the configuration's part (it lists
  // every form a secret travels in): until it does, this test fails, and `failing` says so.
  // Make it a plain `test` once the Base64 form is among an endpoint's secrets.
  test('URL credentials echoed back in their Base64 form are not shown either', async () => {
    const run = await runAction({
      inputs: { endpoints: `- http://bob:hunter2-pw@127.0.0.1:${service.port}/hostile?echo=1`, retries: '0' },
    });
    const basic = Buffer.from('bob:hunter2-pw').toString('base64');
    expect(service.requests.at(-1)?.headers.authorization).toBe(`Basic ${basic}`);
    expect(run.summary).toContain('echoed: ');
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect([...log, run.summary, JSON.stringify(run.outputs)].join('\n')).not.toContain(basic);
  });

  test('certificates: trusted and valid is up, expiring soon is degraded, expired is down', async () => {
    const run = await runAction({
      inputs: {
        endpoints: [
          `- https://127.0.0.1:${valid.port}/ok`,
          `- https://127.0.0.1:${soon.port}/ok`,
          `- https://127.0.0.1:${expired.port}/ok`,
        ].join('\n'),
        retries: '0',
      },
      env: { NODE_EXTRA_CA_CERTS: caFile },
    });
    const [ok, soonResult, expiredResult] = results(run);
    expect(ok).toMatchObject({ status: 'up', certExpiresInDays: 199 });
    expect(ok.timings.tls).toBeGreaterThan(0);
    expect(soonResult).toMatchObject({
      status: 'degraded',
      certExpiresInDays: 4,
      failures: ['certificate expires in 4 days (under 14)'],
    });
    expect(expiredResult).toMatchObject({ status: 'down', error: 'certificate has expired', certExpiresInDays: -1 });
  });

  test('HTTPS_PROXY is honoured (a name only the proxy knows), NO_PROXY bypasses it', async () => {
    const proxy = await startProxy({ 'status.internal.test': '127.0.0.1' });
    try {
      const url = `https://status.internal.test:${valid.port}/ok`;
      const viaProxy = await runAction({
        inputs: { endpoints: `- ${url}`, insecure: 'true', retries: '0' },
        env: { HTTPS_PROXY: proxy.url },
      });
      expect(results(viaProxy)[0]).toMatchObject({ status: 'up', httpStatus: 200 });
      expect(proxy.seen).toEqual([`CONNECT status.internal.test:${valid.port}`]);
      const bypassed = await runAction({
        inputs: { endpoints: `- ${url}`, insecure: 'true', retries: '0' },
        env: { HTTPS_PROXY: proxy.url, NO_PROXY: '.internal.test' },
      });
      expect(results(bypassed)[0].status).toBe('down');
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  test('a trusted certificate for another host name is down, unless insecure', async () => {
    const endpoints = `- https://127.0.0.1:${wrongHost.port}/ok`;
    const strict = await runAction({ inputs: { endpoints, retries: '0' }, env: { NODE_EXTRA_CA_CERTS: caFile } });
    expect(results(strict)[0]).toMatchObject({ status: 'down', error: 'certificate does not match the host name' });
    const relaxed = await runAction({
      inputs: { endpoints, retries: '0', insecure: 'true' },
      env: { NODE_EXTRA_CA_CERTS: caFile },
    });
    expect(results(relaxed)[0]).toMatchObject({ status: 'up', httpStatus: 200 });
  });

  test('an expired certificate with insecure: still down, in the same words', async () => {
    const run = await runAction({
      inputs: { endpoints: `- https://127.0.0.1:${expired.port}/ok`, insecure: 'true', retries: '0' },
    });
    expect(results(run)[0]).toMatchObject({
      status: 'down',
      httpStatus: 200,
      error: 'certificate has expired',
      certExpiresInDays: -1,
    });
  });

  test('summary: false writes no summary; the outputs are still set', async () => {
    const run = await runAction({ inputs: { endpoints: `- ${service.url}/ok`, summary: 'false' } });
    expect(run.summary).toBe('');
    expect(run.outputs.status).toBe('up');
  });
});

/** A server that answers with workflow commands wherever a response can put text. */
const commandsEverywhere: Handler = (req, res) => {
  const route = new URL(req.url ?? '/', 'http://local').pathname;
  if (route === '/json') {
    res.writeHead(200, '##[set-output name=status;]up', {
      'content-type': 'application/json',
      'x-hostile': '::error::from a header ##[add-mask]everything',
    });
    res.end(JSON.stringify({ status: '::stop-commands::pwned', db: '##[set-output name=status;]up', n: '##[endgroup]' }));
  } else {
    res.writeHead(503, '::error::status text ##[add-mask]x', { 'content-type': 'text/plain' });
    res.end('##[add-mask]not json\n::error::body line');
  }
};

describe('workflow commands in responses and names', () => {
  let hostile: Service;
  beforeAll(async () => {
    hostile = await startServer(commandsEverywhere);
  });
  afterAll(() => hostile.close());

  test('no line of the log is a command the runner would execute, except Vigil’s own annotations', async () => {
    const run = await runAction({
      inputs: {
        endpoints: [
          `- name: "Shop ##[add-mask]everything"`,
          `  url: ${hostile.url}/json`,
          `  json: { status: ok, db: ok, n: ok }`,
          `  response-headers: { x-hostile: calm }`,
          `- name: "::error::Name"`,
          `  url: ${hostile.url}/text`,
          `  json: { status: ok }`,
        ].join('\n'),
        retries: '0',
      },
    });
    expect(run.code).toBe(1);
    // The hostile values did reach the log (neutralised), so the check below is not vacuous.
    expect(run.stdout).toContain('set-output name=status;]up');
    expect(run.stdout).toContain('add-mask]everything');
    const commands = logLines(run.stdout + run.stderr)
      .map((line) => ({ line, command: commandIn(line) }))
      .filter(({ command }) => command !== null);
    for (const { line, command } of commands) {
      expect(['error', 'warning']).toContain(command);
      expect(line.startsWith(`::${command}`)).toBe(true);
    }
    // One annotation per down endpoint and the step's failure: none from the responses.
    expect(commands).toHaveLength(3);
  });
});

describe('cancellation', () => {
  test('SIGINT while an attempt hangs: stops at once, reports what was measured, fails', async () => {
    const port = await closedPort();
    const run = await runAction({
      inputs: {
        endpoints: [
          `- { name: Home, url: "${service.url}/ok" }`,
          `- { name: Hangs, url: "${service.url}/hang", timeout: 1m }`,
          `- { name: Refused, url: "http://127.0.0.1:${port}/", retry-delay: 1m }`,
          // Slow enough that it cannot finish between Home's line and the signal on a busy machine.
          `- { name: Later, url: "${service.url}/delay-headers/3000" }`,
        ].join('\n'),
        concurrency: '3',
        retries: '2',
      },
      interrupt: { when: 'Home', signal: 'SIGINT' },
    });
    // Long before the hanging attempt's deadline (1 min) or the retry's wait (1 min).
    expect(run.afterInterrupt).toBeLessThan(5000);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('up');
    expect(run.outputs['up-count']).toBe('1');
    expect(run.outputs['down-count']).toBe('0');
    expect(results(run).map((r) => r.name)).toEqual(['Home']);
    expect(run.summary).toMatch(/^## ⏹️ Vigil: cancelled after 1 of 4 endpoints — 1 endpoint up/);
    expect(run.summary).toContain('The run was cancelled (SIGINT) before it finished. Not checked: Hangs, Refused, Later.');
    expect(run.stdout).toContain(
      '::error title=Vigil%3A run cancelled::The run was cancelled (SIGINT) after checking 1 of 4 endpoints.',
    );
  });

  test('SIGTERM before anything finished: an empty but honest summary', async () => {
    const run = await runAction({
      inputs: { endpoints: `- { name: Hangs, url: "${service.url}/hang", timeout: 1m }` },
      interrupt: { when: 'Checking 1 endpoint', signal: 'SIGTERM' },
    });
    expect(run.afterInterrupt).toBeLessThan(5000);
    expect(run.code).toBe(1);
    expect(results(run)).toEqual([]);
    expect(run.summary).toMatch(/^## ⏹️ Vigil: cancelled after 0 of 1 endpoint\n/);
    expect(run.stdout).toContain('Vigil: no endpoint checked');
  });
});

describe('run deadline', () => {
  test('100 hanging endpoints at concurrency 10 end within the deadline plus 2 s; the rest are named as not checked', async () => {
    const endpoints = [`- { name: Home, url: "${service.url}/ok" }`];
    for (let i = 1; i <= 100; i++) endpoints.push(`- { name: Hang ${i}, url: "${service.url}/hang?n=${i}", timeout: 1m }`);
    const started = Date.now();
    const run = await runAction({ inputs: { endpoints: endpoints.join('\n'), concurrency: '10', deadline: '3s' } });
    const took = Date.now() - started;
    expect(took).toBeLessThan(3000 + 2000 + 1500); // the deadline, the 2 s it may take to end, node's start
    expect(run.code).toBe(1);
    const checked = results(run);
    expect(checked[0]).toMatchObject({ name: 'Home', status: 'up' });
    // Those in flight at the deadline are down for it; those never started are not in the results.
    const cut = checked.filter((result) => result.error === 'run deadline (3s) reached');
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(checked.length).toBe(1 + cut.length);
    expect(run.outputs['down-count']).toBe(String(cut.length));
    expect(run.stdout).toContain('::error title=Vigil%3A run deadline reached::The run deadline (3s) came before');
    expect(run.summary).toContain(`before ${100 - cut.length} of 101 endpoints could be checked`);
  });
});

describe('one failing sink does not lose the others', () => {
  const endpoints = () => `- { name: Home, url: "${service.url}/ok" }\n- { name: Broken, url: "${service.url}/status/500" }`;
  const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  test('an unwritable GITHUB_OUTPUT: summary and annotations still written, one clear line, the step fails', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'vigil-not-a-file-'));
    const run = await runAction({
      inputs: { endpoints: endpoints(), retries: '0', 'fail-on': 'never' },
      env: { GITHUB_OUTPUT: directory },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=Vigil::Could not write the outputs: EISDIR[^\n]*$/m);
    expect(run.stdout).toContain('::error title=Vigil%3A Broken is down::');
    expect(run.summary).toMatch(/^## 🔴 Vigil: 1 of 2 endpoints down/);
    expect(run.summary).toContain('Could not write the outputs');
    noStackTrace(run.stdout + run.stderr);
  });

  test('an unwritable summary: outputs and annotations still written', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'vigil-not-a-file-'));
    const run = await runAction({
      inputs: { endpoints: endpoints(), retries: '0', 'fail-on': 'never' },
      env: { GITHUB_STEP_SUMMARY: directory },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('down');
    expect(run.stdout).toMatch(/^::error title=Vigil::Could not write the job summary: [^\n]+$/m);
    expect(run.stdout).toContain('::error title=Vigil%3A Broken is down::');
    noStackTrace(run.stdout + run.stderr);
  });

  test('a summary over GitHub’s limit: refused whole, said in one line, the rest written', async () => {
    const run = await runAction({
      inputs: { endpoints: endpoints(), retries: '0', 'fail-on': 'never' },
      files: { '.summary': 'x'.repeat(1024 * 1024 - 10) },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error title=Vigil::Could not write the job summary: it would be \d+ KiB and GitHub takes at most 1024 KiB per step$/m,
    );
    expect(run.outputs.status).toBe('down');
    expect(run.summary).not.toContain('Vigil');
  });
});
