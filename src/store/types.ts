/**
 * Where the branch's files live (SPEC "State and history"): the git data branch for the action,
 * a local folder for the CLI. Both offer the same one operation — read the files, let a pure
 * change function say what to write, write it — so the caller never knows which it has.
 */
import type { BranchFiles, FileChanges } from '../history/types.js';

/** Says what to write, given the files as read. It must be pure over those files: when a push
 * is refused because another run moved the branch, the store reads again and calls it again. */
export type ChangeFunction = (files: BranchFiles) => FileChanges | Promise<FileChanges>;

export interface UpdateOptions {
  /** What the commit records, e.g. `20 checks`: the message reads `Vigil: 20 checks (2026-11-26T10:05Z)`. */
  summary?: string;
  /** Stops the update: git is ended and the update rejects with a StoreError ('cancelled'). */
  signal?: AbortSignal;
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
  /** What the store had to say about the branch as read (files kept or moved aside), one line each. */
  warnings?: string[];
}

export interface DataStore {
  update(change: ChangeFunction, options?: UpdateOptions): Promise<StoreResult>;
}

export type StoreErrorReason = 'permission' | 'auth' | 'protected' | 'no-git' | 'network' | 'conflict' | 'cancelled' | 'other';

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
