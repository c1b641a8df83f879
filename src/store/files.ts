/** What both stores share: which paths a change may name, and the files after a change. */
import type { BranchFiles, FileChanges } from '../history/types.js';
import { StoreError } from './types.js';

/** A path on the branch: relative, `/`-separated, no empty, `.` or `..` part, nothing under `.git`. */
export function checkPath(file: string): void {
  const parts = file.split('/');
  const bad =
    file.length === 0 ||
    file.includes('\\') ||
    file.includes('\0') ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git');
  if (bad) throw new StoreError('other', `cannot write ${JSON.stringify(file)}: not a plain relative path`);
}

export function applyChanges(files: BranchFiles, changes: FileChanges): BranchFiles {
  const after = new Map(files);
  for (const [file, text] of changes) {
    checkPath(file);
    if (text === null) after.delete(file);
    else after.set(file, text);
  }
  return after;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or null when it is not UTF-8 (a picture someone added): such a file is
 * left as it is and not shown to the change function. */
export function textOf(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
