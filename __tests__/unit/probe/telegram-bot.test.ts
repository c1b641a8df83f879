/**
 * The Telegram bot check against a loopback HTTP server playing the Bot API (`getMe` and
 * `getWebhookInfo`), answering for one token and refusing any other as Telegram does.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type http from 'node:http';
import { probeTelegramBot } from '../../../src/probe/kinds/telegram-bot.js';
import type { ProbeRequest, ProbeResult } from '../../../src/probe/types.js';
import { HOSTILE } from '../../support/channels.js';
import { makeCerts } from '../../support/certs.js';
import { check, endpointsOf } from '../../support/kinds.js';
import { closedPort, hostsLookup, startServer, type Service } from '../../support/servers.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = TOKEN.slice(TOKEN.indexOf(':') + 1);

/** What the fake Bot API answers to getWebhookInfo; changed by each test. */
let webhook: Record<string, unknown> = {};
let silentWebhook = false;

const reply = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function botApi(req: http.IncomingMessage, res: http.ServerResponse): void {
  const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
  if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
  // Telegram answers a wrong token with 401, and echoes nothing of it.
  if (match[1] !== TOKEN) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
  if (match[2] === 'getMe') {
    return reply(res, 200, { ok: true, result: { id: 123456789, is_bot: true, first_name: 'Shop', username: 'shop_bot' } });
  }
  if (match[2] === 'getWebhookInfo') {
    if (silentWebhook) return; // never answers
    return reply(res, 200, { ok: true, result: { url: '', has_custom_certificate: false, pending_update_count: 0, ...webhook } });
  }
  reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
}

let api: Service;
let secureApi: Service;

beforeAll(async () => {
  const certs = makeCerts();
  api = await startServer(botApi);
  secureApi = await startServer(botApi, { key: certs.key, cert: certs.selfSigned });
});
afterAll(async () => {
  await Promise.all([api.close(), secureApi.close()]);
});

const request = (kind: ProbeRequest['kind'], extra: Partial<ProbeRequest> = {}): ProbeRequest => ({
  url: '',
  method: 'GET',
  headers: {},
  body: null,
  timeout: 5000,
  followRedirects: 0,
  insecure: false,
  kind,
  ...extra,
});

function expectNoToken(result: ProbeResult): void {
  const text = JSON.stringify({ ...result, body: result.body.toString('utf8') });
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(SECRET.slice(0, 8));
  expect(text).not.toContain(encodeURIComponent(TOKEN));
}

function expectPhasesAddUp(result: ProbeResult): void {
  const t = result.timings;
  expect(t.dns + t.connect + t.tls + t.wait + t.download).toBe(t.total);
}

