/**
 * The data branch under faults (README "What Vigil promises under faults"): files Vigil cannot
 * read are kept byte for byte, only Vigil's own branch is written, every check lands once when
 * many runs overlap on a slow server, a refused push is retried until the run's signal says stop,
 * and git ignores the machine's git configuration. Against the real git server of the suite and
 * the history folder.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/inputs.js';
import { ConfigError } from '../../../src/config/types.js';
import { readDailyRows } from '../../../src/history/daily-rows.js';
import { readPoints } from '../../../src/history/rows.js';
import type { BranchFiles, FileChanges } from '../../../src/history/types.js';
import { folderStore, gitStore, type GitStoreOptions, StoreError } from '../../../src/store/index.js';
import { git, startGitServer, type GitServer } from '../../support/git-server.js';

const TOKEN = 'ghs_FaultsT0kenThatMustNeverShow42';
const BRANCH = 'vigil-data';
const HEADER = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
const DAY = 'history/2026-11-26.csv';

let server: GitServer;
let repoCount = 0;
const temps: string[] = [];

beforeAll(async () => {
  server = await startGitServer(TOKEN);
});
afterAll(async () => {
  await server.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-faults-'));
  temps.push(dir);
  return dir;
}

function setup(overrides: Partial<GitStoreOptions> = {}, on: GitServer = server) {
  const repository = `octo/faults-${++repoCount}`;
  const gitDir = on.createRepo(repository);
  const options: GitStoreOptions = {
    serverUrl: on.url,
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

function row(time: string, id: string, error = ''): string {
  return `${time},${id},${error ? 'down' : 'up'},200,412,3,21,40,340,8,1,${error}\n`;
}

/** A change that appends its rows to a file, as the judge does to the day's file. */
function appendRows(file: string, rows: string[]) {
  return (files: BranchFiles): FileChanges => new Map([[file, (files.get(file) ?? HEADER) + rows.join('')]]);
}

/** A file of a commit as bytes; null when it is not there. */
function blob(gitDir: string, ref: string, file: string): Buffer | null {
  try {
    return execFileSync('git', ['cat-file', 'blob', `${ref}:${file}`], {
      env: { ...process.env, GIT_DIR: gitDir },
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}

function listing(gitDir: string, ref = BRANCH): string[] {
  return git(gitDir, ['ls-tree', '-r', '--name-only', '-z', ref]).split('\0').filter(Boolean).sort();
}

/** Commits files (bytes, or null to delete) on top of a branch as a person would, and returns the commit. */
function commitByHand(gitDir: string, branch: string, files: Record<string, Buffer | string | null>, parent = true): string {
  const indexFile = path.join(tempDir(), 'index');
  const env = {
    ...process.env,
    GIT_DIR: gitDir,
    GIT_INDEX_FILE: indexFile,
    GIT_AUTHOR_NAME: 'Someone',
    GIT_AUTHOR_EMAIL: 'someone@example.com',
    GIT_COMMITTER_NAME: 'Someone',
    GIT_COMMITTER_EMAIL: 'someone@example.com',
  };
  const run = (args: string[], input?: Buffer | string) =>
    execFileSync('git', args, { env, input, stdio: ['pipe', 'pipe', 'pipe'] })
      .toString('utf8')
      .trim();
  const head = parent ? run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]) : '';
  run(head ? ['read-tree', head] : ['read-tree', '--empty']);
  for (const [file, bytes] of Object.entries(files)) {
    if (bytes === null) run(['update-index', '--force-remove', file]);
    else run(['update-index', '--add', '--cacheinfo', `100644,${run(['hash-object', '-w', '--stdin'], bytes)},${file}`]);
  }
  const tree = run(['write-tree']);
  const commit = run(['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', 'by hand']);
  run(['update-ref', `refs/heads/${branch}`, commit]);
  return commit;
}

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** What a spreadsheet or an editor may leave on the branch, and the text Vigil reads in each. */
const oldRows = row('2026-11-26T09:00:00.000Z', 'api') + row('2026-11-26T09:05:00.000Z', 'api');
const broken: Record<string, Buffer> = {
  // A spreadsheet's "Unicode text": UTF-16 with its byte order mark, CRLF line ends.
  [DAY]: utf16le((HEADER + oldRows).replaceAll('\n', '\r\n')),
  // Saved again by an editor that adds a UTF-8 byte order mark.
  'history/2026-11-25.csv': Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(HEADER + oldRows.replaceAll('26T', '25T')),
  ]),
  // Latin-1: "é" is one byte, not UTF-8.
  'history/2026-11-24.csv': Buffer.from(HEADER + row('2026-11-24T09:00:00.000Z', 'api', 'refusé'), 'latin1'),
  // Cut short while being written by hand.
  'state.json': Buffer.from('{"version": 1, "endpoints": {'),
  // Over the size the reader takes (made small here).
  'history/2026-11-23.csv': Buffer.from(HEADER + row('2026-11-23T09:00:00.000Z', 'api').repeat(200)),
  // Not written by the change: stays as it is, and is not a reason to warn.
  'notes.csv': utf16le('a,b\r\n'),
  'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0xfd]),
};
const MAX_FILE_BYTES = 4096;

