/**
 * Reading the data branch: the temporary repository (a partial clone of the branch), the tip
 * fetched at depth 1 (with `read`, without blobs, then the blobs of the files chosen), and every
 * file read in one `cat-file --batch`, as it streams, with why each file Vigil cannot read is not
 * read. The update loop that calls these is in git.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BranchFiles } from '../history/types.js';
import { classify } from './classify.js';
import { decodeFile, shown, tooLarge } from './files.js';
import { GitFailure, NETWORK_TIMEOUT_MS, VIGIL_AUTHOR, type Git } from './git-command.js';
import { StoreError, type UpdateOptions } from './types.js';

export interface Tip {
  commit: string;
  tree: string;
  /** Committer time, ms. */
  time: number;
  commits: number;
  /** Whether Vigil made the tip commit (see `isOurs`). */
  ours: boolean;
  /** Its tree as `readFiles` lists it, listed beside the commit's reading (one process's wait less). */
  listed?: Buffer;
}

/** Fetches the blobs of these ids without git and hands each on as it comes (its bytes are good
 * only during the call); false when git is to fetch them instead. */
export type BlobsInMemory = (oids: string[], onBlob: (oid: string, bytes: Buffer) => void) => Promise<boolean>;

/** A file of the tip's tree, as listed. */
export interface Entry {
  mode: string;
  oid: string;
}

export function emptyBranch() {
  return {
    files: new Map<string, string>(),
    entries: new Map<string, Entry>(),
    listing: new Map<string, Entry>(),
    unreadable: new Map<string, string>(),
  };
}

export const COMMIT_FORMAT = '%H%x00%T%x00%ct%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x00%x01';

export interface LoggedCommit {
  commit: string;
  tree: string;
  seconds: number;
  ours: boolean;
  body: string;
}

export function parseLog(text: string): LoggedCommit[] {
  return text
    .split('\x01')
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [commit, tree, seconds, authorName, authorEmail, committerName, committerEmail, body = ''] = record.split('\0');
      return {
        commit,
        tree,
        seconds: Number(seconds),
        ours: isOurs([authorName, authorEmail, committerName, committerEmail], body),
        body,
      };
    });
}

/**
 * Whether a commit is one Vigil made: authored and committed as Vigil, or carrying the commit
 * count line that every commit of the store has had since the first version of the data branch.
 * Either is enough, so the branches Vigil made before this check existed are still recognised
 * (and so are commits copied from them by a tool that rewrote the identity); a site or a code
 * branch has neither.
 */
export function isOurs(identity: string[], body: string): boolean {
  const [authorName, authorEmail, committerName, committerEmail] = identity;
  const byVigil =
    authorName === VIGIL_AUTHOR.name &&
    committerName === VIGIL_AUTHOR.name &&
    authorEmail === VIGIL_AUTHOR.email &&
    committerEmail === VIGIL_AUTHOR.email;
  return byVigil || /^Vigil-Commits: \d+\s*$/m.test(body);
}

/**
 * Why a run reads only some files, and how (docs/history.md, "Aggregates"). The branch keeps every
 * raw day for `history-days`, but a run's judgement needs today's raw rows, yesterday's points, the
 * aggregates of the week, and a few small files. Measured with `npm run bench` (docs/BENCHMARKS.md,
 * "Memory that scales"; a branch built by git with 200 endpoints, 30 raw days of 3.6 MiB each and
 * 60 older days in daily.csv): fetching the whole tip at depth 1, as earlier versions did, took
 * 13.9 MiB a run; a partial fetch — the tip's commit and trees without blobs
 * (`--filter=blob:none`), then the blobs of the files read in one more request — takes 526 KiB
 * (on 20 endpoints: 1,211 KiB against 73 KiB), with the raw days' format unchanged; 671 KiB since
 * Vigil pushes itself (see "And pushes it" in BENCHMARKS.md: the cost of a faster push). It
 * costs one more request (a few ms on loopback, one HTTPS round trip on GitHub). Not measured,
 * and worse by design: another layout (a file per endpoint and month, or per hour) would still
 * fetch every raw row of the month, or split today's rows into files the page and people read,
 * and it would change the branch's format. A server that ignores the filter (an option of
 * `git upload-pack` that GitHub enables) sends every blob with the tip, and the second request
 * is skipped: slower, never wrong.
 */
export const PROMISOR = 'vigil';

/**
 * The temporary bare repository, written by hand rather than by `git init` (one process less a
 * run; git needs no more than these to take a folder for a repository). With `remote`, it is a
 * partial clone of it (the promisor remote, see PROMISOR).
 */
