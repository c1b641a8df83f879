/**
 * Notifications end to end: dist/index.js with history kept on a real git server, and every HTTP
 * channel (Telegram through `api-url`, Slack, Discord, a signed webhook) played by a loopback
 * service. The message formats are covered by the unit tests; here: who gets what, how often,
 * and that nothing secret shows.
 */
import { expect, test } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { startChannel, type ChannelService } from '../support/channels.js';
import { dataRepo, shown } from '../support/data-branch.js';
import { git } from '../support/git-server.js';
import { historyFixture } from '../support/run-fixture.js';
import { startServer } from '../support/servers.js';

const TELEGRAM_TOKEN = '123456:tgSECRETtoken';
const SIGNING_SECRET = 'signSECRETkey';

const history = historyFixture();

interface Channels {
  telegram: ChannelService;
  slack: ChannelService;
  discord: ChannelService;
  webhook: ChannelService;
}

async function startChannels(script: Partial<Record<keyof Channels, Array<{ status: number; body?: string }>>> = {}) {
  const channels: Channels = {
    telegram: await startChannel(script.telegram),
    slack: await startChannel(script.slack),
    discord: await startChannel(script.discord),
    webhook: await startChannel(script.webhook),
  };
  const env = {
    TELEGRAM_TOKEN,
    SLACK_WEBHOOK_URL: `${channels.slack.url}/services/T0/B0/slackSECRETpath`,
    DISCORD_WEBHOOK_URL: `${channels.discord.url}/api/webhooks/1/discordSECRETpath`,
    HOOK_URL: `${channels.webhook.url}/vigil?key=hookSECRETkey`,
    HOOK_SECRET: SIGNING_SECRET,
  };
  const notify = [
    `- telegram: { token: "\${TELEGRAM_TOKEN}", chat: "-1001234567890", api-url: "${channels.telegram.url}" }`,
    '- slack: "${SLACK_WEBHOOK_URL}"',
    '- discord: "${DISCORD_WEBHOOK_URL}"',
    '- webhook: { url: "${HOOK_URL}", secret: "${HOOK_SECRET}" }',
  ].join('\n');
  const close = () => Promise.all(Object.values(channels).map((channel) => channel.close()));
  return { channels, env, notify, close };
}

/** The event of each message a channel received, read from its body. */
function kinds(name: keyof Channels, channel: ChannelService): string[] {
  return channel.json().map((body) => {
    if (name === 'webhook') return String(body.event);
    const text = String(name === 'telegram' ? body.text : name === 'slack' ? body.text : body.content);
    return /recovered/.test(text) ? 'recovered' : / is down|down/.test(text) ? 'down' : `unknown: ${text}`;
  });
}

const pushes = () =>
  history.server.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/git-receive-pack'));

const ENDPOINTS = () => `- { id: shop, name: 'Shop <API> & co', url: "${history.endpoint.url}/health" }`;

