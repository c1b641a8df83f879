/**
 * The data branch over git's smart HTTP (docs/history.md: where it is written, "Overlapping runs lose
 * nothing", "The branch stays small").
 *
 * Why the `git` binary and not isomorphic-git (a dependency we would have to add, so not
 * measured here): every GitHub runner has git, so it costs no bundle size; it fetches a single
 * commit (`--depth 1`) and pushes from that shallow copy, which isomorphic-git's push does not
 * support (its open issues #682, #1187); and git's thin packs send a grown day file as a delta
 * against the one fetched, where isomorphic-git packs whole objects.
 * Measured with `npm run bench:store`: on a branch with 30 days × 20 endpoints of raw checks
 * (11 MiB of CSV), one run reading every file fetches 1.2 MiB, pushes under 4 KiB, and spends about 0.1 s more
 * CPU than on a branch with no history.
 *
 * One update: fetch the branch's tip (depth 1; with `read`, without blobs, then the blobs of the
 * files chosen — see PROMISOR below) into a temporary bare repository, read every file
 * (`ls-tree` + one `cat-file --batch`), call the change function, write the changed files as
 * blobs (one `hash-object --stdin-paths`) into a temporary index made from the tip's tree,
 * `write-tree`, `commit-tree`, push. No work tree is ever checked out. A push refused because
 * another run moved the branch starts the cycle again from a fresh read.
 *
 * Where a run's time goes (`npm run bench`, 200 endpoints, each git process timed): the two
 * fetches and the push are most of it (tens to hundreds of ms each, most of it the server packing
 * what is asked for), the other git processes 3–10 ms each, and the judge's reading of yesterday's
 * raw day. So a run asks the server for as few objects as it can — not the page and badges, which
 * it writes without reading (see `same`) — and spends no process it can do without: the
 * repository is written by hand (no `git init`), the sizes of the blobs come with their bytes (no
 * `--batch-check` first), git itself tells which blobs are already here (see `fetchBlobs`), and
 * the push makes no request of its own for delta bases (see `writeConfig`): 12 git processes a
 * run, from 15, and on 200 endpoints 760 KiB fetched, from 880 KiB.
 *
 * The commit count for the squash rule travels in each commit's message (`Vigil-Commits: N`),
 * so a depth-1 fetch knows it without fetching history. A tip without that line (a commit made
 * by hand) counts as 1: the daily squash still bounds the branch.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BranchFiles } from '../history/types.js';
import { classify } from './classify.js';
import { MAX_FILE_BYTES, applyChanges, decodeFile, filesToKeep, shown, tooLarge, unreadWarnings } from './files.js';
import { GitFailure, cancelled, gitRunner, type Git } from './git-command.js';
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
  /** The environment git runs with (PATH, proxy settings); of its GIT_* variables only
   * GIT_SSL_* and GIT_EXEC_PATH are passed on, and no git configuration of the machine is read. */
  env: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Where the temporary repository goes (RUNNER_TEMP); the system's temp folder by default. */
  workdir?: string;
  /** Reads and pushes before giving up; by default a push refused because other runs moved the
   * branch is tried again until the update's signal aborts (or for two minutes without one), and
   * a fetch that fails on the way is tried five times. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The largest file read as text (tests make it small). */
  maxFileBytes?: number;
}

const NETWORK_TIMEOUT_MS = 120_000;
/** Without a signal, how long refused pushes are tried again. */
const DEFAULT_RETRY_MS = 120_000;
const FETCH_TRIES = 5;
/** Commits looked at, below a tip that is not Vigil's, for one that is (see `isOurs`). */
const OWNERSHIP_DEPTH = 50;
/** Files written to blobs at once: saving opens a bounded number of files, whatever their count. */
const OPEN_FILES = 16;

export function gitStore(options: GitStoreOptions): DataStore {
  return { update: (change, updateOptions) => update(options, change, updateOptions ?? {}) };
}

interface Tip {
  commit: string;
  tree: string;
  /** Committer time, ms. */
  time: number;
  commits: number;
  /** Whether Vigil made the tip commit (see `isOurs`). */
  ours: boolean;
}

