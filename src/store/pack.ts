/**
 * A file the run rewrites after reading it (today's raw day, the status) is written into the
 * temporary repository as a delta against the version read, in a pack of its own (and its
 * index), for `git push` to send as it is.
 *
 * Why: `git push` sends a thin pack, and its `pack-objects` spent most of its time on today's raw
 * day (about 2 MiB at noon on 200 endpoints): looking for a delta against the version read and
 * deflating the objects it was given loose. A delta found in a pack, against an object the server
 * has, is sent as it is: neither searched for nor deflated. A run only adds rows at the end of a
 * day file, or changes one stretch of a file, so the delta needs no search here either: what both
 * versions share at the start and at the end is copied, the rest inserted (12.5 KiB for the raw
 * day, as git's search finds). Traced with `GIT_TRACE2_PERF` on the push (`node
 * scripts/bench-memory.mjs --only large`, three pushes of each build taking turns): write-pack-file
 * 47–49 → 24–25 ms, prepare-pack 57–72 → 43–51 ms (git still indexes the old raw day, a base for
 * the other files it searches).
 *
 * A pack on disk must hold the base of each of its deltas (git reads no delta across packs), so
 * the version read goes in too, stored without compression; it is never sent (the server has it).
 *
 * Only these deltas go in a pack. `pack-objects` never looks for a delta between two objects
 * stored whole in the same pack (it takes it that whoever wrote the pack did), and the objects
 * written whole — the page, the badges, the trees — are kept by the server as the push sends
 * them: put in this pack too, they lost git's deltas between one another, and every later fetch
 * grew by a quarter (526 → 650 KiB a run on 200 endpoints). They stay loose (objects.ts).
 *
 * The formats are git's (Documentation/gitformat-pack.txt): the pack, version 2, and its index,
 * version 2 (fan-out table, sorted ids, CRC-32s, offsets). The unit tests have git read, verify
 * and send what this writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { constants, crc32, deflateSync } from 'node:zlib';
import { hashObject } from './objects.js';

/** A file written anew, with the version of it read (its id and text). */
export interface Rewritten {
  oid: string;
  body: string;
  base: { oid: string; body: string };
}

/** A delta is kept when it is at most this part of the file: otherwise the file is stored whole. */
const DELTA_MAX_PART = 0.5;
/** Smaller files are left loose: a delta would save next to nothing. */
const DELTA_MIN_BYTES = 4096;

const TYPE_CODE = { commit: 1, tree: 2, blob: 3, 'ref-delta': 7 } as const;

/** An entry of the pack, planned: its bytes are made only as it is written. */
type Planned = { oid: string; base: string; delta: Buffer } | { oid: string; body: string };

/**
 * Writes, as one pack and its index in `gitDir`, each rewritten file that is worth a delta
 * against its version read, and that version; returns the ids of the files written (the others
 * are for the caller to write loose). Each entry is made, written and let go in turn. The pack gets
 * its name (its checksum) once whole, and the index comes last: git sees the pack only then. Any
 * failure (a full disk, a read-only folder) rejects and leaves no pack behind.
 */
