import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BranchFiles, FileChanges } from '../../../src/history/types.js';
import { GitFailure, gitRunner } from '../../../src/store/git-command.js';
import { batchReader } from '../../../src/store/git-read.js';
import { gitStore, type GitStoreOptions, StoreError, type StoreResult } from '../../../src/store/index.js';
import { git, startGitServer, type GitServer } from '../../support/git-server.js';

const TOKEN = 'ghs_Vig1lTestT0kenThatMustNeverShow42';
const BRANCH = 'vigil-data';
const HEADER = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';

let server: GitServer;
let repoCount = 0;

beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.refusePushes = false;
  server.failFetches = 0;
});

/** A fresh repository on the server, its git dir (to read back) and a store for it. */
function setup(overrides: Partial<GitStoreOptions> = {}) {
  const repository = `octo/repo-${++repoCount}`;
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
  return { repository, gitDir, options, store: gitStore(options) };
}

function row(time: string, id: string): string {
  return `${time},${id},up,200,412,3,21,40,340,8,1,\n`;
}

/** A change that appends its rows to the day's file, as the judge does. */
function appendRows(file: string, rows: string[]) {
  return (files: BranchFiles): FileChanges => new Map([[file, (files.get(file) ?? HEADER) + rows.join('')]]);
}

function branchFiles(gitDir: string, ref = BRANCH): Map<string, string> {
  const names = git(gitDir, ['ls-tree', '-r', '--name-only', '-z', ref]).split('\0').filter(Boolean);
  return new Map(names.map((name) => [name, git(gitDir, ['show', `${ref}:${name}`])]));
}

function commitCount(gitDir: string): number {
  return Number(git(gitDir, ['rev-list', '--count', BRANCH]).trim());
}

