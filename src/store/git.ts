/**
 * The data branch over git's smart HTTP (docs/history.md: where it is written, "Overlapping runs lose
 * nothing", "The branch stays small").
 *
 * Why git's protocol spoken by Vigil (smart-http.ts) with the `git` binary behind it, and not
 * isomorphic-git (a dependency we would have to add, so not measured here): a run needs a single
 * commit without its blobs (`deepen 1`, `filter blob:none`), the few blobs it reads, and a push from
 * that shallow copy, which isomorphic-git's push does not support (its open issues #682, #1187);
 * and a grown day file goes as a delta against the one read, where isomorphic-git packs whole
 * objects. Vigil's client speaks those six requests and no more; everything else (a proxy, a server
 * without protocol v2) is left to git, which every GitHub runner has.
 * Measured with `npm run bench:store`: on a branch with 30 days × 20 endpoints of raw checks
 * (11 MiB of CSV), one run reading every file fetches 1.2 MiB, pushes under 4 KiB, and spends about 0.1 s more
 * CPU than on a branch with no history.
 *
 * One update: fetch the branch's tip (depth 1; with `read`, without blobs, then the blobs of the
 * files chosen — see PROMISOR in git-read.ts) into a temporary bare repository, read every file
 * (`ls-tree` + one `cat-file --batch`; with `read`, over HTTP from Node where it can, see
 * smart-http.ts and http-read.ts, which then pushes too), call the change function, write the changed files, the
 * trees on their paths and the commit as git objects from Node (objects.ts: no git process), push.
 * No work tree is ever checked out. A push refused because another run moved the branch starts
 * the cycle again from a fresh read.
 *
 * Where a run's time goes (`npm run bench`, 200 endpoints, each git process timed): the two
 * fetches and the push are most of it (tens to hundreds of ms each, most of it the server packing
 * what is asked for), the other git processes 3–10 ms each, and the judge's reading of yesterday's
 * raw day. So a run asks the server for as few objects as it can — not the page and badges, which
 * it writes without reading (see `same` in git-write.ts) — and spends no process it can do
 * without: the repository is written by hand (no `git init`), the sizes of the blobs come with
 * their bytes (no `--batch-check` first), git itself tells which blobs are already here (see
 * `fetchBlobs` in git-read.ts), the push makes no request of its own for delta bases (see
 * `writeConfig` in git-read.ts), the new blobs, trees and commit are written by Vigil (five
 * processes less, see objects.ts; a file rewritten after reading goes as a delta git's push sends
 * without looking for one, see pack.ts), and git's version is asked for only when something failed (see
 * `explained`): 6 git processes a run (`fetch`, `log` and `ls-tree` side by side, the `fetch` of the blobs read,
 * `cat-file`, `push`), from 15; none when Node reads and pushes (smart-http.ts).
 *
 * The commit count for the squash rule travels in each commit's message (`Vigil-Commits: N`),
 * so a depth-1 fetch knows it without fetching history. A tip without that line (a commit made
 * by hand) counts as 1: the daily squash still bounds the branch.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { classify } from './classify.js';
import { MAX_FILE_BYTES, applyChanges, filesToKeep, unreadWarnings } from './files.js';
import { NETWORK_TIMEOUT_MS, cancelled, gitRunner, type Git } from './git-command.js';
import {
  COMMIT_FORMAT,
  PROMISOR,
  type Tip,
  emptyBranch,
  fetchTip,
  makeRepository,
  parseLog,
  readFiles,
  writeConfig,
} from './git-read.js';
import { commitTree, inMemory, onDisk, push, pushOverHttp, writeTree } from './git-write.js';
import { blobsOverHttp, fetchTipOverHttp } from './http-read.js';
import { type SmartHttp, Unsupported, smartHttp, usable } from './smart-http.js';
import { type ChangeFunction, type DataStore, type StoreResult, type UpdateOptions, StoreError } from './types.js';

/** More commits than this on the branch, and the next run replaces them by one. */
export const MAX_COMMITS = 288;
export { VIGIL_AUTHOR } from './git-command.js';

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

/** Without a signal, how long refused pushes are tried again. */
const DEFAULT_RETRY_MS = 120_000;
const FETCH_TRIES = 5;
/** Commits looked at, below a tip that is not Vigil's, for one that is (see `isOurs` in git-read.ts). */
const OWNERSHIP_DEPTH = 50;

