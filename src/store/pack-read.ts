/**
 * Reading a pack the server sent (Documentation/gitformat-pack.txt): every entry inflated, each
 * delta applied to its base, every object named by its SHA-1, and where each entry lies (its
 * offset and CRC-32, what the pack's index lists). Every byte is the server's: the pack's
 * checksum, each entry's size and each delta's bounds are checked, and an object larger than
 * the caller allows is never inflated (`PackTooLarge`: the caller reads it another way).
 */
import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

export interface PackObject {
  type: ObjectType;
  data: Buffer;
}

export interface ReadPack {
  /** Each entry's id, offset and CRC-32, as the pack's index lists them. */
  placed: Array<{ oid: string; offset: number; crc: number }>;
  /** The pack's own checksum (its last 20 bytes). */
  checksum: Buffer;
}

/** An object in the pack is larger than the caller reads in memory. */
export class PackTooLarge extends Error {}

const TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;

/** A whole object: where its deflated bytes start, to inflate it again should a delta need it. */
type Whole = { offset: number; type: ObjectType; dataAt: number; size: number; oid: string };
type Delta = { offset: number; crc: number; delta: Buffer };

function damaged(why: string): Error {
  return new Error(`the server sent a damaged pack (${why})`);
}

export function objectId(type: ObjectType, data: Buffer): string {
  return createHash('sha1').update(`${type} ${data.length}\0`).update(data).digest('hex');
}