test('down, still down, recovered: one message per event and channel, escaped, signed, secrets nowhere', async () => {
  const { channels, env, notify, close } = await startChannels();
  const repo = dataRepo(history.server, env);
  const inputs = { endpoints: ENDPOINTS(), notify, retries: '0' };
  try {
    history.endpoint.up = false;
    const down = await repo.run(inputs);
    expect(down.code).toBe(1);
    for (const [name, channel] of Object.entries(channels))
      expect([name, kinds(name as keyof Channels, channel)]).toEqual([name, ['down']]);

    // Telegram: the bot token in the path, HTML with the name escaped.
    const telegram = channels.telegram.requests[0];
    expect(telegram.url).toBe(`/bot${TELEGRAM_TOKEN}/sendMessage`);
    const telegramBody = channels.telegram.json()[0];
    expect(telegramBody).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML' });
    expect(telegramBody.text).toContain('Shop &lt;API&gt; &amp; co');
    expect(telegramBody.text).not.toContain('<API>');
    // Slack: nothing in `&<>` survives unescaped.
    expect(JSON.stringify(channels.slack.json()[0])).toContain('Shop &lt;API&gt; &amp; co');
    expect(JSON.stringify(channels.slack.json()[0])).not.toContain('<API>');
    // Discord: no mention can ping.
    expect(channels.discord.json()[0].allowed_mentions).toEqual({ parse: [] });
    // Webhook: the body docs/notifications.md shows, signed over the exact bytes with the secret.
    const hook = channels.webhook.requests[0];
    expect(hook.url).toBe('/vigil?key=hookSECRETkey');
    expect(hook.headers['content-type']).toMatch(/^application\/json/);
    expect(hook.headers['x-vigil-signature-256']).toBe(
      `sha256=${createHmac('sha256', SIGNING_SECRET).update(hook.body).digest('hex')}`,
    );
    expect(JSON.parse(hook.body)).toEqual({
      event: 'down',
      endpoint: { id: 'shop', name: 'Shop <API> & co', url: `${history.endpoint.url}/health` },
      status: 'down',
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      error: expect.stringContaining('503'),
      failures: expect.any(Array),
      httpStatus: 503,
      responseTime: expect.any(Number),
      downtime: null,
      incident: null,
      runUrl: `${history.server.url}/${repo.repository}/actions/runs/4242`,
      pageUrl: null,
    });

    const stillDown = await repo.run(inputs);
    expect(stillDown.code).toBe(1);
    for (const channel of Object.values(channels)) expect(channel.requests).toHaveLength(1);

    history.endpoint.up = true;
    const recovered = await repo.run(inputs);
    expect(recovered.code).toBe(0);
    for (const [name, channel] of Object.entries(channels))
      expect([name, kinds(name as keyof Channels, channel)]).toEqual([name, ['down', 'recovered']]);
    // How long: from the first down check to the first check that was not down.
    const day = repo.file(`history/${new Date().toISOString().slice(0, 10)}.csv`) ?? '';
    const rows = day
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const firstDown = Date.parse(rows.find((row) => row[2] === 'down')![0]);
    const firstUp = Date.parse(rows[rows.length - 1][0]);
    const recovery = JSON.parse(channels.webhook.requests[1].body) as { event: string; downtime: number };
    expect(recovery.event).toBe('recovered');
    expect(Math.abs(recovery.downtime - (firstUp - firstDown) / 1000)).toBeLessThanOrEqual(1);
    expect(String(channels.telegram.json()[1].text)).toMatch(/recovered after \d/);

    // No token, webhook URL or signing secret in any log line, output or summary, nor on the branch.
    for (const run of [down, stillDown, recovered]) expect(shown(run)).not.toMatch(/SECRET|123456:/);
    expect(git(repo.gitDir, ['log', '-p', '--all'])).not.toMatch(/SECRET|123456:/);
  } finally {
    await close();
  }
}, 180_000);

test('two overlapping runs that see the same outage send one message per channel', async () => {
  const { channels, env, notify, close } = await startChannels();
  const repo = dataRepo(history.server, env);
  const inputs = { endpoints: ENDPOINTS(), notify, retries: '0' };
  try {
    history.endpoint.up = true;
    expect((await repo.run(inputs)).code).toBe(0);
    history.endpoint.up = false;
    // Both runs read the branch before either pushes: both see the change to down.
    history.server.holdPushes(2);
    const pushesBefore = pushes().length;
    const runs = await Promise.all([repo.run(inputs), repo.run(inputs)]);
    // They did overlap: two pushes against the same head, and the refused one pushed again.
    expect(pushes().length - pushesBefore).toBe(3);
    expect(runs.map((run) => run.code)).toEqual([1, 1]);
    for (const [name, channel] of Object.entries(channels))
      expect([name, kinds(name as keyof Channels, channel)]).toEqual([name, ['down']]);
    // Both runs' checks were recorded; the one whose push recorded the change sent the messages.
    const day = repo.file(`history/${new Date().toISOString().slice(0, 10)}.csv`) ?? '';
    expect(day.split('\n').filter((line) => line.includes(',shop,down,'))).toHaveLength(2);
    expect(runs.map((run) => (run.stdout.match(/^Sent shop:down:\S+ to /gm) ?? []).length).sort()).toEqual([0, 4]);
  } finally {
    await close();
  }
}, 180_000);

