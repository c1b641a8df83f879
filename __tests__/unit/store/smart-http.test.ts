/**
 * A run that reads some files of the branch reads them with Vigil's own client for git's smart
 * HTTP (src/store/smart-http.ts, http-read.ts), against the real `git http-backend`; git still
 * pushes. Where git would honour something Node would not (a proxy), git reads instead. A
 * hostile server's words never carry the token out, and its damaged answers stop the run
 * before anything is written.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitStore, type GitStoreOptions, StoreError } from '../../../src/store/index.js';
import { git, startGitServer, type GitServer } from '../../support/git-server.js';

const TOKEN = 'ghs_Sm4rtHttpT0kenThatMustNeverShow';
const BRANCH = 'vigil-data';

let server: GitServer;
let count = 0;
beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.failFetches = 0;
  server.latency = { fetch: 0, push: 0 };
});

function setup(overrides: Partial<GitStoreOptions> = {}) {
  const repository = `octo/http-${++count}`;
  const gitDir = server.createRepo(repository);
  const options: GitStoreOptions = {
    serverUrl: server.url,
    repository,
    token: TOKEN,
    branch: BRANCH,
    env: process.env,
    now: () => new Date('2026-11-26T10:05:00Z'),
    sleep: async () => {},
    ...overrides,
  };
  return { repository, gitDir, store: gitStore(options) };
}

const readAll = { read: (paths: readonly string[]) => new Set(paths) };

/** The requests of the update `run` makes, as `METHOD path` without the repository. */
async function requestsOf(run: () => Promise<unknown>, repository: string): Promise<string[]> {
  const before = server.requests.length;
  await run();
  return server.requests.slice(before).map((request) => `${request.method} ${request.url.replace(`/${repository}.git/`, '')}`);
}

