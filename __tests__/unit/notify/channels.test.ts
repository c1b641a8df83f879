/**
 * The HTTP channels against loopback services playing Telegram, Slack, Discord and a webhook
 * receiver: what is sent (method, path, headers, JSON), that a hostile response arrives inert
 * in every channel, that each message fits its channel, and that failures say what happened
 * without a secret.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { parse } from 'yaml';
import type { VigilEvent } from '../../../src/history/types.js';
import { parseNotify } from '../../../src/config/notify.js';
import { renderDiscord } from '../../../src/notify/discord.js';
import type { NotifyContext } from '../../../src/notify/message.js';
import { buildMessage } from '../../../src/notify/message.js';
import { sendNotice } from '../../../src/notify/send.js';
import type { NotifyTarget } from '../../../src/config/notify-types.js';
import { redactText } from '../../../src/text/redact.js';
import { HOSTILE, pageUrl, runUrl, sampleEvent, startChannel } from '../../support/channels.js';
import type { ChannelService } from '../../support/channels.js';
import { startServer } from '../../support/servers.js';

const TOKEN = '123456:AAH-secret_token';
let services: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(services.map((service) => service.close()));
  services = [];
});

async function channel(...args: Parameters<typeof startChannel>): Promise<ChannelService> {
  const service = await startChannel(...args);
  services.push(service);
  return service;
}

function target(yaml: string): NotifyTarget {
  const { targets, problems } = parseNotify(parse(yaml), (text) => text);
  expect(problems).toEqual([]);
  return targets[0];
}

const context = (secrets: string[] = []): NotifyContext => ({
  redact: (text) => redactText(text, secrets),
  runUrl,
  pageUrl,
  timeoutMs: 2000,
});
const hostile = (overrides: Partial<VigilEvent> = {}) =>
  sampleEvent({ error: HOSTILE, failures: [`body contains ${HOSTILE}`], ...overrides });

/** Telegram HTML with our own tags taken out: what is left must hold no markup at all. */
function withoutOwnTags(html: string): string {
  return html.replace(/<\/?(b|code)>|<a href="[^"<>]*">|<\/a>/g, '');
}

