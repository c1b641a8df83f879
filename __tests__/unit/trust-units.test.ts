/**
 * The run's promises, each on its own part: a message cut to a channel's limit keeps the
 * endpoint, what happened and since when (sent to loopback chat servers); a down endpoint's card
 * on the status page says why, escaped; the tolerant readers repair or drop what they cannot
 * use; one garbage outbox entry does not stop a new event; a cut text shows no start of a secret;
 * a send in flight ends when the run's signal fires.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { judge } from '../../src/history/judge.js';
import { readStateFile, readStatusFile } from '../../src/history/read-json.js';
import type { CheckedEndpoint } from '../../src/history/types.js';
import { parseNotify } from '../../src/config/notify.js';
import { deliver } from '../../src/notify/deliver.js';
import { sendNotice } from '../../src/notify/send.js';
import type { NotifyTarget } from '../../src/config/notify-types.js';
import { renderPage } from '../../src/page/index.js';
import { redactText } from '../../src/text/redact.js';
import { pageUrl, runUrl, sampleEvent, startChannel, type ChannelService } from '../support/channels.js';
import { pageFixture } from '../support/page-fixture.js';
import { startServer } from '../support/servers.js';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((service) => service.close()));
});

function target(yaml: string): NotifyTarget {
  const { targets, problems } = parseNotify(parse(yaml), (text) => text);
  expect(problems).toEqual([]);
  return targets[0];
}

async function channel(): Promise<ChannelService> {
  const service = await startChannel();
  opened.push(service);
  return service;
}

const context = { redact: (text: string) => text, runUrl, pageUrl };
const ninetyFive = Array.from({ length: 95 }, (_, n) => `$.checks.component_${n}.status is "down", expected "ok"`);

describe('a message cut to the channel limit keeps the endpoint, what happened and since when', () => {
  test.each([
    [
      'discord',
      2000,
      (url: string) => `- discord: "${url}/api/webhooks/1/x"`,
      (body: Record<string, unknown>) => String(body.content),
    ],
    [
      'telegram',
      4096,
      (url: string) => `- telegram: { token: "1:abc", chat: "1", api-url: "${url}" }`,
      (body: Record<string, unknown>) => String(body.text),
    ],
    [
      'slack',
      3000,
      (url: string) => `- slack: "${url}/services/T/B/x"`,
      (body: Record<string, unknown>) => JSON.stringify(body.blocks),
    ],
  ])('%s, with 95 failed checks', async (_name, limit, yaml, textOf) => {
    const service = await channel();
    const event = sampleEvent({ name: 'Payments API', failures: ninetyFive });
    await sendNotice(target(yaml(service.url)), event, context);
    const sent = textOf(service.json()[0]);
    // Discord escapes Markdown (`2026\-11\-26`): read it without the backslashes.
    const text = sent.replace(/\\/g, '');
    expect(text).toContain('Payments API is down');
    expect(text).toMatch(/Down since/);
    expect(text).toContain('2026-11-26 09:55 UTC');
    // The list of failed checks was cut, and says by how much.
    expect(text).toContain('component_0');
    expect(text).not.toContain('component_94');
    expect(text).toMatch(/and \d+ more/);
    if (_name !== 'slack') expect(sent.length).toBeLessThanOrEqual(limit);
  });

  test('a webhook carries the note as a field of its own', async () => {
    const service = await channel();
    const note = 'This run could not save its history, so a later run may send this again until it can.';
    await sendNotice(target(`- webhook: { url: "${service.url}/hook" }`), sampleEvent(), { ...context, note });
    expect(service.json()[0]).toMatchObject({ event: 'down', note });
  });

  test("the run's note survives the cut", async () => {
    const service = await channel();
    const note = 'This run could not save its history, so a later run may send this again until it can.';
    await sendNotice(target(`- discord: "${service.url}/api/webhooks/1/x"`), sampleEvent({ failures: ninetyFive }), {
      ...context,
      note,
    });
    expect(String(service.json()[0].content)).toContain('so a later run may send this again');
  });
});

describe('the status page says why an endpoint is down', () => {
  test('its error, escaped', () => {
    const input = pageFixture();
    const down = input.status.endpoints.find((endpoint) => endpoint.status === 'down')!;
    const up = input.status.endpoints.find((endpoint) => endpoint.status === 'up')!;
    const html = renderPage({
      ...input,
      reasons: { [down.id]: '<script>alert(1)</script> status 503 is not in 200-299', [up.id]: 'never shown' },
    });
    expect(html).toContain('Why: <code>&lt;script&gt;alert(1)&lt;/script&gt; status 503 is not in 200-299</code>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('never shown');
  });
});

describe('tolerant readers', () => {
  test('status.json: ghost, null, string and number entries are dropped with one warning; a partial one is repaired', () => {
    const text = JSON.stringify({ endpoints: [{ id: 'ghost' }, null, 'x', 3, { id: 'half', status: 'down' }] });
    const { value, warnings } = readStatusFile(text);
    expect(value.endpoints.map((entry) => entry.id)).toEqual(['half']);
    expect(value.endpoints[0]).toMatchObject({ name: 'half', since: null, last: null, checks: { '24h': 0 } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/4 entries of an unknown shape were dropped/);
  });

  test('state.json: an outbox of garbage is dropped with one warning; a file that is not an object reads as empty', () => {
    expect(readStateFile(JSON.stringify({ outbox: [null, 1, 'x', { event: {} }] })).warnings).toEqual([
      expect.stringMatching(/4 entries of the notification outbox could not be read/),
    ]);
    expect(readStateFile('"a string"')).toMatchObject({ value: { endpoints: {}, outbox: [] }, warnings: [expect.any(String)] });
    expect(readStateFile('{').warnings).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  test('the judge takes such files without failing, and keeps no figure of a row dated in the future', () => {
    const now = new Date('2026-11-26T12:00:00.000Z');
    const check: CheckedEndpoint = {
      id: 'api',
      name: 'API',
      url: 'https://api.example/',
      status: 'up',
      inMaintenance: false,
      httpStatus: 200,
      timings: { dns: 0, connect: 1, tls: 0, wait: 2, download: 1, total: 4 },
      attempts: 1,
      error: null,
      failures: [],
      checkedAt: '2026-11-26T11:59:59.000Z',
    };
    const header = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
    const files = new Map([
      ['status.json', JSON.stringify({ endpoints: [null, { id: 'ghost' }] })],
      ['state.json', JSON.stringify({ endpoints: { api: null, other: 'x' }, outbox: [null, 4], keepAlive: 'no' })],
      ['history/2026-11-26.csv', `${header}2026-11-26T23:00:00.000Z,api,down,,5,0,1,0,0,0,1,refused\n`],
    ]);
    const settings = [{ id: 'api', name: 'API', url: check.url, target: 99, failureThreshold: 1, successThreshold: 1 }];
    const judgement = judge({
      files,
      checks: [check],
      endpoints: settings,
      workflow: null,
      configuredIds: ['api'],
      historyDays: 30,
      now,
    });
    const api = judgement.status.endpoints.find((entry) => entry.id === 'api')!;
    expect(api.checks['24h']).toBe(1);
    expect(api.downtime['24h']).toBe(0);
    expect(api.status).toBe('up');
    expect(judgement.warnings.join('\n')).toMatch(/1 row of the history is dated in the future/);
    expect(judgement.state.outbox).toEqual([]);
  });

  test('one garbage entry in the outbox does not stop a new event', async () => {
    const service = await channel();
    const slack = target(`- slack: "${service.url}/services/T/B/x"`);
    const outbox = readStateFile(JSON.stringify({ outbox: [null, 7, { target: slack.key }] })).value.outbox;
    const result = await deliver({
      events: [sampleEvent()],
      outbox,
      targets: [slack],
      now: new Date(),
      send: (to, event) => sendNotice(to, event, context),
    });
    expect(result.sent).toHaveLength(1);
    expect(service.requests).toHaveLength(1);
  });
});

describe('masked, then cut', () => {
  const secret = 'ghp_ABCDEFGHIJKLMNOP0123456789';
  test.each([
    ['at the end', `error: ${secret.slice(0, 15)}`],
    ['before our ellipsis', `error: ${secret.slice(0, 13)}… (truncated)`],
    ["in V8's JSON error", `Unexpected token 'g', "${secret.slice(0, 10)}"... is not valid JSON`],
  ])('a secret cut %s shows no start', (_, text) => {
    expect(redactText(text, [secret])).not.toContain(secret.slice(0, 6));
  });

  test('a word that only looks like a secret start stays', () => {
    expect(redactText('fetched ghp_ and more', [secret])).toBe('fetched ghp_ and more');
  });
});

describe("the run's signal ends a send in flight", () => {
  test('a channel that never answers: the send ends when the signal fires, and says why', async () => {
    const silent = await startServer(() => undefined);
    opened.push(silent);
    const controller = new AbortController();
    const sending = sendNotice(target(`- slack: "${silent.url}/services/T/B/x"`), sampleEvent(), {
      ...context,
      signal: controller.signal,
    });
    while (silent.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort('run deadline (4m) reached');
    await expect(sending).rejects.toThrow('not finished: run deadline (4m) reached');
  });

  test('deliver starts no send after the signal, and keeps what is left for a later run', async () => {
    const service = await channel();
    const controller = new AbortController();
    controller.abort('run cancelled (SIGINT)');
    const slack = target(`- slack: "${service.url}/services/T/B/x"`);
    const result = await deliver({
      events: [sampleEvent()],
      outbox: [],
      targets: [slack],
      now: new Date(),
      send: (to, event) => sendNotice(to, event, context),
      signal: controller.signal,
    });
    expect(service.requests).toHaveLength(0);
    expect(result.outbox).toHaveLength(1);
    expect(result.failed[0].error).toBe('not tried: run cancelled (SIGINT)');
  });
});

describe('the CLI keeps the same promises in a folder', () => {
  test('a state.json and status.json of garbage: the run goes on, says what it dropped, and writes them anew', async () => {
    const { main } = await import('../../src/cli.js');
    const { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const service = await startServer((_req, res) => res.end('ok'));
    opened.push(service);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-trust-'));
    const dir = path.join(cwd, 'data');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'status.json'), JSON.stringify({ endpoints: [{ id: 'ghost' }, null, 'x'] }));
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ endpoints: { a: 1 }, outbox: [null, 4] }));
    const out = { stdout: '', stderr: '' };
    try {
      const code = await main(['check', '--history-dir', dir, '--retries', '0', `${service.url}/ok`], {
        stdout: (text: string) => void (out.stdout += text),
        stderr: (text: string) => void (out.stderr += text),
        env: {},
        cwd,
        colour: false,
      });
      expect(code).toBe(0);
      expect(out.stderr).toBe('');
      expect(out.stdout).toMatch(/warning: status\.json: 3 entries of an unknown shape were dropped/);
      expect(out.stdout).toMatch(/warning: state\.json: 2 entries of the notification outbox could not be read/);
      const status = JSON.parse(readFileSync(path.join(dir, 'status.json'), 'utf8')) as { endpoints: Array<{ id: string }> };
      expect(status.endpoints.map((entry) => entry.id)).toEqual([expect.stringContaining('127-0-0-1')]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
