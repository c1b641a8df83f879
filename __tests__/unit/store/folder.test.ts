import { describe, expect, test } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BranchFiles } from '../../../src/history/types.js';
import { folderStore, StoreError } from '../../../src/store/index.js';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'vigil-folder-'));
}

/** Every file under `dir`, relative, `/`-separated. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('the history folder (vigil check --history-dir)', () => {
  test('a missing folder is created and holds exactly the files the change returned', async () => {
    const dir = path.join(tempDir(), 'history-dir');
    const seen: BranchFiles[] = [];
    const result = await folderStore(dir).update((files) => {
      seen.push(files);
      return new Map([
        ['history/2026-11-26.csv', 'time,id\n1,a\n'],
        ['status.json', '{}\n'],
      ]);
    });
    expect(seen).toEqual([new Map()]);
    expect(listFiles(dir)).toEqual(['history/2026-11-26.csv', 'status.json']);
    expect(readFileSync(path.join(dir, 'history/2026-11-26.csv'), 'utf8')).toBe('time,id\n1,a\n');
    expect(result).toEqual({
      commit: null,
      files: new Map([
        ['history/2026-11-26.csv', 'time,id\n1,a\n'],
        ['status.json', '{}\n'],
      ]),
      attempts: 1,
      squashed: false,
      warnings: [],
    });
  });

  test('the next run reads what is there, rewrites and deletes, and leaves no temporary file', async () => {
    const dir = tempDir();
    const store = folderStore(dir);
    await store.update(
      () =>
        new Map([
          ['a.csv', 'one\n'],
          ['old/b.csv', 'two\n'],
        ]),
    );
    let seen: BranchFiles | undefined;
    const result = await store.update((files) => {
      seen = files;
      return new Map([
        ['a.csv', `${files.get('a.csv')}more\n`],
        ['old/b.csv', null],
        ['never-there.csv', null],
      ]);
    });
    expect(seen).toEqual(
      new Map([
        ['a.csv', 'one\n'],
        ['old/b.csv', 'two\n'],
      ]),
    );
    expect(listFiles(dir)).toEqual(['a.csv']);
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('one\nmore\n');
    expect(result.files).toEqual(new Map([['a.csv', 'one\nmore\n']]));
  });

  test('a picture and a .git folder in the folder are neither shown to the change nor touched', async () => {
    const dir = tempDir();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]);
    writeFileSync(path.join(dir, 'logo.png'), png);
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/vigil-data\n');
    let seen: BranchFiles | undefined;
    await folderStore(dir).update((files) => {
      seen = files;
      return new Map([['status.json', '{}']]);
    });
    expect(seen).toEqual(new Map());
    expect(readFileSync(path.join(dir, 'logo.png'))).toEqual(png);
    expect(readFileSync(path.join(dir, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/vigil-data\n');
  });

  test('a path that would leave the folder is refused and nothing is written', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'inside');
    for (const bad of ['../outside.txt', '/etc/x', 'a//b', '.git/config', 'a\\..\\b']) {
      const error = (await folderStore(dir)
        .update(
          () =>
            new Map([
              ['fine.txt', 'x'],
              [bad, 'y'],
            ]),
        )
        .catch((caught: unknown) => caught)) as StoreError;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.message).toBe(`cannot write ${JSON.stringify(bad)}: not a plain relative path`);
    }
    expect(existsSync(path.join(parent, 'outside.txt'))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  // Root writes anywhere, so this one only runs as another user.
  (process.getuid?.() === 0 ? test.skip : test)(
    'a folder it may not write to gives a permission error naming the folder',
    async () => {
      const dir = tempDir();
      chmodSync(dir, 0o500);
      const error = (await folderStore(dir)
        .update(() => new Map([['status.json', '{}']]))
        .catch((caught: unknown) => caught)) as StoreError;
      chmodSync(dir, 0o700);
      expect(error).toBeInstanceOf(StoreError);
      expect(error.reason).toBe('permission');
      expect(error.message).toMatch(new RegExp(`^could not save the history in ${dir}: EACCES`));
    },
  );

  test('a folder that is a file gives a clear error naming it', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const error = (await folderStore(file)
      .update(() => new Map([['status.json', '{}']]))
      .catch((caught: unknown) => caught)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe('other');
    expect(error.message).toMatch(new RegExp(`^could not save the history in ${file}: ENOTDIR`));
  });
});