export async function writeDeltas(gitDir: string, files: readonly Rewritten[]): Promise<Set<string>> {
  const planned = new Map<string, Planned>();
  for (const { oid, base, delta } of worthDeltas(files)) {
    if (planned.has(oid)) continue;
    // Whole and uncompressed: the base is only there for git to read the delta (the server has it).
    if (!planned.has(base.oid)) planned.set(base.oid, { oid: base.oid, body: base.body });
    planned.set(oid, { oid, base: base.oid, delta });
  }
  const written = new Set([...planned.values()].filter((entry) => 'delta' in entry).map((entry) => entry.oid));
  if (written.size === 0) return written;
  // The index's 4-byte offsets reach 2 GiB; a pack that could pass it (never a run's files:
  // each is 192 MiB at most) is not written, and the files go loose.
  let bound = 0;
  for (const entry of planned.values())
    bound += 'delta' in entry ? entry.delta.length + 64 : Buffer.byteLength(entry.body, 'utf8') * 1.01 + 64;
  if (bound >= 2 ** 31) return new Set();

  const folder = path.join(gitDir, 'objects', 'pack');
  const temporary = path.join(folder, `tmp_pack_${randomBytes(8).toString('hex')}`);
  /** The pack under its own name, once moved there: the index at its name is never ours to
   * remove (its rename is the last step). */
  let packFile: string | null = null;
  let name = '';
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temporary, 'wx', 0o444);
    const placed: Array<{ oid: string; offset: number; crc: number }> = [];
    const packHash = createHash('sha1');
    try {
      const header = Buffer.alloc(12);
      header.write('PACK', 0, 'latin1');
      header.writeUInt32BE(2, 4);
      header.writeUInt32BE(planned.size, 8);
      packHash.update(header);
      await handle.write(header);
      let offset = header.length;
      for (const entry of planned.values()) {
        const chunks = entryBytes(entry);
        let crc = 0;
        for (const chunk of chunks) {
          crc = crc32(chunk, crc);
          packHash.update(chunk);
        }
        placed.push({ oid: entry.oid, offset, crc });
        await handle.writev(chunks);
        for (const chunk of chunks) offset += chunk.length;
      }
      const checksum = packHash.digest();
      await handle.write(checksum);
      name = `pack-${checksum.toString('hex')}`;
      await writeFile(`${temporary}.idx`, packIndex(placed, checksum), { mode: 0o444 });
    } finally {
      await handle.close();
    }
    await rename(temporary, path.join(folder, `${name}.pack`));
    packFile = path.join(folder, `${name}.pack`);
    await rename(`${temporary}.idx`, path.join(folder, `${name}.idx`));
  } catch (error) {
    const left = [temporary, `${temporary}.idx`, packFile].filter((file): file is string => file !== null);
    await Promise.allSettled(left.map((file) => rm(file, { force: true })));
    throw error;
  }
  return written;
}

/** An object of a pack sent by Vigil's own push (smart-http.ts): whole, or a delta against an object
 * the server has (a thin pack, which the server completes). */
export type PackEntry = { type: 'commit' | 'tree' | 'blob'; body: string | Buffer } | { base: string; delta: Buffer };

/** A pack of these entries, in memory, for a push: deflated as git's push deflates (zlib's default
 * level), its checksum at the end. */
