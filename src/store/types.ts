/**
 * Where the branch's files live (docs/history.md): the git data branch for the action,
 * a local folder for the CLI. Both offer the same one operation — read the files, let a pure
 * change function say what to write, write it — so the caller never knows which it has.
 */
import type { BranchFiles, FileChanges } from '../history/types.js';

/** Says what to write, given the files as read (and every path on the branch: with `read`, more
 * than were read). It must be pure over those files: when a push
 * is refused because another run moved the branch, the store reads again and calls it again. */
export type ChangeFunction = (files: BranchFiles, paths: ReadonlySet<string>) => FileChanges | Promise<FileChanges>;

export interface UpdateOptions {
  /** What the commit records, e.g. `20 checks`: the message reads `Vigil: 20 checks (2026-11-26T10:05Z)`. */
  summary?: string;
  /** The run's deadline or cancellation. A push refused because another run moved the branch is
   * tried again until it lands or this aborts; when it aborts, any git process still running is
   * killed at once and the update fails with reason `cancelled`. Without it, the store stops
   * trying after two minutes. */
  signal?: AbortSignal;
  /** Which files the change function needs, given every path on the branch; the others stay on
   * the branch unread (the git store does not even fetch them). All of them without it. It may
   * answer later (a promise): the caller can then load what decides while the tip is fetched. */
  read?: (paths: readonly string[]) => ReadonlySet<string> | PromiseLike<ReadonlySet<string>>;
  /** Called once, as soon as the store is waiting on the network for the branch (git fetching its
   * tip; the folder store, which has no wait, does not call it): work the caller can do meanwhile,
   * such as loading what `read` and the change function need. It must not throw. */
  whileFetching?: () => void;
  /** Only read: the change function is called for the files, and nothing is written or pushed
   * (not even the daily squash). */
  readOnly?: boolean;
}

export interface StoreResult {
  /** The commit this update pushed; null when nothing changed (or the store is not git). */
  commit: string | null;
  /** The files after the change. */
  files: BranchFiles;
  /** How many times the files were read and the change applied (1 unless a push was refused). */
  attempts: number;
  /** Whether the history was replaced by one commit holding the same files. */
  squashed: boolean;
  /** What the run should tell the user (one line each): files Vigil could not read, that were
   * kept byte for byte under `unreadable/` when this update wrote over them. */
  warnings: string[];
}

export interface DataStore {
  update(change: ChangeFunction, options?: UpdateOptions): Promise<StoreResult>;
}

export type StoreErrorReason =
  | 'permission'
  | 'auth'
  | 'protected'
  | 'no-git'
  | 'network'
  | 'conflict'
  /** The branch exists and holds history Vigil did not write (a site, code): it is left alone. */
  | 'foreign'
  /** The run's signal aborted (deadline or cancellation) before the update landed. */
  | 'cancelled'
  | 'other';

/** Why the files could not be saved. `message` is one line and never holds the token. */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly reason: StoreErrorReason,
    message: string,
  ) {
    super(message);
  }
}