test('a channel that fails twice gets the event once, on a later run; it fails nothing and the others get theirs', async () => {
  const { channels, env, notify, close } = await startChannels({
    slack: [
      { status: 500, body: 'internal_error' },
      { status: 500, body: 'internal_error' },
    ],
  });
  const repo = dataRepo(history.server, env);
  // The step's status follows `fail-on` alone: with `never`, a failed send must not fail it.
  const inputs = { endpoints: ENDPOINTS(), notify, retries: '0', 'fail-on': 'never' };
  try {
    history.endpoint.up = false;
    const first = await repo.run(inputs);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/^::error::/m);
    expect(channels.telegram.requests).toHaveLength(1);
    expect(channels.discord.requests).toHaveLength(1);
    expect(channels.webhook.requests).toHaveLength(1);
    expect(channels.slack.requests).toHaveLength(1);
    expect(first.summary).toMatch(
      /\n\*\*Notifications that could not be sent\*\*\n\n- slack \(`slack#1:[0-9a-f]+`\), `shop down`: `HTTP 500: internal_error` — retried by the next runs until \d\d:\d\d UTC\n/,
    );
    expect(repo.state().outbox).toEqual([expect.objectContaining({ target: expect.stringMatching(/^slack#1:/), attempts: 1 })]);

    const second = await repo.run(inputs);
    expect(second.code).toBe(0);
    expect(channels.slack.requests).toHaveLength(2);
    expect(second.summary).toContain('`HTTP 500: internal_error`');
    expect(repo.state().outbox).toEqual([expect.objectContaining({ attempts: 2 })]);

    const third = await repo.run(inputs);
    expect(third.code).toBe(0);
    expect(channels.slack.requests).toHaveLength(3);
    expect(kinds('slack', channels.slack)).toEqual(['down', 'down', 'down']);
    expect(third.stdout).toMatch(/^Sent shop:down:\S+ to slack#1:/m);
    expect(third.summary).not.toContain('could not be sent');
    expect(repo.state().outbox).toEqual([]);
    // The other channels were told once, in the first run, and never again.
    for (const name of ['telegram', 'discord', 'webhook'] as const) expect(channels[name].requests).toHaveLength(1);
    for (const run of [first, second, third]) expect(shown(run)).not.toMatch(/SECRET|123456:/);
    expect(git(repo.gitDir, ['log', '-p', '--all'])).not.toMatch(/SECRET|123456:/);
  } finally {
    await close();
  }
}, 180_000);

test('a webhook that quotes its own path in an error (as a framework 404 page does) leaks no part of its URL', async () => {
  // A framework's "not found" page names the method and path; for a webhook the path is often the credential.
  const hook = await startServer((req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end(`<pre>Cannot POST ${new URL(req.url ?? '/', 'http://x').pathname}</pre>`);
  });
  const repo = dataRepo(history.server, { HOOK_URL: `${hook.url}/hooks/hookSECRETpath?key=hookSECRETkey` });
  try {
    history.endpoint.up = false;
    const run = await repo.run({
      endpoints: ENDPOINTS(),
      notify: '- webhook: { url: "${HOOK_URL}" }',
      retries: '0',
      'fail-on': 'never',
    });
    expect(run.code).toBe(0);
    expect(hook.requests).toHaveLength(1);
    expect(run.summary).toContain('Notifications that could not be sent');
    expect(run.summary).toContain('`HTTP 404: <pre>Cannot POST ***</pre>`');
    expect(shown(run)).not.toContain('SECRET');
    expect(git(repo.gitDir, ['log', '-p', '--all'])).not.toContain('SECRET');
  } finally {
    await hook.close();
  }
}, 120_000);