export function gitStore(options: GitStoreOptions): DataStore {
  return { update: (change, updateOptions) => update(options, change, updateOptions ?? {}) };
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

  // A temporary folder that cannot be made (a full or read-only disk) is a store error like a
  // failed write: the run goes on without saving its history, as it does when the push fails.
  const dir = await mkdtemp(path.join(options.workdir ?? os.tmpdir(), 'vigil-data-')).catch((error: unknown) => {
    throw classify(error, 'write', branch);
  });
  /** The git of this update, once there is one: asked why, should the update fail. */
  let gitOfUpdate: Git | null = null;
  let overHttp: SmartHttp | null = null;
  try {
    const hooksDir = path.join(dir, 'no-hooks');
    const homeDir = path.join(dir, 'home');
    await Promise.all([mkdir(hooksDir), mkdir(homeDir)]).catch((error: unknown) => {
      throw classify(error, 'write', branch);
    });
    const { git, scrub } = gitRunner({
      gitDir: path.join(dir, 'repo.git'),
      token: options.token,
      env: options.env,
      hooksDir,
      homeDir,
      signal,
    });
    gitOfUpdate = git;
    const gitDir = path.join(dir, 'repo.git');
    const partial = updateOptions.read !== undefined;
    // A run that reads some files reads them with Vigil's own client where it can (smart-http.ts).
    overHttp =
      partial && usable(remote, options.env)
        ? smartHttp({ remote, token: options.token, timeoutMs: NETWORK_TIMEOUT_MS, signal, scrub })
        : null;
    await makeRepository(gitDir, partial ? remote : null).catch((error: unknown) => {
      throw classify(error, 'write', branch);
    });

    const summary = (updateOptions.summary ?? 'update').replace(/\s+/g, ' ').trim().slice(0, 200);
    let fetchFailures = 0;
    for (let attempt = 1; ; attempt++) {
      let tip: Tip | null;
      try {
        const whileFetching = attempt === 1 ? updateOptions.whileFetching : undefined;
        tip = overHttp
          ? await fetchTipOverHttp(overHttp, gitDir, branch, whileFetching, updateOptions.readOnly).catch((error: unknown) => {
              if (!(error instanceof Unsupported)) throw classify(error, 'read', branch);
              overHttp?.close();
              overHttp = null; // the server, or its answer, is for git to read: git reads from here on
              return fetchTip(git, PROMISOR, branch, partial);
            })
          : await fetchTip(git, partial ? PROMISOR : remote, branch, partial, whileFetching);
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
      const { files, entries, listing, unreadable } = tip
        ? await readFiles(
            git,
            tip.tree,
            maxBytes,
            updateOptions.read,
            branch,
            tip.listed,
            overHttp ? blobsOverHttp(overHttp, maxBytes, branch) : undefined,
          )
        : emptyBranch();
      const changes = await change(new Map(files), new Set(entries.keys()));
      if (updateOptions.readOnly) return { commit: null, files, attempts: attempt, squashed: false, warnings: [] };
      const after = applyChanges(files, changes);
      const kept = filesToKeep(unreadable, files, changes, (file) => entries.has(file));
      const at = now();
      const squashed = tip !== null && (tip.commits > MAX_COMMITS || utcDay(tip.time) < utcDay(at.getTime()));
      // Where Node read the branch it pushes too, from memory; git pushes from the temporary repository.
      const held = overHttp ? inMemory() : null;
      const objects = held ?? onDisk(gitDir);
      const tree = await writeTree(objects, tip, files, changes, entries, listing, kept).catch((error: unknown) => {
        throw classify(error, 'write', branch);
      });
      const warnings = [...kept.map((file) => file.warning), ...unreadWarnings(unreadable, files, changes)];
      if (tip && tree === tip.tree && !squashed)
        return { commit: null, files: after, attempts: attempt, squashed: false, warnings };

      const commits = tip && !squashed ? tip.commits + 1 : 1;
      const message = `Vigil: ${summary} (${at.toISOString().slice(0, 16)}Z)\n\nVigil-Commits: ${commits}\n`;
      const parent = tip && !squashed ? tip.commit : null;
      const commit = await commitTree(objects, tree, parent, message, at).catch((error: unknown) => {
        throw classify(error, 'write', branch);
      });
      const gitPush = async () => {
        // A fast-forward needs no lease: git refuses it anyway when the branch moved. A new
        // branch and a squash replace what is there, so they go only if it is still what was read.
        const lease =
          tip === null
            ? `--force-with-lease=refs/heads/${branch}:`
            : squashed
              ? `--force-with-lease=refs/heads/${branch}:${tip.commit}`
              : null;
        // Pushed as a plain repository: as a partial clone, git would fetch the old page, one more
        // request, to send the new one as a delta against it (see `writeConfig` in git-read.ts).
        if (partial) await writeConfig(gitDir, null);
        const landed = await push(git, remote, branch, commit, lease);
        if (partial) await writeConfig(gitDir, remote);
        return landed;
      };
      const pushed =
        overHttp && held
          ? await pushOverHttp(overHttp, branch, tip?.commit ?? null, commit, held.pack()).catch(async (error: unknown) => {
              // Refused before the pack went (the server's push is not one Node speaks): git pushes.
              if (!(error instanceof Unsupported)) throw error;
              await onDisk(gitDir)
                .whole(held.all)
                .catch((failed: unknown) => {
                  throw classify(failed, 'write', branch);
                });
              return gitPush();
            })
          : await gitPush();
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
  } catch (error) {
    throw gitOfUpdate ? await explained(gitOfUpdate, error) : error;
  } finally {
    overHttp?.close();
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

/**
 * Why an update failed, when the reason is git's age. The settings reach git as GIT_CONFIG_KEY_n
 * variables, which git reads since 2.31 (March 2021); an older git would fetch and push without the
 * token and be refused for a reason that would mislead the user. An older git cannot succeed (its
 * push carries no token), so its version is asked for only once something failed: one git process
 * less in every run that works.
 */
async function explained(git: Git, error: unknown): Promise<unknown> {
  if (error instanceof StoreError && (error.reason === 'cancelled' || error.reason === 'no-git')) return error;
  const said = await git(['version']).then(
    (result) => result.stdout.toString('utf8'),
    () => null,
  );
  if (said === null) return error;
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(said) ?? []).slice(1).map(Number);
  if (major > 2 || (major === 2 && minor >= 31)) return error;
  return new StoreError(
    'no-git',
    `git 2.31 or later is needed for the data branch; this machine has ${said.trim() || 'an unknown git'}`,
  );
}

function utcDay(ms: number): number {
  return Math.floor(ms / 86_400_000);
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