describe('Telegram', () => {
  test('POSTs sendMessage to the bot URL with parse_mode HTML, no previews, and the facts people act on', async () => {
    const service = await channel();
    await sendNotice(
      target(`- telegram: { token: "${TOKEN}", chat: "-1001234567890", api-url: "${service.url}" }`),
      sampleEvent(),
      context(),
    );
    expect(service.requests).toHaveLength(1);
    const [request] = service.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/bot${TOKEN}/sendMessage`);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    const body = service.json()[0];
    expect(body).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML', disable_web_page_preview: true });
    const text = body.text as string;
    expect(text.split('\n')[0]).toBe('<b>🔴 API health is down</b>');
    expect(text).toContain('Down since: 2026-11-26 09:55 UTC');
    expect(text).toContain('Error: <code>connection refused</code>');
    expect(text).toContain('Failed check: <code>status 503 is not in 200-299</code>');
    expect(text).toContain('Response: HTTP 503 · 412 ms');
    expect(text).toContain('<a href="https://github.com/acme/site/issues/12">Incident #12</a>');
    expect(text).toContain(`<a href="${runUrl}">Workflow run</a>`);
    expect(text).toContain(`<a href="${pageUrl}">Status page</a>`);
  });

  test('a hostile response arrives as text: every & < > escaped, inside <code>, no link or mention', async () => {
    const service = await channel();
    await sendNotice(target(`- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${service.url}" }`), hostile(), context());
    const text = service.json()[0].text as string;
    expect(withoutOwnTags(text)).not.toMatch(/[<>]/);
    expect(text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(text).toContain('&amp;amp;');
    expect(text).not.toContain('https://evil');
    const error = /Error: <code>([^<]*)<\/code>/.exec(text)![1];
    expect(error).toContain('@\u200beveryone');
  });

  test('a recovery says how long the outage lasted', async () => {
    const service = await channel();
    const event = sampleEvent({
      kind: 'recovered',
      status: 'up',
      since: '2026-11-26T10:05:03.412Z',
      downtime: 601,
      error: null,
      failures: [],
      httpStatus: 200,
    });
    await sendNotice(target(`- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${service.url}" }`), event, context());
    const text = service.json()[0].text as string;
    expect(text).toContain('<b>✅ API health recovered after 10 min</b>');
    expect(text).toContain('Outage lasted: 10 min');
    expect(text).toContain('Down from: 2026-11-26 09:55 UTC to 2026-11-26 10:05 UTC');
  });

  test('a huge error is cut with … so the message stays within 4096 characters and its HTML stays whole', async () => {
    const service = await channel();
    const event = sampleEvent({
      error: `<&>${'x'.repeat(9000)}`,
      failures: Array.from({ length: 50 }, (_, i) => `check ${i} & <more>`),
    });
    await sendNotice(target(`- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${service.url}" }`), event, context());
    const text = service.json()[0].text as string;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.length).toBeGreaterThan(3500);
    expect(text).toContain('…');
    expect(text.match(/<code>/g)!.length).toBe(text.match(/<\/code>/g)!.length);
    expect(withoutOwnTags(text)).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|#39;)/);
    expect(text).toContain('Status page</a>');
  });

  test("the Bot API's refusal is the error, and neither it nor a timeout shows the token", async () => {
    const refusing = await channel([
      { status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' },
    ]);
    await expect(
      sendNotice(target(`- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${refusing.url}" }`), sampleEvent(), context()),
    ).rejects.toThrow('HTTP 400: Bad Request: chat not found');
    // A server that echoes the path (and so the token) in its answer; the run's redaction knows
    // nothing here: the target's own secrets are taken out by the sender.
    const echoing = await startServer((req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no route for ${req.url}`);
    });
    services.push(echoing);
    const echoed = await sendNotice(
      target(`- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${echoing.url}" }`),
      sampleEvent(),
      context(),
    ).catch((error: Error) => error);
    expect(String(echoed)).toContain('HTTP 404: no route for /bot***/sendMessage');
    expect(String(echoed)).not.toContain(TOKEN);

    const hanging = await startServer(() => undefined);
    services.push(hanging);
    const failure = await sendNotice(
      target(`- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${hanging.url}" }`),
      sampleEvent(),
      {
        ...context(),
        timeoutMs: 300,
      },
    ).catch((error: Error) => error);
    expect(String(failure)).toContain('no answer within 300 ms');
    expect(String(failure)).not.toContain(TOKEN);
  });
});

describe('Slack', () => {
  test('POSTs Block Kit to the webhook: mrkdwn with verbatim, response text escaped so <!channel> and <@U…> are inert', async () => {
    const service = await channel([], { status: 200, body: 'ok' });
    await sendNotice(target(`- slack: "${service.url}/services/T0/B0/secret"`), hostile(), context());
    expect(service.requests[0]).toMatchObject({ method: 'POST', url: '/services/T0/B0/secret' });
    const body = service.json()[0] as {
      text: string;
      blocks: Array<{
        type: string;
        text?: { type: string; text: string; verbatim: boolean };
        elements?: Array<{ text: string }>;
      }>;
    };
    expect(body.text).toBe('🔴 API health is down');
    const section = body.blocks[0].text!;
    expect(section).toMatchObject({ type: 'mrkdwn', verbatim: true });
    expect(section.text).toContain('&lt;!channel&gt;');
    expect(section.text).toContain('&lt;@\u200bU024BE7LH&gt;');
    expect(section.text).not.toMatch(/<[!@#]/);
    expect(section.text).not.toContain('<');
    expect(section.text).not.toContain('https://evil');
    // Response text sits inside inline code, which its own backticks cannot close.
    const error = /Error: `([^`]*)`/.exec(section.text)![1];
    expect(error).toContain('**loud**');
    // Links are only ours, in the context block.
    expect(body.blocks[1].elements![0].text).toBe(
      `<https://github.com/acme/site/issues/12|Incident #12> · <${runUrl}|Workflow run> · <${pageUrl}|Status page>`,
    );
  });

  test('a text block stays within 3000 characters', async () => {
    const service = await channel([], { status: 200, body: 'ok' });
    await sendNotice(target(`- slack: "${service.url}/hook"`), sampleEvent({ error: '<'.repeat(5000) }), context());
    const body = service.json()[0] as { blocks: Array<{ text?: { text: string } }> };
    expect(body.blocks[0].text!.text.length).toBeLessThanOrEqual(3000);
    expect(body.blocks[0].text!.text).toContain('&lt;…`');
  });

  test('a refused post fails with the status, and the webhook URL never shows', async () => {
    const service = await channel([{ status: 404, body: 'no_service' }]);
    const url = `${service.url}/services/T0/B0/secret`;
    const failure = await sendNotice(target(`- slack: "${url}"`), sampleEvent(), context([url])).catch((error: Error) => error);
    expect(String(failure)).toContain('HTTP 404: no_service');
    expect(String(failure)).not.toContain('secret');
  });
});

describe('Discord', () => {
  test('POSTs content with allowed_mentions parse [] and no embeds; markup from the response is inert', async () => {
    const service = await channel([{ status: 204 }]);
    await sendNotice(target(`- discord: { url: "${service.url}/api/webhooks/1/tok" }`), hostile(), context());
    expect(service.requests[0]).toMatchObject({ method: 'POST', url: '/api/webhooks/1/tok' });
    const body = service.json()[0] as { content: string; allowed_mentions: unknown; flags: number };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.flags & 4).toBe(4);
    const content = body.content;
    expect(content.split('\n')[0]).toBe('**🔴 API health is down**');
    // Response text only inside inline code (no backtick of its own can close it), and even
    // there no mention or URL a client would act on.
    const error = /Error: `([^`]*)`/.exec(content)![1];
    expect(error).toContain('[x](http\u200b://evil.example)');
    expect(content).not.toMatch(/@everyone|@here|https?:\/\/evil/);
    expect(content).toContain(`[Workflow run](<${runUrl}>)`);
  });

  test('names and labels are Markdown-escaped and the message stays within 2000 characters', async () => {
    const service = await channel([{ status: 204 }]);
    await sendNotice(
      target(`- discord: "${service.url}/hook"`),
      sampleEvent({ name: '*bold* _name_ [link](x)', error: 'e'.repeat(5000), failures: ['f'.repeat(3000)] }),
      context(),
    );
    const content = service.json()[0].content as string;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content.split('\n')[0]).toBe('**🔴 \\*bold\\* \\_name\\_ \\[link\\]\\(x\\) is down**');
    expect(renderDiscord(buildMessage(sampleEvent(), context())).length).toBeLessThan(2000);
  });
});

describe('Webhook', () => {
  test('POSTs the documented body exactly, redacted, with an HMAC-SHA256 signature of the bytes sent', async () => {
    const service = await channel();
    const event = sampleEvent({ error: 'refused by host with token s3cr3t-value' });
    await sendNotice(
      target(`- webhook: { url: "${service.url}/vigil", secret: "hook-secret" }`),
      event,
      context(['s3cr3t-value']),
    );
    const [request] = service.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/vigil');
    expect(request.headers['content-type']).toBe('application/json');
    const expected = `sha256=${createHmac('sha256', 'hook-secret').update(request.body).digest('hex')}`;
    expect(request.headers['x-vigil-signature-256']).toBe(expected);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'event',
      'endpoint',
      'status',
      'since',
      'error',
      'failures',
      'httpStatus',
      'responseTime',
      'downtime',
      'incident',
      'runUrl',
      'pageUrl',
    ]);
    expect(body).toEqual({
      event: 'down',
      endpoint: { id: 'api-health', name: 'API health', url: 'https://api.example.com/health?token=***' },
      status: 'down',
      since: '2026-11-26T09:55:02.917Z',
      error: 'refused by host with token ***',
      failures: ['status 503 is not in 200-299'],
      httpStatus: 503,
      responseTime: 412,
      downtime: null,
      incident: { number: 12, url: 'https://github.com/acme/site/issues/12' },
      runUrl,
      pageUrl,
    });
  });

  test('without a secret there is no signature header; a 500 is a failure', async () => {
    const service = await channel([{ status: 500, body: 'oops' }]);
    await expect(sendNotice(target(`- webhook: { url: "${service.url}/vigil" }`), sampleEvent(), context())).rejects.toThrow(
      'HTTP 500: oops',
    );
    expect(service.requests[0].headers['x-vigil-signature-256']).toBeUndefined();
  });

  test('a redirect is not followed: the message goes where it was configured or nowhere', async () => {
    const elsewhere = await channel();
    const moving = await startServer((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/stolen` });
      res.end();
    });
    services.push(moving);
    await expect(sendNotice(target(`- webhook: { url: "${moving.url}/vigil" }`), sampleEvent(), context())).rejects.toThrow(
      'HTTP 307',
    );
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('maintenance and degraded events', () => {
  test('a window’s start says until when on its own clock; its end says it is over', async () => {
    const service = await channel();
    const telegram = target(
      `- telegram: { token: "${TOKEN}", chat: "-1", api-url: "${service.url}" }\n  on: [maintenance, degraded]`,
    );
    const base = { kind: 'maintenance' as const, status: 'maintenance' as const, error: null, failures: [], incident: null };
    await sendNotice(
      telegram,
      sampleEvent({
        ...base,
        at: '2026-11-29T00:00:10Z',
        maintenance: { phase: 'start', until: '2026-11-29T00:30:00Z', timezone: 'Europe/Moscow' },
      }),
      context(),
    );
    await sendNotice(
      telegram,
      sampleEvent({ ...base, at: '2026-11-29T00:30:05Z', maintenance: { phase: 'end', until: null, timezone: 'Europe/Moscow' } }),
      context(),
    );
    await sendNotice(
      telegram,
      sampleEvent({
        kind: 'degraded',
        status: 'degraded',
        error: null,
        failures: [],
        since: '2026-11-26T10:00:00Z',
        responseTime: 4120,
        httpStatus: 200,
      }),
      context(),
    );
    const titles = service.json().map((body) => (body.text as string).split('\n')[0]);
    expect(titles).toEqual([
      '<b>🔧 API health: maintenance until 03:30 (Europe/Moscow)</b>',
      '<b>🔧 API health: maintenance is over</b>',
      '<b>🟡 API health is degraded</b>',
    ]);
    expect(service.json()[2].text).toContain('Response: HTTP 200 · 4.12 s');
  });
});
