/**
 * The data branch's new trees and commit are written by Vigil as git's loose objects
 * (src/store/objects.ts). They must be the very objects git makes from the same content — same
 * ids, modes kept, folders left empty gone, names that are not UTF-8 kept byte for byte — and
 * git must find the repository whole. Each case builds the same tree with git itself
 * (`update-index` + `write-tree`, `commit-tree`) and compares.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitRunner } from '../../../src/store/git-command.js';
import { type Tip, readFiles } from '../../../src/store/git-read.js';
import { commitTree, onDisk, writeTree } from '../../../src/store/git-write.js';
import { treeBody } from '../../../src/store/objects.js';

const VIGIL = { GIT_AUTHOR_NAME: 'Vigil', GIT_AUTHOR_EMAIL: 'vigil@users.noreply.github.com' };
const AT = new Date('2026-11-26T10:05:42Z');
const MESSAGE = 'Vigil: 3 checks (2026-11-26T10:05Z)\n\nVigil-Commits: 7\n';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A bare repository in a temporary folder, with git run on it as bytes. */
function repository() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-objects-'));
  temps.push(dir);
  const gitDir = path.join(dir, 'repo.git');
  const run = (args: string[], input?: string | Buffer, env: Record<string, string> = {}): Buffer =>
    execFileSync('git', args, {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_DIR: gitDir,
        GIT_INDEX_FILE: path.join(dir, 'index'),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: path.join(dir, 'no-config'),
        LC_ALL: 'C',
        ...env,
      },
    });
  const text = (args: string[], input?: string | Buffer, env?: Record<string, string>) =>
    run(args, input, env).toString('utf8').trim();
  text(['init', '--bare', '--quiet']);
  text(['symbolic-ref', 'HEAD', 'refs/heads/vigil-data']);
  mkdirSync(path.join(dir, 'hooks'));
  const { git } = gitRunner({ gitDir, token: 'none', env: process.env, hooksDir: path.join(dir, 'hooks') });
  const blob = (content: string | Buffer) => text(['hash-object', '-w', '--stdin'], content);
  /** The tree git writes for these entries (`<mode> <oid>\t<path>`, the path as bytes). */
  const gitTree = (from: string | null, entries: Buffer[]) => {
    rmSync(path.join(dir, 'index'), { force: true });
    text(from ? ['read-tree', from] : ['read-tree', '--empty']);
    if (entries.length > 0)
      text(['update-index', '-z', '--index-info'], Buffer.concat(entries.flatMap((entry) => [entry, Buffer.from([0])])));
    return text(['write-tree', '--missing-ok']);
  };
  const gitCommit = (tree: string, parent: string | null) => {
    const date = `@${Math.floor(AT.getTime() / 1000)} +0000`;
    const env = { ...VIGIL, GIT_COMMITTER_NAME: VIGIL.GIT_AUTHOR_NAME, GIT_COMMITTER_EMAIL: VIGIL.GIT_AUTHOR_EMAIL };
    return text(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], MESSAGE, {
      ...env,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
  };
  /** What `git fsck` says of the repository, and whether it found it whole. */
  const fsck = (args: string[]) => {
    const done = spawnSync('git', ['fsck', ...args], { env: { ...process.env, GIT_DIR: gitDir, LC_ALL: 'C' }, encoding: 'utf8' });
    return { whole: done.status === 0, said: `${done.stdout}${done.stderr}`.trim() };
  };
  return { dir, gitDir, git, run, text, blob, gitTree, gitCommit, fsck };
}

const entry = (mode: string, oid: string, file: string | Buffer) =>
  Buffer.concat([Buffer.from(`${mode} ${oid}\t`), Buffer.isBuffer(file) ? file : Buffer.from(file)]);

/** A tip with files of every mode, folders at several depths, and names that sort differently as
 * files and as folders ("dir" against "dir-a" and "dir.txt"). */