/** The change every store below is given: append a row to each day file and rewrite the state. */
function changeAll(seen: BranchFiles[]) {
  return (files: BranchFiles): FileChanges => {
    seen.push(files);
    const changes: FileChanges = new Map();
    for (const day of ['26', '25', '24', '23']) {
      const file = `history/2026-11-${day}.csv`;
      changes.set(file, (files.get(file) ?? HEADER) + row(`2026-11-${day}T10:00:00.000Z`, 'new'));
    }
    changes.set('state.json', '{"version":1}\n');
    return changes;
  };
}

function expectKept(read: (file: string) => Buffer | null, warnings: string[]) {
  // Each file Vigil could not read is kept byte for byte under unreadable/, and a warning names it.
  for (const file of [DAY, 'history/2026-11-25.csv', 'history/2026-11-24.csv', 'state.json', 'history/2026-11-23.csv']) {
    expect([file, read(`unreadable/${file}`)]).toEqual([file, broken[file]]);
    expect(warnings.filter((warning) => warning.startsWith(`${file} `) && warning.includes(`unreadable/${file}`))).toHaveLength(
      1,
    );
  }
  expect(warnings).toHaveLength(5);
  expect(warnings.find((warning) => warning.startsWith(DAY))).toMatch(/UTF-16/);
  expect(warnings.find((warning) => warning.startsWith('history/2026-11-23.csv'))).toMatch(/over the 4096 bytes Vigil reads/);
  // The rows Vigil could read are carried over, in UTF-8, with this run's row after them.
  expect(read(DAY)!.toString('utf8')).toBe(HEADER + oldRows + row('2026-11-26T10:00:00.000Z', 'new'));
  expect(read('history/2026-11-25.csv')!.toString('utf8')).toBe(
    HEADER + oldRows.replaceAll('26T', '25T') + row('2026-11-25T10:00:00.000Z', 'new'),
  );
  expect(readPoints(read('history/2026-11-24.csv')!.toString('utf8')).map((point) => point.id)).toEqual(['api', 'new']);
  // Files the change did not write are left as they were.
  expect(read('notes.csv')).toEqual(broken['notes.csv']);
  expect(read('logo.png')).toEqual(broken['logo.png']);
}

