/**
 * A rewritten file is stored in a pack as a delta against its version read (src/store/pack.ts),
 * for `git push` to send as it is. git itself must read every object of that pack as the exact
 * text written (`cat-file`), find the pack whole (`verify-pack`, `fsck`), and send the delta as
 * it is stored (`pack-objects` counts it among the deltas it reused).
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashObject } from '../../../src/store/objects.js';
import { deltaOf, writeDeltas } from '../../../src/store/pack.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

function repository() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-pack-'));
  temps.push(dir);
  const gitDir = path.join(dir, 'repo.git');
  const environment = {
    ...process.env,
    GIT_DIR: gitDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(dir, 'none'),
    GIT_AUTHOR_NAME: 'Vigil',
    GIT_AUTHOR_EMAIL: 'vigil@example.test',
    GIT_COMMITTER_NAME: 'Vigil',
    GIT_COMMITTER_EMAIL: 'vigil@example.test',
  };
  const git = (args: string[], input?: string | Buffer): Buffer =>
    execFileSync('git', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, env: environment });
  git(['init', '--bare', '--quiet']);
  const blob = (text: string) => git(['hash-object', '-w', '--stdin'], text).toString().trim();
  return { gitDir, git, blob, environment };
}

/** A day file of `rows` rows, as the raw days are: one check a line, oldest first. */
function dayFile(rows: number, from = 0, extra = ''): string {
  let text = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';
  for (let n = from; n < from + rows; n++)
    text += `2026-12-07T${String(Math.floor(n / 60) % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z,api-${n % 7},up,200,${100 + (n % 50)},1,2,3,40,5,1,${extra}\n`;
  return text;
}