export async function makeRepository(gitDir: string, remote: string | null): Promise<void> {
  for (const folder of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags'])
    await mkdir(path.join(gitDir, folder), { recursive: true });
  await writeFile(path.join(gitDir, 'HEAD'), 'ref: refs/heads/vigil\n');
  await writeConfig(gitDir, remote);
}

/**
 * The repository's config: a partial clone of `remote`, or (null) a plain repository. Written in
 * one go: `git config` commands cost a process each (about 6 ms on a runner).
 *
 * The push goes from a plain repository. From a partial clone, git's push looks for delta bases
 * among the files the branch had at the same paths, and fetches those it lacks: the page and the
 * badges, which a run writes but never reads (measured: one more request during every push, the
 * old page's 12 KiB on 20 endpoints). As a plain repository, git deltas against what is here and
 * sends the rest whole; nothing it sends is missing (a run writes every blob it adds).
 */
export async function writeConfig(gitDir: string, remote: string | null): Promise<void> {
  let text = `[core]\n\trepositoryformatversion = ${remote ? 1 : 0}\n\tbare = true\n`;
  if (remote) {
    const quoted = `"${remote.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    text +=
      `[extensions]\n\tpartialClone = ${PROMISOR}\n` +
      `[remote "${PROMISOR}"]\n\turl = ${quoted}\n\tpromisor = true\n\tpartialclonefilter = blob:none\n`;
  }
  await writeFile(path.join(gitDir, 'config'), text);
}

/** The branch's tip, fetched with its files (and nothing older); null when there is no branch.
 * With `partial`, its commit and trees only: the files read are fetched by `fetchBlobs`.
 * `whileFetching` is called as soon as git is fetching (see `UpdateOptions`). */
export async function fetchTip(
  git: Git,
  remote: string,
  branch: string,
  partial = false,
  whileFetching?: () => void,
): Promise<Tip | null> {
  try {
    const filter = partial ? ['--filter=blob:none'] : [];
    const fetching = git(
      ['fetch', '--depth=1', ...filter, '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/tip`],
      {
        timeoutMs: NETWORK_TIMEOUT_MS,
      },
    );
    whileFetching?.();
    await fetching;
  } catch (error) {
    if (error instanceof GitFailure && /couldn't find remote ref/i.test(error.stderr)) return null;
    throw classify(error, 'read', branch);
  }
  try {
    const [{ stdout }, listing] = await Promise.all([
      git(['log', '-1', `--format=${COMMIT_FORMAT}`, 'refs/vigil/tip']),
      git(listTree('refs/vigil/tip', partial)),
    ]);
    const [tip] = parseLog(stdout.toString('utf8'));
    return tipOf(tip, listing.stdout);
  } catch (error) {
    throw classify(error, 'read', branch);
  }
}

/** The tip as a run uses it, from its commit as read. */
export function tipOf(commit: LoggedCommit, listed: Buffer): Tip {
  const counted = /^Vigil-Commits: (\d+)\s*$/m.exec(commit.body);
  return {
    commit: commit.commit,
    tree: commit.tree,
    time: commit.seconds * 1000,
    commits: counted ? Number(counted[1]) : 1,
    ours: commit.ours,
    listed,
  };
}

/** The arguments of `ls-tree` for `readFiles`. Sizes (`-l`) are listed only when every blob is
 * here (not `partial`): for a blob left on the server, git would fetch it to tell its size. The
 * sizes of the blobs read come once they are fetched. Folders (`-t`) are listed too, with their
 * ids: the same walk of the trees, no process more. */
function listTree(treeish: string, partial: boolean): string[] {
  return ['ls-tree', '-r', '-t', '-z', ...(partial ? [] : ['-l']), '--full-tree', treeish];
}

/** Every text file of the tree by path, every entry of the tree (to keep what is not shown), and
 * why each file that is not plain UTF-8 text is not. Files over the size limit are never read.
 * `listing` is every entry of the tree again, folders included, by the bytes of its path (see
 * `buildTrees` in objects.ts): the new tree is made from it, and a folder no change touches keeps
 * its id unread. `listedTree`: the tree's `ls-tree` output when it was listed already (`fetchTip`).
 * `inMemory`: fetches the blobs read without git (http-read.ts); when it cannot, git fetches them. */
