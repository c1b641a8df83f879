/**
 * The `notify:` list: every channel's shape, `${VAR}` through the loader's substitute, secrets
 * collected for masking, stable secret-free target keys, and one clear problem per mistake.
 */
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { checkNotifyEndpoints, parseNotify } from '../../../src/config/notify.js';
import type { Substitute } from '../../../src/config/notify.js';

const env: Record<string, string> = {
  TELEGRAM_TOKEN: '123456:AAH-secret_token',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/slacksecret',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/discordsecret',
  HOOK_SECRET: 'hmac-secret',
  SMTP_PASSWORD: 'p@ss word',
};

/** What the config loader does: replace `${NAME}`, and throw on a missing variable. */
const calls: Array<{ text: string; where: string }> = [];
const substitute: Substitute = (text, where) => {
  calls.push({ text, where });
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (env[name] === undefined) throw new Error(`environment variable ${name} is not set`);
    return env[name];
  });
};

const ALL = `
- telegram: { token: "\${TELEGRAM_TOKEN}", chat: "-1001234567890" }
- slack: "\${SLACK_WEBHOOK_URL}"
- discord: { url: "\${DISCORD_WEBHOOK_URL}" }
  on: [down, recovered, degraded]
- webhook: { url: "https://hooks.example.com/vigil", secret: "\${HOOK_SECRET}" }
  endpoints: [api-health]
- email: { smtp: "smtps://vigil:\${SMTP_PASSWORD}@smtp.example.com", from: "Vigil <vigil@example.com>", to: [ops@example.com, dev@example.com] }
  on: maintenance
`;