/** Writes `count` commits on the branch in one go, each with the count line the store writes. */
function seedCommits(gitDir: string, count: number, at: Date, files: Record<string, string>) {
  const seconds = Math.floor(at.getTime() / 1000);
  let stream = '';
  for (let n = 1; n <= count; n++) {
    const message = `Vigil: run ${n}\n\nVigil-Commits: ${n}\n`;
    stream += `commit refs/heads/${BRANCH}\ncommitter Vigil <vigil@users.noreply.github.com> ${seconds} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}`;
    const [name, text] = Object.entries(files)[n % Object.keys(files).length];
    const content = `${text}${n}\n`;
    stream += `M 100644 inline ${name}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  git(gitDir, ['fast-import', '--quiet'], stream);
}

describe('the git data branch', () => {
  test('the first run creates an orphan branch holding exactly the files the change returned', async () => {
    const { gitDir, store } = setup();
    const mainBlob = git(gitDir, ['hash-object', '-w', '--stdin'], '# the project\n').trim();
    const mainTree = git(gitDir, ['mktree'], `100644 blob ${mainBlob}\tREADME.md\n`).trim();
    git(gitDir, ['update-ref', 'refs/heads/main', git(gitDir, ['commit-tree', mainTree, '-m', 'init']).trim()]);

    const seen: BranchFiles[] = [];
    const written = new Map([
      ['history/2026-11-26.csv', HEADER + row('2026-11-26T10:05:03.412Z', 'api')],
      ['status.json', '{"version":1}\n'],
      ['badges/api/status.json', '{"schemaVersion":1}\n'],
    ]);
    const result = await store.update(
      (files) => {
        seen.push(files);
        return written;
      },
      { summary: '1 check' },
    );

    expect(seen).toEqual([new Map()]);
    expect(result).toEqual({
      commit: git(gitDir, ['rev-parse', BRANCH]).trim(),
      files: written,
      attempts: 1,
      squashed: false,
      warnings: [],
    });
    expect(branchFiles(gitDir)).toEqual(written);
    expect(commitCount(gitDir)).toBe(1);
    expect(() => git(gitDir, ['merge-base', 'main', BRANCH])).toThrow(); // no common history with main
    expect(git(gitDir, ['log', '-1', '--format=%an <%ae>|%cI|%B', BRANCH])).toBe(
      'Vigil <vigil@users.noreply.github.com>|2026-11-26T10:05:00+00:00|Vigil: 1 check (2026-11-26T10:05Z)\n\nVigil-Commits: 1\n\n',
    );
  });

  test('a later run sees the files, adds one commit on top, and can delete a file', async () => {
    const { gitDir, store } = setup();
    const first = await store.update(
      () =>
        new Map([
          ['a.txt', 'one\n'],
          ['old/b.txt', 'two\n'],
        ]),
    );
    let seen: BranchFiles | undefined;
    const second = await store.update((files) => {
      seen = files;
      return new Map([
        ['a.txt', 'one\nmore\n'],
        ['old/b.txt', null],
      ]);
    });

    expect(seen).toEqual(
      new Map([
        ['a.txt', 'one\n'],
        ['old/b.txt', 'two\n'],
      ]),
    );
    expect(second.files).toEqual(new Map([['a.txt', 'one\nmore\n']]));
    expect(branchFiles(gitDir)).toEqual(new Map([['a.txt', 'one\nmore\n']]));
    expect(git(gitDir, ['rev-parse', `${BRANCH}^`]).trim()).toBe(first.commit);
    expect(git(gitDir, ['log', '-1', '--format=%B', BRANCH])).toContain('Vigil-Commits: 2');
  });

  test('a folder replaced by a file of the same name, and a file by a folder, keep the new file', async () => {
    const { gitDir, store } = setup();
    await store.update(
      () =>
        new Map([
          ['old/b.txt', 'two\n'],
          ['flat', 'one\n'],
        ]),
    );
    await store.update(
      () =>
        new Map([
          ['old/b.txt', null],
          ['old', 'now a file\n'],
          ['flat', null],
          ['flat/c.txt', 'now a folder\n'],
        ]),
    );
    expect(branchFiles(gitDir)).toEqual(
      new Map([
        ['flat/c.txt', 'now a folder\n'],
        ['old', 'now a file\n'],
      ]),
    );
    expect(git(gitDir, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });

  test('a name that is .git to Windows or macOS is refused, and nothing is pushed', async () => {
    const { gitDir, store } = setup();
    const first = await store.update(() => new Map([['a.txt', 'one\n']]));
    for (const bad of ['git~1/config', '.git./config', '.git /hooks/x', 'a/.GIT::$INDEX_ALLOCATION/x', '.g\u200cit/config']) {
      const error = (await store.update(() => new Map([[bad, 'y']])).catch((caught: unknown) => caught)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.message).toBe(`cannot write ${JSON.stringify(bad)}: not a plain relative path`);
    }
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(first.commit);
  });

  test('the temporary repository is removed after a push and after a refusal', async () => {
    const workdir = mkdtempSync(path.join(os.tmpdir(), 'vigil-workdir-'));
    const { store } = setup({ workdir });
    await store.update(() => new Map([['a.txt', 'one\n']]));
    expect(readdirSync(workdir)).toEqual([]);
    server.refusePushes = true;
    await expect(store.update(() => new Map([['a.txt', 'two\n']]))).rejects.toThrow(StoreError);
    expect(readdirSync(workdir)).toEqual([]);
  });

  test('a change that changes nothing pushes nothing', async () => {
    const { gitDir, store } = setup();
    const first = await store.update(() => new Map([['a.txt', 'one\n']]));
    const second = await store.update(() => new Map([['a.txt', 'one\n']]));
    expect(second).toEqual({ commit: null, files: new Map([['a.txt', 'one\n']]), attempts: 1, squashed: false, warnings: [] });
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(first.commit);
  });

  test('three overlapping runs lose nothing and record every row exactly once', async () => {
    const { gitDir, options, store } = setup();
    const file = 'history/2026-11-26.csv';
    await store.update(appendRows(file, [row('2026-11-26T10:00:00.000Z', 'seed')]));

    server.holdPushes(3); // all three read the same head before any of them pushes
    const runs = ['a', 'b', 'c'].map((id) =>
      gitStore(options).update(appendRows(file, [row('2026-11-26T10:05:00.000Z', id), row('2026-11-26T10:05:01.000Z', id)])),
    );
    const results = await Promise.all(runs);

    const lines = branchFiles(gitDir).get(file)!.trim().split('\n');
    expect(lines[0]).toBe(HEADER.trim());
    expect(lines.slice(1).sort()).toEqual(
      [
        row('2026-11-26T10:00:00.000Z', 'seed'),
        ...['a', 'b', 'c'].flatMap((id) => [row('2026-11-26T10:05:00.000Z', id), row('2026-11-26T10:05:01.000Z', id)]),
      ]
        .map((line) => line.trim())
        .sort(),
    );
    // All three read the same head, so one pushed at once and the other two read again.
    const attempts = results.map((result) => result.attempts).sort();
    expect(attempts[0]).toBe(1);
    expect(attempts[1]).toBeGreaterThan(1);
    expect(commitCount(gitDir)).toBe(4);
    for (const result of results) expect(result.files.get(file)).toBe(git(gitDir, ['show', `${result.commit}:${file}`]));
  });

  test('overlapping first runs create the branch once and keep both runs’ rows', async () => {
    const { gitDir, options } = setup();
    const file = 'history/2026-11-26.csv';
    server.holdPushes(2);
    await Promise.all(['a', 'b'].map((id) => gitStore(options).update(appendRows(file, [row('2026-11-26T10:05:00.000Z', id)]))));
    expect(branchFiles(gitDir).get(file)!.split('\n').slice(1).filter(Boolean).sort()).toEqual(
      ['a', 'b'].map((id) => row('2026-11-26T10:05:00.000Z', id).trim()),
    );
    expect(commitCount(gitDir)).toBe(2);
  });

  test('when other runs keep winning, the run gives up with a conflict error after its tries', async () => {
    const { options, store } = setup({ maxAttempts: 1 });
    await store.update(() => new Map([['a.txt', '0\n']]));
    server.holdPushes(2);
    const outcomes = await Promise.allSettled(
      ['1', '2'].map((n) => gitStore(options).update((files) => new Map([['a.txt', files.get('a.txt') + n]]))),
    );
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(failed).toHaveLength(1);
    const error = (failed[0] as PromiseRejectedResult).reason as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe('conflict');
    expect(error.message).toMatch(/^could not push to vigil-data: .*not saved$/);
  });

  test('a squash goes only if the branch is still what was read: a run that moved it meanwhile keeps its rows', async () => {
    let now = new Date('2026-11-26T23:55:00Z');
    const { gitDir, options, store } = setup({ now: () => now });
    await store.update(() => new Map([['history/2026-11-26.csv', HEADER + row('2026-11-26T23:55:00.000Z', 'api')]]));
    await store.update(appendRows('history/2026-11-26.csv', [row('2026-11-26T23:56:00.000Z', 'api')]));
    now = new Date('2026-11-27T00:00:30Z');
    const file = 'history/2026-11-27.csv';

    // Run A reads the branch, then run B squashes it and pushes before A pushes its own squash.
    let other: Promise<unknown> | undefined;
    const first = await gitStore(options).update(async (files) => {
      other ??= gitStore(options).update(appendRows(file, [row('2026-11-27T00:00:00.000Z', 'b')]));
      await other;
      return appendRows(file, [row('2026-11-27T00:00:00.000Z', 'a')])(files);
    });
    const second = (await other) as StoreResult;

    expect(second.squashed).toBe(true);
    expect(first).toMatchObject({ attempts: 2, squashed: false });
    expect(git(gitDir, ['rev-parse', `${BRANCH}^`]).trim()).toBe(second.commit);
    expect(commitCount(gitDir)).toBe(2);
    expect(branchFiles(gitDir).get(file)!.split('\n').slice(1).filter(Boolean).sort()).toEqual(
      ['a', 'b'].map((id) => row('2026-11-27T00:00:00.000Z', id).trim()),
    );
    expect(branchFiles(gitDir).get('history/2026-11-26.csv')!.trim().split('\n')).toHaveLength(3);
  });

  test('a fetch that fails on the way is tried again; a server that keeps failing gives a network error', async () => {
    const { store } = setup();
    server.failFetches = 1;
    const result = await store.update(() => new Map([['a.txt', 'one\n']]));
    expect(result.attempts).toBe(2);

    server.failFetches = 100;
    const error = (await setup({ maxAttempts: 3 })
      .store.update(() => new Map([['a.txt', 'one\n']]))
      .catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('network');
    expect(error.message).toMatch(/^could not read vigil-data: .*502/);
  });

  test('a branch of more than 288 commits is replaced by one commit holding the same files', async () => {
    const day = new Date('2026-11-26T09:00:00Z');
    const { gitDir, store } = setup({ now: () => new Date('2026-11-26T10:05:00Z') });
    seedCommits(gitDir, 288, day, { 'history/2026-11-26.csv': HEADER, 'state.json': '{}' });

    const at289 = await store.update(() => new Map([['status.json', '{"n":289}\n']]));
    expect(at289.squashed).toBe(false);
    expect(commitCount(gitDir)).toBe(289);
    const before = branchFiles(gitDir);

    const squashed = await store.update(() => new Map([['status.json', '{"n":290}\n']]));
    expect(squashed.squashed).toBe(true);
    expect(commitCount(gitDir)).toBe(1);
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(squashed.commit);
    expect(branchFiles(gitDir)).toEqual(new Map([...before, ['status.json', '{"n":290}\n']]));
    expect(git(gitDir, ['log', '-1', '--format=%B', BRANCH])).toContain('Vigil-Commits: 1');
  });

  test('the first run of a new UTC day squashes the branch to one commit', async () => {
    let now = new Date('2026-11-26T23:55:00Z');
    const { gitDir, store } = setup({ now: () => now });
    await store.update(() => new Map([['history/2026-11-26.csv', HEADER + row('2026-11-26T23:50:00.000Z', 'api')]]));
    await store.update(appendRows('history/2026-11-26.csv', [row('2026-11-26T23:55:00.000Z', 'api')]));
    expect(commitCount(gitDir)).toBe(2);
    const before = branchFiles(gitDir);

    now = new Date('2026-11-27T00:00:30Z');
    const next = await store.update(() => new Map([['history/2026-11-27.csv', HEADER + row('2026-11-27T00:00:00.000Z', 'api')]]));
    expect(next.squashed).toBe(true);
    expect(commitCount(gitDir)).toBe(1);
    expect(branchFiles(gitDir)).toEqual(
      new Map([...before, ['history/2026-11-27.csv', HEADER + row('2026-11-27T00:00:00.000Z', 'api')]]),
    );

    const later = await store.update(appendRows('history/2026-11-27.csv', [row('2026-11-27T00:05:00.000Z', 'api')]));
    expect(later.squashed).toBe(false);
    expect(commitCount(gitDir)).toBe(2);
  });

  test('a run on a week of history pushes only a few KiB: the grown day file goes as a delta', async () => {
    const { gitDir, store } = setup();
    const ids = Array.from({ length: 20 }, (_, n) => `endpoint-${n}`);
    const days = Array.from({ length: 7 }, (_, n) => `2026-11-${String(20 + n).padStart(2, '0')}`);
    const history = new Map(
      days.map((day) => {
        let text = HEADER;
        for (let slot = 0; slot < 288; slot++) {
          const time = new Date(Date.parse(`${day}T00:00:00Z`) + slot * 300_000).toISOString();
          for (const id of ids) text += `${time},${id},up,200,${300 + ((slot * 7 + id.length) % 200)},3,21,40,340,8,1,\n`;
        }
        return [`history/${day}.csv`, text];
      }),
    );
    await store.update(() => history);
    const seedBytes = server.pushBytes.at(-1)!;

    const today = 'history/2026-11-26.csv';
    await store.update(
      appendRows(
        today,
        ids.map((id) => row('2026-11-26T23:59:59.000Z', id)),
      ),
    );
    const runBytes = server.pushBytes.at(-1)!;

    expect(branchFiles(gitDir).get(today)!.endsWith(row('2026-11-26T23:59:59.000Z', 'endpoint-19'))).toBe(true);
    expect(seedBytes).toBeGreaterThan(100 * 1024);
    expect(runBytes).toBeLessThan(4 * 1024);
  });
});

describe('when the branch cannot be saved', () => {
  /** Everything the process wrote while `run` ran. */
  async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; printed: string }> {
    const printed: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const capture = (chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    try {
      const [result] = await Promise.allSettled([run()]);
      return { result, printed: printed.join('') };
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  }

  test('the new commit’s files failing to be written (a full disk) fails the run with a write error; the branch stays as it was', async () => {
    const workdir = mkdtempSync(path.join(os.tmpdir(), 'vigil-nowrite-'));
    try {
      const { gitDir, store } = setup({ workdir });
      await store.update(appendRows('history/2026-11-26.csv', [row('2026-11-26T10:00:00Z', 'api')]));
      const before = git(gitDir, ['rev-parse', BRANCH]).trim();
      // Once the branch is read, where the run writes its objects stops taking them.
      const failing = store.update((files) => {
        const objects = path.join(workdir, readdirSync(workdir)[0], 'repo.git', 'objects');
        rmSync(objects, { recursive: true });
        writeFileSync(objects, '');
        return appendRows('history/2026-11-26.csv', [row('2026-11-26T10:05:00Z', 'api')])(files);
      });
      const error = (await failing.catch((caught: unknown) => caught)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect([error.reason, error.message]).toEqual([
        'other',
        expect.stringMatching(/^could not write the data branch: .*ENOTDIR/),
      ]);
      expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(before);
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
  });

  test('a temporary folder that cannot be made (a full or read-only disk) fails the run with a write error', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'vigil-notemp-'));
    try {
      // Not a folder at all: making a folder in it fails as on a disk that takes nothing more.
      const workdir = path.join(parent, 'a-file');
      writeFileSync(workdir, '');
      const { store } = setup({ workdir });
      const error = (await store.update(() => new Map([['a.txt', 'one\n']])).catch((caught: unknown) => caught)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect([error.reason, error.message]).toEqual([
        'other',
        expect.stringMatching(/^could not write the data branch: .*ENOTDIR/),
      ]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  function expectTokenFree(error: StoreError, printed: string) {
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    for (const text of [error.message, String(error), error.stack ?? '', JSON.stringify(error), printed]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(basic);
      expect(text).not.toContain(TOKEN.slice(4, 20));
    }
    expect(error.message).not.toContain('\n');
  }

  // Variables that would make git trace its requests (headers included) if the store passed them on.
  const tracing = {
    ...process.env,
    GIT_TRACE: '1',
    GIT_CURL_VERBOSE: '1',
    GIT_TRACE_CURL: '1',
    GIT_TRACE_PACKET: '1',
    GIT_TRACE_REDACT: '0',
  };

  test('a token without write access (403 on push) gives a permission error that never shows the token', async () => {
    const { gitDir, store } = setup({ env: tracing });
    server.refusePushes = true;
    const { result, printed } = await captureOutput(() => store.update(() => new Map([['a.txt', 'x']])));
    expect(result.status).toBe('rejected');
    const error = (result as PromiseRejectedResult).reason as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe('permission');
    expect(error.message).toBe(
      'could not push to vigil-data: the token may not write to the repository (HTTP 403); the workflow needs "permissions: contents: write"',
    );
    expectTokenFree(error, printed);
    expect(() => git(gitDir, ['rev-parse', '--verify', BRANCH])).toThrow();
  });

  test('a wrong token gives an auth error that never shows either token', async () => {
    const { store } = setup({ token: 'ghs_WrongT0kenAlsoSecret99', env: tracing });
    const { result, printed } = await captureOutput(() => store.update(() => new Map([['a.txt', 'x']])));
    const error = (result as PromiseRejectedResult).reason as StoreError;
    expect(error.reason).toBe('auth');
    expect(error.message).toMatch(/^could not read vigil-data: the token was not accepted \(HTTP 401\)/);
    expectTokenFree(error, printed);
    expect(error.message).not.toContain('WrongT0ken');
  });

  test('what git prints is scrubbed of the token, and git writes no trace of its requests anywhere', async () => {
    // This server's 403 page repeats the Authorization header and the token; git shows it as `remote:` lines.
    const traceFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'vigil-trace-')), 'trace');
    const env = {
      ...process.env,
      GIT_TRACE_CURL: traceFile,
      GIT_TRACE_PACKET: traceFile,
      GIT_TRACE: traceFile,
      GIT_TRACE_REDACT: '0',
    };
    const workdir = mkdtempSync(path.join(os.tmpdir(), 'vigil-scrub-'));
    const { git: run } = gitRunner({ gitDir: path.join(workdir, 'repo.git'), token: TOKEN, env, hooksDir: workdir });
    await run(['init', '--bare', '--quiet']);
    server.refusePushes = true;
    const { repository } = setup();
    const tree = (await run(['mktree'])).stdout.toString().trim();
    const author = {
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.com',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.com',
    };
    const commit = (await run(['commit-tree', tree, '-m', 'x'], { env: author })).stdout.toString().trim();
    const push = run(['push', `${server.url}/${repository}.git`, `${commit}:refs/heads/x`]);
    const failure = (await push.catch((caught: unknown) => caught)) as GitFailure;
    expect(failure).toBeInstanceOf(GitFailure);
    expect(failure.stderr).toContain('You sent Basic *** (***)');
    expect(failure.stderr).not.toContain(TOKEN);
    expect(existsSync(traceFile)).toBe(false);
  });

  test.each([
    ['branch protection (GH006)', 'error: GH006: Protected branch update failed for $ref.'],
    ['a ruleset (GH013)', 'error: GH013: Repository rule violations found for $ref.'],
  ])('%s gives a protected error', async (_, message) => {
    const { repository, store } = setup();
    server.protectBranch(repository, BRANCH, message);
    const error = (await store.update(() => new Map([['a.txt', 'x']])).catch((caught: unknown) => caught)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe('protected');
    expect(error.message).toMatch(/^could not push to vigil-data: the branch is protected/);
  });

  test('git missing from PATH gives a no-git error', async () => {
    const emptyBin = mkdtempSync(path.join(os.tmpdir(), 'vigil-no-git-'));
    const { store } = setup({ env: { ...process.env, PATH: emptyBin } });
    const error = (await store.update(() => new Map()).catch((caught: unknown) => caught)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe('no-git');
    expect(error.message).toBe('git is not installed (or not on PATH); the data branch needs it');
  });

  test('a git older than 2.31 (which cannot take the token from the environment) gives a no-git error', async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'vigil-old-git-'));
    writeFileSync(path.join(bin, 'git'), '#!/bin/sh\necho "git version 2.25.1"\n', { mode: 0o755 });
    const { store } = setup({ env: { ...process.env, PATH: bin } });
    const error = (await store.update(() => new Map()).catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('no-git');
    expect(error.message).toBe('git 2.31 or later is needed for the data branch; this machine has git version 2.25.1');
  });

  test('a server that is not there gives a network error', async () => {
    const gone = await startGitServer(TOKEN);
    const url = gone.url;
    await gone.close();
    const { store } = setup({ serverUrl: url });
    const error = (await store.update(() => new Map()).catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('network');
    expect(error.message).toMatch(/^could not read vigil-data: .*(Failed to connect|Couldn't connect)/);
  });
});

describe('reading git cat-file --batch as it arrives', () => {
  test('what the reader throws stops git and fails the call with it, instead of the process', async () => {
    const workdir = mkdtempSync(path.join(os.tmpdir(), 'vigil-stream-'));
    const { git: run } = gitRunner({ gitDir: path.join(workdir, 'repo.git'), token: TOKEN, env: process.env, hooksDir: workdir });
    await run(['init', '--bare', '--quiet']);
    const oid = (await run(['hash-object', '-w', '--stdin'], { input: 'x'.repeat(100_000) })).stdout.toString().trim();
    const refused = new StoreError('other', 'the data branch could not be read');
    let chunks = 0;
    const call = run(['cat-file', '--batch'], {
      input: `${oid}\n`.repeat(50),
      onStdout: () => {
        chunks++;
        throw refused;
      },
    });
    await expect(call).rejects.toBe(refused);
    expect(chunks).toBe(1);
  });

  test('hands on every blob whole, however the output is cut into chunks', () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-batch-'));
    git(gitDir, ['init', '--quiet', '--bare']);
    const blobs = [
      Buffer.from(HEADER + row('2026-11-26T10:05:03.412Z', 'api')),
      Buffer.alloc(0),
      Buffer.from('\n'),
      Buffer.from([0xff, 0x00, 0x0a, 0x20]), // not text: line ends and NUL inside a blob
      Buffer.from('x'.repeat(10_000) + '\n' + 'Главная\n'),
    ];
    const oids = blobs.map((bytes) =>
      execFileSync('git', ['hash-object', '-w', '--stdin'], { input: bytes, env: { ...process.env, GIT_DIR: gitDir } })
        .toString()
        .trim(),
    );
    const asked = [...oids.slice(0, 2), '0'.repeat(40), ...oids.slice(2)];
    const output = execFileSync('git', ['cat-file', '--batch'], {
      input: asked.join('\n') + '\n',
      env: { ...process.env, GIT_DIR: gitDir },
      maxBuffer: 16 * 1024 * 1024,
    });
    const expected = [blobs[0], blobs[1], null, ...blobs.slice(2)];
    for (const size of [1, 2, 7, 41, 4096, output.length]) {
      const read: Array<Buffer | null> = [];
      const feed = batchReader((index, bytes) => {
        expect(index).toBe(read.length);
        read.push(bytes === null ? null : Buffer.from(bytes));
      });
      for (let at = 0; at < output.length; at += size) feed(output.subarray(at, at + size));
      expect([size, read]).toEqual([size, expected]);
    }
  });

  test('passes over a blob larger than the limit without holding it, and reads the next one whole', () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-batch-'));
    git(gitDir, ['init', '--quiet', '--bare']);
    const blobs = [Buffer.from('small\n'), Buffer.from('y'.repeat(5_000)), Buffer.from('after\n')];
    const oids = blobs.map((bytes) =>
      execFileSync('git', ['hash-object', '-w', '--stdin'], { input: bytes, env: { ...process.env, GIT_DIR: gitDir } })
        .toString()
        .trim(),
    );
    const output = execFileSync('git', ['cat-file', '--batch'], {
      input: oids.join('\n') + '\n',
      env: { ...process.env, GIT_DIR: gitDir },
    });
    for (const size of [1, 3, 64, output.length]) {
      const read: Array<[Buffer | null, number | undefined]> = [];
      const feed = batchReader((index, bytes, skipped) => {
        expect(index).toBe(read.length);
        read.push([bytes === null ? null : Buffer.from(bytes), skipped]);
      }, 1_000);
      for (let at = 0; at < output.length; at += size) feed(output.subarray(at, at + size));
      expect([size, read]).toEqual([
        size,
        [
          [blobs[0], undefined],
          [null, 5_000],
          [blobs[2], undefined],
        ],
      ]);
    }
    rmSync(gitDir, { recursive: true, force: true });
  });
});

describe('reading only what a run needs', () => {
  // Random bytes do not compress: a fetch that brought the old days would be megabytes.
  const bulky = (seed: number) => {
    let state = seed;
    let text = HEADER;
    while (text.length < 400_000) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      text += `${state.toString(36)}\n`;
    }
    return text;
  };

  test('fetches the files chosen and no others, keeps the others as they are, and pushes the change', async () => {
    const { gitDir, store } = setup();
    const old = Object.fromEntries(Array.from({ length: 4 }, (_, n) => [`history/2026-11-2${n}.csv`, bulky(n + 1)]));
    await store.update(() => new Map(Object.entries({ ...old, 'daily.csv': 'date,id\n' })));
    const before = server.fetchBytes.length;
    let seen: { files: string[]; paths: string[] } | null = null;
    const result = await store.update(
      (files, paths) => {
        seen = { files: [...files.keys()].sort(), paths: [...paths].sort() };
        return appendRows('history/2026-11-26.csv', [row('2026-11-26T10:05:00.000Z', 'a')])(files);
      },
      { read: (paths) => new Set(paths.filter((file) => !file.startsWith('history/2026-11-2') || file.endsWith('26.csv'))) },
    );
    const fetched = server.fetchBytes.slice(before).reduce((sum, n) => sum + n, 0);
    expect(seen).toEqual({ files: ['daily.csv'], paths: ['daily.csv', ...Object.keys(old)].sort() });
    // The four old days (1.6 MiB that does not compress) were not fetched.
    expect(fetched).toBeLessThan(50_000);
    expect(result.commit).not.toBeNull();
    const after = branchFiles(gitDir);
    for (const [file, text] of Object.entries(old)) expect(after.get(file)).toBe(text);
    expect(after.get('history/2026-11-26.csv')).toBe(HEADER + row('2026-11-26T10:05:00.000Z', 'a'));
  });

  test('whileFetching runs once, while git fetches the tip and before `read`, which may answer with a promise', async () => {
    const { options, store } = setup();
    await store.update(
      () =>
        new Map([
          ['a.txt', '0\n'],
          ['b.txt', 'unread\n'],
        ]),
    );
    const events: string[] = [];
    let other: Promise<unknown> | undefined;
    const before = server.fetchBytes.length;
    const result = await gitStore(options).update(
      async (files) => {
        events.push(`change ${[...files.keys()].join(',')}`);
        // Another run pushes first: this update reads again and calls `read` again.
        other ??= gitStore(options).update((theirs) => new Map([['a.txt', theirs.get('a.txt') + '1']]));
        await other;
        return new Map([['a.txt', files.get('a.txt') + '2']]);
      },
      {
        whileFetching: () => events.push(`whileFetching, answers served so far: ${server.fetchBytes.length - before}`),
        read: async (paths) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          events.push('read');
          return new Set(paths.filter((file) => file === 'a.txt'));
        },
      },
    );
    expect(result.attempts).toBe(2);
    expect(result.files.get('a.txt')).toBe('0\n12');
    // Called as git began fetching: no answer of the server had come yet.
    expect(events).toEqual(['whileFetching, answers served so far: 0', 'read', 'change a.txt', 'read', 'change a.txt']);
  });

  test('a read-only update reads the files chosen and pushes nothing, not even a new day’s squash', async () => {
    let now = new Date('2026-11-26T10:05:00Z');
    const { gitDir, store } = setup({ now: () => now });
    await store.update(
      () =>
        new Map([
          ['history/2026-11-20.csv', bulky(9)],
          ['heartbeats/backup.json', '{"reports":[]}\n'],
        ]),
    );
    const tip = git(gitDir, ['rev-parse', BRANCH]).trim();
    now = new Date('2026-11-27T00:05:00Z');
    const before = server.fetchBytes.length;
    let seen: string[] = [];
    const result = await store.update(
      (files) => {
        seen = [...files.keys()];
        return new Map([['should-not-be-written.txt', 'x']]);
      },
      { readOnly: true, read: () => new Set(['heartbeats/backup.json']) },
    );
    expect(seen).toEqual(['heartbeats/backup.json']);
    expect(result).toMatchObject({ commit: null, squashed: false });
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(tip);
    // The bulky day (about 400 KiB that does not compress) was not fetched.
    expect(server.fetchBytes.slice(before).reduce((sum, n) => sum + n, 0)).toBeLessThan(50_000);
  });

  test('a file written without being read is not fetched, not even by the push that sends its new text', async () => {
    const { gitDir, store } = setup();
    await store.update(
      () =>
        new Map([
          ['index.html', bulky(1)],
          ['badges/a/status.svg', 'up\n'],
        ]),
    );
    const before = server.fetchBytes.length;
    const result = await store.update(
      () =>
        new Map([
          ['index.html', bulky(2)],
          ['badges/a/status.svg', 'up\n'],
        ]),
      { read: (paths) => new Set(paths.filter((file) => file !== 'index.html' && !file.startsWith('badges/'))) },
    );
    // The old page (400 KB that does not compress) stayed on the server: git's push would fetch
    // it to send the new one as a delta, were the repository still a partial clone.
    const fetched = server.fetchBytes.slice(before).reduce((sum, n) => sum + n, 0);
    expect(fetched).toBeLessThan(50_000);
    expect(result.commit).not.toBeNull();
    const after = branchFiles(gitDir);
    expect(after.get('index.html')).toBe(bulky(2));
    expect(after.get('badges/a/status.svg')).toBe('up\n');
  });

  test('a server that ignores the filter sends every file with the tip, and the files chosen are read from it', async () => {
    const { gitDir, store } = setup();
    git(gitDir, ['config', 'uploadpack.allowFilter', 'false']);
    await store.update(
      () =>
        new Map([
          ['history/2026-11-20.csv', bulky(3)],
          ['daily.csv', 'date,id\n'],
        ]),
    );
    let seen: string[] = [];
    const before = server.fetchBytes.length;
    const result = await store.update(
      (files) => {
        seen = [...files.keys()];
        return new Map([['daily.csv', 'date,id,checks\n']]);
      },
      { read: (paths) => new Set(paths.filter((file) => file === 'daily.csv')) },
    );
    expect(seen).toEqual(['daily.csv']);
    // The old day came with the tip: the filter was not applied.
    expect(server.fetchBytes.slice(before).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(150_000);
    expect(result.commit).not.toBeNull();
    expect(branchFiles(gitDir).get('daily.csv')).toBe('date,id,checks\n');
    expect(branchFiles(gitDir).get('history/2026-11-20.csv')).toBe(bulky(3));
  });

  test('the new day’s squash keeps the files it did not read', async () => {
    let now = new Date('2026-11-26T10:05:00Z');
    const { gitDir, store } = setup({ now: () => now });
    await store.update(() => new Map([['history/2026-11-20.csv', bulky(9)]]));
    now = new Date('2026-11-27T00:05:00Z');
    const result = await store.update(appendRows('history/2026-11-27.csv', [row('2026-11-27T00:05:00.000Z', 'a')]), {
      read: (paths) => new Set(paths.filter((file) => file !== 'history/2026-11-20.csv')),
    });
    expect(result.squashed).toBe(true);
    expect(commitCount(gitDir)).toBe(1);
    expect(branchFiles(gitDir).get('history/2026-11-20.csv')).toBe(bulky(9));
  });
});