export async function readFiles(
  git: Git,
  tree: string,
  maxBytes: number,
  select: UpdateOptions['read'],
  branch: string,
  listedTree?: Buffer,
  inMemory?: BlobsInMemory,
): Promise<{ files: BranchFiles; entries: Map<string, Entry>; listing: Map<string, Entry>; unreadable: Map<string, string> }> {
  const files: BranchFiles = new Map();
  const entries = new Map<string, Entry>();
  const listing = new Map<string, Entry>();
  const unreadable = new Map<string, string>();
  const output = listedTree ?? (await git(listTree(tree, select !== undefined))).stdout;
  const blobs: Array<{ oid: string; file: string }> = [];
  const listed: Array<{ mode: string; type: string; oid: string; size: string; file: string }> = [];
  for (let at = 0; at < output.length;) {
    let end = output.indexOf(0, at);
    if (end === -1) end = output.length;
    const record = output.subarray(at, end);
    at = end + 1;
    const tab = record.indexOf(9);
    const match = tab === -1 ? null : /^(\d+) (\w+) ([0-9a-f]+)(?: +(\S+))?$/.exec(record.subarray(0, tab).toString('latin1'));
    if (!match || tab === record.length - 1) continue;
    const [, mode, type, oid, size = ''] = match;
    listing.set(record.subarray(tab + 1).toString('latin1'), { mode, oid });
    if (type === 'tree') continue;
    const file = record.subarray(tab + 1).toString('utf8');
    entries.set(file, { mode, oid });
    listed.push({ mode, type, oid, size, file });
  }
  const wanted = select ? await select([...entries.keys()]) : undefined;
  for (const { mode, type, oid, size, file } of listed) {
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !shown(file)) continue;
    if (wanted && !wanted.has(file)) continue;
    if (Number(size) > maxBytes) unreadable.set(file, tooLarge(Number(size), maxBytes));
    else blobs.push({ oid, file });
  }
  if (blobs.length === 0) return { files, entries, listing, unreadable };
  const take = (index: number, bytes: Buffer | null, size?: number) => {
    // Listed in the tree yet not in the fetched pack: judging without it would rewrite it from nothing.
    if (bytes === null && size === undefined)
      throw new StoreError('other', `the data branch's ${blobs[index].file} could not be read (its object is missing)`);
    if (bytes === null) {
      unreadable.set(blobs[index].file, tooLarge(size ?? 0, maxBytes));
      return;
    }
    const decoded = decodeFile(bytes, blobs[index].file, maxBytes);
    if (decoded.text !== null) files.set(blobs[index].file, decoded.text);
    if (decoded.why !== null) unreadable.set(blobs[index].file, decoded.why);
  };
  if (wanted && inMemory) {
    const byId = new Map<string, number[]>();
    blobs.forEach((blob, index) => byId.set(blob.oid, [...(byId.get(blob.oid) ?? []), index]));
    const taken = new Set<number>();
    const fetched = await inMemory([...byId.keys()], (oid, bytes) => {
      for (const index of byId.get(oid) ?? []) {
        take(index, bytes);
        taken.add(index);
      }
    });
    if (fetched) {
      for (let index = 0; index < blobs.length; index++) if (!taken.has(index)) take(index, null);
      return { files, entries, listing, unreadable };
    }
  }
  if (wanted)
    await fetchBlobs(
      git,
      blobs.map((blob) => blob.oid),
      branch,
    );
  // The sizes of fetched blobs come with them: one that is too large is passed over unread (no
  // `--batch-check` first, one process less a run).
  const answers = batchReader(take, maxBytes);
  await git(['cat-file', '--batch'], { input: blobs.map((blob) => blob.oid).join('\n') + '\n', onStdout: answers });
  return { files, entries, listing, unreadable };
}

/** Fetches the blobs read, in one request. A server that ignored the filter sent them all with
 * the tip: git finds every one here and asks the server for nothing, so there is no need to look
 * first (one process less a run). */
async function fetchBlobs(git: Git, oids: readonly string[], branch: string): Promise<void> {
  try {
    await git(
      ['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--no-tags', '--no-write-fetch-head', '--quiet', '--stdin', PROMISOR],
      { timeoutMs: NETWORK_TIMEOUT_MS, input: [...new Set(oids)].join('\n') + '\n' },
    );
  } catch (error) {
    throw classify(error, 'read', branch);
  }
}

/**
 * Reads the answers of `git cat-file --batch` as they arrive: `<oid> blob <size>\n`, the bytes, a
 * line end (or `<oid> missing\n`). Each blob is handed on as soon as it is complete, in one buffer
 * reused for every blob (its bytes are good only during the call), so the branch is never held
 * as git's output beside its text: collecting the output first added twice the branch's size to
 * a run's peak memory (22 MiB for 30 raw days of 20 endpoints). A blob of more than `maxBytes`
 * is skipped as it passes, never held: handed on as null with its size.
 */
export function batchReader(
  onBlob: (index: number, bytes: Buffer | null, size?: number) => void,
  maxBytes = Infinity,
): (chunk: Buffer) => void {
  let index = 0;
  let header: Buffer[] = [];
  let scratch = Buffer.alloc(0);
  let body: Buffer | null = null;
  let filled = 0;
  let skipping = 0; // bytes of a blob too large still to pass over (and its line end)
  let skippedSize = 0;
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (skipping > 0) {
        const passed = Math.min(skipping, chunk.length - at);
        skipping -= passed;
        at += passed;
        if (skipping === 0) onBlob(index++, null, skippedSize);
        continue;
      }
      if (body === null) {
        const eol = chunk.indexOf(10, at);
        if (eol === -1) {
          header.push(chunk.subarray(at));
          return;
        }
        header.push(chunk.subarray(at, eol));
        const line = Buffer.concat(header).toString('latin1');
        header = [];
        at = eol + 1;
        const [, type, size] = line.split(' ');
        if (type === undefined || size === undefined) {
          onBlob(index++, null); // "<oid> missing"
          continue;
        }
        const length = Number(size) + 1; // the bytes and their line end
        if (Number(size) > maxBytes) {
          skipping = length;
          skippedSize = Number(size);
          continue;
        }
        if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
        body = scratch.subarray(0, length);
        filled = 0;
      }
      const taken = chunk.copy(body, filled, at, Math.min(chunk.length, at + body.length - filled));
      filled += taken;
      at += taken;
      if (filled === body.length) {
        onBlob(index++, body.subarray(0, body.length - 1));
        body = null;
      }
    }
  };
}