describe('parseNotify', () => {
  test('reads every channel as docs/notifications.md writes it, with the default events and all endpoints', () => {
    const { targets, problems } = parseNotify(parse(ALL), substitute);
    expect(problems).toEqual([]);
    expect(targets.map((target) => target.channel)).toEqual(['telegram', 'slack', 'discord', 'webhook', 'email']);
    const [telegram, slack, discord, webhook, email] = targets;
    expect(telegram).toMatchObject({ token: env.TELEGRAM_TOKEN, chat: '-1001234567890', apiUrl: 'https://api.telegram.org' });
    expect(telegram.on).toEqual(['down', 'recovered']);
    expect(telegram.endpoints).toBeNull();
    expect(slack).toMatchObject({ url: env.SLACK_WEBHOOK_URL });
    expect(discord).toMatchObject({ url: env.DISCORD_WEBHOOK_URL, on: ['down', 'recovered', 'degraded'] });
    expect(webhook).toMatchObject({ url: 'https://hooks.example.com/vigil', secret: 'hmac-secret', endpoints: ['api-health'] });
    expect(email).toMatchObject({
      smtp: { host: 'smtp.example.com', port: 465, implicitTls: true, user: 'vigil', password: 'p@ss word' },
      from: 'Vigil <vigil@example.com>',
      to: ['ops@example.com', 'dev@example.com'],
      on: ['maintenance'],
    });
  });

  test('hands each value to the loader with its place', () => {
    calls.length = 0;
    parseNotify(parse(ALL), substitute);
    expect(calls).toContainEqual({ text: '${TELEGRAM_TOKEN}', where: 'notify[0].telegram.token' });
    expect(calls).toContainEqual({ text: '${SLACK_WEBHOOK_URL}', where: 'notify[1].slack.url' });
    expect(calls).toContainEqual({ text: 'smtps://vigil:${SMTP_PASSWORD}@smtp.example.com', where: 'notify[4].email.smtp' });
  });

  test('collects every secret for masking: bot token, webhook URLs, signing secret, SMTP password', () => {
    const { secrets } = parseNotify(parse(ALL), substitute);
    for (const secret of [env.TELEGRAM_TOKEN, env.SLACK_WEBHOOK_URL, env.DISCORD_WEBHOOK_URL, 'hmac-secret', 'p@ss word']) {
      expect(secrets).toContain(secret);
    }
  });

  test('gives each target a stable key that holds no secret and survives a rotated secret', () => {
    const first = parseNotify(parse(ALL), substitute).targets.map((target) => target.key);
    expect(first[0]).toMatch(/^telegram#0:[0-9a-f]{8}$/);
    expect(first[4]).toMatch(/^email#4:[0-9a-f]{8}$/);
    expect(new Set(first).size).toBe(5);
    for (const key of first) for (const secret of Object.values(env)) expect(key).not.toContain(secret);

    const saved = env.TELEGRAM_TOKEN;
    env.TELEGRAM_TOKEN = '999:rotated';
    try {
      expect(parseNotify(parse(ALL), substitute).targets[0].key).toBe(first[0]);
    } finally {
      env.TELEGRAM_TOKEN = saved;
    }
    const otherChat = parseNotify(parse('- telegram: { token: "${TELEGRAM_TOKEN}", chat: "@ops_alerts" }'), substitute);
    expect(otherChat.targets[0].key).not.toBe(first[0]);
  });

  test('smtp:// defaults to port 587 with STARTTLS; api-url points Telegram at a self-hosted Bot API', () => {
    const { targets, problems } = parseNotify(
      parse(`
- email: { smtp: "smtp://mailer@mail.example.com", from: a@example.com, to: b@example.com }
- telegram: { token: "1:x", chat: 42, api-url: "https://bots.example.com/" }`),
      substitute,
    );
    expect(problems).toEqual([]);
    expect(targets[0]).toMatchObject({
      smtp: { port: 587, implicitTls: false, user: 'mailer', password: null },
      to: ['b@example.com'],
    });
    expect(targets[1]).toMatchObject({ chat: '42', apiUrl: 'https://bots.example.com' });
  });

  test('names the place of every mistake, with did-you-mean', () => {
    const { targets, problems } = parseNotify(
      parse(`
- telegram: { token: "\${TELEGRAM_TOKEN}" }
- telegrm: { token: x, chat: y }
- slack: { url: "\${SLACK_WEBHOOK_URL}", chanel: "#ops" }
- discord: "not a url"
  on: [down, recoverd]
- webhook: { url: "ftp://hooks.example.com" }
- email: { smtp: "https://smtp.example.com", from: nobody, to: [] }
- slack: "\${SLACK_WEBHOOK_URL}"
  discord: "\${DISCORD_WEBHOOK_URL}"
- webhook: { url: "\${MISSING_VAR}" }
- email: { smtp: "smtp://127.0.0.1", from: a@example.com, to: "\${NO_SUCH_LIST}" }
- telegram: { tokn: "1:x", chat: "-1" }
- {}
`),
      substitute,
    );
    expect(targets).toEqual([]);
    const messages = problems.map((p) => `${p.where}: ${p.message}`);
    expect(messages).toEqual([
      'notify[0].telegram.chat: required',
      'notify[1].telegrm: unknown channel or key (did you mean "telegram"?)',
      'notify[2].slack.chanel: unknown key (known keys: url)',
      'notify[3].on[1]: "recoverd" is not an event (did you mean "recovered"?)',
      'notify[3].discord.url: is not a valid URL',
      'notify[4].webhook.url: scheme "ftp" is not supported (use https)',
      'notify[5].email.smtp: scheme "https" is not supported (use smtps:// for TLS, or smtp:// for STARTTLS)',
      'notify[5].email.from: "nobody" is not an e-mail address (vigil@example.com or "Vigil <vigil@example.com>")',
      'notify[5].email.to: empty: list at least one address',
      'notify[6]: names slack and discord: one channel per item (make one item for each)',
      'notify[7].webhook.url: environment variable MISSING_VAR is not set',
      'notify[8].email.to: environment variable NO_SUCH_LIST is not set',
      'notify[9].telegram.tokn: unknown key (did you mean "token"?)',
      'notify[9].telegram.token: required',
      'notify[10]: names no channel (use one of telegram, slack, discord, webhook, email)',
    ]);
  });

  test('a bad bot token or webhook URL is reported without echoing the secret', () => {
    env.BAD = 'not-a-token-but-secret';
    const { problems } = parseNotify(parse('- telegram: { token: "${BAD}", chat: "-100" }\n- slack: "${BAD}"'), substitute);
    expect(problems.map((p) => p.where)).toEqual(['notify[0].telegram.token', 'notify[1].slack.url']);
    for (const p of problems) expect(p.message).not.toContain('not-a-token-but-secret');
    delete env.BAD;
  });

  test('a value still holding ${VAR} (validated where the secret is not set) is not judged by its shape', () => {
    const keep: Substitute = (text) => text;
    const { targets, problems } = parseNotify(parse('- telegram: { token: "${TELEGRAM_TOKEN}", chat: "${CHAT}" }'), keep);
    expect(problems).toEqual([]);
    expect(targets).toHaveLength(1);
  });

  test('no notify is no target; anything but a list is one problem', () => {
    expect(parseNotify(undefined, substitute)).toEqual({ targets: [], secrets: [], problems: [] });
    expect(parseNotify({ slack: 'x' }, substitute).problems[0].where).toBe('notify');
  });

  test('endpoints: ids that name no endpoint are found once the endpoints are known', () => {
    const { targets } = parseNotify(parse('- slack: "${SLACK_WEBHOOK_URL}"\n  endpoints: [api-helth, payments]'), substitute);
    expect(checkNotifyEndpoints(targets, ['api-health', 'payments'])).toEqual([
      { where: 'notify[0].endpoints[0]', message: 'no endpoint has the id "api-helth" (did you mean "api-health"?)' },
    ]);
  });
});
