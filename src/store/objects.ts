/**
 * The objects of a new commit of the data branch — its blobs, its trees and the commit itself —
 * written by Vigil into the temporary repository as git's loose objects, with no git process.
 *
 * Why by hand: writing them with git took five processes a run (`read-tree`, `hash-object -w
 * --stdin-paths`, `update-index --index-info`, `write-tree --missing-ok`, `commit-tree`), each
 * costing 5–10 ms just to start on a runner: 60–110 ms a run on the test git server (40 ms of it
 * `hash-object` on 200 endpoints). Timed side by side on a 200-endpoint branch (today's 3.6 MiB day
 * file, the state, the status, the page and 30 badges changed; 15 runs): the five processes 80–90
 * ms, this module 13–22 ms, much of it hashing and deflating the day file, as git did too; the
 * same tree and commit ids every run. A loose object is only `"<type> <size>\0" + body`, deflated
 * with zlib and named by the SHA-1 of those bytes; Node has both, so this takes about 60 lines. A
 * library (isomorphic-git) was weighed and rejected for the whole store (see the comment at the
 * top of git.ts: bundle size, and no push from a shallow copy); `git push` reads loose objects
 * as it reads any other. The ids are the ones git would make for the same content: the unit
 * tests build the same trees and commits with git and compare them.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** Files written at once: saving opens a bounded number of files, whatever their count (1,000
 * endpoints' badges are 3,000 files). */
export const OPEN_FILES = 16;

/** git's own compression for loose objects (`core.looseCompression`, by default the fastest). */
const LOOSE_COMPRESSION = 1;

export type ObjectType = 'blob' | 'tree' | 'commit';

/** An entry of a tree: its mode as git writes it in a tree (`40000` for a folder) and its id. */
export interface TreeEntry {
  mode: string;
  oid: string;
}

/** A folder's mode as `ls-tree` shows it, and as a tree object holds it. */
export const FOLDER_LISTED = '040000';
const FOLDER = '40000';

/** The buffer objects up to SCRATCH_MAX bytes are made in, one after the other. */
let scratch = Buffer.allocUnsafe(0);
const SCRATCH_MAX = 8 * 1024 * 1024;

/**
 * The object's bytes as git hashes and stores them, made in one buffer (a day file of 1,000
 * endpoints is about 110 MiB: it is not copied once more to put the header before it). The bytes
 * are good until the next call: they are hashed and deflated at once. A buffer of its own for
 * each object kept every copy (today's day file, daily.csv, the page, every badge) outside the
 * heap until the next collection: 8 MiB of a run's peak memory on 200 endpoints
 * (`node scripts/bench-memory.mjs`).
 */
function objectBytes(type: ObjectType, body: string | Buffer): Buffer {
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  const header = `${type} ${size}\0`;
  const length = header.length + size;
  if (length > SCRATCH_MAX) return fill(Buffer.allocUnsafe(length), header, body);
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, 64 * 1024));
  return fill(scratch.subarray(0, length), header, body);
}

function fill(bytes: Buffer, header: string, body: string | Buffer): Buffer {
  bytes.write(header, 0, 'latin1');
  if (typeof body === 'string') bytes.write(body, header.length, 'utf8');
  else body.copy(bytes, header.length);
  return bytes;
}

/** The id git gives an object (`git hash-object -t <type>`). */
export function hashObject(type: ObjectType, body: string | Buffer): string {
  return createHash('sha1').update(objectBytes(type, body)).digest('hex');
}

/**
 * Writes the objects into `gitDir` as loose objects, OPEN_FILES at a time, and returns their
 * ids in order. An object already here as a loose object is left as it is (its name is its
 * content). Any failure to write one (a full disk, a read-only folder) rejects: the store then
 * fails with a classified error rather than push a commit whose objects are not all there.
 */
export async function writeObjects(
  gitDir: string,
  objects: ReadonlyArray<{ type: ObjectType; body: string | Buffer }>,
): Promise<string[]> {
  const oids: string[] = [];
  const folders = new Set<string>();
  for (let from = 0; from < objects.length; from += OPEN_FILES) {
    const batch = objects.slice(from, from + OPEN_FILES).map(({ type, body }) => {
      const bytes = objectBytes(type, body);
      const oid = createHash('sha1').update(bytes).digest('hex');
      oids.push(oid);
      return { oid, bytes: deflateSync(bytes, { level: LOOSE_COMPRESSION }) };
    });
    const unique = new Map(batch.map((object) => [object.oid, object.bytes]));
    await Promise.all(
      [...unique].map(async ([oid, bytes]) => {
        const folder = path.join(gitDir, 'objects', oid.slice(0, 2));
        if (!folders.has(folder)) {
          await mkdir(folder, { recursive: true });
          folders.add(folder);
        }
        await writeLoose(path.join(folder, oid.slice(2)), bytes);
      }),
    );
  }
  return oids;
}

