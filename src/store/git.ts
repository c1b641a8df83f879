/**
 * The data branch over git's smart HTTP (SPEC "State and history": "Where it is written",
 * "Nothing is lost when runs overlap", "The branch stays small").
 *
 * Why the `git` binary and not isomorphic-git (a dependency we would have to add, so not
 * measured here): every GitHub runner has git, so it costs no bundle size; it fetches a single
 * commit (`--depth 1`) and pushes from that shallow copy, which isomorphic-git's push does not
 * support (its open issues #682, #1187); and git's thin packs send a grown day file as a delta
 * against the one fetched, where isomorphic-git packs whole objects.
 * Measured with `npm run bench:store`: on a branch with 30 days × 20 endpoints of raw checks
 * (11 MiB of CSV), one run fetches 1.2 MiB, pushes under 4 KiB, and spends about 0.1 s more
 * CPU than on a branch with no history.
 *
 * One update: fetch the branch's tip (depth 1) into a temporary bare repository, read every file
 * (`ls-tree` + one `cat-file --batch`), call the change function, write the changed files as
 * blobs (one `hash-object --stdin-paths`) into a temporary index made from the tip's tree,
 * `write-tree`, `commit-tree`, push. No work tree is ever checked out. A push refused because
 * another run moved the branch starts the cycle again from a fresh read.
 *
 * The commit count for the squash rule travels in each commit's message (`Vigil-Commits: N`),
 * so a depth-1 fetch knows it without fetching history. A tip without that line (a commit made
 * by hand) counts as 1: the daily squash still bounds the branch.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BranchFiles } from '../history/types.js';
import { classify } from './classify.js';
import { applyChanges, textOf } from './files.js';
import { GitFailure, gitRunner, type Git } from './git-command.js';
import { type ChangeFunction, type DataStore, type StoreResult, type UpdateOptions, StoreError } from './types.js';

/** More commits than this on the branch, and the next run replaces them by one. */
export const MAX_COMMITS = 288;
export const VIGIL_AUTHOR = { name: 'Vigil', email: 'vigil@users.noreply.github.com' };

export interface GitStoreOptions {
  /** e.g. https://github.com (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** owner/name (GITHUB_REPOSITORY). */
  repository: string;
  token: string;
  branch: string;
  /** The environment git runs with (PATH, HOME, proxy settings); of its GIT_* variables only
   * GIT_SSL_* and GIT_EXEC_PATH are passed on. */
  env: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Where the temporary repository goes (RUNNER_TEMP); the system's temp folder by default. */
  workdir?: string;
  /** Reads and pushes before giving up when other runs keep moving the branch. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const NETWORK_TIMEOUT_MS = 120_000;

export function gitStore(options: GitStoreOptions): DataStore {
  return { update: (change, updateOptions) => update(options, change, updateOptions ?? {}) };
}

interface Tip {
  commit: string;
  tree: string;
  /** Committer time, ms. */
  time: number;
  commits: number;
}

