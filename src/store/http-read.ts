/**
 * The tip and the files a run reads, fetched by Vigil's own client (smart-http.ts) rather than
 * by `git fetch`: the tip's commit and trees in one request (depth 1, no blobs), the blobs read in
 * one more. The commit and trees go into the temporary repository as the pack the server sent
 * (with its index, written here), and the tip is marked shallow, as `git fetch` would leave them:
 * should git have to push (see `pushOverHttp` in git-write.ts), it needs them to tell what the
 * server has. The blobs are read in memory and never written.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { classify } from './classify.js';
import { type BlobsInMemory, type Tip, isOurs, tipOf } from './git-read.js';
import { packIndex } from './pack.js';
import { type PackObject, PackTooLarge, readPack } from './pack-read.js';
import { HttpFailure, type SmartHttp, Unsupported } from './smart-http.js';

/** The tip's commit and trees are read whole in memory; none is near this. */
const MAX_TREE_BYTES = 64 * 1024 * 1024;
/** All the blobs a run reads, inflated, at most (about 10 MiB on 200 endpoints): past it, git reads them. */
const MAX_BLOBS_BYTES = 256 * 1024 * 1024;

function damaged(why: string): Error {
  return new Error(`the server sent an incomplete tip (${why})`);
}

/** The branch's tip with its tree listed (as `ls-tree -r -t -z` lists it, see `readFiles`), or
 * null when there is no branch. `whileFetching` is called once the request is on its way. */
export async function fetchTipOverHttp(
  client: SmartHttp,
  gitDir: string,
  branch: string,
  whileFetching?: () => void,
  readOnly = false,
): Promise<Tip | null> {
  const asking = client.lsRef(`refs/heads/${branch}`);
  if (!readOnly) client.readyToPush();
  whileFetching?.();
  const oid = await asking;
  if (oid === null) return null;
  const { pack, shallow } = await client.fetch([oid], { deepen: 1, noBlobs: true });
  const objects = new Map<string, PackObject>();
  let read: ReturnType<typeof readPack>;
  try {
    // The commit and trees only: a blob sent all the same is not kept.
    read = readPack(
      pack,
      MAX_TREE_BYTES,
      (id, object) => {
        if (object.type !== 'blob') objects.set(id, object);
      },
      MAX_TREE_BYTES,
    );
  } catch (error) {
    if (error instanceof PackTooLarge) throw new Unsupported('a tip too large to read in memory');
    throw error;
  }
  const commit = objects.get(oid);
  if (commit?.type !== 'commit') throw damaged('no commit');
  const parsed = parseCommit(commit.data);
  const listed = listTree(objects, parsed.tree);
  const name = `pack-${read.checksum.toString('hex')}`;
  const folder = path.join(gitDir, 'objects', 'pack');
  // The index last: git sees a pack only once its index is there. `.promisor`: its trees name
  // blobs left on the server, as the packs of a partial clone do.
  // A pack of that name is already here when a later try of the update reads the same tip.
  const written = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  };
  await writeFile(path.join(folder, `${name}.pack`), pack, { mode: 0o444, flag: 'wx' }).catch(written);
  await writeFile(path.join(folder, `${name}.promisor`), '');
  await writeFile(path.join(folder, `${name}.idx`), packIndex(read.placed, read.checksum), { mode: 0o444, flag: 'wx' }).catch(
    written,
  );
  await appendFile(path.join(gitDir, 'shallow'), shallow.map((line) => `${line}\n`).join(''));
  return tipOf({ commit: oid, ...parsed }, listed);
}

/** The blobs read, fetched in one request and each handed on as it is inflated (see `readFiles`).
 * A blob over `maxBytes`, or an answer too large to hold, is left to git (false): git streams them. */
export function blobsOverHttp(client: SmartHttp, maxBytes: number, branch: string): BlobsInMemory {
  return async (oids, onBlob) => {
    try {
      const { pack } = await client.fetch([...new Set(oids)]);
      readPack(
        pack,
        maxBytes,
        (oid, object) => {
          if (object.type === 'blob') onBlob(oid, object.data);
        },
        MAX_BLOBS_BYTES,
      );
      return true;
    } catch (error) {
      // A connection the server closed while the run judged, too: git fetches afresh.
      if (
        error instanceof PackTooLarge ||
        error instanceof Unsupported ||
        (error instanceof HttpFailure && error.status === null)
      )
        return false;
      throw classify(error, 'read', branch);
    }
  };
}

/** A commit's tree, committer time, whether Vigil made it, and its message (as `%B` shows it). */
export function parseCommit(data: Buffer): { tree: string; seconds: number; ours: boolean; body: string } {
  const text = data.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const body = split < 0 ? '' : text.slice(split + 2);
  const tree = /^tree ([0-9a-f]{40})$/.exec(headers[0] ?? '')?.[1];
  const person = (role: string) => {
    const line = headers.find((header) => header.startsWith(`${role} `)) ?? '';
    const match = /^\S+ (.*?) ?<([^>]*)> (\d+) [+-]\d{4}$/.exec(line);
    return match ? { name: match[1], email: match[2], seconds: Number(match[3]) } : null;
  };
  const author = person('author');
  const committer = person('committer');
  // A commit git takes that this reading does not (an unusual identity): git reads the branch.
  if (!tree || !author || !committer) throw new Unsupported('a commit this reading does not take');
  return {
    tree,
    seconds: committer.seconds,
    ours: isOurs([author.name, author.email, committer.name, committer.email], body),
    body,
  };
}

/** Every entry below `root`, trees before what they hold, in `ls-tree -r -t -z --full-tree`'s format. */
function listTree(objects: ReadonlyMap<string, PackObject>, root: string): Buffer {
  const out: Buffer[] = [];
  const walk = (oid: string, prefix: Buffer | null) => {
    const tree = objects.get(oid);
    if (tree?.type !== 'tree') throw damaged(`tree ${oid} is missing`);
    const data = tree.data;
    for (let at = 0; at < data.length;) {
      const space = data.indexOf(0x20, at);
      const nul = space < 0 ? -1 : data.indexOf(0, space);
      if (nul < 0 || nul + 21 > data.length) throw damaged(`tree ${oid} is damaged`);
      const mode = data.toString('latin1', at, space).padStart(6, '0');
      const name = data.subarray(space + 1, nul);
      const entry = data.toString('hex', nul + 1, nul + 21);
      at = nul + 21;
      const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
      const file = prefix ? Buffer.concat([prefix, SLASH, name]) : name;
      out.push(Buffer.from(`${mode} ${type} ${entry}\t`, 'latin1'), file, NUL);
      if (type === 'tree') walk(entry, file);
    }
  };
  walk(root, null);
  return Buffer.concat(out);
}

const SLASH = Buffer.from('/');
const NUL = Buffer.from([0]);