/** The object deflated at `at` (its size told by its header), and how many bytes it took. */
function inflateAt(pack: Buffer, at: number, end: number, size: number): { data: Buffer; consumed: number } {
  try {
    const inflated = inflateSync(pack.subarray(at, end), { info: true, maxOutputLength: Math.max(1, size) }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    if (inflated.buffer.length === size) return { data: inflated.buffer, consumed: inflated.engine.bytesWritten };
  } catch {
    // told below
  }
  throw damaged('an entry does not inflate to its size');
}

/**
 * Reads every object of `pack`, handing each to `onObject` as it is made (its bytes are the
 * caller's to keep). Whole objects come as they are read; then each delta, from a work list of
 * the objects made (as git's index-pack does): the deltas waiting on an object are made from it
 * while it is held, so a base is inflated again once, not kept, and a chain of deltas costs its
 * length, in whatever order the pack lists it. No more than `budget` bytes are inflated and made
 * in all (`PackTooLarge` past it): a few hundred bytes of deltas that copy from one another can
 * otherwise make gigabytes.
 */
export function readPack(
  pack: Buffer,
  maxObjectBytes: number,
  onObject: (oid: string, object: PackObject) => void,
  budget = Infinity,
): ReadPack {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK') throw damaged('no pack header');
  const version = pack.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw damaged(`version ${version}`);
  const count = pack.readUInt32BE(8);
  const end = pack.length - 20;
  const checksum = pack.subarray(end);
  if (!createHash('sha1').update(pack.subarray(0, end)).digest().equals(checksum)) throw damaged('its checksum does not match');
  let spent = 0;
  const spend = (bytes: number) => {
    spent += bytes;
    if (spent > budget) throw new PackTooLarge();
  };

  const placed: ReadPack['placed'] = [];
  const wholes: Whole[] = [];
  /** Deltas by what they wait on: `@offset` or the base's id. */
  const waiting = new Map<string, Delta[]>();
  let deltas = 0;
  let at = 12;
  for (let n = 0; n < count; n++) {
    const offset = at;
    if (at >= end) throw damaged('it ends early');
    let byte = pack[at++];
    const code = (byte >> 4) & 7;
    let size = byte & 0x0f;
    for (let shift = 4; byte & 0x80; shift += 7) {
      if (at >= end || shift > 49) throw damaged('an entry size runs on');
      byte = pack[at++];
      size += (byte & 0x7f) * 2 ** shift;
    }
    let base: string | null = null;
    if (code === OFS_DELTA) {
      byte = pack[at++];
      let distance = byte & 0x7f;
      while (byte & 0x80) {
        if (at >= end || distance > 2 ** 40) throw damaged('a delta offset runs on');
        byte = pack[at++];
        distance = (distance + 1) * 128 + (byte & 0x7f);
      }
      if (distance <= 0 || distance > offset) throw damaged('a delta points outside the pack');
      base = `@${offset - distance}`;
    } else if (code === REF_DELTA) {
      if (at + 20 > end) throw damaged('it ends early');
      base = pack.toString('hex', at, at + 20);
      at += 20;
    } else if (!TYPES[code]) throw damaged(`an entry of unknown type ${code}`);
    if (size > maxObjectBytes) throw new PackTooLarge();
    spend(size);
    const dataAt = at;
    const { data, consumed } = inflateAt(pack, at, end, size);
    at += consumed;
    const crc = crc32(pack.subarray(offset, at));
    if (base !== null) {
      waiting.set(base, [...(waiting.get(base) ?? []), { offset, crc, delta: data }]);
      deltas++;
      continue;
    }
    const type = TYPES[code];
    const oid = objectId(type, data);
    wholes.push({ offset, type, dataAt, size, oid });
    placed.push({ oid, offset, crc });
    onObject(oid, { type, data });
  }
  if (at !== end) throw damaged('bytes after the last entry');

  // Each object made, or read whole, makes the deltas waiting on it. An object made is kept only
  // while deltas wait on it; a whole one is inflated again for them.
  const awaited = (offset: number, oid: string) => waiting.has(`@${offset}`) || waiting.has(oid);
  const work: Array<{ offset: number; oid: string; object: PackObject | Whole }> = wholes
    .filter((whole) => awaited(whole.offset, whole.oid))
    .map((whole) => ({ offset: whole.offset, oid: whole.oid, object: whole }));
  let made = 0;
  while (work.length > 0) {
    const item = work.pop()!;
    const children = [...(waiting.get(`@${item.offset}`) ?? []), ...(waiting.get(item.oid) ?? [])];
    waiting.delete(`@${item.offset}`);
    waiting.delete(item.oid);
    if (children.length === 0) continue;
    let base: PackObject;
    if ('dataAt' in item.object) {
      spend(item.object.size);
      base = { type: item.object.type, data: inflateAt(pack, item.object.dataAt, end, item.object.size).data };
    } else base = item.object;
    for (const child of children) {
      const object = { type: base.type, data: applyDelta(base.data, child.delta, maxObjectBytes) };
      spend(object.data.length);
      const oid = objectId(object.type, object.data);
      placed.push({ oid, offset: child.offset, crc: child.crc });
      onObject(oid, object);
      made++;
      if (awaited(child.offset, oid)) work.push({ offset: child.offset, oid, object });
    }
  }
  if (made !== deltas) throw damaged('a delta whose base is not in the pack');
  return { placed, checksum };
}

/** A size in a delta's header: 7 bits a byte, lowest first. */
function readSize(delta: Buffer, at: number): [number, number] {
  let size = 0;
  for (let shift = 0; ; shift += 7) {
    if (at >= delta.length || shift > 49) throw damaged('a delta header runs on');
    const byte = delta[at++];
    size += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [size, at];
  }
}

/** The object a delta makes of its base: copies from the base and inserted bytes, each checked. */
export function applyDelta(base: Buffer, delta: Buffer, maxObjectBytes: number): Buffer {
  const [sourceSize, afterSource] = readSize(delta, 0);
  if (sourceSize !== base.length) throw damaged('a delta made for another base');
  const [targetSize, afterTarget] = readSize(delta, afterSource);
  let at = afterTarget;
  if (targetSize > maxObjectBytes) throw new PackTooLarge();
  const out = Buffer.allocUnsafe(targetSize);
  let filled = 0;
  while (at < delta.length) {
    const command = delta[at++];
    if (command & 0x80) {
      let offset = 0;
      let size = 0;
      for (let byte = 0; byte < 4; byte++) if (command & (1 << byte)) offset += (delta[at++] ?? 0) * 2 ** (8 * byte);
      for (let byte = 0; byte < 3; byte++) if (command & (0x10 << byte)) size += (delta[at++] ?? 0) * 2 ** (8 * byte);
      if (size === 0) size = 0x10000;
      if (at > delta.length || offset + size > base.length || filled + size > targetSize)
        throw damaged('a delta copies out of bounds');
      filled += base.copy(out, filled, offset, offset + size);
    } else if (command > 0) {
      if (at + command > delta.length || filled + command > targetSize) throw damaged('a delta inserts out of bounds');
      filled += delta.copy(out, filled, at, at + command);
      at += command;
    } else throw damaged('a delta with a reserved instruction');
  }
  if (filled !== targetSize) throw damaged('a delta that falls short of its size');
  return out;
}
