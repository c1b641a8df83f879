/**
 * Reading a pack the server sent (src/store/pack-read.ts): packs made by git itself, with deltas
 * of both kinds, read back to the exact objects git holds; the index written for such a pack is
 * one git verifies; and the damage a hostile server can do is refused, never followed.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { packIndex } from '../../../src/store/pack.js';
import { type PackObject, PackTooLarge, applyDelta, readPack } from '../../../src/store/pack-read.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repository() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-pack-read-'));
  temps.push(dir);
  const env = {
    ...process.env,
    GIT_DIR: path.join(dir, 'repo.git'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(dir, 'none'),
  };
  const git = (args: string[], input?: string | Buffer): Buffer =>
    execFileSync('git', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, env });
  git(['init', '--bare', '--quiet']);
  return { dir, git, gitDir: env.GIT_DIR };
}

/** Lines that differ a little from version to version, as a day file grows. */
function text(lines: number, seed: number): string {
  return Array.from(
    { length: lines },
    (_, n) => `2026-11-26T10:${String(n % 60).padStart(2, '0')}:00Z,endpoint-${n},up,${(n * seed) % 997}\n`,
  ).join('');
}

function read(pack: Buffer, max = 1 << 30) {
  const objects = new Map<string, PackObject>();
  const result = readPack(pack, max, (oid, object) => objects.set(oid, object));
  return { ...result, objects };
}

/** A pack of the given entries, each `[type code, bytes]` (a REF_DELTA's bytes start with its base id), with its checksum. */
function handMade(entries: Array<[number, Buffer, Buffer?]>): Buffer {
  const parts: Buffer[] = [Buffer.from('PACK'), Buffer.from([0, 0, 0, 2]), Buffer.alloc(4)];
  parts[2].writeUInt32BE(entries.length);
  for (const [code, data, prefix] of entries) {
    const header = [(code << 4) | (data.length & 15)];
    for (let rest = data.length >> 4; rest > 0; rest >>= 7) {
      header[header.length - 1] |= 0x80;
      header.push(rest & 0x7f);
    }
    parts.push(Buffer.from(header), prefix ?? Buffer.alloc(0), deflateSync(data));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

describe('a pack made by git', () => {
  test.each([
    ['offset deltas', ['--delta-base-offset']],
    ['deltas by id', []],
  ])('is read to the exact objects git holds, with %s', (_, options) => {
    const { git, dir } = repository();
    const blobs = [text(3000, 7), text(3000, 7) + text(40, 11), text(3000, 7) + text(80, 13), 'small\n', ''];
    const oids = blobs.map((body) => git(['hash-object', '-w', '--stdin'], body).toString().trim());
    const tree = git(['mktree'], oids.map((oid, n) => `100644 blob ${oid}\tf${n}\n`).join(''))
      .toString()
      .trim();
    const pack = git(['pack-objects', '--stdout', '--window=10', ...options], [...oids, tree].join('\n') + '\n');
    const { objects, placed } = read(pack);
    // git stored the grown versions as deltas: the reading applied them.
    writeFileSync(path.join(dir, 'sent.pack'), pack);
    git(['index-pack', path.join(dir, 'sent.pack')]);
    expect(git(['verify-pack', '-v', path.join(dir, 'sent.idx')]).toString()).toMatch(/chain length = 1: [12] objects?/);
    expect(objects.size).toBe(6);
    blobs.forEach((body, n) => expect(objects.get(oids[n])).toEqual({ type: 'blob', data: Buffer.from(body) }));
    expect(objects.get(tree)?.type).toBe('tree');
    expect(objects.get(tree)?.data).toEqual(git(['cat-file', 'tree', tree]));
    expect(placed.map((entry) => entry.oid).sort()).toEqual([...oids, tree].sort());
  });

  test('the index written for it is one git verifies and reads objects through', () => {
    const { git } = repository();
    const blobs = [text(2000, 3), text(2000, 3) + text(10, 5)];
    const oids = blobs.map((body) => git(['hash-object', '-w', '--stdin'], body).toString().trim());
    const pack = git(['pack-objects', '--stdout', '--delta-base-offset'], oids.join('\n') + '\n');
    const other = repository();
    const { placed, checksum } = read(pack);
    const name = path.join(other.gitDir, 'objects', 'pack', `pack-${checksum.toString('hex')}`);
    writeFileSync(`${name}.pack`, pack);
    writeFileSync(`${name}.idx`, packIndex(placed, checksum));
    expect(() => other.git(['verify-pack', `${name}.idx`])).not.toThrow();
    expect(other.git(['cat-file', 'blob', oids[1]]).toString()).toBe(blobs[1]);
  });
});

describe('a damaged or hostile pack', () => {
  const blob = Buffer.from('hello world\n');

  test('is refused when a byte changed on the way (its checksum)', () => {
    const pack = handMade([[3, blob]]);
    pack[20] ^= 1;
    expect(() => read(pack)).toThrow('the server sent a damaged pack (its checksum does not match)');
  });

  test('an object larger than the caller reads is never inflated', () => {
    expect(() => read(handMade([[3, Buffer.alloc(5000, 'a')]]), 4096)).toThrow(PackTooLarge);
  });

  test('an entry that inflates past the size its header tells (a zip bomb) is refused', () => {
    const pack = handMade([[3, blob]]);
    // The header says 12 bytes; this entry inflates to 10 MB.
    const bomb = deflateSync(Buffer.alloc(10_000_000));
    const body = Buffer.concat([pack.subarray(0, 13), bomb]);
    const forged = Buffer.concat([body, createHash('sha1').update(body).digest()]);
    expect(() => read(forged)).toThrow('an entry does not inflate to its size');
  });

  test('a delta that copies beyond its base, or names a base not in the pack, is refused', () => {
    const base = Buffer.from('0123456789');
    // Source size 10, target size 20, copy 20 bytes from offset 0: past the base's end.
    expect(() => applyDelta(base, Buffer.from([10, 20, 0x90, 20]), 1 << 20)).toThrow('a delta copies out of bounds');
    expect(() => applyDelta(base, Buffer.from([11, 1, 1, 0x41]), 1 << 20)).toThrow('a delta made for another base');
    expect(() => applyDelta(base, Buffer.from([10, 5, 0]), 1 << 20)).toThrow('a delta with a reserved instruction');
    expect(() => applyDelta(base, Buffer.from([10, 5, 2, 0x41, 0x42]), 1 << 20)).toThrow('a delta that falls short of its size');
    expect(() => applyDelta(base, Buffer.from([10, 0x80, 0x80, 0x80, 0x80, 0x08]), 1 << 20)).toThrow(PackTooLarge);
    const missing = Buffer.alloc(20, 0xab);
    expect(() => read(handMade([[7, Buffer.from([10, 1, 1, 0x41]), missing]]))).toThrow('a delta whose base is not in the pack');
  });

  test('a pack that ends early, or has bytes after its last entry, is refused', () => {
    const one = handMade([[3, blob]]);
    const claimsTwo = Buffer.from(one.subarray(0, one.length - 20));
    claimsTwo.writeUInt32BE(2, 8);
    const short = Buffer.concat([claimsTwo, createHash('sha1').update(claimsTwo).digest()]);
    expect(() => read(short)).toThrow('it ends early');
    const padded = Buffer.concat([one.subarray(0, one.length - 20), Buffer.from('junk')]);
    expect(() => read(Buffer.concat([padded, createHash('sha1').update(padded).digest()]))).toThrow('bytes after the last entry');
  });
});