describe('telegram bot', () => {
  test('up: getMe names the bot, getWebhookInfo shows nothing wrong', async () => {
    webhook = { pending_update_count: 3 };
    const result = await probeTelegramBot(request({ token: TOKEN, apiUrl: api.url }), {});
    expect(result.error).toBeNull();
    expect(result.statusText).toBe('@shop_bot');
    expect(result.finalUrl).toBe('telegram-bot:123456789');
    expect(result.httpStatus).toBe(200);
    expect(api.requests.slice(-2).map((r) => r.url)).toEqual([`/bot${TOKEN}/getMe`, `/bot${TOKEN}/getWebhookInfo`]);
    expectPhasesAddUp(result);
    expect(result.timings.dns).toBe(0);
    expectNoToken(result);
  });

  test('the phases of both calls are added up (a looked-up host name, twice)', async () => {
    webhook = {};
    const lookup = hostsLookup({ 'bots.internal': '127.0.0.1' }, 40);
    const result = await probeTelegramBot(request({ token: TOKEN, apiUrl: `http://bots.internal:${api.port}/` }), { lookup });
    expect(result.error).toBeNull();
    // Two lookups of 40 ms each.
    expect(result.timings.dns).toBeGreaterThanOrEqual(75);
    expectPhasesAddUp(result);
  });

  test('down: a wrong token is named by what Telegram says, without the token', async () => {
    const wrong = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDzzz';
    const result = await probeTelegramBot(request({ token: wrong, apiUrl: api.url }), {});
    expect(result.error).toBe('getMe failed: Telegram says "Unauthorized" (HTTP 401)');
    expect(result.errorCode).toBe('TELEGRAM_ERROR');
    expect(result.statusText).toBeNull();
    expect(result.finalUrl).toBe('telegram-bot:123456789');
    expect(JSON.stringify(result)).not.toContain(wrong.slice(10));
  });

  test('down: more updates waiting than max-pending', async () => {
    webhook = { pending_update_count: 101 };
    const byDefault = await probeTelegramBot(request({ token: TOKEN, apiUrl: api.url }), {});
    expect(byDefault.error).toBe('101 updates waiting (max-pending 100)');
    expect(byDefault.errorCode).toBe('TOO_MANY_PENDING');
    expect(byDefault.statusText).toBe('@shop_bot');

    const raised = await probeTelegramBot(request({ token: TOKEN, apiUrl: api.url, maxPending: 500 }), {});
    expect(raised.error).toBeNull();
  });

  test("down: a webhook error in the last 10 minutes, quoting Telegram's message as text", async () => {
    const message = `Wrong response from the webhook: 502 Bad Gateway ${HOSTILE}`;
    webhook = {
      url: 'https://shop.example/hook',
      last_error_date: Math.floor(Date.now() / 1000) - 90,
      last_error_message: message,
    };
    const result = await probeTelegramBot(request({ token: TOKEN, apiUrl: api.url }), {});
    expect(result.errorCode).toBe('WEBHOOK_ERROR');
    expect(result.error).toMatch(
      /^webhook error 2 min ago: Telegram says "Wrong response from the webhook: 502 Bad Gateway @everyone/,
    );
    // Quoted whole (within 200 characters) as a JSON string: the text stays text.
    expect(result.error).toContain(JSON.stringify(message.slice(0, 200) + '…'));

    // An error older than 10 minutes is history.
    webhook = { last_error_date: Math.floor(Date.now() / 1000) - 11 * 60, last_error_message: 'Connection timed out' };
    const old = await probeTelegramBot(request({ token: TOKEN, apiUrl: api.url }), {});
    expect(old.error).toBeNull();
  });

  test('down: the Bot API cannot be reached, or answers too late; the deadline covers both calls', async () => {
    const refused = await probeTelegramBot(request({ token: TOKEN, apiUrl: `http://127.0.0.1:${await closedPort()}` }), {});
    expect(refused.error).toBe('getMe: connection refused');
    expectNoToken(refused);

    silentWebhook = true;
    try {
      const started = Date.now();
      const late = await probeTelegramBot(request({ token: TOKEN, apiUrl: api.url }, { timeout: 600 }), {});
      expect(Date.now() - started).toBeLessThan(3000);
      expect(late.error).toBe('getWebhookInfo: timed out after 600 ms waiting for response headers');
      expect(late.errorCode).toBe('TIMEOUT');
      expect(late.statusText).toBe('@shop_bot');
      expectPhasesAddUp(late);
      expectNoToken(late);
    } finally {
      silentWebhook = false;
    }
  });

  test('https: the certificate is verified unless insecure, and its expiry reported', async () => {
    webhook = {};
    const apiUrl = `https://localhost:${secureApi.port}`;
    const lookup = hostsLookup({ localhost: '127.0.0.1' });
    const verified = await probeTelegramBot(request({ token: TOKEN, apiUrl }), { lookup });
    expect(verified.error).toBe('getMe: self-signed certificate');
    expectNoToken(verified);
    const insecure = await probeTelegramBot(request({ token: TOKEN, apiUrl }, { insecure: true }), { lookup });
    expect(insecure.error).toBeNull();
    expect(insecure.certValidTo).not.toBeNull();
    expect(insecure.timings.tls).toBeGreaterThan(0);
    expectPhasesAddUp(insecure);
  });

  test('down: something other than the Bot API answers (a proxy error page)', async () => {
    const proxy = await startServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html><body>Bad Gateway ${TOKEN}</body></html>`);
    });
    try {
      const result = await probeTelegramBot(request({ token: TOKEN, apiUrl: proxy.url }), {});
      expect(result.error).toBe('getMe did not answer as the Bot API does (HTTP 502)');
      expect(result.errorCode).toBe('NOT_BOT_API');
      expect(result.body.length).toBe(0);
      expectNoToken(result);
    } finally {
      await proxy.close();
    }
  });

  test('a token that is not a bot token is named before any request, and not shown', async () => {
    const before = api.requests.length;
    const result = await probeTelegramBot(request({ token: 'not-a-token-s3cr3t', apiUrl: api.url }), {});
    expect(result.error).toBe('the bot token is not of the form 123456:ABC… (digits, a colon, then the secret)');
    expect(result.errorCode).toBe('BAD_TOKEN');
    expect(result.finalUrl).toBe('telegram-bot:');
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
    expect(api.requests.length).toBe(before);

    const pathy = await probeTelegramBot(request({ token: '123:abc/../../s3cr3t?x=', apiUrl: api.url }), {});
    expect(pathy.errorCode).toBe('BAD_TOKEN');
    expect(pathy.finalUrl).toBe('telegram-bot:123');
    expect(JSON.stringify(pathy)).not.toContain('s3cr3t');
    expect(api.requests.length).toBe(before);
  });

  test("the endpoint's name is the bot's @username when none is given; the id never changes", async () => {
    webhook = {};
    const env = { BOT_TOKEN: TOKEN, WRONG_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDzzz' };
    const [unnamed, named] = endpointsOf(
      [
        `- telegram-bot: \${BOT_TOKEN}\n  api-url: ${api.url}`,
        `- name: Shop bot\n  id: shop-bot\n  telegram-bot: \${BOT_TOKEN}\n  api-url: ${api.url}`,
      ].join('\n'),
      {},
      env,
    );
    const [failing] = endpointsOf(`- telegram-bot: \${WRONG_TOKEN}\n  api-url: ${api.url}\n  retries: 0`, {}, env);
    // Before any check, the name is the numeric id: the token's public part.
    expect([unnamed.id, unnamed.name]).toEqual(['telegram-123456789', '123456789']);

    const up = await check(unnamed);
    expect(up).toMatchObject({ id: 'telegram-123456789', name: '@shop_bot', url: 'telegram-bot:123456789', status: 'up' });
    // A name given is kept.
    expect(await check(named)).toMatchObject({ id: 'shop-bot', name: 'Shop bot', status: 'up' });
    // getMe failed: the numeric id names it, as before it was known.
    const down = await check(failing);
    expect(down).toMatchObject({ id: 'telegram-123456789', name: '123456789', status: 'down' });
    expect(down.error).toBe('getMe failed: Telegram says "Unauthorized" (HTTP 401)');

    // getMe answered but the bot is down (updates pile up): it is named by its @username.
    webhook = { pending_update_count: 250 };
    const piling = await check({ ...unnamed, retries: 0 });
    expect(piling).toMatchObject({ name: '@shop_bot', status: 'down', error: '250 updates waiting (max-pending 100)' });
    for (const result of [up, down, piling]) expect(JSON.stringify(result)).not.toContain(SECRET.slice(0, 12));
  });
});
