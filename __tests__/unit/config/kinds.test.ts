/** Check kinds in the configuration: the scheme picks the kind, keys must apply to it, and a URL
 * of a kind names what it lacks, all before any request is made. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEndpoint } from '../../../src/cli.js';
import { loadConfig, type InputName } from '../../../src/config/inputs.js';
import { ConfigError, type Config } from '../../../src/config/types.js';
import { kindsMarkdownTable } from '../../../src/probe/kinds/index.js';
import { ROOT } from '../../support/action.js';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'vigil-kinds-config-'));
const load = (endpoints: string, env: NodeJS.ProcessEnv = {}): Config =>
  loadConfig((name: InputName) => (name === 'endpoints' ? endpoints : ''), { env, workspace });

function problems(endpoints: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    load(endpoints, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('the scheme of url picks the kind', () => {
  test('each kind gets a name that says what it is, and an id made of it', () => {
    const config = load(
      [
        '- tcp://db.internal:5432',
        '- tls://mail.example.com:993',
        '- dns://127.0.0.1:5353/vigil.test?type=MX',
        '- dns:example.com',
        '- wss://chat.example.com/socket',
        '- grpc://api.internal:50051/payments',
        '- smtps://mail.example.com',
        '- https://example.com/health/',
      ].join('\n'),
    );
    expect(config.endpoints.map((endpoint) => [endpoint.name, endpoint.id])).toEqual([
      ['tcp db.internal:5432', 'tcp-db-internal-5432'],
      ['tls mail.example.com:993', 'tls-mail-example-com-993'],
      ['dns vigil.test MX', 'dns-vigil-test-mx'],
      ['dns example.com A', 'dns-example-com-a'],
      ['wss chat.example.com/socket', 'wss-chat-example-com-socket'],
      ['grpc api.internal:50051/payments', 'grpc-api-internal-50051-payments'],
      ['smtps mail.example.com', 'smtps-mail-example-com'],
      ['example.com/health/', 'example-com-health'],
    ]);
    // HTTP endpoints stay exactly as they were: no kind options.
    expect(config.endpoints[7].kind).toBeUndefined();
    expect(config.endpoints[0].kind).toEqual({});
  });

  test('kind keys reach the prober; defaults for other kinds are left alone', () => {
    const config = load(
      [
        '- url: ws://127.0.0.1:8080/',
        '  send: ping',
        '  body-contains: pong',
        '- url: smtp://127.0.0.1:2525',
        '  starttls: true',
        '  insecure: true',
      ].join('\n'),
    );
    expect(config.endpoints[0].kind).toEqual({ send: 'ping', readBody: true });
    expect(config.endpoints[0].bodyContains).toEqual(['pong']);
    expect(config.endpoints[1].kind).toEqual({ starttls: true });
    expect(config.endpoints[1].insecure).toBe(true);
  });

  test('defaults meant for other kinds are not used for a kind they do not apply to', () => {
    const workspaceFile = path.join(workspace, 'mixed.yml');
    writeFileSync(
      workspaceFile,
      [
        'defaults:',
        '  body-contains: Welcome',
        '  json: { status: ok }',
        '  send: hello',
        '  timeout: 5s',
        'endpoints:',
        '  - https://example.com/',
        '  - tcp://db.internal:5432',
        '  - ws://live.example.com/',
      ].join('\n'),
    );
    const config = loadConfig((name: InputName) => (name === 'config' ? 'mixed.yml' : ''), { env: {}, workspace });
    const [web, tcp, ws] = config.endpoints;
    expect([web.bodyContains, web.json.length, web.kind]).toEqual([['Welcome'], 1, undefined]);
    expect([tcp.bodyContains, tcp.json, tcp.kind, tcp.timeout]).toEqual([[], [], {}, 5000]);
    expect([ws.bodyContains, ws.json.length, ws.kind]).toEqual([['Welcome'], 1, { send: 'hello', readBody: true }]);
  });

  test('an unknown scheme lists the kinds', () => {
    expect(problems('- gopher://example.com/')).toEqual([
      'endpoints[0] (input endpoints, line 1): scheme "gopher" is not supported (use http, https, tcp, tls, dns, ws, wss, grpc, grpcs, smtp, smtps, postgres, postgresql, mysql, redis, rediss; or telegram-bot: or workflow: or heartbeat: in place of url)',
    ]);
  });

  test('a key that does not apply to the kind names the key and the kind', () => {
    expect(
      problems(
        [
          '- url: tcp://db.internal:5432',
          '  json: { status: ok }',
          '- url: https://example.com/',
          '  send: hello',
          '- url: grpc://api.internal:50051',
          '  insecure: true',
        ].join('\n'),
      ),
    ).toEqual([
      'endpoints[0].json (input endpoints, line 2): "json" does not apply to a tcp check (`tcp://host:port`); keys for it: name, id, timeout, retries, retry-delay, max-response-time, uptime-target, failure-threshold, success-threshold',
      'endpoints[1].send (input endpoints, line 4): "send" does not apply to an http check; it is for `ws://`, `wss://`',
      'endpoints[2].insecure (input endpoints, line 6): "insecure" does not apply to a grpc check (`grpc://host:port[/SERVICE]`, `grpcs://`); keys for it: name, id, timeout, retries, retry-delay, max-response-time, uptime-target, failure-threshold, success-threshold',
    ]);
  });

  test('a malformed URL of a kind says what is missing', () => {
    expect(
      problems(
        ['- tcp://db.internal', '- grpc://', '- dns://127.0.0.1/', '- dns:example.com?type=PTR', '- tls://:443'].join('\n'),
      ),
    ).toEqual([
      'endpoints[0] (input endpoints, line 1): tcp://db.internal needs a port (tcp://db.internal:PORT)',
      'endpoints[1] (input endpoints, line 2): grpc:// needs a host and a port (grpc://host:port)',
      'endpoints[2] (input endpoints, line 3): a dns URL needs a name to look up (dns://[resolver[:port]]/example.com?type=A)',
      'endpoints[3] (input endpoints, line 4): type "PTR" is not one of A, AAAA, CNAME, MX, TXT, NS, SOA, CAA',
      'endpoints[4] (input endpoints, line 5): "tls://:443" is not a valid URL',
    ]);
  });

  test('the database kinds: a key that does not apply, a URL without user or host, named before any request', () => {
    const env = { PG_PASSWORD: 'pg-S3cret-Passw0rd', REDIS_PASSWORD: 'r3dis-S3cret-Passw0rd' };
    const found = problems(
      [
        '- url: postgres://vigil:${PG_PASSWORD}@db.internal:5432/app',
        '  json: { status: ok }',
        '- url: mysql://vigil:${PG_PASSWORD}@db.internal/app',
        '  body-contains: "1"',
        '- url: redis://:${REDIS_PASSWORD}@cache.internal:6379',
        '  send: PING',
        '- postgres://db.internal:5432/app',
        '- postgresql://vigil:${PG_PASSWORD}@/app',
        '- mysql://db.internal/app',
        '- postgres:///app',
        '- redis://:${REDIS_PASSWORD}@',
        '- rediss://',
      ].join('\n'),
      env,
    );
    const keys =
      'name, id, timeout, retries, retry-delay, max-response-time, uptime-target, failure-threshold, success-threshold';
    expect(found).toEqual([
      `endpoints[0].json (input endpoints, line 2): "json" does not apply to a postgres check (\`postgres://user:pass@host:port/db\`, \`postgresql://\`); keys for it: ${keys}, cert-expiry-days, insecure`,
      `endpoints[1].body-contains (input endpoints, line 4): "body-contains" does not apply to a mysql check (\`mysql://user:pass@host:port/db\`); keys for it: ${keys}, cert-expiry-days, insecure`,
      `endpoints[2].send (input endpoints, line 6): "send" does not apply to a redis check (\`redis://[:pass@]host:port\`, \`rediss://\`); keys for it: ${keys}`,
      'endpoints[3] (input endpoints, line 7): postgres:// needs a user (postgres://USER:PASSWORD@HOST:PORT/DATABASE)',
      // User info without a host is no URL at all; the message shows neither user nor password.
      'endpoints[4] (input endpoints, line 8): "postgresql://***@/app" is not a valid URL; it has no host: name it after the "@" (scheme://user:password@HOST:PORT/…)',
      'endpoints[5] (input endpoints, line 9): mysql:// needs a user (mysql://USER:PASSWORD@HOST:PORT/DATABASE)',
      'endpoints[6] (input endpoints, line 10): postgres:// needs a user and a host (postgres://USER:PASSWORD@HOST:PORT/DATABASE)',
      'endpoints[7] (input endpoints, line 11): "redis://***@" is not a valid URL; it has no host: name it after the "@" (scheme://user:password@HOST:PORT/…)',
      'endpoints[8] (input endpoints, line 12): rediss:// needs a host',
    ]);
    expect(found.join('\n')).not.toMatch(/S3cret/);
  });

  test('credentials in a URL of any kind are secrets: never in the name, id or shown URL', () => {
    const config = load('- postgres://vigil:s3cret-Passw0rd@db.internal:5432/app\n- redis://:r3dis-Passw0rd@cache.internal:6379');
    const [pg, redis] = config.endpoints;
    expect(pg.name).toBe('postgres db.internal:5432/app');
    expect(redis.name).toBe('redis cache.internal:6379');
    expect(pg.secrets).toContain('s3cret-Passw0rd');
    expect(redis.secrets).toContain('r3dis-Passw0rd');
    expect(JSON.stringify([pg.name, pg.id, redis.name, redis.id])).not.toMatch(/Passw0rd/);
  });
});

describe('telegram-bot: in place of url', () => {
  const TOKEN = '123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ms';

  test('the token after its colon is a secret; the id and name come from the bot id', () => {
    const config = load(['- telegram-bot: ${BOT_TOKEN}', '  max-pending: 5'].join('\n'), { BOT_TOKEN: TOKEN });
    const [bot] = config.endpoints;
    expect(bot.url).toBe('telegram-bot:123456789');
    expect(bot.id).toBe('telegram-123456789');
    expect(bot.name).toBe('123456789');
    expect(bot.kind).toEqual({ token: TOKEN, maxPending: 5 });
    // The digits before the colon are the bot's public id: the secret is what follows them, and
    // masking it hides the token wherever it appears.
    expect(bot.secrets).toContain('AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ms');
    expect(bot.secrets).not.toContain('123456789');
  });

  test('a bad token is refused without quoting it; url and telegram-bot together are refused', () => {
    const shown = problems(
      ['- telegram-bot: not-a-token-at-all', '- url: https://example.com/', `  telegram-bot: "${TOKEN}"`].join('\n'),
    );
    expect(shown).toEqual([
      'endpoints[1] (input endpoints, line 2): "url" and "telegram-bot" each say what to check: give only one of them',
      'endpoints[0].telegram-bot (input endpoints, line 1): is not a bot token (digits, a colon, then the secret, as BotFather gives it)',
    ]);
    expect(shown.join('\n')).not.toContain('not-a-token-at-all');
  });

  test('url: telegram-bot:… is refused with the key to use', () => {
    expect(problems('- telegram-bot:123')).toEqual([
      'endpoints[0] (input endpoints, line 1): a telegram-bot check is written as "telegram-bot:" in place of "url"',
    ]);
  });
});

describe('docs/check-kinds.md', () => {
  test('has the table of kinds that the registry makes (npm run schema writes it)', () => {
    const page = readFileSync(path.join(ROOT, 'docs', 'check-kinds.md'), 'utf8');
    const written = (/kinds-table:start[^\n]*\n([\s\S]*?)\n<!-- kinds-table:end -->/.exec(page)?.[1] ?? '').trim();
    // Cell by cell: the page is formatted (its columns padded), the registry's table is not.
    const cells = (table: string) =>
      table.split('\n').map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^:?-+:?$/, '---')));
    expect(cells(written)).toEqual(cells(kindsMarkdownTable()));
  });
});

describe('vigil validate', () => {
  test('describes a check of another kind by what it checks, never quoting a secret', () => {
    const [ws, smtp] = load(
      [
        '- url: wss://live.example.com/socket',
        '  send: "auth ${LIVE_TOKEN}"',
        '- url: smtp://mail.example.com:587',
        '  starttls: true',
      ].join('\n'),
      { LIVE_TOKEN: 'tok-5ecret-value' },
    ).endpoints;
    expect(describeEndpoint(ws)).toBe(
      '  wss-live-example-com-socket: ws wss://live.example.com/socket — up when 101 (and a first message within timeout when send or a body check is given); under 3s; sends "auth ***"',
    );
    expect(describeEndpoint(smtp)).toBe(
      '  smtp-mail-example-com-587: smtp smtp://mail.example.com:587 — up when a 220 greeting and a 250 EHLO (and a verified TLS where used); under 3s; STARTTLS required',
    );
  });
});
