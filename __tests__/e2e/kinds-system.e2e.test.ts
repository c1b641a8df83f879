/**
 * A whole system watched in one run of the built action (dist/index.js): real PostgreSQL,
 * MariaDB and Redis, a loopback Bot API, a TCP service and dnsmasq, with history on the real git
 * server, incidents on the fake GitHub and a webhook target. What is down opens its issue and
 * sends its message under its name (the bot's `@username`), every kind has its row on the data
 * branch and its card on the page, and no credential is anywhere a person or the branch can see.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type http from 'node:http';
import net from 'node:net';
import { results } from '../support/action.js';
import { startChannel, type ChannelService } from '../support/channels.js';
import { BRANCH, TOKEN, dataRepo, shown } from '../support/data-branch.js';
import {
  DB_NAME,
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
} from '../support/db-servers.js';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { git, startGitServer, type GitServer } from '../support/git-server.js';
import { listen } from '../support/kinds.js';
import { startServer, type Service } from '../support/servers.js';

const BOT_TOKEN = '987654321:AAF7kQz-Sys7emBotT0kenXyZ_never_shown';
const WRONG_PASSWORD = 'Wr0ng-Pa55word-for-reports';
const HOOK_KEY = 'hookKEYs3cretValue';

/** Every credential of the run, and the first 12 characters of each (what a cut would leave). */
const SECRETS = [DB_PASSWORD, encodeURIComponent(DB_PASSWORD), WRONG_PASSWORD, BOT_TOKEN, HOOK_KEY].flatMap((secret) => [
  secret,
  secret.slice(0, 12),
]);
// The bot token's part after the colon is its secret; its digits are the bot's public id.
SECRETS.push(BOT_TOKEN.slice(BOT_TOKEN.indexOf(':') + 1), BOT_TOKEN.slice(BOT_TOKEN.indexOf(':') + 1).slice(0, 12));

const all = postgresBinary && mariadbBinary && redisServerBinary;
let postgres: DbServer;
let mariadb: DbServer;
let redis: DbServer;
let gitServer: GitServer;
let botApi: Service;
let tcp: { port: number; close(): Promise<void> };
let dns: Dnsmasq;
let hook: ChannelService;

/** The Bot API for BOT_TOKEN: getMe names the bot, and 250 updates wait (so it is down). */
function bot(req: http.IncomingMessage, res: http.ServerResponse): void {
  const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
  res.writeHead(match?.[1] === BOT_TOKEN ? 200 : 401, { 'content-type': 'application/json' });
  if (match?.[1] !== BOT_TOKEN) return void res.end('{"ok":false,"error_code":401,"description":"Unauthorized"}');
  const result =
    match[2] === 'getMe'
      ? { id: 987654321, is_bot: true, first_name: 'Shop', username: 'shop_bot' }
      : { url: 'https://shop.example/hook', pending_update_count: 250 };
  res.end(JSON.stringify({ ok: true, result }));
}