/** A file of the tip's tree, as listed. */
interface Entry {
  mode: string;
  oid: string;
}

/**
 * Waits before reading the branch again after a refused push: "full jitter", a random time up to
 * a bound that doubles with each refusal (0.25 s, 0.5 s, … up to 2 s). Runs that collided spread
 * out instead of colliding again in step, and the wait stays short next to a fetch and a push
 * (about 1.5 s on GitHub). What keeps collisions rare besides: between reading the tip and
 * pushing, a run only judges (milliseconds) and writes the few files that changed; the fetch takes
 * one commit (depth 1) and the push a small pack, so the window in which another run can move the
 * branch is a single round trip each way. Measured on the test git server with GitHub-like latency
 * (0.5 s a fetch, 1 s a push): 20 runs started at once all landed in 38 s, 1.9 s a push, near the
 * 1.5 s that a fetch and a push take one after the other (the most tries a run needed: 12).
 */
function backoffMs(attempt: number, random: () => number): number {
  return random() * Math.min(2000, 250 * 2 ** (attempt - 1));
}

async function update(options: GitStoreOptions, change: ChangeFunction, updateOptions: UpdateOptions): Promise<StoreResult> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? Infinity;
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const { signal } = updateOptions;
  const remote = `${options.serverUrl.replace(/\/+$/, '')}/${options.repository}.git`;
  const { branch } = options;
  // Real time (not `now`, which tests and the simulation move): how long refused pushes are retried.
  const giveUpAt = signal ? Infinity : Date.now() + DEFAULT_RETRY_MS;
  const sleep = (ms: number) => abortable(options.sleep ?? wait, ms, signal);
  if (signal?.aborted) throw cancelled();

  const dir = await mkdtemp(path.join(options.workdir ?? os.tmpdir(), 'vigil-data-'));
  try {
    const hooksDir = path.join(dir, 'no-hooks');
    const homeDir = path.join(dir, 'home');
    await mkdir(hooksDir);
    await mkdir(homeDir);
    const { git } = gitRunner({
      gitDir: path.join(dir, 'repo.git'),
      token: options.token,
      env: options.env,
      hooksDir,
      homeDir,
      signal,
    });
    const gitDir = path.join(dir, 'repo.git');
    const partial = updateOptions.read !== undefined;
    await checkVersion(git);
    await makeRepository(gitDir, partial ? remote : null).catch((error: unknown) => {
      throw classify(error, 'write', branch);
    });

    const summary = (updateOptions.summary ?? 'update').replace(/\s+/g, ' ').trim().slice(0, 200);
    let fetchFailures = 0;
    for (let attempt = 1; ; attempt++) {
      let tip: Tip | null;
      try {
        tip = await fetchTip(git, partial ? PROMISOR : remote, branch, partial);
      } catch (error) {
        // Nothing is written yet, so reading again is safe. A push that fails on the way is not
        // tried again: it may have landed, and pushing the change again would record it twice.
        fetchFailures++;
        if (
          error instanceof StoreError &&
          error.reason === 'network' &&
          attempt < maxAttempts &&
          fetchFailures < FETCH_TRIES &&
          Date.now() < giveUpAt
        ) {
          await sleep(Math.min(8000, 500 * 2 ** (fetchFailures - 1)) * (0.5 + random()));
          continue;
        }
        throw error;
      }
      if (tip) await checkOwnership(git, remote, branch, tip);
      const { files, entries, unreadable } = tip
        ? await readFiles(git, tip.tree, maxBytes, updateOptions.read, branch)
        : emptyBranch();
      const changes = await change(new Map(files), new Set(entries.keys()));
      if (updateOptions.readOnly) return { commit: null, files, attempts: attempt, squashed: false, warnings: [] };
      const after = applyChanges(files, changes);
      const kept = filesToKeep(unreadable, files, changes, (file) => entries.has(file));
      const at = now();
      const squashed = tip !== null && (tip.commits > MAX_COMMITS || utcDay(tip.time) < utcDay(at.getTime()));
      const tree = await writeTree(git, dir, tip, files, changes, entries, kept).catch((error: unknown) => {
        throw classify(error, 'write', branch);
      });
      const warnings = [...kept.map((file) => file.warning), ...unreadWarnings(unreadable, files, changes)];
      if (tip && tree === tip.tree && !squashed)
        return { commit: null, files: after, attempts: attempt, squashed: false, warnings };

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
      // Pushed as a plain repository: as a partial clone, git would fetch the old page, one more
      // request, to send the new one as a delta against it (see `makeRepository`).
      if (partial) await writeConfig(gitDir, null);
      const pushed = await push(git, remote, branch, commit, lease);
      if (partial) await writeConfig(gitDir, remote);
      if (pushed) return { commit, files: after, attempts: attempt, squashed, warnings };
      const delay = backoffMs(attempt, random);
      if (attempt >= maxAttempts || Date.now() + delay >= giveUpAt) {
        throw new StoreError(
          'conflict',
          `could not push to ${branch}: other runs moved it ${attempt} times in a row; this run's checks were not saved`,
        );
      }
      // The change function runs again on what is read next: it is pure over the files it is
      // given (the judge, and the outbox merge in state.json), so a retry judges afresh.
      await sleep(delay);
    }
  } finally {
    // A temporary folder left behind must not hide whether the history was saved.
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

function wait(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** A wait that ends with a `cancelled` error as soon as the signal aborts. */
function abortable(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<void>((resolve, reject) => {
    const stop = () => reject(cancelled());
    signal.addEventListener('abort', stop, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener('abort', stop);
        if (signal.aborted) reject(cancelled());
        else resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

function emptyBranch() {
  return { files: new Map<string, string>(), entries: new Map<string, Entry>(), unreadable: new Map<string, string>() };
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

const COMMIT_FORMAT = '%H%x00%T%x00%ct%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x00%x01';

interface LoggedCommit {
  commit: string;
  tree: string;
  seconds: number;
  ours: boolean;
  body: string;
}

function parseLog(text: string): LoggedCommit[] {
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
function isOurs(identity: string[], body: string): boolean {
  const [authorName, authorEmail, committerName, committerEmail] = identity;
  const byVigil =
    authorName === VIGIL_AUTHOR.name &&
    committerName === VIGIL_AUTHOR.name &&
    authorEmail === VIGIL_AUTHOR.email &&
    committerEmail === VIGIL_AUTHOR.email;
  return byVigil || /^Vigil-Commits: \d+\s*$/m.test(body);
}

/**
 * Why a run reads only some files, and how (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"). The branch keeps every
 * raw day for `history-days`, but a run's judgement needs yesterday's and today's raw rows, the
 * aggregates of the week, and a few small files. Measured with `npm run bench` (docs/BENCHMARKS.md,
 * "Memory that scales"; a branch built by git with 200 endpoints, 30 raw days of 3.6 MiB each and
 * 60 older days in daily.csv): fetching the whole tip at depth 1, as earlier versions did, took
 * 13.4 MiB a run; a partial fetch — the tip's commit and trees without blobs
 * (`--filter=blob:none`), then the blobs of the files read in one more request — takes 850 KiB
 * (on 20 endpoints: 1,195 KiB against 104 KiB), with the branch's public format unchanged. It
 * costs one more request (a few ms on loopback, one HTTPS round trip on GitHub). Not measured,
 * and worse by design: another layout (a file per endpoint and month, or per hour) would still
 * fetch every raw row of the month, or split today's rows into files the page and people read,
 * and it would change the branch's format. A server that ignores the filter (an option of
 * `git upload-pack` that GitHub enables) sends every blob with the tip, and the second request
 * is skipped: slower, never wrong.
 */
const PROMISOR = 'vigil';

/**
 * The temporary bare repository, written by hand rather than by `git init` (one process less a
 * run; git needs no more than these to take a folder for a repository). With `remote`, it is a
 * partial clone of it (the promisor remote, see PROMISOR).
 */
async function makeRepository(gitDir: string, remote: string | null): Promise<void> {
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
async function writeConfig(gitDir: string, remote: string | null): Promise<void> {
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
 * With `partial`, its commit and trees only: the files read are fetched by `fetchBlobs`. */
async function fetchTip(git: Git, remote: string, branch: string, partial = false): Promise<Tip | null> {
  try {
    const filter = partial ? ['--filter=blob:none'] : [];
    await git(['fetch', '--depth=1', ...filter, '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/tip`], {
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof GitFailure && /couldn't find remote ref/i.test(error.stderr)) return null;
    throw classify(error, 'read', branch);
  }
  try {
    const { stdout } = await git(['log', '-1', `--format=${COMMIT_FORMAT}`, 'refs/vigil/tip']);
    const [tip] = parseLog(stdout.toString('utf8'));
    const counted = /^Vigil-Commits: (\d+)\s*$/m.exec(tip.body);
    return {
      commit: tip.commit,
      tree: tip.tree,
      time: tip.seconds * 1000,
      commits: counted ? Number(counted[1]) : 1,
      ours: tip.ours,
    };
  } catch (error) {
    throw classify(error, 'read', branch);
  }
}

/**
 * Vigil writes only a branch it created (README "What Vigil promises under faults"): one whose
 * tip, or a commit a few below it on its first-parent line, Vigil made. Vigil creates the branch
 * with no parent and replaces its history by one commit of its own every day, so on its branch a
 * Vigil commit is never far below the tip, even when people add a commit or two by hand (a CNAME,
 * a README). A branch that holds a site or code has none within reach and is refused, untouched.
 * Looking at commits only (not at a marker file) accepts the branches that Vigil made before this
 * check existed, and a person cannot remove the proof by deleting a file.
 */
async function checkOwnership(git: Git, remote: string, branch: string, tip: Tip): Promise<void> {
  const foreign = () =>
    new StoreError(
      'foreign',
      `${branch} was not made by Vigil (it holds other history), so Vigil leaves it untouched; choose another history-branch (the default is vigil-data), or delete ${branch} if it is an old data branch`,
    );
  // The tip was read as it was fetched: one git process less for every run on Vigil's own branch.
  if (tip.ours) return;
  try {
    // By name, not by commit (not every server gives a commit asked for by id); should the branch
    // have moved meanwhile, its new tip is judged, and this run's push is refused and redone.
    await git(['fetch', `--depth=${OWNERSHIP_DEPTH}`, '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/below`], {
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    const below = await git(['log', '--first-parent', `-${OWNERSHIP_DEPTH}`, `--format=${COMMIT_FORMAT}`, 'refs/vigil/below']);
    if (parseLog(below.stdout.toString('utf8')).some((commit) => commit.ours)) return;
  } catch (error) {
    throw classify(error, 'read', branch);
  }
  throw foreign();
}

/** Every text file of the tree by path, every entry of the tree (to keep what is not shown), and
 * why each file that is not plain UTF-8 text is not. Files over the size limit are never read. */
async function readFiles(
  git: Git,
  tree: string,
  maxBytes: number,
  select: ((paths: readonly string[]) => ReadonlySet<string>) | undefined,
  branch: string,
): Promise<{ files: BranchFiles; entries: Map<string, Entry>; unreadable: Map<string, string> }> {
  const files: BranchFiles = new Map();
  const entries = new Map<string, Entry>();
  const unreadable = new Map<string, string>();
  // Sizes (`-l`) are listed only when every blob is here: for a blob left on the server, git would
  // fetch it to tell its size. The sizes of the blobs read are asked for once they are fetched.
  const long = select ? [] : ['-l'];
  const listing = (await git(['ls-tree', '-r', '-z', ...long, '--full-tree', tree])).stdout.toString('utf8');
  const blobs: Array<{ oid: string; file: string }> = [];
  const listed: Array<{ mode: string; type: string; oid: string; size: string; file: string }> = [];
  for (const entry of listing.split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)(?: +(\S+))?\t(.+)$/s.exec(entry);
    if (!match) continue;
    const [, mode, type, oid, size = '', file] = match;
    entries.set(file, { mode, oid });
    listed.push({ mode, type, oid, size, file });
  }
  const wanted = select?.([...entries.keys()]);
  for (const { mode, type, oid, size, file } of listed) {
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !shown(file)) continue;
    if (wanted && !wanted.has(file)) continue;
    if (Number(size) > maxBytes) unreadable.set(file, tooLarge(Number(size), maxBytes));
    else blobs.push({ oid, file });
  }
  if (wanted && blobs.length > 0)
    await fetchBlobs(
      git,
      blobs.map((blob) => blob.oid),
      branch,
    );
  if (blobs.length === 0) return { files, entries, unreadable };
  // The sizes of fetched blobs come with them: one that is too large is passed over unread (no
  // `--batch-check` first, one process less a run).
  const answers = batchReader((index, bytes, size) => {
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
  }, maxBytes);
  await git(['cat-file', '--batch'], { input: blobs.map((blob) => blob.oid).join('\n') + '\n', onStdout: answers });
  return { files, entries, unreadable };
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

/** The tip's tree with the changes made; only changed files are hashed. The old bytes of a file
 * Vigil could not read are kept under `unreadable/` (the same blob, under its new path) before
 * anything is written over them. */
async function writeTree(
  git: Git,
  dir: string,
  tip: Tip | null,
  files: BranchFiles,
  changes: Map<string, string | null>,
  listed: ReadonlyMap<string, Entry>,
  kept: ReadonlyArray<{ file: string; keptAs: string }>,
): Promise<string> {
  const indexFile = path.join(dir, 'index');
  await rm(indexFile, { force: true });
  await git(tip ? ['read-tree', tip.tree] : ['read-tree', '--empty'], { indexFile });
  const moved = new Set(kept.map((file) => file.file));
  const written = [...changes].filter(
    (entry): entry is [string, string] =>
      entry[1] !== null &&
      (moved.has(entry[0]) || (files.has(entry[0]) ? files.get(entry[0]) !== entry[1] : !same(listed.get(entry[0]), entry[1]))),
  );
  const deleted = [...changes.keys()].filter((file) => changes.get(file) === null && listed.has(file));
  const entries: string[] = [];
  for (const { file, keptAs } of kept) {
    const old = listed.get(file);
    if (old) entries.push(`${old.mode} ${old.oid}\t${keptAs}`);
  }
  if (written.length > 0) {
    const blobDir = path.join(dir, 'blobs');
    await mkdir(blobDir, { recursive: true });
    const paths = written.map((_, n) => path.join(blobDir, String(n)));
    // A few files at a time, never all of them at once: 1,000 endpoints' badges are 3,000 files.
    for (let from = 0; from < written.length; from += OPEN_FILES) {
      await Promise.all(written.slice(from, from + OPEN_FILES).map(([, text], k) => writeFile(paths[from + k], text, 'utf8')));
    }
    const oids = (await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: paths.join('\n') + '\n' })).stdout
      .toString('utf8')
      .trim()
      .split('\n');
    await rm(blobDir, { recursive: true, force: true });
    written.forEach(([file], n) => entries.push(`100644 ${oids[n]}\t${file}`));
  }
  for (const file of deleted) entries.push(`0 ${'0'.repeat(40)}\t${file}`);
  if (entries.length > 0) await git(['update-index', '-z', '--index-info'], { indexFile, input: entries.join('\0') + '\0' });
  // Files not read were not fetched either: their blobs are on the server, not here.
  return (await git(['write-tree', '--missing-ok'], { indexFile })).stdout.toString('utf8').trim();
}

/**
 * Whether a file that was not read (not fetched: the page, the badges) already holds `text`: git
 * names a blob by the SHA-1 of its bytes, so the id the tree lists tells, without the bytes.
 * Unchanged files are then neither fetched, nor hashed by git, nor pushed.
 */
function same(entry: Entry | undefined, text: string): boolean {
  if (entry === undefined || entry.mode !== '100644') return false;
  const bytes = Buffer.from(text, 'utf8');
  const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  return oid === entry.oid;
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