export function packOf(entries: readonly PackEntry[]): Buffer {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(entries.length, 8);
  const parts: Buffer[] = [header];
  for (const entry of entries) {
    if ('delta' in entry) parts.push(...entryBytes({ oid: '', base: entry.base, delta: entry.delta }));
    else {
      const body = typeof entry.body === 'string' ? Buffer.from(entry.body, 'utf8') : entry.body;
      parts.push(entryHeader(TYPE_CODE[entry.type], body.length), deflateSync(body));
    }
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** Each rewritten file worth a delta against its version read (see `deltaOf`), once, with it. */
export function worthDeltas(files: readonly Rewritten[]): Array<Rewritten & { delta: Buffer }> {
  const worth = new Map<string, Rewritten & { delta: Buffer }>();
  for (const file of files) {
    if (worth.has(file.oid) || file.base.oid === file.oid) continue;
    const delta = deltaOf(file.base, file.body);
    if (delta) worth.set(file.oid, { ...file, delta });
  }
  return [...worth.values()];
}

/** An entry's bytes: its header (type and size; a delta's base id after it), then its data deflated. */
function entryBytes(entry: Planned): Buffer[] {
  if ('delta' in entry)
    return [entryHeader(TYPE_CODE['ref-delta'], entry.delta.length), Buffer.from(entry.base, 'hex'), deflateSync(entry.delta)];
  const body = Buffer.from(entry.body, 'utf8');
  return [entryHeader(TYPE_CODE.blob, body.length), deflateSync(body, { level: constants.Z_NO_COMPRESSION })];
}

/** An entry's header: its type and size, the size's lowest 4 bits first, then 7 bits a byte. */
function entryHeader(type: number, size: number): Buffer {
  const bytes = [(type << 4) | (size & 0x0f)];
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes[bytes.length - 1] |= 0x80;
    bytes.push(rest & 0x7f);
    rest = Math.floor(rest / 128);
  }
  return Buffer.from(bytes);
}

/**
 * The delta from the version read to `target` (git's delta format), or null when it would not
 * be worth it: what both share at the start and at the end is copied from the base, the middle
 * inserted. Null also when the base's text is not the blob it names (a file read through another
 * encoding: its text is not its bytes). Compared as text, so neither version is copied into bytes
 * whole; the ends never split a character's UTF-16 pair, so each part's UTF-8 bytes are those of
 * the whole.
 */
export function deltaOf(base: { oid: string; body: string }, target: string): Buffer | null {
  if (target.length < DELTA_MIN_BYTES) return null;
  const source = base.body;
  if (hashObject('blob', source) !== base.oid) return null;
  const limit = Math.min(source.length, target.length);
  let start = 0;
  while (start < limit && source.charCodeAt(start) === target.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(source.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < limit - start && source.charCodeAt(source.length - 1 - end) === target.charCodeAt(target.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(source.charCodeAt(source.length - end))) end--;
  const middle = Buffer.from(target.slice(start, target.length - end), 'utf8');
  const targetBytes = Buffer.byteLength(target, 'utf8');
  if (middle.length + middle.length / 127 > targetBytes * DELTA_MAX_PART) return null;
  const sourceBytes = Buffer.byteLength(source, 'utf8');
  const head = Buffer.byteLength(source.slice(0, start), 'utf8');
  const tail = Buffer.byteLength(source.slice(source.length - end), 'utf8');
  const out: number[] = [...sizeBytes(sourceBytes), ...sizeBytes(targetBytes)];
  copy(out, 0, head);
  const parts: Buffer[] = [Buffer.from(out)];
  for (let at = 0; at < middle.length; at += 127) {
    const piece = middle.subarray(at, Math.min(at + 127, middle.length));
    parts.push(Buffer.from([piece.length]), piece);
  }
  const ending: number[] = [];
  copy(ending, sourceBytes - tail, tail);
  parts.push(Buffer.from(ending));
  return Buffer.concat(parts);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A size in a delta's header: 7 bits a byte, lowest first. */
function sizeBytes(size: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = size & 0x7f;
    size = Math.floor(size / 128);
    if (size > 0) byte |= 0x80;
    bytes.push(byte);
  } while (size > 0);
  return bytes;
}

/** Copy instructions for `length` bytes of the base from `offset`, 64 KiB each as git writes them. */
function copy(out: number[], offset: number, length: number): void {
  for (let done = 0; done < length;) {
    const size = Math.min(0x10000, length - done);
    const at = offset + done;
    let command = 0x80;
    const operands: number[] = [];
    for (let byte = 0; byte < 4; byte++) {
      const value = Math.floor(at / 2 ** (8 * byte)) & 0xff;
      if (value !== 0) {
        command |= 1 << byte;
        operands.push(value);
      }
    }
    // A size of 0x10000 is written as no size bytes at all.
    if (size !== 0x10000)
      for (let byte = 0; byte < 3; byte++) {
        const value = (size >> (8 * byte)) & 0xff;
        if (value !== 0) {
          command |= 0x10 << byte;
          operands.push(value);
        }
      }
    out.push(command, ...operands);
    done += size;
  }
}

/** The pack's index, version 2: fan-out table, sorted ids, CRC-32s, 4-byte offsets, checksums. */
export function packIndex(placed: ReadonlyArray<{ oid: string; offset: number; crc: number }>, packChecksum: Buffer): Buffer {
  const sorted = [...placed].sort((a, b) => (a.oid < b.oid ? -1 : 1));
  const count = sorted.length;
  const index = Buffer.alloc(8 + 256 * 4 + count * (20 + 4 + 4) + 20 + 20);
  index.writeUInt32BE(0xff744f63, 0);
  index.writeUInt32BE(2, 4);
  const fanout = new Array<number>(256).fill(0);
  for (const { oid } of sorted) fanout[parseInt(oid.slice(0, 2), 16)]++;
  let total = 0;
  for (let byte = 0; byte < 256; byte++) {
    total += fanout[byte];
    index.writeUInt32BE(total, 8 + byte * 4);
  }
  let at = 8 + 256 * 4;
  for (const { oid } of sorted) at += index.write(oid, at, 'hex');
  for (const { crc } of sorted) at = index.writeUInt32BE(crc, at);
  // A pack over 2 GiB would need the 8-byte offsets table; a run's pack is a few MiB at most.
  for (const { offset } of sorted) at = index.writeUInt32BE(offset, at);
  at += packChecksum.copy(index, at);
  createHash('sha1').update(index.subarray(0, at)).digest().copy(index, at);
  return index;
}