function seed() {
  const repo = repository();
  const latin1Name = Buffer.concat([Buffer.from('dir/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]); // not UTF-8
  const tree = repo.gitTree(null, [
    entry('100644', repo.blob('a\n'), 'a.txt'),
    entry('100755', repo.blob('#!/bin/sh\necho hi\n'), 'run.sh'),
    entry('120000', repo.blob('a.txt'), 'link'),
    entry('160000', '1111111111111111111111111111111111111111', 'module'),
    entry('100644', repo.blob('x\n'), 'dir/x.csv'),
    entry('100755', repo.blob('tool\n'), 'dir/tool'),
    entry('100644', repo.blob('z\n'), 'dir/y/z.csv'),
    entry('100644', repo.blob('latin-1 name\n'), latin1Name),
    entry('100644', repo.blob('f\n'), 'dir-a/f'),
    entry('100644', repo.blob('dot\n'), 'dir.txt'),
    entry('100644', repo.blob('deep\n'), 'keep/deep/file'),
    entry('100644', repo.blob('only\n'), 'gone/only'),
  ]);
  const commit = repo.gitCommit(tree, null);
  const tip: Tip = { commit, tree, time: AT.getTime(), commits: 1, ours: true };
  return { ...repo, tip };
}

describe('the new tree and commit, written by Vigil', () => {
  test('have the ids git gives them; modes, unchanged folders and names that are not UTF-8 are kept', async () => {
    const repo = seed();
    const { files, entries, listing } = await readFiles(repo.git, repo.tip.tree, 1 << 20, undefined, 'vigil-data');
    const changes = new Map<string, string | null>([
      ['dir/x.csv', 'x\nx2\n'], // changed
      ['dir/y/new.csv', 'new\n'], // added in a folder that is there
      ['new/deeper/n.csv', 'n\n'], // added in folders that are not
      ['gone/only', null], // deleted: its folder goes with it
      ['a.txt', 'a, again\n'], // changed, its old bytes kept under unreadable/
      ['dir.txt', 'dot\n'], // the same text: nothing written
      ['not/there', null], // deleting what is not there changes nothing
    ]);
    const kept = [{ file: 'a.txt', keptAs: 'unreadable/a.txt' }];
    const tree = await writeTree(onDisk(repo.gitDir), repo.tip, files, changes, entries, listing, kept);

    const expected = repo.gitTree(repo.tip.tree, [
      entry('100644', repo.text(['rev-parse', `${repo.tip.tree}:a.txt`]), 'unreadable/a.txt'),
      entry('100644', repo.blob('x\nx2\n'), 'dir/x.csv'),
      entry('100644', repo.blob('new\n'), 'dir/y/new.csv'),
      entry('100644', repo.blob('n\n'), 'new/deeper/n.csv'),
      entry('100644', repo.blob('a, again\n'), 'a.txt'),
      entry('0', '0'.repeat(40), 'gone/only'),
    ]);
    expect(tree).toBe(expected);
    const listed = repo.text(['ls-tree', '-r', '-t', tree]).split('\n');
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^100755 blob \w+\trun\.sh$/)]));
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^100755 blob \w+\tdir\/tool$/)]));
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^120000 blob \w+\tlink$/)]));
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^160000 commit 1{40}\tmodule$/)]));
    expect(listed.some((line) => line.includes('gone'))).toBe(false);
    // A folder no change touched is the same tree object as before.
    expect(repo.text(['rev-parse', `${tree}:keep`])).toBe(repo.text(['rev-parse', `${repo.tip.tree}:keep`]));
    expect(
      repo
        .run(['ls-tree', '-z', '--name-only', `${tree}:dir`])
        .toString('latin1')
        .split('\0'),
    ).toContain('caf\xe9.txt');

    const commit = await commitTree(onDisk(repo.gitDir), tree, repo.tip.commit, MESSAGE, AT);
    expect(commit).toBe(repo.gitCommit(tree, repo.tip.commit));
    repo.text(['update-ref', 'refs/heads/vigil-data', commit]);
    // Every object reachable is here (the submodule's commit is not an object of this repository).
    expect(repo.fsck(['--no-dangling', '--strict'])).toEqual({ whole: true, said: '' });
  });

  test('a new branch and a squash (no parent) have the ids git gives them', async () => {
    const repo = repository();
    const changes = new Map<string, string | null>([
      ['status.json', '{}\n'],
      ['history/2026-11-26.csv', 'time,id\n'],
      ['badges/api/uptime.svg', '<svg/>\n'],
    ]);
    const tree = await writeTree(onDisk(repo.gitDir), null, new Map(), changes, new Map(), new Map(), []);
    expect(tree).toBe(
      repo.gitTree(
        null,
        [...changes].map(([file, text]) => entry('100644', repo.blob(text ?? ''), file)),
      ),
    );
    const commit = await commitTree(onDisk(repo.gitDir), tree, null, MESSAGE, AT);
    expect(commit).toBe(repo.gitCommit(tree, null));
    repo.text(['update-ref', 'refs/heads/vigil-data', commit]);
    expect(repo.fsck(['--no-dangling', '--strict'])).toEqual({ whole: true, said: '' });
  });

  test('a branch whose every file is deleted is git’s empty tree; a change that changes nothing keeps the tip’s tree', async () => {
    const repo = repository();
    const tree = repo.gitTree(null, [entry('100644', repo.blob('a\n'), 'a.txt'), entry('100644', repo.blob('b\n'), 'b/b.txt')]);
    const tip: Tip = { commit: repo.gitCommit(tree, null), tree, time: AT.getTime(), commits: 1, ours: true };
    const { files, entries, listing } = await readFiles(repo.git, tree, 1 << 20, undefined, 'vigil-data');
    expect(await writeTree(onDisk(repo.gitDir), tip, files, new Map([['a.txt', 'a\n']]), entries, listing, [])).toBe(tree);
    const all = new Map<string, string | null>([...entries.keys()].map((file) => [file, null]));
    const empty = await writeTree(onDisk(repo.gitDir), tip, files, all, entries, listing, []);
    expect(empty).toBe(repo.gitTree(null, []));
    expect(repo.text(['cat-file', '-t', empty])).toBe('tree');
  });

  test('a partial clone: files not fetched stay in the tree by their ids, and git finds the rest whole', async () => {
    const repo = seed();
    const { files, entries, listing } = await readFiles(repo.git, repo.tip.tree, 1 << 20, undefined, 'vigil-data');
    // The blob of dir/y/z.csv is left on the server, as a partial fetch leaves the page and badges.
    const missing = repo.text(['rev-parse', `${repo.tip.tree}:dir/y/z.csv`]);
    rmSync(path.join(repo.gitDir, 'objects', missing.slice(0, 2), missing.slice(2)));
    const tree = await writeTree(
      onDisk(repo.gitDir),
      repo.tip,
      files,
      new Map([['dir/y/other.csv', 'o\n']]),
      entries,
      listing,
      [],
    );
    expect(repo.text(['rev-parse', `${tree}:dir/y/z.csv`])).toBe(missing);
    const commit = await commitTree(onDisk(repo.gitDir), tree, repo.tip.commit, MESSAGE, AT);
    repo.text(['update-ref', 'refs/heads/vigil-data', commit]);
    // The one object missing is the one left on the server.
    const broken = repo.fsck(['--connectivity-only', '--no-dangling']);
    expect([broken.whole, broken.said.split('\n').filter((line) => line.startsWith('missing'))]).toEqual([
      false,
      [`missing blob ${missing}`],
    ]);
    repo.blob('z\n');
    expect(repo.fsck(['--connectivity-only', '--no-dangling'])).toEqual({ whole: true, said: '' });
  });

  test('a folder sorts after a file whose name it begins, as git sorts them', () => {
    const oid = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
    const names = (body: Buffer) => [...body.toString('latin1').matchAll(/\d+ ([^\0]+)\0/gs)].map((match) => match[1]);
    const body = treeBody(
      new Map([
        ['dir', { mode: '40000', oid }],
        ['dir.txt', { mode: '100644', oid }],
        ['dir-a', { mode: '40000', oid }],
        ['dir0', { mode: '100644', oid }],
      ]),
    );
    expect(names(body)).toEqual(['dir-a', 'dir.txt', 'dir', 'dir0']);
  });

  test('names that sort apart as files and as folders, and names past ASCII, make the tree git makes', async () => {
    const repo = repository();
    const start = ['a', 'a-b', 'a.b', 'a0', 'a/x', 'ab/c', 'x/y/z'];
    const tree = repo.gitTree(
      null,
      start.map((file) => entry('100644', repo.blob(`${file}\n`), file)),
    );
    const tip: Tip = { commit: repo.gitCommit(tree, null), tree, time: AT.getTime(), commits: 1, ours: true };
    const { files, entries, listing } = await readFiles(repo.git, tree, 1 << 20, undefined, 'vigil-data');
    const changes = new Map<string, string | null>([
      ['a/y', 'y\n'],
      ['a.b/q', 'q\n'], // a folder beside the file a.b
      ['é/ü.csv', 'u\n'],
      ['日本.csv', 'j\n'],
      ['a\u00ff', 'ff\n'],
      ['a~', 'tilde\n'],
      ['x/y/z', null], // the last file of a nested folder: both folders go
    ]);
    const ours = await writeTree(onDisk(repo.gitDir), tip, files, changes, entries, listing, []);
    const theirs = repo.gitTree(
      tree,
      [...changes].map(([file, text]) =>
        text === null ? entry('0', '0'.repeat(40), file) : entry('100644', repo.blob(text), file),
      ),
    );
    expect(ours).toBe(theirs);
    repo.text(['update-ref', 'refs/heads/vigil-data', await commitTree(onDisk(repo.gitDir), ours, tip.commit, MESSAGE, AT)]);
    expect(repo.fsck(['--no-dangling', '--strict'])).toEqual({ whole: true, said: '' });
  });

  test('an object that cannot be written fails the write instead of passing', async () => {
    const repo = seed();
    const { files, entries, listing } = await readFiles(repo.git, repo.tip.tree, 1 << 20, undefined, 'vigil-data');
    // Where the objects go is not a folder any more (as a full disk, the write itself fails).
    rmSync(path.join(repo.gitDir, 'objects'), { recursive: true });
    writeFileSync(path.join(repo.gitDir, 'objects'), '');
    await expect(
      writeTree(onDisk(repo.gitDir), repo.tip, files, new Map([['a.txt', 'b\n']]), entries, listing, []),
    ).rejects.toThrow(/ENOTDIR/);
    await expect(commitTree(onDisk(repo.gitDir), repo.tip.tree, null, MESSAGE, AT)).rejects.toThrow(/ENOTDIR/);
  });
});