async function writeLoose(file: string, deflated: Buffer): Promise<void> {
  try {
    // Read-only, as git leaves its objects.
    await writeFile(file, deflated, { flag: 'wx', mode: 0o444 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    // A half-written object must not pass for a whole one.
    await rm(file, { force: true }).catch(() => {});
    throw error;
  }
}

/**
 * A tree object's body: `"<mode> <name>\0" + 20 raw bytes` an entry, in git's order (names as
 * bytes, a folder's name compared as if it ended in "/": git's `base_name_compare`). Names are
 * the bytes of each name, one character a byte (latin1), as in `buildTrees`.
 */
export function treeBody(entries: ReadonlyMap<string, TreeEntry>): Buffer {
  const key = (name: string, mode: string) => (mode === FOLDER ? `${name}/` : name);
  // Each character is one byte (0–255), so comparing strings compares the bytes.
  const sorted = [...entries].sort(([a, x], [b, y]) => (key(a, x.mode) < key(b, y.mode) ? -1 : 1));
  return Buffer.concat(
    sorted.flatMap(([name, { mode, oid }]) => [Buffer.from(`${mode} ${name}\0`, 'latin1'), Buffer.from(oid, 'hex')]),
  );
}

/**
 * The trees of the tip's tree with `changes` made: only the folders on a changed path get a new
 * tree; every other folder keeps its id, unread. A folder left with nothing in it is no entry at
 * all (git has no empty folders); the root may be empty (git's empty tree).
 *
 * `listing` is every entry of the tip's tree by path, folders included (`ls-tree -r -t`), and
 * `changes` the entries to set (or, null, to remove) by path. Paths are their bytes, one
 * character a byte (latin1), so a name that is not UTF-8 is kept exactly as it is.
 */
export function buildTrees(
  root: string | null,
  listing: ReadonlyMap<string, TreeEntry>,
  changes: ReadonlyMap<string, TreeEntry | null>,
): { oid: string; trees: Buffer[] } {
  if (root !== null && changes.size === 0) return { oid: root, trees: [] };
  const parentOf = (file: string) => file.slice(0, Math.max(0, file.lastIndexOf('/')));
  const nameOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);
  // The folders on a changed path, each with the folders below it that are on one too.
  const below = new Map<string, Set<string>>([['', new Set()]]);
  const mark = (folder: string): void => {
    if (below.has(folder)) return;
    below.set(folder, new Set());
    mark(parentOf(folder));
    below.get(parentOf(folder))?.add(folder);
  };
  for (const file of changes.keys()) mark(parentOf(file));
  // What each of those folders holds in the tip.
  const held = new Map<string, Map<string, TreeEntry>>([...below.keys()].map((folder) => [folder, new Map()]));
  for (const [file, entry] of listing) {
    const parent = parentOf(file);
    held.get(parent)?.set(nameOf(file), { mode: entry.mode === FOLDER_LISTED ? FOLDER : entry.mode, oid: entry.oid });
  }
  for (const [file, entry] of changes) {
    const folder = held.get(parentOf(file));
    if (entry === null) folder?.delete(nameOf(file));
    else folder?.set(nameOf(file), entry);
  }
  const trees: Buffer[] = [];
  const build = (folder: string): string | null => {
    const entries = held.get(folder) ?? new Map<string, TreeEntry>();
    for (const sub of below.get(folder) ?? []) {
      const oid = build(sub);
      // A folder emptied is no entry, unless a file now has its name (a folder replaced by a file).
      if (oid === null) {
        if (entries.get(nameOf(sub))?.mode === FOLDER) entries.delete(nameOf(sub));
      } else entries.set(nameOf(sub), { mode: FOLDER, oid });
    }
    if (entries.size === 0 && folder !== '') return null;
    const body = treeBody(entries);
    const oid = hashObject('tree', body);
    if (oid !== (folder === '' ? root : listing.get(folder)?.oid)) trees.push(body);
    return oid;
  };
  return { oid: build('') ?? '', trees };
}

/** A commit's body exactly as `git commit-tree` makes it, with the same author and committer
 * and the date in UTC. */
export function commitBody(
  tree: string,
  parent: string | null,
  author: { name: string; email: string },
  at: Date,
  message: string,
): string {
  // git refuses such a message, and so does Vigil.
  if (message.includes('\0')) throw new Error('a NUL byte in commit log message not allowed');
  const ident = `${author.name} <${author.email}> ${Math.floor(at.getTime() / 1000)} +0000`;
  return `tree ${tree}\n${parent ? `parent ${parent}\n` : ''}author ${ident}\ncommitter ${ident}\n\n${message}`;
}