describe('writeDeltas', () => {
  test('a grown day file is stored as a delta that git reads back as the text, in a pack git finds whole', async () => {
    const { gitDir, git, blob } = repository();
    const before = dayFile(2000);
    const after = before + dayFile(20, 2000).split('\n').slice(1).join('\n');
    const base = blob(before);
    const oid = hashObject('blob', after);
    const written = await writeDeltas(gitDir, [{ oid, body: after, base: { oid: base, body: before } }]);
    expect([...written]).toEqual([oid]);
    expect(git(['cat-file', '-p', oid]).toString('utf8')).toBe(after);
    const packs = readdirSync(path.join(gitDir, 'objects', 'pack')).filter((name) => name.endsWith('.idx'));
    expect(packs).toHaveLength(1);
    const verified = git(['verify-pack', '-v', path.join(gitDir, 'objects', 'pack', packs[0])]).toString();
    // The new version is a delta of a few hundred bytes against the old one.
    const line = verified.split('\n').find((text) => text.startsWith(oid))!;
    const [, type, size, , , depth, baseOid] = line.split(/\s+/);
    expect({ type, depth, baseOid }).toEqual({ type: 'blob', depth: '1', baseOid: base });
    expect(Number(size)).toBeLessThan(3000);
    git(['fsck', '--strict', '--no-dangling']);
  });

  test('the push sends the delta as stored, without searching for one', async () => {
    const { gitDir, git, blob, environment } = repository();
    const before = dayFile(20_000);
    const after = dayFile(20_020);
    const oldTree = git(['mktree'], `100644 blob ${blob(before)}\thistory.csv\n`)
      .toString()
      .trim();
    const oldCommit = git(['commit-tree', '-m', 'old', oldTree], undefined).toString().trim();
    const oid = hashObject('blob', after);
    await writeDeltas(gitDir, [
      {
        oid,
        body: after,
        base: {
          oid: git(['rev-parse', `${oldTree}:history.csv`])
            .toString()
            .trim(),
          body: before,
        },
      },
    ]);
    const newTree = git(['mktree'], `100644 blob ${oid}\thistory.csv\n`).toString().trim();
    const newCommit = git(['commit-tree', '-p', oldCommit, '-m', 'new', newTree]).toString().trim();
    const packed = spawnSync('git', ['pack-objects', '--revs', '--thin', '--stdout', '--progress'], {
      input: `${newCommit}\n^${oldCommit}\n`,
      env: environment,
      maxBuffer: 64 * 1024 * 1024,
    });
    // git says which deltas it took from a pack as they were ("reused … (delta 1)"), and the file
    // of over a MiB goes as a delta of a few hundred bytes.
    expect(packed.stderr.toString()).toMatch(/Total 3 \(delta 1\), reused 1 \(delta 1\)/);
    expect(packed.stdout.length).toBeLessThan(2000);
    expect(Buffer.byteLength(after)).toBeGreaterThan(1_000_000);
  });

  test('text beyond ASCII, with a pair of UTF-16 halves at each end of the change, is read back exactly', async () => {
    const { gitDir, git, blob } = repository();
    const prefix = `${'é'.repeat(3000)}😀`;
    // Each end of the change falls inside a pair: 😀/😁 share their first half, U+1F600/U+1FA00 their second.
    const before = `${prefix}😀old\u{1F600}${'ü'.repeat(3000)}`;
    const after = `${prefix}😁new text \u{1FA00}${'ü'.repeat(3000)}`;
    const base = blob(before);
    const oid = hashObject('blob', after);
    expect([...(await writeDeltas(gitDir, [{ oid, body: after, base: { oid: base, body: before } }]))]).toEqual([oid]);
    expect(git(['cat-file', '-p', oid]).toString('utf8')).toBe(after);
    git(['fsck', '--strict', '--no-dangling']);
  });

  test('a file that is small, mostly changed, or whose text is not its blob is left for the caller', async () => {
    const { gitDir, blob } = repository();
    const small = { before: 'a,b\n1,2\n', after: 'a,b\n1,2\n3,4\n' };
    const changed = { before: dayFile(500, 0, 'x'), after: dayFile(500, 0, 'y') };
    const files = [small, changed].map(({ before, after }) => ({
      oid: hashObject('blob', after),
      body: after,
      base: { oid: blob(before), body: before },
    }));
    // A file read through another encoding: its text is not the bytes of the blob it names.
    const bom = dayFile(500);
    const named = blob(`\ufeff${bom}`);
    files.push({ oid: hashObject('blob', bom + 'more\n'), body: bom + 'more\n', base: { oid: named, body: bom } });
    expect((await writeDeltas(gitDir, files)).size).toBe(0);
    expect(
      readdirSync(path.join(gitDir, 'objects')).includes('pack') ? readdirSync(path.join(gitDir, 'objects', 'pack')) : [],
    ).toEqual([]);
  });

  test('a write that fails on the way rejects and leaves no pack, not even the part written', async () => {
    const before = dayFile(2000);
    const after = dayFile(2010);
    const files = (base: string) => [{ oid: hashObject('blob', after), body: after, base: { oid: base, body: before } }];
    // The same files make the same pack: its name, learnt in another repository, is taken in this
    // one by a folder, so the pack is written whole and then its index cannot be put in place.
    const elsewhere = repository();
    await writeDeltas(elsewhere.gitDir, files(elsewhere.blob(before)));
    const [index] = readdirSync(path.join(elsewhere.gitDir, 'objects', 'pack')).filter((name) => name.endsWith('.idx'));
    const { gitDir, blob } = repository();
    const packs = path.join(gitDir, 'objects', 'pack');
    mkdirSync(path.join(packs, index, 'taken'), { recursive: true });
    await expect(writeDeltas(gitDir, files(blob(before)))).rejects.toThrow();
    expect(readdirSync(packs)).toEqual([index]);
  });
});

describe('deltaOf', () => {
  test('copies what both versions share and inserts the rest, in git delta format', () => {
    const before = 'x'.repeat(5000);
    const after = `${'x'.repeat(2500)}NEW${'x'.repeat(2500)}`;
    const delta = deltaOf({ oid: hashObject('blob', before), body: before }, after)!;
    // Sizes (5000, 5003), a copy of 2500 bytes, an insert of 3, a copy of the last 2500.
    expect([...delta]).toEqual([
      0x88,
      0x27,
      0x8b,
      0x27,
      0x90 | 0x20,
      0xc4,
      0x09,
      3,
      0x4e,
      0x45,
      0x57,
      0x80 | 0x01 | 0x02 | 0x10 | 0x20,
      0xc4,
      0x09,
      0xc4,
      0x09,
    ]);
  });
});