async function update(options: GitStoreOptions, change: ChangeFunction, updateOptions: UpdateOptions): Promise<StoreResult> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 5;
  const remote = `${options.serverUrl.replace(/\/+$/, '')}/${options.repository}.git`;
  const { branch } = options;

  const dir = await mkdtemp(path.join(options.workdir ?? os.tmpdir(), 'vigil-data-'));
  try {
    const hooksDir = path.join(dir, 'no-hooks');
    await mkdir(hooksDir);
    const { git } = gitRunner({ gitDir: path.join(dir, 'repo.git'), token: options.token, env: options.env, hooksDir });
    await checkVersion(git);
    await git(['init', '--bare', '--quiet']).catch((error: unknown) => {
      throw classify(error, 'write', branch);
    });

    const backoff = (attempt: number) => sleep(Math.min(8000, 500 * 2 ** (attempt - 1)) * (0.5 + random()));
    const summary = (updateOptions.summary ?? 'update').replace(/\s+/g, ' ').trim().slice(0, 200);
    for (let attempt = 1; ; attempt++) {
      let tip: Tip | null;
      try {
        tip = await fetchTip(git, remote, branch);
      } catch (error) {
        // Nothing is written yet, so reading again is safe. A push that fails on the way is not
        // tried again: it may have landed, and pushing the change again would record it twice.
        if (error instanceof StoreError && error.reason === 'network' && attempt < maxAttempts) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
      const files = tip ? await readFiles(git, tip.tree) : new Map<string, string>();
      const changes = await change(new Map(files));
      const after = applyChanges(files, changes);
      const at = now();
      const squashed = tip !== null && (tip.commits > MAX_COMMITS || utcDay(tip.time) < utcDay(at.getTime()));
      const tree = await writeTree(git, dir, tip, files, changes).catch((error: unknown) => {
        throw classify(error, 'write', branch);
      });
      if (tip && tree === tip.tree && !squashed) return { commit: null, files: after, attempts: attempt, squashed: false };

      const commits = tip && !squashed ? tip.commits + 1 : 1;
      const message = `Vigil: ${summary} (${at.toISOString().slice(0, 16)}Z)\n\nVigil-Commits: ${commits}\n`;
      const parent = tip && !squashed ? tip.commit : null;
      const commit = await commitTree(git, tree, parent, message, at).catch((error: unknown) => {
        throw classify(error, 'write', branch);
      });
      // A fast-forward needs no lease: git refuses it anyway when the branch moved. A new
      // branch and a squash replace what is there, so they go only if it is still what was read.
      const lease =
        tip === null
          ? `--force-with-lease=refs/heads/${branch}:`
          : squashed
            ? `--force-with-lease=refs/heads/${branch}:${tip.commit}`
            : null;
      if (await push(git, remote, branch, commit, lease)) return { commit, files: after, attempts: attempt, squashed };
      if (attempt >= maxAttempts) {
        throw new StoreError(
          'conflict',
          `could not push to ${branch}: other runs moved it ${attempt} times in a row; this run's checks were not saved`,
        );
      }
      await backoff(attempt);
    }
  } finally {
    // A temporary folder left behind must not hide whether the history was saved.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

/** The settings above reach git as GIT_CONFIG_KEY_n variables, which git reads since 2.31
 * (March 2021); an older git would push without the token and be refused for a reason that
 * would mislead the user. */
async function checkVersion(git: Git): Promise<void> {
  const said = (await git(['version'])).stdout.toString('utf8');
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(said) ?? []).slice(1).map(Number);
  if (major < 2 || (major === 2 && minor < 31)) {
    throw new StoreError(
      'no-git',
      `git 2.31 or later is needed for the data branch; this machine has ${said.trim() || 'an unknown git'}`,
    );
  }
}

function utcDay(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

/** The branch's tip, fetched with its files (and nothing older); null when there is no branch. */
async function fetchTip(git: Git, remote: string, branch: string): Promise<Tip | null> {
  try {
    await git(['fetch', '--depth=1', '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/tip`], {
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof GitFailure && /couldn't find remote ref/i.test(error.stderr)) return null;
    throw classify(error, 'read', branch);
  }
  try {
    const { stdout } = await git(['log', '-1', '--format=%H%x00%T%x00%ct%x00%B', 'refs/vigil/tip']);
    const [commit, tree, seconds, body] = stdout.toString('utf8').split('\0');
    const counted = /^Vigil-Commits: (\d+)\s*$/m.exec(body ?? '');
    return { commit, tree, time: Number(seconds) * 1000, commits: counted ? Number(counted[1]) : 1 };
  } catch (error) {
    throw classify(error, 'read', branch);
  }
}

/** Every text file of the tree, by path. */
async function readFiles(git: Git, tree: string): Promise<BranchFiles> {
  const files: BranchFiles = new Map();
  const listing = (await git(['ls-tree', '-r', '-z', '--full-tree', tree])).stdout.toString('utf8');
  const blobs: Array<{ oid: string; file: string }> = [];
  for (const entry of listing.split('\0')) {
    const match = /^(100644|100755) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match) blobs.push({ oid: match[2], file: match[3] });
  }
  if (blobs.length === 0) return files;
  const answers = batchReader((index, bytes) => {
    // Listed in the tree yet not in the fetched pack: judging without it would rewrite it from nothing.
    if (bytes === null)
      throw new StoreError('other', `the data branch's ${blobs[index].file} could not be read (its object is missing)`);
    const text = textOf(bytes);
    if (text !== null) files.set(blobs[index].file, text);
  });
  await git(['cat-file', '--batch'], { input: blobs.map((blob) => blob.oid).join('\n') + '\n', onStdout: answers });
  return files;
}

/**
 * Reads the answers of `git cat-file --batch` as they arrive: `<oid> blob <size>\n`, the bytes, a
 * line end (or `<oid> missing\n`). Each blob is handed on as soon as it is complete, in one buffer
 * reused for every blob (its bytes are good only during the call), so the branch is never held
 * as git's output beside its text: collecting the output first added twice the branch's size to
 * a run's peak memory (22 MiB for 30 raw days of 20 endpoints).
 */
export function batchReader(onBlob: (index: number, bytes: Buffer | null) => void): (chunk: Buffer) => void {
  let index = 0;
  let header: Buffer[] = [];
  let scratch = Buffer.alloc(0);
  let body: Buffer | null = null;
  let filled = 0;
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
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

/** The tip's tree with the changes made; only changed files are hashed. */
async function writeTree(
  git: Git,
  dir: string,
  tip: Tip | null,
  files: BranchFiles,
  changes: Map<string, string | null>,
): Promise<string> {
  const indexFile = path.join(dir, 'index');
  await rm(indexFile, { force: true });
  await git(tip ? ['read-tree', tip.tree] : ['read-tree', '--empty'], { indexFile });
  const written = [...changes].filter(
    (entry): entry is [string, string] => entry[1] !== null && files.get(entry[0]) !== entry[1],
  );
  const deleted = [...changes.keys()].filter((file) => changes.get(file) === null && files.has(file));
  const entries: string[] = [];
  if (written.length > 0) {
    const blobDir = path.join(dir, 'blobs');
    await mkdir(blobDir, { recursive: true });
    const paths = await Promise.all(
      written.map(async ([, text], n) => {
        const file = path.join(blobDir, String(n));
        await writeFile(file, text, 'utf8');
        return file;
      }),
    );
    const oids = (await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: paths.join('\n') + '\n' })).stdout
      .toString('utf8')
      .trim()
      .split('\n');
    await rm(blobDir, { recursive: true, force: true });
    written.forEach(([file], n) => entries.push(`100644 ${oids[n]}\t${file}`));
  }
  for (const file of deleted) entries.push(`0 ${'0'.repeat(40)}\t${file}`);
  if (entries.length > 0) await git(['update-index', '-z', '--index-info'], { indexFile, input: entries.join('\0') + '\0' });
  return (await git(['write-tree'], { indexFile })).stdout.toString('utf8').trim();
}

async function commitTree(git: Git, tree: string, parent: string | null, message: string, at: Date): Promise<string> {
  const date = `@${Math.floor(at.getTime() / 1000)} +0000`;
  const env = {
    GIT_AUTHOR_NAME: VIGIL_AUTHOR.name,
    GIT_AUTHOR_EMAIL: VIGIL_AUTHOR.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: VIGIL_AUTHOR.name,
    GIT_COMMITTER_EMAIL: VIGIL_AUTHOR.email,
    GIT_COMMITTER_DATE: date,
  };
  const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'];
  return (await git(args, { input: message, env })).stdout.toString('utf8').trim();
}

/** Why a push is refused when another run got there first: git's own check of the branch it was
 * told about, and the server's check when both pushes were told the same branch. */
const MOVED =
  /\[rejected\]|fetch first|non-fast-forward|stale info|cannot lock ref|failed to (update|lock)|incorrect old value|reference already exists/i;

/** True when pushed; false when another run moved the branch first. */
async function push(git: Git, remote: string, branch: string, commit: string, lease: string | null): Promise<boolean> {
  try {
    await git(['push', '--porcelain', '--quiet', ...(lease ? [lease] : []), remote, `${commit}:refs/heads/${branch}`], {
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    return true;
  } catch (error) {
    const refused = classify(error, 'push', branch);
    if (error instanceof GitFailure && refused.reason === 'other' && MOVED.test(`${error.stdout}\n${error.stderr}`)) return false;
    throw refused;
  }
}
