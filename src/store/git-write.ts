/**
 * Writing the data branch: the tip's tree with the changes made (only changed files hashed, and
 * files not read compared by their blob id instead), the commit that carries Vigil's identity,
 * and the push that tells a refusal because another run moved the branch from a failure. The
 * update loop that calls these, and decides on squashing and leases, is in git.ts.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BranchFiles } from '../history/types.js';
import { classify } from './classify.js';
import { GitFailure, NETWORK_TIMEOUT_MS, VIGIL_AUTHOR, type Git } from './git-command.js';
import type { Entry, Tip } from './git-read.js';

/** Files written to blobs at once: saving opens a bounded number of files, whatever their count. */
const OPEN_FILES = 16;

/** The tip's tree with the changes made; only changed files are hashed. The old bytes of a file
 * Vigil could not read are kept under `unreadable/` (the same blob, under its new path) before
 * anything is written over them. */
export async function writeTree(
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

export async function commitTree(git: Git, tree: string, parent: string | null, message: string, at: Date): Promise<string> {
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
export async function push(git: Git, remote: string, branch: string, commit: string, lease: string | null): Promise<boolean> {
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