describe('a file Vigil cannot read is never rewritten from nothing', () => {
  test('on the data branch: kept under unreadable/, named in the warnings, its readable rows carried over', async () => {
    const { gitDir, store } = setup({ maxFileBytes: MAX_FILE_BYTES });
    await store.update(() => new Map([['status.json', '{}\n']]));
    commitByHand(gitDir, BRANCH, broken);

    const seen: BranchFiles[] = [];
    const result = await store.update(changeAll(seen));
    expect(seen[0].get(DAY)).toBe(HEADER + oldRows);
    expect(seen[0].has('history/2026-11-23.csv')).toBe(false); // too large: never read
    expect(seen[0].has('logo.png')).toBe(false);
    expectKept((file) => blob(gitDir, BRANCH, file), result.warnings);

    // The next run is not shown what was kept, and has nothing to warn about.
    const next: BranchFiles[] = [];
    const again = await store.update(changeAll(next));
    expect([...next[0].keys()].filter((file) => file.startsWith('unreadable/'))).toEqual([]);
    expect(again.warnings).toEqual([]);
    expect(blob(gitDir, BRANCH, `unreadable/${DAY}`)).toEqual(broken[DAY]);
  });

  test('in the history folder: the same', async () => {
    const dir = tempDir();
    for (const [file, bytes] of Object.entries(broken)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), bytes);
    }
    const store = folderStore(dir, { maxFileBytes: MAX_FILE_BYTES });
    const seen: BranchFiles[] = [];
    const result = await store.update(changeAll(seen));
    const read = (file: string) => {
      try {
        return readFileSync(path.join(dir, file));
      } catch {
        return null;
      }
    };
    expectKept(read, result.warnings);
    const again = await store.update(changeAll([]));
    expect(again.warnings).toEqual([]);
    expect(read(`unreadable/${DAY}`)).toEqual(broken[DAY]);
  });

  test('a second unreadable version of the same file is kept beside the first', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'history'));
    writeFileSync(path.join(dir, DAY), broken[DAY]);
    await folderStore(dir).update(appendRows(DAY, [row('2026-11-26T10:00:00.000Z', 'a')]));
    writeFileSync(path.join(dir, DAY), Buffer.from('\ufeff' + HEADER));
    const result = await folderStore(dir).update(appendRows(DAY, [row('2026-11-26T10:05:00.000Z', 'a')]));
    expect(result.warnings).toEqual([
      `${DAY} starts with a UTF-8 byte order mark: its bytes are kept as unreadable/history/2026-11-26.2.csv, and ${DAY} was written anew with what Vigil could read of it`,
    ]);
    expect(readFileSync(path.join(dir, 'unreadable', DAY))).toEqual(broken[DAY]);
    expect(readFileSync(path.join(dir, 'unreadable/history/2026-11-26.2.csv'), 'utf8')).toBe('\ufeff' + HEADER);
  });

  test('a day file too large to read, that the run does not write, stays in place and is named in a warning', async () => {
    const { gitDir, store } = setup({ maxFileBytes: MAX_FILE_BYTES });
    await store.update(() => new Map([['status.json', '{}\n']]));
    commitByHand(gitDir, BRANCH, { 'history/2026-11-23.csv': broken['history/2026-11-23.csv'] });
    const seen: BranchFiles[] = [];
    const result = await store.update((files) => {
      seen.push(files);
      return appendRows(DAY, [row('2026-11-26T10:05:00.000Z', 'a')])(files);
    });
    expect(seen[0].has('history/2026-11-23.csv')).toBe(false);
    expect(result.warnings).toEqual([
      `history/2026-11-23.csv is ${broken['history/2026-11-23.csv'].length} bytes, over the 4096 bytes Vigil reads: it was not read, and is left as it is`,
    ]);
    expect(blob(gitDir, BRANCH, 'history/2026-11-23.csv')).toEqual(broken['history/2026-11-23.csv']);
    expect(blob(gitDir, BRANCH, 'unreadable/history/2026-11-23.csv')).toBeNull();
  });

  test('an unterminated quote in a day file costs that one line, not the rest of the day', () => {
    const lines = [
      HEADER,
      row('2026-11-26T09:00:00.000Z', 'a'),
      '2026-11-26T09:01:00.000Z,"b,up,200,412,3,21,40,340,8,1,\n', // the quote never closes
      ...Array.from({ length: 5 }, (_, n) => row(`2026-11-26T09:0${n + 2}:00.000Z`, 'c')),
      row('2026-11-26T09:08:00.000Z', 'd', '"timeout, then reset"'),
      row('2026-11-26T09:09:00.000Z', 'e'),
    ];
    const ids = readPoints(lines.join('')).map((point) => point.id);
    expect(ids).toEqual(['a', 'c', 'c', 'c', 'c', 'c', 'd', 'e']);
  });
});