describe('reading over smart HTTP from Node', () => {
  test('six requests read the tip and the files chosen and push the change, three of them side by side', async () => {
    const { repository, gitDir, store } = setup();
    await store.update(
      () =>
        new Map([
          ['history/2026-11-26.csv', 'a\n'],
          ['daily.csv', 'd\n'],
          ['index.html', '<p>page</p>\n'],
        ]),
    );
    let seen: Array<[string, string]> = [];
    const requests = await requestsOf(
      () =>
        store.update(
          (files) => {
            seen = [...files];
            return new Map([['history/2026-11-26.csv', `${files.get('history/2026-11-26.csv')}b\n`]]);
          },
          { read: (paths) => new Set(paths.filter((file) => file !== 'index.html')) },
        ),
      repository,
    );
    expect(seen.sort()).toEqual([
      ['daily.csv', 'd\n'],
      ['history/2026-11-26.csv', 'a\n'],
    ]);
    // The capabilities, the tip and what the push takes are asked for side by side; git's
    // fetches would each ask for the capabilities again (two GETs), and its push for the refs.
    expect(requests.slice(0, 3).sort()).toEqual([
      'GET info/refs?service=git-receive-pack',
      'GET info/refs?service=git-upload-pack',
      'POST git-upload-pack',
    ]);
    expect(requests.slice(3)).toEqual(['POST git-upload-pack', 'POST git-upload-pack', 'POST git-receive-pack']);
    expect(git(gitDir, ['show', `${BRANCH}:history/2026-11-26.csv`])).toBe('a\nb\n');
    expect(git(gitDir, ['rev-list', '--count', BRANCH]).trim()).toBe('2');
    expect(() => git(gitDir, ['fsck', '--strict', '--no-dangling'])).not.toThrow();
  });

  test('with no git on PATH, a run reads and pushes all the same: Node speaks to the server', async () => {
    const { gitDir, store } = setup();
    await store.update(() => new Map([['history/2026-11-26.csv', 'a\n'.repeat(3000)]]));
    const before = server.pushBytes.length;
    const noGit = setup({ env: { ...process.env, PATH: '/nonexistent' } });
    const result = await gitStore({
      serverUrl: server.url,
      repository: gitDir.slice(server.root.length + 1, -'.git'.length),
      token: TOKEN,
      branch: BRANCH,
      env: { ...process.env, PATH: '/nonexistent' },
      now: () => new Date('2026-11-26T10:10:00Z'),
    }).update((files) => new Map([['history/2026-11-26.csv', `${files.get('history/2026-11-26.csv')}b\n`]]), readAll);
    expect(result.commit).not.toBeNull();
    expect(git(gitDir, ['show', `${BRANCH}:history/2026-11-26.csv`])).toBe(`${'a\n'.repeat(3000)}b\n`);
    expect(() => git(gitDir, ['fsck', '--strict', '--no-dangling'])).not.toThrow();
    // The grown file went as a delta against the version the server has (a thin pack): a few hundred bytes.
    expect(server.pushBytes.slice(before)[0]).toBeLessThan(2000);
    // Without `read`, git does the work, and there is none.
    const error = (await noGit.store.update(() => new Map([['a.txt', 'x']])).catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('no-git');
  });

  test('a refused push reads the new tip again from Node and lands on top of it', async () => {
    const { gitDir, store, repository } = setup();
    await store.update(() => new Map([['a.txt', '0\n']]));
    const now = () => new Date('2026-11-26T10:05:00Z');
    let moved = false;
    const result = await store.update(async (files) => {
      if (!moved) {
        moved = true;
        await gitStore({ serverUrl: server.url, repository, token: TOKEN, branch: BRANCH, env: process.env, now }).update(
          (theirs) => new Map([['a.txt', `${theirs.get('a.txt')}1\n`]]),
          readAll,
        );
      }
      return new Map([['a.txt', `${files.get('a.txt')}2\n`]]);
    }, readAll);
    expect(result.attempts).toBe(2);
    expect(git(gitDir, ['show', `${BRANCH}:a.txt`])).toBe('0\n1\n2\n');
    expect(() => git(gitDir, ['fsck', '--strict', '--no-dangling'])).not.toThrow();
  });

  test('with a proxy in the environment, git reads (it honours the proxy; Node would not)', async () => {
    const { repository, store } = setup({
      env: { ...process.env, http_proxy: '', ALL_PROXY: 'http://127.0.0.1:9', no_proxy: '127.0.0.1' },
    });
    await store.update(() => new Map([['a.txt', '0\n']]));
    const requests = await requestsOf(() => store.update(() => new Map([['a.txt', '1\n']]), readAll), repository);
    expect(requests.filter((request) => request === 'GET info/refs?service=git-upload-pack')).toHaveLength(2);
  });

  test('a fetch the server fails (502) is tried again; a wrong token gives the auth error', async () => {
    const { store } = setup();
    await store.update(() => new Map([['a.txt', '0\n']]));
    server.failFetches = 1;
    expect((await store.update(() => new Map([['a.txt', '1\n']]), readAll)).attempts).toBe(2);
    const wrong = setup({ token: 'ghs_WrongT0kenAlsoSecret99' });
    const error = (await wrong.store.update(() => new Map(), readAll).catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('auth');
    expect(error.message).toMatch(/^could not read vigil-data: the token was not accepted \(HTTP 401\)/);
  });

  test('a push refused by the server says why as git would: a protected branch, a token that may not write', async () => {
    const { repository, store, gitDir } = setup();
    await store.update(() => new Map([['a.txt', '0\n']]));
    const tip = git(gitDir, ['rev-parse', BRANCH]).trim();
    server.protectBranch(repository, BRANCH);
    const blocked = (await store
      .update(() => new Map([['a.txt', '1\n']]), readAll)
      .catch((caught: unknown) => caught)) as StoreError;
    expect(blocked.reason).toBe('protected');
    expect(blocked.message).toMatch(/^could not push to vigil-data: the branch is protected/);
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(tip);
    const other = setup();
    await other.store.update(() => new Map([['a.txt', '0\n']]));
    server.refusePushes = true;
    try {
      const refused = (await other.store
        .update(() => new Map([['a.txt', '1\n']]), readAll)
        .catch((caught: unknown) => caught)) as StoreError;
      expect(refused.reason).toBe('permission');
      expect(refused.message).toBe(
        'could not push to vigil-data: the token may not write to the repository (HTTP 403); the workflow needs "permissions: contents: write"',
      );
    } finally {
      server.refusePushes = false;
    }
  });

  test('a cancelled run stops its request at once', async () => {
    const { store } = setup();
    await store.update(() => new Map([['a.txt', '0\n']]));
    server.latency.fetch = 5000;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = (await store
      .update(() => new Map(), { ...readAll, signal: controller.signal })
      .catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("Node's push, with no git to fall back on", () => {
  const noGit = { ...process.env, PATH: '/nonexistent' };

  test('creates the branch from nothing, once: of two first runs, the second lands on top of the first', async () => {
    const { repository, gitDir } = setup();
    const store = () =>
      gitStore({ serverUrl: server.url, repository, token: TOKEN, branch: BRANCH, env: noGit, sleep: async () => {} });
    server.holdPushes(2);
    const [one, two] = await Promise.all([
      store().update((files) => new Map([['one.txt', `${files.size}\n`]]), readAll),
      store().update((files) => new Map([['two.txt', `${files.size}\n`]]), readAll),
    ]);
    expect([one.attempts, two.attempts].sort()).toEqual([1, 2]);
    expect(git(gitDir, ['rev-list', '--count', BRANCH]).trim()).toBe('2');
    const names = git(gitDir, ['ls-tree', '--name-only', BRANCH]).trim().split('\n');
    expect(names).toEqual(['one.txt', 'two.txt']);
    // The one that came second saw the first one's file.
    expect(git(gitDir, ['show', `${BRANCH}:${one.attempts === 2 ? 'one' : 'two'}.txt`])).toBe('1\n');
  });

  test("a new day's squash replaces the branch by one commit only if it is still what was read", async () => {
    const { repository, gitDir } = setup();
    let now = new Date('2026-11-26T23:55:00Z');
    const store = () =>
      gitStore({
        serverUrl: server.url,
        repository,
        token: TOKEN,
        branch: BRANCH,
        env: noGit,
        now: () => now,
        sleep: async () => {},
      });
    await store().update(() => new Map([['a.txt', '0\n']]), readAll);
    await store().update((files) => new Map([['a.txt', `${files.get('a.txt')}1\n`]]), readAll);
    now = new Date('2026-11-27T00:05:00Z');
    let moved = false;
    const result = await store().update(async (files) => {
      if (!moved) {
        moved = true;
        // Another run squashes first: this one's squash, made from the older tip, is refused.
        await store().update((theirs) => new Map([['a.txt', `${theirs.get('a.txt')}2\n`]]), readAll);
      }
      return new Map([['a.txt', `${files.get('a.txt')}3\n`]]);
    }, readAll);
    expect(result.attempts).toBe(2);
    expect(git(gitDir, ['show', `${BRANCH}:a.txt`])).toBe('0\n1\n2\n3\n');
    expect(git(gitDir, ['rev-list', '--count', BRANCH]).trim()).toBe('2');
  });
});

describe('a hostile server', () => {
  const TIP = 'a'.repeat(40);
  /** A server that speaks protocol v2 and answers each fetch with `fetchAnswer`. */
  async function hostile(fetchAnswer: Buffer) {
    const pkt = (line: string) => `${(Buffer.byteLength(line) + 5).toString(16).padStart(4, '0')}${line}\n`;
    const seen: string[] = [];
    const front = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('latin1');
        seen.push(`${req.method} ${req.url} ${body}`);
        res.setHeader('content-type', `application/x-git-upload-pack-${req.method === 'GET' ? 'advertisement' : 'result'}`);
        if (req.method === 'GET')
          res.end(
            `${pkt('# service=git-upload-pack')}0000${pkt('version 2')}${pkt('ls-refs')}${pkt('fetch=shallow filter')}0000`,
          );
        else if (body.includes('command=ls-refs')) res.end(`${pkt(`${TIP} refs/heads/${BRANCH}`)}0000`);
        else res.end(fetchAnswer);
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    const store = gitStore({ serverUrl: url, repository: 'o/r', token: TOKEN, branch: BRANCH, env: process.env, maxAttempts: 1 });
    const error = (await store.update(() => new Map([['a.txt', 'x']]), readAll).catch((caught: unknown) => caught)) as StoreError;
    await new Promise((resolve) => front.close(resolve));
    return { error, seen };
  }

  /** The test git server behind a front that answers each push with `answer`, sent nowhere. */
  async function hostilePush(answer: Buffer) {
    const front = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method === 'POST' && req.url?.endsWith('/git-receive-pack')) {
          res.setHeader('content-type', 'application/x-git-receive-pack-result');
          res.end(answer);
          return;
        }
        const onward = http.request(`${server.url}${req.url}`, { method: req.method, headers: req.headers }, (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        });
        onward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const { repository, gitDir, store } = setup();
    await store.update(() => new Map([['a.txt', '0\n']]));
    const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    const tip = git(gitDir, ['rev-parse', BRANCH]).trim();
    const error = (await gitStore({ serverUrl: url, repository, token: TOKEN, branch: BRANCH, env: process.env, maxAttempts: 1 })
      .update(() => new Map([['a.txt', '1\n']]), readAll)
      .catch((caught: unknown) => caught)) as StoreError;
    await new Promise((resolve) => front.close(resolve));
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(tip);
    return error;
  }
  const line = (text: string) => Buffer.from(`${(Buffer.byteLength(text) + 4).toString(16).padStart(4, '0')}${text}`);
  const band = (n: number, data: Buffer) =>
    Buffer.concat([Buffer.from((data.length + 5).toString(16).padStart(4, '0')), Buffer.from([n]), data]);

  test('its refusal of a push that repeats the token never shows it; a rule against replacing the branch is "protected"', async () => {
    const report = Buffer.concat([
      line('unpack ok\n'),
      line(`ng refs/heads/${BRANCH} pre-receive hook declined\n`),
      Buffer.from('0000'),
    ]);
    const echoed = await hostilePush(
      Buffer.concat([band(2, Buffer.from(`you sent ${TOKEN}\n`)), band(1, report), Buffer.from('0000')]),
    );
    expect(echoed.message).toBe('could not push to vigil-data: you sent *** pre-receive hook declined');
    const rule = Buffer.concat([line('unpack ok\n'), line(`ng refs/heads/${BRANCH} non-fast-forward\n`), Buffer.from('0000')]);
    const refused = await hostilePush(Buffer.concat([band(1, rule), Buffer.from('0000')]));
    expect(refused.reason).toBe('protected');
  });

  test('a push answered without a report may have landed: said so, not tried again', async () => {
    const silent = await hostilePush(Buffer.from('0000'));
    expect(silent.message).toBe('could not push to vigil-data: the push may or may not have landed: the server sent no report');
    const fatal = await hostilePush(Buffer.concat([band(3, Buffer.from('out of disk space')), Buffer.from('0000')]));
    expect(fatal.message).toBe('could not push to vigil-data: out of disk space');
  });

  test('its error that repeats the token never shows it', async () => {
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    const said = `ERR you sent Basic ${basic}, that is ${TOKEN}`;
    const { error } = await hostile(Buffer.from(`${(Buffer.byteLength(said) + 4).toString(16).padStart(4, '0')}${said}0000`));
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain('the server refused: you sent Basic ***, that is ***');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(basic);
  });

  test('a damaged pack stops the run before anything is written, and so does a cut answer', async () => {
    const pack = Buffer.concat([Buffer.from('PACK'), Buffer.from([0, 0, 0, 2, 0, 0, 0, 1]), Buffer.alloc(20)]);
    const sideband = Buffer.concat([Buffer.from((pack.length + 5).toString(16).padStart(4, '0')), Buffer.from([1]), pack]);
    const answer = Buffer.concat([Buffer.from('000dpackfile\n'), sideband, Buffer.from('0000')]);
    const damaged = await hostile(answer);
    expect(damaged.error.reason).toBe('other');
    expect(damaged.error.message).toMatch(/^could not read vigil-data: .*damaged pack/);
    // Nothing was pushed, nor tried again: the server was asked for its tip and its pack once.
    expect(damaged.seen.filter((request) => request.startsWith('POST') && request.includes('receive-pack'))).toEqual([]);
    expect(damaged.seen.filter((request) => request.includes('command=fetch'))).toHaveLength(1);
    const cut = await hostile(answer.subarray(0, 20));
    expect(cut.error.message).toMatch(/damaged answer/);
  });
});
