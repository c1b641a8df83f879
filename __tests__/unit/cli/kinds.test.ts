/**
 * Every kind on the command line: `vigil validate` and `vigil check` (table, --json, the summary
 * file and a history folder) never show a credential, whether it came from a ${VAR} or was
 * written into the URL; and the recipe of docs/check-kinds.md is a configuration that validates.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../../src/cli.js';
// Loaded here, once: a run imports each kind's module when it first checks one, and Jest's module
// loader does not take several of those imports at once.
import '../../../src/probe/kinds/grpc.js';
import '../../../src/probe/kinds/mysql.js';
import '../../../src/probe/kinds/postgres.js';
import '../../../src/probe/kinds/redis.js';
import '../../../src/probe/kinds/smtp.js';
import '../../../src/probe/kinds/tcp.js';
import '../../../src/probe/kinds/telegram-bot.js';
import '../../../src/probe/kinds/tls.js';
import '../../../src/probe/kinds/ws.js';
import '../../../src/probe/kinds/dns.js';
import { ROOT } from '../../support/action.js';
import {
  DB_PASSWORD,
  DB_USER,
  describeWithServer,
  mariadbBinary,
  postgresBinary,
  redisServerBinary,
  startMariadb,
  startPostgres,
  startRedis,
  type DbServer,
} from '../../support/db-servers.js';
import { closedPort, startServer, type Service } from '../../support/servers.js';

const BOT_TOKEN = '555666777:AAGh-CliB0tT0ken_never_shown_x';
const WRONG_BOT_TOKEN = '555666777:AAGh-Wr0ngCliT0ken_not_shown_y';
const WRONG_PASSWORD = 'Wr0ng-Cli-Passw0rd-value';
/** Written into URLs and headers of the network kinds, as someone might on the command line. */
const LITERALS = {
  tcp: 'tcpPassw0rd-literal',
  tls: 'tlsPassw0rd-literal',
  smtp: 'smtpPassw0rd-literal',
  grpc: 'grpcPassw0rd-literal',
  ws: 'wsBearerT0ken-literal',
  dns: 'dnsPassw0rd-literal',
};
const CREDENTIALS = [DB_PASSWORD, encodeURIComponent(DB_PASSWORD), WRONG_PASSWORD, BOT_TOKEN, WRONG_BOT_TOKEN];
for (const token of [BOT_TOKEN, WRONG_BOT_TOKEN]) CREDENTIALS.push(token.slice(token.indexOf(':') + 1));
CREDENTIALS.push(...Object.values(LITERALS));
/** Each credential, and its first 12 characters (what a cut would leave). */
const FORBIDDEN = CREDENTIALS.flatMap((secret) => [secret, secret.slice(0, 12)]);

function expectNoCredential(where: string, text: string): void {
  for (const secret of FORBIDDEN) expect([where, secret, text.includes(secret)]).toEqual([where, secret, false]);
}

let dir: string;
function cli(env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (text: string) => void (out.stdout += text),
      stderr: (text: string) => void (out.stderr += text),
      env,
      cwd: dir,
      colour: false,
    },
  };
}

/** Every file under a folder, as text. */
function filesUnder(folder: string): string {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => `${file}\n${readFileSync(file, 'utf8')}`)
    .join('\n');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-kinds-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Endpoints of every network kind with a credential written into each, all on closed ports. */
async function networkKinds(): Promise<string[]> {
  const port = await closedPort();
  return [
    `- tcp://monitor:${LITERALS.tcp}@127.0.0.1:${port}`,
    `- tls://monitor:${LITERALS.tls}@127.0.0.1:${port}`,
    `- smtp://mailer:${LITERALS.smtp}@127.0.0.1:${port}`,
    `- grpc://monitor:${LITERALS.grpc}@127.0.0.1:${port}/payments`,
    `- url: ws://127.0.0.1:${port}/live\n  headers: { Authorization: "Bearer ${LITERALS.ws}" }`,
    `- url: dns://monitor:${LITERALS.dns}@127.0.0.1:${port}/vigil.test?type=MX\n  timeout: 1s`,
  ];
}

