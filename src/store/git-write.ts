/**
 * Writing the data branch: the tip's tree with the changes made (only changed files hashed, and
 * files not read compared by their blob id instead), the commit that carries Vigil's identity —
 * both written as git objects by Vigil itself (objects.ts) — and the push that tells a refusal
 * because another run moved the branch from a failure. The update loop that calls these, and
 * decides on squashing and leases, is in git.ts.
 */
import type { BranchFiles } from '../history/types.js';
import { classify } from './classify.js';
import { GitFailure, NETWORK_TIMEOUT_MS, VIGIL_AUTHOR, type Git } from './git-command.js';
import type { Entry, Tip } from './git-read.js';
import { type ObjectType, type TreeEntry, buildTrees, commitBody, hashObject, writeObjects } from './objects.js';
import { type PackEntry, type Rewritten, packOf, worthDeltas, writeDeltas } from './pack.js';
import { HttpFailure, type SmartHttp, Unsupported } from './smart-http.js';

/** Where a run's new objects go: into the temporary repository, for `git push`; or kept in memory
 * for Vigil's own push (smart-http.ts), which sends them as one pack and writes nothing. */
export interface NewObjects {
  /** Each rewritten file worth a delta against its version read, so stored; the ids stored so. */
  deltas(files: readonly Rewritten[]): Promise<Set<string>>;
  /** The objects stored whole; their ids in order. */
  whole(objects: ReadonlyArray<{ type: ObjectType; body: string | Buffer }>): Promise<string[]>;
}

export function onDisk(gitDir: string): NewObjects {
  return { deltas: (files) => writeDeltas(gitDir, files), whole: (objects) => writeObjects(gitDir, objects) };
}

/** The objects kept for one push: `pack()` makes the pack (deltas against what the server has,
 * the rest whole); `all` gives every object whole, should git have to push them. */
export function inMemory(): NewObjects & { pack(): Buffer; readonly all: Array<{ type: ObjectType; body: string | Buffer }> } {
  const kept = new Map<string, { type: ObjectType; body: string | Buffer; delta?: { base: string; delta: Buffer } }>();
  return {
    get all() {
      return [...kept.values()].map(({ type, body }) => ({ type, body }));
    },
    async deltas(files) {
      const stored = new Set<string>();
      for (const { oid, body, base, delta } of worthDeltas(files)) {
        kept.set(oid, { type: 'blob', body, delta: { base: base.oid, delta } });
        stored.add(oid);
      }
      return stored;
    },
    async whole(objects) {
      return objects.map(({ type, body }) => {
        const oid = hashObject(type, body);
        if (!kept.has(oid)) kept.set(oid, { type, body });
        return oid;
      });
    },
    pack: () => packOf([...kept.values()].map(({ type, body, delta }): PackEntry => delta ?? { type, body })),
  };
}

/** The tip's tree with the changes made, written into `gitDir`; only changed files are hashed.
 * The old bytes of a file Vigil could not read are kept under `unreadable/` (the same blob, under
 * its new path) before anything is written over them. `listed` holds the tip's files by path,
 * `listing` every entry of its tree by the bytes of its path (see `readFiles` in git-read.ts). */
export async function writeTree(
  store: NewObjects,
  tip: Tip | null,
  files: BranchFiles,
  changes: Map<string, string | null>,
  listed: ReadonlyMap<string, Entry>,
  listing: ReadonlyMap<string, Entry>,
  kept: ReadonlyArray<{ file: string; keptAs: string }>,
): Promise<string> {
  const moved = new Set(kept.map((file) => file.file));
  const written = [...changes].filter(
    (entry): entry is [string, string] =>
      entry[1] !== null &&
      (moved.has(entry[0]) || (files.has(entry[0]) ? files.get(entry[0]) !== entry[1] : !same(listed.get(entry[0]), entry[1]))),
  );
  const deleted = [...changes.keys()].filter((file) => changes.get(file) === null && listed.has(file));
  const bytes = (file: string) => Buffer.from(file, 'utf8').toString('latin1');
  const entries = new Map<string, TreeEntry | null>();
  for (const { file, keptAs } of kept) {
    const old = listed.get(file);
    if (old) entries.set(bytes(keptAs), old);
  }
  // A file read in its earlier version (today's raw day) goes in a pack as a delta against it,
  // which the push sends as it is (pack.ts); the other objects are written loose, and hashed there.
  const rewritten = written.flatMap(([file, body]) => {
    const before = files.get(file);
    const old = listed.get(file);
    return before !== undefined && old
      ? [{ file, body, oid: hashObject('blob', body), base: { oid: old.oid, body: before } }]
      : [];
  });
  const packed = await store.deltas(rewritten);
  const oids = new Map(rewritten.filter(({ oid }) => packed.has(oid)).map(({ file, oid }) => [file, oid]));
  const loose = written.filter(([file]) => !oids.has(file));
  const looseOids = await store.whole(loose.map(([, body]) => ({ type: 'blob' as const, body })));
  loose.forEach(([file], n) => oids.set(file, looseOids[n]));
  for (const [file] of written) entries.set(bytes(file), { mode: '100644', oid: oids.get(file)! });
  for (const file of deleted) entries.set(bytes(file), null);
  // Files not read were not fetched either: their blobs are on the server, not here, and a tree
  // names them by their ids all the same.
  const { oid, trees } = buildTrees(tip?.tree ?? null, listing, entries);
  await store.whole(trees.map((body) => ({ type: 'tree' as const, body })));
  return oid;
}

/**
 * Whether a file that was not read (not fetched: the page, the badges) already holds `text`: git
 * names a blob by the SHA-1 of its bytes, so the id the tree lists tells, without the bytes.
 * Unchanged files are then neither fetched, nor written, nor pushed.
 */
function same(entry: Entry | undefined, text: string): boolean {
  return entry !== undefined && entry.mode === '100644' && hashObject('blob', text) === entry.oid;
}

/** The commit, as `git commit-tree` would make it: Vigil as author and committer, at `at`. */
export async function commitTree(
  store: NewObjects,
  tree: string,
  parent: string | null,
  message: string,
  at: Date,
): Promise<string> {
  const [commit] = await store.whole([{ type: 'commit', body: commitBody(tree, parent, VIGIL_AUTHOR, at, message) }]);
  return commit;
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

/** How receive-pack refuses an update whose old value is no longer the branch's (git 2.39 says
 * "failed to update ref", later ones "cannot lock ref … expected", "reference does not exist" when
 * the branch was deleted meanwhile). Not "non-fast-forward": from the server it means a rule
 * forbids replacing the branch (classify.ts), never that another run moved it. */
const OLD_VALUE_CHANGED =
  /failed to (update|lock)|cannot lock ref|incorrect old value|reference (already exists|does not exist)/i;

/** True when Vigil's own push (smart-http.ts) moved the branch from `old` (null: a new branch) to
 * `commit`; false when another run moved it first. A refusal for another reason (a protected
 * branch, a hook) fails as git's would. */
export async function pushOverHttp(
  client: SmartHttp,
  branch: string,
  old: string | null,
  commit: string,
  pack: Buffer,
): Promise<boolean> {
  try {
    const report = await client.push(`refs/heads/${branch}`, old, commit, pack);
    if (report.pushed) return true;
    if (OLD_VALUE_CHANGED.test(report.reason)) return false;
    throw new HttpFailure(200, `${report.said}${report.reason}`);
  } catch (error) {
    if (error instanceof Unsupported) throw error;
    throw classify(error, 'push', branch);
  }
}