test('an unterminated quote in daily.csv costs that one row, not the rows after it', () => {
  const rows = [
    'date,id,checks,up,degraded,down,maintenance,p50,p95,p99',
    '2026-11-20,api,288,288,0,0,0,120,300,450',
    '2026-11-21,"api,288,288,0,0,0,120,300,450', // the quote never closes
    ...Array.from({ length: 5 }, (_, n) => `2026-11-2${n + 2},api,288,287,0,1,0,120,300,450`),
    '2026-11-27,"api",288,288,0,0,0,120,300,450',
  ];
  const dates = readDailyRows(rows.join('\n') + '\n').map((row) => row.date);
  expect(dates).toEqual(['2026-11-20', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
});

describe('Vigil writes only its own branch', () => {
  test('a gh-pages site and a develop branch are refused by name and left exactly as they were', async () => {
    for (const branch of ['gh-pages', 'develop']) {
      const { gitDir, store } = setup({ branch });
      commitByHand(gitDir, branch, { 'index.html': '<h1>Our site</h1>\n', CNAME: 'status.example.com\n' }, false);
      const before = commitByHand(gitDir, branch, { 'about.html': '<p>About</p>\n' });
      let called = false;
      const error = (await store
        .update((files) => {
          called = true;
          return new Map([...files.keys()].map((file) => [file, null]));
        })
        .catch((caught: unknown) => caught)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.reason).toBe('foreign');
      expect(error.message).toMatch(new RegExp(`^${branch} was not made by Vigil .*choose another history-branch`));
      expect(called).toBe(false);
      expect(git(gitDir, ['rev-parse', branch]).trim()).toBe(before);
      expect(listing(gitDir, branch)).toEqual(['CNAME', 'about.html', 'index.html']);
    }
  });

  test('files people add to the data branch (CNAME, README) are kept across runs and the daily squash', async () => {
    let now = new Date('2026-11-26T10:05:00Z');
    const { gitDir, store } = setup({ now: () => now });
    await store.update(appendRows(DAY, [row('2026-11-26T10:05:00.000Z', 'a')]));
    commitByHand(gitDir, BRANCH, { CNAME: 'status.example.com\n', 'README.md': '# Our uptime\n' });
    commitByHand(gitDir, BRANCH, { 'README.md': '# Our uptime, by Vigil\n' });

    const later = await store.update(appendRows(DAY, [row('2026-11-26T10:10:00.000Z', 'a')]));
    expect(later.squashed).toBe(false);
    now = new Date('2026-11-27T00:05:00Z');
    const squashed = await store.update(appendRows('history/2026-11-27.csv', [row('2026-11-27T00:05:00.000Z', 'a')]));
    expect(squashed.squashed).toBe(true);
    expect(Number(git(gitDir, ['rev-list', '--count', BRANCH]).trim())).toBe(1);
    expect(listing(gitDir)).toEqual(['CNAME', 'README.md', DAY, 'history/2026-11-27.csv']);
    expect(blob(gitDir, BRANCH, 'CNAME')!.toString()).toBe('status.example.com\n');
    expect(blob(gitDir, BRANCH, 'README.md')!.toString()).toBe('# Our uptime, by Vigil\n');
    // And the squashed branch is still Vigil's.
    expect((await store.update(appendRows(DAY, [row('2026-11-27T00:10:00.000Z', 'a')]))).commit).not.toBeNull();
  });

  test('history-branch must be a branch name git reads as one: HEAD, refs/heads/x, a..b and spaces are configuration errors', () => {
    const endpoints = 'https://example.com/health';
    for (const [branch, reason] of [
      ['HEAD', 'is "HEAD"'],
      ['refs/heads/vigil-data', 'starts with "refs/"'],
      ['a..b', 'contains ".."'],
      ['vigil data', 'contains a space'],
    ]) {
      const inputs: Record<string, string> = { endpoints, 'history-branch': branch };
      let error: unknown = null;
      try {
        loadConfig((name) => inputs[name] ?? '', { env: {}, workspace: '.' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).toContain(
        `input history-branch: ${JSON.stringify(branch)} is not a valid branch name: it ${reason}`,
      );
    }
  });
});

describe('every check lands once, however many runs overlap', () => {
  test('20 runs at once against a server with GitHub-like latency all land every row exactly once', async () => {
    const { gitDir, options } = setup({ sleep: undefined });
    await gitStore(options).update(appendRows(DAY, [row('2026-11-26T10:00:00.000Z', 'seed')]));
    server.latency = { fetch: 500, push: 1000 };
    try {
      const runs = Array.from({ length: 20 }, (_, n) =>
        gitStore(options).update(
          appendRows(
            DAY,
            [0, 1, 2].map((k) => row(`2026-11-26T10:05:0${k}.000Z`, `shard-${n}`)),
          ),
          { signal: AbortSignal.timeout(240_000) },
        ),
      );
      const results = await Promise.all(runs);
      const rows = git(gitDir, ['show', `${BRANCH}:${DAY}`])
        .trim()
        .split('\n')
        .slice(1);
      const expected = [row('2026-11-26T10:00:00.000Z', 'seed')];
      for (let n = 0; n < 20; n++) for (const k of [0, 1, 2]) expected.push(row(`2026-11-26T10:05:0${k}.000Z`, `shard-${n}`));
      expect(rows.sort()).toEqual(expected.map((line) => line.trim()).sort());
      expect(Number(git(gitDir, ['rev-list', '--count', BRANCH]).trim())).toBe(21);
      // None gave up, however many times other runs got there first.
      expect(results.every((result) => result.commit !== null)).toBe(true);
    } finally {
      server.latency = { fetch: 0, push: 0 };
    }
  }, 300_000);

  test('a push refused because others moved the branch is tried again until it lands, not a fixed number of times', async () => {
    const { gitDir, store } = setup();
    await store.update(appendRows(DAY, [row('2026-11-26T10:00:00.000Z', 'seed')]));
    let calls = 0;
    const result = await store.update((files) => {
      calls++;
      // Another run lands between this run's read and its push, seven times over.
      if (calls <= 7)
        commitByHand(gitDir, BRANCH, {
          [DAY]: git(gitDir, ['show', `${BRANCH}:${DAY}`]) + row(`2026-11-26T10:0${calls}:30.000Z`, 'other'),
        });
      return appendRows(DAY, [row('2026-11-26T10:05:00.000Z', 'mine')])(files);
    });
    expect(result.attempts).toBe(8);
    const rows = git(gitDir, ['show', `${BRANCH}:${DAY}`])
      .trim()
      .split('\n')
      .slice(1);
    expect(rows.filter((line) => line.includes(',other,'))).toHaveLength(7);
    expect(rows.filter((line) => line.includes(',mine,'))).toHaveLength(1);
  });
});

describe('the run signal', () => {
  let slow: GitServer;
  beforeAll(async () => {
    slow = await startGitServer(TOKEN);
  });
  afterAll(() => slow.close());

  test('aborting it stops a push that hangs at once, with a cancelled error, and the branch is left as it was', async () => {
    const { gitDir, store } = setup({}, slow);
    const first = await store.update(appendRows(DAY, [row('2026-11-26T10:00:00.000Z', 'seed')]));
    slow.holdPushes(2); // this push waits for another that never comes
    const controller = new AbortController();
    const pushes = slow.requests.length;
    const update = store.update(appendRows(DAY, [row('2026-11-26T10:05:00.000Z', 'late')]), { signal: controller.signal });
    while (!slow.requests.slice(pushes).some((request) => request.url.includes('service=git-receive-pack'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // the push is sent and held
    controller.abort(new Error('deadline'));
    const error = (await update.catch((caught: unknown) => caught)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe('cancelled');
    expect(git(gitDir, ['rev-parse', BRANCH]).trim()).toBe(first.commit);
  }, 20_000);

  test('a signal that has already aborted makes no request at all', async () => {
    const { store } = setup({}, slow);
    const before = slow.requests.length;
    const error = (await store
      .update(appendRows(DAY, []), { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught)) as StoreError;
    expect(error.reason).toBe('cancelled');
    expect(slow.requests.length).toBe(before);
  });
});

describe("git ignores the machine's git configuration", () => {
  test('a global extraheader, insteadOf and credential helper (as a runner may have) change nothing', async () => {
    const home = tempDir();
    const bogus = Buffer.from('x-access-token:not-the-token').toString('base64');
    const config = [
      `[http "${server.url}/"]`,
      `\textraheader = Authorization: Basic ${bogus}`,
      '[http]',
      `\textraheader = Authorization: Basic ${bogus}`,
      `[url "http://127.0.0.1:9/"]`,
      `\tinsteadOf = ${server.url}/`,
      '[credential]',
      '\thelper = "!f() { echo username=x-access-token; echo password=not-the-token; }; f"',
      '',
    ].join('\n');
    writeFileSync(path.join(home, '.gitconfig'), config);
    mkdirSync(path.join(home, 'xdg', 'git'), { recursive: true });
    writeFileSync(path.join(home, 'xdg', 'git', 'config'), config);
    const env = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'xdg'),
      GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    };
    const { gitDir, store } = setup({ env });
    const result = await store.update(appendRows(DAY, [row('2026-11-26T10:05:00.000Z', 'a')]));
    expect(result.commit).toBe(git(gitDir, ['rev-parse', BRANCH]).trim());
  });
});