describe('vigil validate', () => {
  test('lists every kind, credentials from ${VAR}s or written in the URL never shown', async () => {
    const endpoints = [
      '- name: Orders DB\n  url: postgres://app:${PG_PASSWORD}@db.internal:5432/orders',
      `- mysql://app:${WRONG_PASSWORD}@db.internal/catalog`,
      '- redis://:${REDIS_PASSWORD}@cache.internal:6379',
      '- rediss://:${REDIS_PASSWORD}@cache.internal:6380',
      '- telegram-bot: ${BOT_TOKEN}\n  max-pending: 20',
      `- name: Bot wrong\n  telegram-bot: "${WRONG_BOT_TOKEN}"`,
      ...(await networkKinds()),
    ].join('\n');
    writeFileSync(path.join(dir, 'kinds.yml'), `endpoints:\n${endpoints.replace(/^/gm, '  ')}\n`);
    const run = cli({ PG_PASSWORD: DB_PASSWORD, REDIS_PASSWORD: DB_PASSWORD, BOT_TOKEN });
    const code = await main(['validate', '--config', 'kinds.yml'], run.io);
    expect(run.out.stderr).toBe('');
    expect(code).toBe(0);
    const lines = run.out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Configuration is valid: 12 endpoints \(orders-db, mysql-db-internal-catalog, /);
    expect(lines).toHaveLength(13);
    expect(run.out.stdout).toContain('postgres://***:***@db.internal:5432/orders');
    expect(run.out.stdout).toContain('telegram-bot:555666777');
    expectNoCredential('validate', run.out.stdout + run.out.stderr);

    // Unset here: a note naming the variable, never a value.
    const notes = cli({});
    expect(await main(['validate', '--config', 'kinds.yml'], notes.io)).toBe(0);
    expect(notes.out.stdout).toContain('environment variable BOT_TOKEN is not set');
    expectNoCredential('validate with notes', notes.out.stdout + notes.out.stderr);

    // A configuration error quotes no credential either.
    writeFileSync(path.join(dir, 'bad-kinds.yml'), `endpoints:\n  - postgres://:${WRONG_PASSWORD}@db.internal/app\n`);
    const bad = cli({});
    expect(await main(['validate', '--config', 'bad-kinds.yml'], bad.io)).toBe(1);
    expect(bad.out.stderr).toContain('bad-kinds.yml:2:5: endpoints[0]: postgres:// needs a user');
    expectNoCredential('validate error', bad.out.stdout + bad.out.stderr);
  });
});