beforeAll(async () => {
  if (!all) return;
  [postgres, mariadb, redis, gitServer, botApi, tcp, dns, hook] = await Promise.all([
    startPostgres(),
    startMariadb(),
    startRedis(),
    startGitServer(TOKEN),
    startServer(bot),
    listen(net.createServer((socket) => socket.end())),
    startDnsmasq(),
    startChannel(),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all(
    [postgres, mariadb, redis, gitServer, botApi, tcp, dns, hook]
      .filter((part) => part !== undefined)
      .map((part) => ('stop' in part ? part.stop() : part.close())),
  );
});

/** Every file of every commit on the data branch, with the commit messages. */
function everythingPushed(gitDir: string): string {
  return git(gitDir, ['log', '-p', '--all', '--format=%H%n%B']);
}

describeWithServer(all ? 'ok' : null, 'postgresql mariadb-server redis-server')('a whole system', () => {
  test('databases, cache, bot, TCP and DNS: judged, recorded, shown; down ones open issues and notify; no credential anywhere', async () => {
    const repo = dataRepo(gitServer, {
      PG_PASSWORD: DB_PASSWORD,
      WRONG_PASSWORD,
      MYSQL_PASSWORD: DB_PASSWORD,
      REDIS_PASSWORD: DB_PASSWORD,
      BOT_TOKEN,
      HOOK_URL: `${hook.url}/vigil?key=${HOOK_KEY}`,
    });
    const github = await startFakeGitHub(repo.repository);
    try {
      const endpoints = [
        `- name: Orders DB\n  url: postgres://${DB_USER}:\${PG_PASSWORD}@127.0.0.1:${postgres.port}/${DB_NAME}`,
        `- name: Reports DB\n  url: postgresql://${DB_USER}:\${WRONG_PASSWORD}@127.0.0.1:${postgres.port}/${DB_NAME}`,
        `- name: Catalog DB\n  url: mysql://${DB_USER}:\${MYSQL_PASSWORD}@127.0.0.1:${mariadb.port}/${DB_NAME}`,
        `- name: Cache\n  url: redis://:\${REDIS_PASSWORD}@127.0.0.1:${redis.port}`,
        `- telegram-bot: \${BOT_TOKEN}\n  api-url: ${botApi.url}`,
        `- tcp://127.0.0.1:${tcp.port}`,
        `- url: dns://127.0.0.1:${dns.port}/vigil.test?type=MX\n  body-contains: mail.vigil.test.`,
      ].join('\n');
      const run = await repo.run(
        {
          endpoints,
          retries: '0',
          timeout: '10s',
          'create-issues': 'true',
          notify: '- webhook: { url: "${HOOK_URL}" }',
        },
        { GITHUB_API_URL: github.url },
      );

      const checked = results(run).map(({ id, name, url, status, error }) => ({ id, name, url, status, error }));
      // The user is masked like the password (user info is a credential), wherever it appears.
      const shownUrl = (scheme: string, port: number) =>
        expect.stringMatching(new RegExp(`^${scheme}://\\*{3}:\\*{3}@127\\.0\\.0\\.1:${port}/`));
      expect(checked).toEqual([
        {
          id: 'orders-db',
          name: 'Orders DB',
          url: shownUrl('postgres', postgres.port),
          status: 'up',
          error: null,
        },
        {
          id: 'reports-db',
          name: 'Reports DB',
          url: shownUrl('postgresql', postgres.port),
          status: 'down',
          error: expect.stringContaining('password authentication failed for user'),
        },
        {
          id: 'catalog-db',
          name: 'Catalog DB',
          url: shownUrl('mysql', mariadb.port),
          status: 'up',
          error: null,
        },
        { id: 'cache', name: 'Cache', url: `redis://:***@127.0.0.1:${redis.port}`, status: 'up', error: null },
        {
          id: 'telegram-987654321',
          name: '@shop_bot',
          url: 'telegram-bot:987654321',
          status: 'down',
          error: '250 updates waiting (max-pending 100)',
        },
        {
          id: `tcp-127-0-0-1-${tcp.port}`,
          name: `tcp 127.0.0.1:${tcp.port}`,
          url: `tcp://127.0.0.1:${tcp.port}`,
          status: 'up',
          error: null,
        },
        {
          id: 'dns-vigil-test-mx',
          name: 'dns vigil.test MX',
          url: `dns://127.0.0.1:${dns.port}/vigil.test?type=MX`,
          status: 'up',
          error: null,
        },
      ]);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.outputs['down-endpoints'])).toEqual(['Reports DB', '@shop_bot']);

      // Each down endpoint opened its issue, named as the results name it.
      const titles = github.issues.map((issue) => issue.title).sort();
      expect(titles).toEqual(['🔴 @shop_bot is down', '🔴 Reports DB is down']);
      const botIssue = github.issues.find((issue) => issue.title.includes('@shop_bot'))!;
      expect(botIssue.body).toContain('250 updates waiting (max-pending 100)');
      expect(JSON.parse(run.outputs['issues-opened'])).toHaveLength(2);

      // …and sent its message.
      const messages = hook.json() as Array<{ event: string; endpoint: { id: string; name: string; url: string } }>;
      expect(messages.map((message) => [message.event, message.endpoint.name]).sort()).toEqual([
        ['down', '@shop_bot'],
        ['down', 'Reports DB'],
      ]);
      expect(messages.find((message) => message.endpoint.name === '@shop_bot')!.endpoint).toEqual({
        id: 'telegram-987654321',
        name: '@shop_bot',
        url: 'telegram-bot:987654321',
      });

      // The summary names the bot and says what each kind is.
      expect(run.summary).toContain('@shop_bot');
      expect(run.summary).toContain('- Check: postgres');

      // The data branch: a row for every kind, the page listing each by name, the bot's badge.
      const day = repo.file(`history/${new Date().toISOString().slice(0, 10)}.csv`) ?? '';
      const rowIds = day
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]);
      expect(rowIds.sort()).toEqual(checked.map((result) => result.id).sort());
      const page = repo.file('index.html') ?? '';
      for (const { name } of checked) expect(page).toContain(`>${name}</h3>`);
      expect(JSON.parse(repo.file('badges/telegram-987654321/status.json') ?? '{}')).toMatchObject({ label: '@shop_bot' });
      expect(repo.state().endpoints['telegram-987654321']).toMatchObject({ name: '@shop_bot' });

      // No credential, nor its first 12 characters: not in the outputs, summary or log, not in an
      // issue, not in a message, not in any file of any commit pushed to the branch.
      const issues = JSON.stringify(github.issues);
      const sent = hook.requests.map((request) => `${request.body}`).join('\n');
      const pushed = everythingPushed(repo.gitDir);
      expect(pushed).toContain('@shop_bot');
      expect(git(repo.gitDir, ['ls-tree', '-r', '--name-only', BRANCH])).toContain('index.html');
      for (const [where, text] of Object.entries({ shown: shown(run), issues, sent, pushed })) {
        for (const secret of SECRETS) expect([where, text.includes(secret)]).toEqual([where, false]);
      }
      // The runner masks the token's secret part: the digits before its colon are the bot's public id.
      expect(run.stdout).toContain(`::add-mask::${BOT_TOKEN.slice(BOT_TOKEN.indexOf(':') + 1)}`);
    } finally {
      await github.close();
    }
  }, 120_000);
});
