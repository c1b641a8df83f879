/**
 * The same files in a local folder, for the CLI (`vigil check --history-dir DIR`). Each file is
 * written whole to a temporary name beside it and renamed over the old one, so a reader (or a
 * run that is stopped half way) sees the old text or the new, never a mix. Files are read and
 * written one at a time, so saving opens one file at once however many there are.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BranchFiles } from '../history/types.js';
import { MAX_FILE_BYTES, applyChanges, decodeFile, filesToKeep, shown, tooLarge, unreadWarnings } from './files.js';
import { type ChangeFunction, type DataStore, type StoreResult, StoreError } from './types.js';

const TEMP_PREFIX = '.vigil-tmp-';

export interface FolderStoreOptions {
  /** The largest file read as text (tests make it small). */
  maxFileBytes?: number;
}

export function folderStore(dir: string, options: FolderStoreOptions = {}): DataStore {
  return {
    async update(change: ChangeFunction): Promise<StoreResult> {
      try {
        const { files, unreadable, all } = await readFolder(dir, options.maxFileBytes ?? MAX_FILE_BYTES);
        const changes = await change(new Map(files), new Set(files.keys()));
        const after = applyChanges(files, changes);
        const warnings: string[] = unreadWarnings(unreadable, files, changes);
        const moved = new Set<string>();
        // The old bytes of a file Vigil could not read move aside before anything is written over them.
        for (const { file, keptAs, warning } of filesToKeep(unreadable, files, changes, (name) => all.has(name))) {
          const target = path.join(dir, ...keptAs.split('/'));
          await mkdir(path.dirname(target), { recursive: true });
          await rename(path.join(dir, ...file.split('/')), target);
          all.add(keptAs);
          moved.add(file);
          warnings.push(warning);
        }
        for (const [file, text] of changes) {
          const target = path.join(dir, ...file.split('/'));
          if (text === null) {
            await rm(target, { force: true });
          } else if (files.get(file) !== text || moved.has(file)) {
            await mkdir(path.dirname(target), { recursive: true });
            const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
            await writeFile(temp, text, 'utf8');
            await rename(temp, target);
          }
        }
        return { commit: null, files: after, attempts: 1, squashed: false, warnings };
      } catch (error) {
        throw asStoreError(error, dir);
      }
    },
  };
}

/** Every text file under `dir` by `/`-separated relative path (a missing folder is empty), why
 * each file that is not plain UTF-8 is not, and every path there is. */
async function readFolder(
  dir: string,
  maxBytes: number,
): Promise<{ files: BranchFiles; unreadable: Map<string, string>; all: Set<string> }> {
  const files: BranchFiles = new Map();
  const unreadable = new Map<string, string>();
  const all = new Set<string>();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files, unreadable, all };
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith(TEMP_PREFIX)) continue;
    // `parentPath` (Node 20.12+; `path` before it) is the folder the entry is in.
    const parent = (entry as { parentPath?: string }).parentPath ?? (entry as unknown as { path: string }).path;
    const relative = path.relative(dir, path.join(parent, entry.name)).split(path.sep);
    if (relative[0] === '.git') continue; // a clone of the data branch can be used as the folder
    const name = relative.join('/');
    all.add(name);
    if (!shown(name)) continue;
    const full = path.join(parent, entry.name);
    const size = (await stat(full)).size;
    // Too large a file is never read into memory at all.
    const decoded =
      size > maxBytes ? { text: null, why: tooLarge(size, maxBytes) } : decodeFile(await readFile(full), name, maxBytes);
    if (decoded.text !== null) files.set(name, decoded.text);
    if (decoded.why !== null) unreadable.set(name, decoded.why);
  }
  return { files, unreadable, all };
}

function asStoreError(error: unknown, dir: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission' : 'other';
  return new StoreError(reason, `could not save the history in ${dir}: ${(error as Error).message.split('\n')[0]}`);
}
