/** What both stores share: which paths a change may name, how a file's bytes become text, and
 * what happens to a file Vigil could not read when a change writes over it. */
import type { BranchFiles, FileChanges } from '../history/types.js';
import { StoreError } from './types.js';

/** Code points macOS ignores in a file name (git's `is_hfs_dotgit`): `.g\u200cit` is `.git` there. */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;
/** What Windows reads as `.git` (git's `is_ntfs_dotgit`): its short name, trailing dots and
 * spaces dropped, a stream name after a colon. */
const NTFS_DOTGIT = /^(\.git|git~1)[. ]*(:.*)?$/i;

/** Whether a name is `.git` to some file system. git refuses such a name in a tree it writes,
 * `git fsck` finds such a tree broken (a server that checks what it is sent refuses the push),
 * and a checkout on that system would write into the repository itself. Vigil writes its trees
 * itself (objects.ts), so it refuses them here, as git did. */
function isDotGit(part: string): boolean {
  return part.replace(HFS_IGNORED, '').toLowerCase() === '.git' || NTFS_DOTGIT.test(part);
}

/** A path on the branch: relative, `/`-separated, no empty, `.` or `..` part, nothing under `.git`. */
export function checkPath(file: string): void {
  const parts = file.split('/');
  const bad =
    file.length === 0 ||
    file.includes('\\') ||
    file.includes('\0') ||
    parts.some((part) => part === '' || part === '.' || part === '..' || isDotGit(part));
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

/**
 * The largest file read as text. A day file of 1,000 endpoints checked every minute is about
 * 110 MiB; far beyond this, a file would not fit in one JavaScript string (V8 stops near 512 Mi
 * characters) and reading it would stop the run. A larger file is kept as it is, unread.
 */
export const MAX_FILE_BYTES = 192 * 1024 * 1024;

/** Where a file Vigil could not read goes when a change writes over it (README "What Vigil
 * promises under faults"): the same path below this folder, byte for byte. */
export const UNREADABLE_DIR = 'unreadable';

/** A file as the stores read it. */
export interface Decoded {
  /** The text shown to the change function; null when the file is not text at all (a picture)
   * or too large to read. */
  text: string | null;
  /** Why the file is not plain UTF-8 text (null when it is): a change that writes over it moves
   * the old bytes under `unreadable/` first. */
  why: string | null;
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');

/**
 * The file's text. UTF-8 is read as it is. What a spreadsheet or an editor may have made of a
 * file of the branch is read as well as it can be, so the rows in it are not lost: a UTF-8 byte
 * order mark is dropped, UTF-16 (with its byte order mark) is decoded, and other bytes that are
 * not UTF-8 (Latin-1) become U+FFFD. Only Vigil's own formats (`.csv`, `.json`) are read that
 * way; any other file that is not UTF-8 (a picture someone added) is not shown to the change
 * function, and left as it is.
 */
export function decodeFile(bytes: Uint8Array, name: string, maxBytes = MAX_FILE_BYTES): Decoded {
  if (!/\.(csv|json)$/i.test(name)) {
    if (bytes.length > maxBytes) return { text: null, why: tooLarge(bytes.length, maxBytes) };
    try {
      return { text: strict.decode(bytes), why: null };
    } catch {
      return { text: null, why: 'is not UTF-8 text' };
    }
  }
  if (bytes.length > maxBytes) return { text: null, why: tooLarge(bytes.length, maxBytes) };
  const [b0, b1, b2] = bytes;
  // A file read through another encoding is written again as Vigil writes its files: UTF-8, LF
  // line ends (its old bytes are kept under `unreadable/` first).
  const lf = (text: string) => text.replaceAll('\r\n', '\n');
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: lf(lenient.decode(bytes.subarray(3))), why: 'starts with a UTF-8 byte order mark' };
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const body = Buffer.from(bytes.subarray(2));
    // UTF-16BE is swapped to LE here rather than decoded by name: its decoder needs full ICU.
    if (b0 === 0xfe) body.subarray(0, body.length - (body.length % 2)).swap16();
    return { text: lf(utf16le.decode(body)), why: 'is UTF-16, not UTF-8' };
  }
  try {
    return { text: strict.decode(bytes), why: null };
  } catch {
    return { text: lf(lenient.decode(bytes)), why: 'is not UTF-8 (Latin-1 or another encoding)' };
  }
}

export function tooLarge(size: number, maxBytes: number): string {
  const mib = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MiB`;
  return size >= 1048576
    ? `is ${mib(size)}, over the ${mib(maxBytes)} Vigil reads`
    : `is ${size} bytes, over the ${maxBytes} bytes Vigil reads`;
}

/**
 * The files a change is about to write over (or delete) that Vigil could not read faithfully,
 * each with the path its old bytes are kept at and the warning that names it. A JSON file that
 * does not parse counts too: what the change writes in its place was not made from it.
 */
export function filesToKeep(
  unreadable: ReadonlyMap<string, string>,
  files: BranchFiles,
  changes: FileChanges,
  taken: (file: string) => boolean,
): Array<{ file: string; keptAs: string; warning: string }> {
  const kept: Array<{ file: string; keptAs: string; warning: string }> = [];
  const used = new Set<string>();
  for (const [file, text] of changes) {
    let why = unreadable.get(file);
    if (why === undefined && file.endsWith('.json') && files.has(file) && text !== files.get(file)) {
      why = jsonProblem(files.get(file) ?? '');
    }
    if (why === undefined) continue;
    if (text !== null && files.has(file) && files.get(file) === text) continue; // nothing written over it
    let keptAs = `${UNREADABLE_DIR}/${file}`;
    for (let n = 2; taken(keptAs) || used.has(keptAs) || changes.has(keptAs); n++)
      keptAs = numbered(`${UNREADABLE_DIR}/${file}`, n);
    used.add(keptAs);
    const done = text === null ? 'was removed from its place' : 'was written anew';
    const carried = files.has(file) ? ' with what Vigil could read of it' : '';
    kept.push({ file, keptAs, warning: `${file} ${why}: its bytes are kept as ${keptAs}, and ${file} ${done}${carried}` });
  }
  return kept;
}

/** The files of the data branch's layout (README "Layout of the data branch"). */
const LAYOUT = /^(history\/\d{4}-\d{2}-\d{2}\.csv|daily\.csv|status\.json|state\.json)$/;

/**
 * Warnings for the files of Vigil's own layout that were not read at all (too large) and that
 * the change left alone: they stay as they are, but what is in them does not count, and a run
 * must not let that pass in silence. (A file read through another encoding counts, so it needs no
 * word until a change writes over it.)
 */
export function unreadWarnings(unreadable: ReadonlyMap<string, string>, files: BranchFiles, changes: FileChanges): string[] {
  const warnings: string[] = [];
  for (const [file, why] of unreadable) {
    if (files.has(file) || changes.has(file) || !LAYOUT.test(file)) continue;
    warnings.push(`${file} ${why}: it was not read, and is left as it is`);
  }
  return warnings;
}

/** `unreadable/a/b.csv` → `unreadable/a/b.2.csv`. */
function numbered(file: string, n: number): string {
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  return dot > slash + 1 ? `${file.slice(0, dot)}.${n}${file.slice(dot)}` : `${file}.${n}`;
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    return 'is not valid JSON';
  }
}

/** Whether a path is one the change function is shown: files kept under `unreadable/` are not
 * (their rows would otherwise count twice). */
export function shown(file: string): boolean {
  return !file.startsWith(`${UNREADABLE_DIR}/`);
}
