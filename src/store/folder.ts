/**
 * The same files in a local folder, for the CLI (`vigil check --history-dir DIR`). Each file is
 * written whole to a temporary name beside it and renamed over the old one, so a reader (or a
 * run that is stopped half way) sees the old text or the new, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BranchFiles } from '../history/types.js';
import { applyChanges, textOf } from './files.js';
import { type ChangeFunction, type DataStore, type StoreResult, StoreError } from './types.js';

const TEMP_PREFIX = '.vigil-tmp-';

export function folderStore(dir: string): DataStore {
  return {
    async update(change: ChangeFunction): Promise<StoreResult> {
      try {
        const files = await readFolder(dir);
        const changes = await change(new Map(files));
        const after = applyChanges(files, changes);
        for (const [file, text] of changes) {
          const target = path.join(dir, ...file.split('/'));
          if (text === null) {
            await rm(target, { force: true });
          } else if (files.get(file) !== text) {
            await mkdir(path.dirname(target), { recursive: true });
            const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
            await writeFile(temp, text, 'utf8');
            await rename(temp, target);
          }
        }
        return { commit: null, files: after, attempts: 1, squashed: false };
      } catch (error) {
        throw asStoreError(error, dir);
      }
    },
  };
}

/** Every text file under `dir` by `/`-separated relative path; a missing folder is empty. */
async function readFolder(dir: string): Promise<BranchFiles> {
  const files: BranchFiles = new Map();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return files;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith(TEMP_PREFIX)) continue;
    // `parentPath` (Node 20.12+; `path` before it) is the folder the entry is in.
    const parent = (entry as { parentPath?: string }).parentPath ?? (entry as unknown as { path: string }).path;
    const relative = path.relative(dir, path.join(parent, entry.name)).split(path.sep);
    if (relative[0] === '.git') continue; // a clone of the data branch can be used as the folder
    const text = textOf(await readFile(path.join(parent, entry.name)));
    if (text !== null) files.set(relative.join('/'), text);
  }
  return files;
}

function asStoreError(error: unknown, dir: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission' : 'other';
  return new StoreError(reason, `could not save the history in ${dir}: ${(error as Error).message.split('\n')[0]}`);
}