const all = postgresBinary && mariadbBinary && redisServerBinary;
describeWithServer(all ? 'ok' : null, 'postgresql mariadb-server redis-server')('vigil check', () => {
  let postgres: DbServer;
  let mariadb: DbServer;
  let redis: DbServer;
  let botApi: Service;
  beforeAll(async () => {
    const bot = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      const known = match?.[1] === BOT_TOKEN;
      res.writeHead(known ? 200 : 401, { 'content-type': 'application/json' });
      // A server that echoes the request path back would hand the token to the output.
      if (!known) return void res.end(JSON.stringify({ ok: false, error_code: 401, description: `Unauthorized: ${req.url}` }));
      const result = match[2] === 'getMe' ? { id: 555666777, is_bot: true, username: 'cli_bot' } : { pending_update_count: 0 };
      res.end(JSON.stringify({ ok: true, result }));
    };
    [postgres, mariadb, redis, botApi] = await Promise.all([startPostgres(), startMariadb(), startRedis(), startServer(bot)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([postgres?.stop(), mariadb?.stop(), redis?.stop(), botApi?.close()]);
  });

  test('up and down for every kind: the table, --json, the summary file and the history folder show no credential', async () => {
    const endpoints = [
      `- postgres://${DB_USER}:\${DB_PASSWORD}@127.0.0.1:${postgres.port}/postgres`,
      `- name: PG wrong\n  url: postgres://${DB_USER}:${WRONG_PASSWORD}@127.0.0.1:${postgres.port}/postgres`,
      `- mysql://${DB_USER}:\${DB_PASSWORD}@127.0.0.1:${mariadb.port}/`,
      `- name: MySQL wrong\n  url: mysql://${DB_USER}:${WRONG_PASSWORD}@127.0.0.1:${mariadb.port}/`,
      `- redis://:\${DB_PASSWORD}@127.0.0.1:${redis.port}`,
      `- name: Redis wrong\n  url: redis://:${WRONG_PASSWORD}@127.0.0.1:${redis.port}`,
      `- telegram-bot: \${BOT_TOKEN}\n  api-url: ${botApi.url}`,
      `- name: Bot wrong\n  telegram-bot: "${WRONG_BOT_TOKEN}"\n  api-url: ${botApi.url}`,
      ...(await networkKinds()),
    ].join('\n');
    writeFileSync(path.join(dir, 'check.yml'), `endpoints:\n${endpoints.replace(/^/gm, '  ')}\n`);
    const env = { DB_PASSWORD, BOT_TOKEN };
    const common = ['--config', 'check.yml', '--retries', '0', '--timeout', '5s'];

    const table = cli(env);
    const summaryFile = path.join(dir, 'summary.md');
    const historyDir = path.join(dir, 'history');
    expect(await main(['check', ...common, '--summary-file', summaryFile, '--history-dir', historyDir], table.io)).toBe(1);
    const json = cli(env);
    expect(await main(['check', ...common, '--json'], json.io)).toBe(1);

    const results = JSON.parse(json.out.stdout) as Array<{ name: string; status: string; error: string | null }>;
    expect(results.map(({ name, status }) => [name, status])).toEqual([
      [`postgres 127.0.0.1:${postgres.port}/postgres`, 'up'],
      ['PG wrong', 'down'],
      [`mysql 127.0.0.1:${mariadb.port}`, 'up'],
      ['MySQL wrong', 'down'],
      [`redis 127.0.0.1:${redis.port}`, 'up'],
      ['Redis wrong', 'down'],
      ['@cli_bot', 'up'],
      ['Bot wrong', 'down'],
      ...['tcp', 'tls', 'smtp', 'grpc', 'ws', 'dns'].map((kind) => [expect.stringMatching(new RegExp(`^${kind} `)), 'down']),
    ]);
    // What the servers said is told, with the credentials masked.
    const errors = Object.fromEntries(results.map(({ name, error }) => [name, error]));
    expect(errors['PG wrong']).toContain('password authentication failed');
    expect(errors['MySQL wrong']).toContain('Access denied');
    expect(errors['Bot wrong']).toContain('getMe failed: Telegram says "Unauthorized');
    expect(table.out.stdout).toContain('@cli_bot');

    expectNoCredential('table', table.out.stdout + table.out.stderr);
    expectNoCredential('json', json.out.stdout + json.out.stderr);
    expectNoCredential('summary file', readFileSync(summaryFile, 'utf8'));
    expectNoCredential('history folder', filesUnder(historyDir));
  }, 90_000);
});

describe('docs/check-kinds.md', () => {
  test('the recipe watching a whole system is a configuration that validates', async () => {
    const page = readFileSync(path.join(ROOT, 'docs', 'check-kinds.md'), 'utf8');
    const section = page.slice(page.indexOf('## Recipe: watching a whole system'));
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    const workflow = parse(yaml) as {
      jobs: Record<string, { steps: Array<{ uses?: string; env?: object; with?: Record<string, unknown> }> }>;
    };
    const step = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .find((candidate) => candidate.uses?.includes('vigil'));
    const inputs = step?.with ?? {};
    // What the recipe promises to watch: the web, a health page judged by age, PostgreSQL,
    // Redis, the bot and DNS.
    const endpoints = String(inputs.endpoints);
    for (const part of ['url: https://', 'age <', 'url: postgres://', 'url: redis', 'telegram-bot:', 'url: dns://'])
      expect([part, endpoints.includes(part)]).toEqual([part, true]);

    // The variables come from the step's env (secrets in the workflow); here, stand-ins.
    const env = Object.fromEntries(Object.keys(step?.env ?? {}).map((name) => [name, `${name.toLowerCase()}-stand-in`]));
    env.BOT_TOKEN = BOT_TOKEN;
    // The step's other inputs (create-issues) are the action's alone, not the command line's.
    const run = cli(env);
    const code = await main(['validate', '--endpoints', endpoints], run.io);
    expect(run.out.stderr).toBe('');
    expect(code).toBe(0);
    expect(run.out.stdout).toMatch(/^Configuration is valid: \d+ endpoints/);
    expect(run.out.stdout).not.toContain('is not set');
    expectNoCredential('recipe', run.out.stdout);
  });
});
