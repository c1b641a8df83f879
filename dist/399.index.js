export const id = 399;
export const ids = [399];
export const modules = {

/***/ 43399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_COMMITS: () => (/* reexport */ MAX_COMMITS),
  StoreError: () => (/* reexport */ StoreError),
  VIGIL_AUTHOR: () => (/* reexport */ VIGIL_AUTHOR),
  folderStore: () => (/* reexport */ folderStore),
  gitStore: () => (/* reexport */ gitStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/store/types.ts
/** Why the files could not be saved. `message` is one line and never holds the token. */
class StoreError extends Error {
    reason;
    name = 'StoreError';
    constructor(reason, message) {
        super(message);
        this.reason = reason;
    }
}

;// CONCATENATED MODULE: ./src/store/files.ts

/** Code points macOS ignores in a file name (git's `is_hfs_dotgit`): `.g\u200cit` is `.git` there. */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;
/** What Windows reads as `.git` (git's `is_ntfs_dotgit`): its short name, trailing dots and
 * spaces dropped, a stream name after a colon. */
const NTFS_DOTGIT = /^(\.git|git~1)[. ]*(:.*)?$/i;
/** Whether a name is `.git` to some file system. git refuses such a name in a tree it writes,
 * `git fsck` finds such a tree broken (a server that checks what it is sent refuses the push),
 * and a checkout on that system would write into the repository itself. Vigil writes its trees
 * itself (objects.ts), so it refuses them here, as git did. */
function isDotGit(part) {
    return part.replace(HFS_IGNORED, '').toLowerCase() === '.git' || NTFS_DOTGIT.test(part);
}
/** A path on the branch: relative, `/`-separated, no empty, `.` or `..` part, nothing under `.git`. */
function checkPath(file) {
    const parts = file.split('/');
    const bad = file.length === 0 ||
        file.includes('\\') ||
        file.includes('\0') ||
        parts.some((part) => part === '' || part === '.' || part === '..' || isDotGit(part));
    if (bad)
        throw new StoreError('other', `cannot write ${JSON.stringify(file)}: not a plain relative path`);
}
function applyChanges(files, changes) {
    const after = new Map(files);
    for (const [file, text] of changes) {
        checkPath(file);
        if (text === null)
            after.delete(file);
        else
            after.set(file, text);
    }
    return after;
}
/**
 * The largest file read as text. A day file of 1,000 endpoints checked every minute is about
 * 110 MiB; far beyond this, a file would not fit in one JavaScript string (V8 stops near 512 Mi
 * characters) and reading it would stop the run. A larger file is kept as it is, unread.
 */
const MAX_FILE_BYTES = 192 * 1024 * 1024;
/** Where a file Vigil could not read goes when a change writes over it (README "What Vigil
 * promises under faults"): the same path below this folder, byte for byte. */
const UNREADABLE_DIR = 'unreadable';
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
function decodeFile(bytes, name, maxBytes = MAX_FILE_BYTES) {
    if (!/\.(csv|json)$/i.test(name)) {
        if (bytes.length > maxBytes)
            return { text: null, why: tooLarge(bytes.length, maxBytes) };
        try {
            return { text: strict.decode(bytes), why: null };
        }
        catch {
            return { text: null, why: 'is not UTF-8 text' };
        }
    }
    if (bytes.length > maxBytes)
        return { text: null, why: tooLarge(bytes.length, maxBytes) };
    const [b0, b1, b2] = bytes;
    // A file read through another encoding is written again as Vigil writes its files: UTF-8, LF
    // line ends (its old bytes are kept under `unreadable/` first).
    const lf = (text) => text.replaceAll('\r\n', '\n');
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
        return { text: lf(lenient.decode(bytes.subarray(3))), why: 'starts with a UTF-8 byte order mark' };
    }
    if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
        const body = Buffer.from(bytes.subarray(2));
        // UTF-16BE is swapped to LE here rather than decoded by name: its decoder needs full ICU.
        if (b0 === 0xfe)
            body.subarray(0, body.length - (body.length % 2)).swap16();
        return { text: lf(utf16le.decode(body)), why: 'is UTF-16, not UTF-8' };
    }
    try {
        return { text: strict.decode(bytes), why: null };
    }
    catch {
        return { text: lf(lenient.decode(bytes)), why: 'is not UTF-8 (Latin-1 or another encoding)' };
    }
}
function tooLarge(size, maxBytes) {
    const mib = (bytes) => `${Math.round((bytes / 1048576) * 10) / 10} MiB`;
    return size >= 1048576
        ? `is ${mib(size)}, over the ${mib(maxBytes)} Vigil reads`
        : `is ${size} bytes, over the ${maxBytes} bytes Vigil reads`;
}
/**
 * The files a change is about to write over (or delete) that Vigil could not read faithfully,
 * each with the path its old bytes are kept at and the warning that names it. A JSON file that
 * does not parse counts too: what the change writes in its place was not made from it.
 */
function filesToKeep(unreadable, files, changes, taken) {
    const kept = [];
    const used = new Set();
    for (const [file, text] of changes) {
        let why = unreadable.get(file);
        if (why === undefined && file.endsWith('.json') && files.has(file) && text !== files.get(file)) {
            why = jsonProblem(files.get(file) ?? '');
        }
        if (why === undefined)
            continue;
        if (text !== null && files.has(file) && files.get(file) === text)
            continue; // nothing written over it
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
function unreadWarnings(unreadable, files, changes) {
    const warnings = [];
    for (const [file, why] of unreadable) {
        if (files.has(file) || changes.has(file) || !LAYOUT.test(file))
            continue;
        warnings.push(`${file} ${why}: it was not read, and is left as it is`);
    }
    return warnings;
}
/** `unreadable/a/b.csv` → `unreadable/a/b.2.csv`. */
function numbered(file, n) {
    const slash = file.lastIndexOf('/');
    const dot = file.lastIndexOf('.');
    return dot > slash + 1 ? `${file.slice(0, dot)}.${n}${file.slice(dot)}` : `${file}.${n}`;
}
function jsonProblem(text) {
    try {
        JSON.parse(text);
        return undefined;
    }
    catch {
        return 'is not valid JSON';
    }
}
/** Whether a path is one the change function is shown: files kept under `unreadable/` are not
 * (their rows would otherwise count twice). */
function shown(file) {
    return !file.startsWith(`${UNREADABLE_DIR}/`);
}

;// CONCATENATED MODULE: ./src/store/folder.ts
/**
 * The same files in a local folder, for the CLI (`vigil check --history-dir DIR`). Each file is
 * written whole to a temporary name beside it and renamed over the old one, so a reader (or a
 * run that is stopped half way) sees the old text or the new, never a mix. Files are read and
 * written one at a time, so saving opens one file at once however many there are.
 */





const TEMP_PREFIX = '.vigil-tmp-';
function folderStore(dir, options = {}) {
    return {
        async update(change) {
            try {
                const { files, unreadable, all } = await readFolder(dir, options.maxFileBytes ?? MAX_FILE_BYTES);
                const changes = await change(new Map(files), new Set(files.keys()));
                const after = applyChanges(files, changes);
                const warnings = unreadWarnings(unreadable, files, changes);
                const moved = new Set();
                // The old bytes of a file Vigil could not read move aside before anything is written over them.
                for (const { file, keptAs, warning } of filesToKeep(unreadable, files, changes, (name) => all.has(name))) {
                    const target = external_node_path_default().join(dir, ...keptAs.split('/'));
                    await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
                    await (0,promises_.rename)(external_node_path_default().join(dir, ...file.split('/')), target);
                    all.add(keptAs);
                    moved.add(file);
                    warnings.push(warning);
                }
                for (const [file, text] of changes) {
                    const target = external_node_path_default().join(dir, ...file.split('/'));
                    if (text === null) {
                        await (0,promises_.rm)(target, { force: true });
                    }
                    else if (files.get(file) !== text || moved.has(file)) {
                        await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
                        const temp = external_node_path_default().join(external_node_path_default().dirname(target), `${TEMP_PREFIX}${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
                        await (0,promises_.writeFile)(temp, text, 'utf8');
                        await (0,promises_.rename)(temp, target);
                    }
                }
                return { commit: null, files: after, attempts: 1, squashed: false, warnings };
            }
            catch (error) {
                throw asStoreError(error, dir);
            }
        },
    };
}
/** Every text file under `dir` by `/`-separated relative path (a missing folder is empty), why
 * each file that is not plain UTF-8 is not, and every path there is. */
async function readFolder(dir, maxBytes) {
    const files = new Map();
    const unreadable = new Map();
    const all = new Set();
    let entries;
    try {
        entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { files, unreadable, all };
        throw error;
    }
    for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith(TEMP_PREFIX))
            continue;
        // `parentPath` (Node 20.12+; `path` before it) is the folder the entry is in.
        const parent = entry.parentPath ?? entry.path;
        const relative = external_node_path_default().relative(dir, external_node_path_default().join(parent, entry.name)).split((external_node_path_default()).sep);
        if (relative[0] === '.git')
            continue; // a clone of the data branch can be used as the folder
        const name = relative.join('/');
        all.add(name);
        if (!shown(name))
            continue;
        const full = external_node_path_default().join(parent, entry.name);
        const size = (await (0,promises_.stat)(full)).size;
        // Too large a file is never read into memory at all.
        const decoded = size > maxBytes ? { text: null, why: tooLarge(size, maxBytes) } : decodeFile(await (0,promises_.readFile)(full), name, maxBytes);
        if (decoded.text !== null)
            files.set(name, decoded.text);
        if (decoded.why !== null)
            unreadable.set(name, decoded.why);
    }
    return { files, unreadable, all };
}
function asStoreError(error, dir) {
    if (error instanceof StoreError)
        return error;
    const code = error.code;
    const reason = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission' : 'other';
    return new StoreError(reason, `could not save the history in ${dir}: ${error.message.split('\n')[0]}`);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/store/git-command.ts
/**
 * Running the `git` binary for the store: in its own temporary repository, with the token only
 * in the environment (as an `Authorization` header, never in argv or a file), no prompt, no
 * credential helper, messages in English (they are classified), and the token scrubbed from
 * everything git says.
 *
 * git reads no configuration of the machine: not the system's, not the user's (HOME points at an
 * empty folder, GIT_CONFIG_GLOBAL at a file that is not there). A runner's config can hold an
 * `http.<url>.extraheader` (actions/checkout leaves one with its own token), a
 * `url.<base>.insteadOf` that sends the push elsewhere, or a credential helper; any of them would
 * change what is sent, or where, for reasons no message of ours could explain.
 */




/** git exited with an error; its words are already scrubbed of the token. */
class GitFailure extends Error {
    args;
    stderr;
    stdout;
    timedOut;
    constructor(args, stderr, stdout, timedOut) {
        super(`git ${args[0]} failed: ${lastLine(stderr) || 'no message'}`);
        this.args = args;
        this.stderr = stderr;
        this.stdout = stdout;
        this.timedOut = timedOut;
    }
}
/** The deadline of the commands that talk to the server (fetches and the push). */
const NETWORK_TIMEOUT_MS = 120_000;
/** Who Vigil's commits are by: they are written so (git-write.ts), and recognised so (git-read.ts). */
const VIGIL_AUTHOR = { name: 'Vigil', email: 'vigil@users.noreply.github.com' };
/** Inherited variables git must not see: they would point it at another repository, or make
 * it write a trace (with our requests in it) to a file we do not scrub. */
function inherited(env) {
    const kept = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        if (name.startsWith('GIT_') && !name.startsWith('GIT_SSL_') && name !== 'GIT_EXEC_PATH')
            continue;
        kept[name] = value;
    }
    return kept;
}
function gitRunner(options) {
    const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
    const secrets = [options.token, encodeURIComponent(options.token), basic, Buffer.from(options.token).toString('base64')]
        .filter((secret) => secret.length >= 4)
        .sort((a, b) => b.length - a.length);
    const scrub = (text) => secrets.reduce((shown, secret) => shown.split(secret).join('***'), text);
    // Settings given as GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n (git >= 2.31) override every config file.
    const config = [
        ['credential.helper', ''], // an empty value clears any helper configured on the machine
        ['http.extraHeader', ''], // likewise clears any header configured elsewhere
        ['http.extraHeader', `Authorization: Basic ${basic}`],
        ['http.lowSpeedLimit', '1000'], // give up on a transfer slower than 1 kB/s ...
        ['http.lowSpeedTime', '30'], // ... for 30 s
        ['core.hooksPath', options.hooksDir], // no hook configured on the machine runs on our push
        ['gc.auto', '0'],
        ['maintenance.auto', 'false'],
        ['init.defaultBranch', 'vigil'],
    ];
    const env = {
        ...inherited(options.env),
        GIT_DIR: options.gitDir,
        GIT_CONFIG_NOSYSTEM: '1',
        // A file that does not exist reads as empty, on every system (the null device has no name git
        // takes everywhere).
        GIT_CONFIG_GLOBAL: options.homeDir ? external_node_path_default().join(options.homeDir, 'no-gitconfig') : (external_node_os_default()).devNull,
        HOME: options.homeDir ?? options.hooksDir,
        XDG_CONFIG_HOME: options.homeDir ?? options.hooksDir,
        LC_ALL: 'C',
        LANGUAGE: '',
        GIT_TERMINAL_PROMPT: '0',
        GIT_ASKPASS: '', // set but empty: git asks no program (not even SSH_ASKPASS) for a password
        GCM_INTERACTIVE: 'never',
        GIT_CONFIG_COUNT: String(config.length),
    };
    config.forEach(([key, value], n) => {
        env[`GIT_CONFIG_KEY_${n}`] = key;
        env[`GIT_CONFIG_VALUE_${n}`] = value;
    });
    const git = (args, runOptions = {}) => new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('git', args, {
            env: { ...env, ...runOptions.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            timeout: runOptions.timeoutMs,
            killSignal: 'SIGKILL',
            signal: options.signal,
        });
        const out = [];
        const err = [];
        const onStdout = runOptions.onStdout;
        let refused = null; // what onStdout threw: git is stopped and the call fails with it
        child.stdout.on('data', (chunk) => {
            if (!onStdout)
                out.push(chunk);
            else if (refused === null) {
                try {
                    onStdout(chunk);
                }
                catch (error) {
                    refused = error;
                    child.kill('SIGKILL');
                }
            }
        });
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.stdin.on('error', () => { }); // git may exit before reading all of its input; its exit code says why
        child.on('error', (error) => {
            if (error.name === 'AbortError')
                reject(cancelled());
            else if (error.code === 'ENOENT')
                reject(new StoreError('no-git', 'git is not installed (or not on PATH); the data branch needs it'));
            else
                reject(new StoreError('other', `could not run git: ${scrub(error.message)}`));
        });
        child.on('close', (code, signal) => {
            if (options.signal?.aborted) {
                reject(cancelled());
                return;
            }
            if (refused !== null) {
                reject(refused);
                return;
            }
            const stdout = Buffer.concat(out);
            const stderr = scrub(Buffer.concat(err).toString('utf8'));
            if (code === 0)
                resolve({ stdout, stderr });
            else
                reject(new GitFailure(args, stderr, scrub(stdout.toString('utf8')), signal === 'SIGKILL'));
        });
        child.stdin.end(runOptions.input ?? '');
    });
    return { git, scrub };
}
function cancelled() {
    return new StoreError('cancelled', 'stopped saving the history: the run was cancelled or reached its deadline');
}
/** The last line of git's message that says something (git ends with the reason). */
function lastLine(text) {
    const lines = text
        .split(/\r?\n|\r/)
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && !/^(hint:|To |remote: *$)/.test(line));
    return lines.at(-1) ?? '';
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/store/wire.ts
/**
 * git's wire format as Vigil's client reads and writes it (Documentation/gitprotocol-common.txt,
 * gitprotocol-v2.txt, gitprotocol-pack.txt): packet lines, side bands, and the answers of a fetch
 * and of a push. Every byte is the server's: lengths are checked, and an `ERR` packet fails the
 * request with the server's words (scrubbed of the token by smart-http.ts).
 */
/** The server answered, or failed to, in a way that is not a fault of the branch: read it with git. */
class Unsupported extends Error {
}
/** A request failed: the HTTP status (null when there was no answer) and what went wrong. */
class HttpFailure extends Error {
    status;
    timedOut;
    constructor(status, message, timedOut = false) {
        super(message);
        this.status = status;
        this.timedOut = timedOut;
    }
}
const FLUSH = Buffer.from('0000');
const DELIM = Buffer.from('0001');
const NO_COMMIT = '0'.repeat(40);
function pkt(line, newline = true) {
    const data = Buffer.from(newline ? `${line}\n` : line, 'utf8');
    return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}
/** The packets of an answer, as raw payloads; null for a flush, delimiter or end packet. */
function* packets(answer) {
    for (let at = 0; at < answer.length;) {
        const hex = answer.toString('latin1', at, at + 4);
        const length = /^[0-9a-f]{4}$/i.test(hex) ? Number.parseInt(hex, 16) : NaN;
        if (!Number.isInteger(length) ||
            at + 4 > answer.length ||
            (length > 2 && length < 4) ||
            at + Math.max(length, 4) > answer.length)
            throw new Error('the server sent a damaged answer (a packet runs past its end)');
        yield length < 4 ? null : answer.subarray(at + 4, at + length);
        at += Math.max(length, 4);
    }
}
/** An `ERR` packet fails the request with the server's words. */
function refuseOnError(text) {
    if (text.startsWith('ERR '))
        throw new HttpFailure(200, `the server refused: ${text.slice(4).trim()}`);
}
/** One packet of a side-band stream: band 1 is data, band 2 the server's words, band 3 its
 * failure (said after `prefix` and its words before), any other band damage. */
function sideBand(payload, data, said, prefix = '') {
    const band = payload[0];
    if (band === 1)
        data.push(payload.subarray(1));
    else if (band === 2)
        said.push(payload.subarray(1).toString('utf8'));
    else if (band === 3)
        throw new HttpFailure(200, `${prefix}${said.join('')}${payload.subarray(1).toString('utf8')}`.trim());
    else
        throw new Error('the server sent a damaged answer (an unknown side band)');
}
/** The packets as lines of text, without their line end; an `ERR` packet fails the request. */
function* pktLines(answer) {
    for (const payload of packets(answer)) {
        const line = payload === null ? null : payload.toString('utf8').replace(/\n$/, '');
        if (line !== null)
            refuseOnError(line);
        yield line;
    }
}
/** A fetch's answer: its sections (acknowledgments, shallow-info, …), then the pack on side band 1. */
function fetchAnswer(answer) {
    const shallow = [];
    const pack = [];
    let section = '';
    let header = true;
    for (const payload of packets(answer)) {
        if (payload === null) {
            header = true;
            continue;
        }
        if (section === 'packfile' && !header) {
            // No progress is asked for: the server's words on band 2 are not kept.
            sideBand(payload, pack, [], 'the server failed: ');
            continue;
        }
        const line = payload.toString('utf8').replace(/\n$/, '');
        refuseOnError(line);
        if (header) {
            section = line;
            header = false;
            continue;
        }
        const shallowLine = section === 'shallow-info' ? /^shallow ([0-9a-f]{40})$/.exec(line) : null;
        if (shallowLine)
            shallow.push(shallowLine[1]);
    }
    if (section !== 'packfile')
        throw new Error('the server sent no pack');
    return { pack: Buffer.concat(pack), shallow };
}
/** A push's report (`report-status`, on side band 1 when asked for): `unpack ok`, then `ok <ref>`
 * or `ng <ref> <reason>`; side band 2 carries the server's other words. */
function pushReport(answer, ref, inSideBands) {
    let report = answer;
    const said = [];
    if (inSideBands) {
        const data = [];
        for (const payload of packets(answer)) {
            if (payload === null)
                continue;
            refuseOnError(payload.toString('utf8'));
            sideBand(payload, data, said);
        }
        report = Buffer.concat(data);
    }
    let unpacked = null;
    for (const line of pktLines(report)) {
        if (line === null)
            continue;
        if (line.startsWith('unpack '))
            unpacked = line.slice('unpack '.length);
        else if (line === `ok ${ref}`) {
            if (unpacked !== 'ok')
                break;
            return { pushed: true };
        }
        else if (line.startsWith(`ng ${ref} `))
            return { pushed: false, reason: line.slice(`ng ${ref} `.length), said: said.join('') };
    }
    // Without a report the push may have landed or not: said as it is, never taken for a refusal.
    if (unpacked === null)
        throw new HttpFailure(200, `${said.join('')}the push may or may not have landed: the server sent no report`.trim());
    throw new HttpFailure(200, `${said.join('')}the server did not take the push (unpack ${unpacked})`.trim());
}

;// CONCATENATED MODULE: ./src/store/smart-http.ts
/**
 * The data branch over git's smart HTTP from Node (Documentation/gitprotocol-v2.txt,
 * gitprotocol-pack.txt, gitprotocol-http.txt): reading in protocol v2 — the server's capabilities,
 * the branch's tip (`ls-refs`), objects (`fetch`) — and pushing in v0, which is all push speaks —
 * the refs advertised, then one request that carries the ref update and the pack. Every request
 * goes on one kept-alive connection.
 *
 * Why not `git fetch` and `git push`, which the store used before: each starts `git`,
 * `git-remote-http` and `fetch-pack` and `index-pack`, or `send-pack` and `pack-objects`, asks the
 * server for its capabilities again, and opens a new connection (a TLS handshake more on GitHub).
 * Measured on the tests' git server (`npm run bench`, 20 endpoints): the two fetches of a run took
 * 70–80 ms each and the push 60–80 ms, of which the server's side of each request is 11–14 ms; from
 * Node they are six requests on one connection and no process (the figures in docs/BENCHMARKS.md,
 * "Memory that scales").
 *
 * Only what a run needs is spoken here; anything else is left to git (see `usable` and
 * `Unsupported`): a proxy or TLS settings for git in the environment, a server that does not speak
 * v2 or cannot leave blobs out, a redirect, a repository hashed with SHA-256, a push the server
 * does not report on.
 */






/** Whether this client may read `remote` for a run in `env`: plain HTTP(S), and nothing in the
 * environment that git would honour for it and Node would not — a proxy for its scheme, or, for
 * HTTPS, git's TLS settings (a runner behind a corporate proxy sets them). */
function usable(remote, env) {
    const scheme = /^(https?):\/\//i.exec(remote)?.[1].toLowerCase();
    if (!scheme)
        return false;
    const proxies = [`${scheme}_proxy`, 'all_proxy'].flatMap((name) => [env[name], env[name.toUpperCase()]]);
    if (proxies.some((value) => value !== undefined && value !== ''))
        return false;
    const authorities = ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE'];
    return scheme === 'http' || !Object.keys(env).some((name) => name.startsWith('GIT_SSL_') || authorities.includes(name));
}
/** No more than this of a server's answer is held in memory: a larger one is read by git. */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;
const AGENT = 'git/vigil';
/** `scrub` takes the token out of whatever the server says (a server may repeat what it was sent). */
function smartHttp(options) {
    const base = options.remote.replace(/\/+$/, '');
    const headers = {
        authorization: `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`,
        // Servers tell git clients by this prefix, as they do for git's own `git/2.x`.
        'user-agent': AGENT,
    };
    let capabilities = null;
    // One connection for every request of the update. node:http rather than the global fetch:
    // fetch's first call loads undici, measured at 80 ms and 15–25 MiB more for a process
    // (three requests to the tests' git server, Node 24).
    const secure = base.startsWith('https:');
    // Three at most: the capabilities are asked for beside the first command, and the push's beside them.
    const agent = new (secure ? (external_node_https_default()) : (external_node_http_default())).Agent({ keepAlive: true, maxSockets: 3 });
    function request(path, body, service = 'upload-pack', retried = false) {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
        /** The kept-alive connection the server closed while it sat idle (the run judging, a wait
         * between tries): nothing reached the server, and the request goes again on a new one, as
         * Node's documentation advises and curl does under git. */
        let closedIdle = false;
        return new Promise((resolve, reject) => {
            const sent = (secure ? (external_node_https_default()) : (external_node_http_default())).request(`${base}/${path}`, {
                method: body ? 'POST' : 'GET',
                agent,
                signal,
                headers: {
                    ...headers,
                    // Pushes speak protocol v0 (v2 has no push).
                    ...(service === 'upload-pack' ? { 'git-protocol': 'version=2' } : {}),
                    ...(body
                        ? {
                            'content-type': `application/x-git-${service}-request`,
                            accept: `application/x-git-${service}-result`,
                            'content-length': String(body.length),
                        }
                        : {}),
                },
            }, (answer) => {
                const status = answer.statusCode ?? 0;
                // A dumb server, or a proxy's or sign-in page: not the smart protocol.
                const type = String(answer.headers['content-type'] ?? '');
                if (status === 200 && !type.startsWith(`application/x-git-${service}-${body ? 'result' : 'advertisement'}`)) {
                    answer.resume();
                    reject(new Unsupported(`an answer of type ${type || 'none'}`));
                    return;
                }
                if (status < 200 || status >= 300) {
                    answer.resume();
                    reject(status >= 300 && status < 400
                        ? new Unsupported(`a redirect (HTTP ${status})`)
                        : new HttpFailure(status, `the server answered HTTP ${status}`));
                    return;
                }
                const chunks = [];
                let length = 0;
                answer.on('data', (chunk) => {
                    length += chunk.length;
                    chunks.push(chunk);
                    if (length > MAX_ANSWER_BYTES) {
                        answer.destroy();
                        reject(new Unsupported('an answer too large to hold in memory'));
                    }
                });
                answer.on('error', reject);
                answer.on('end', () => resolve(Buffer.concat(chunks, length)));
            });
            sent.on('error', (error) => {
                closedIdle = sent.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
                reject(error);
            });
            sent.end(body);
        }).catch((error) => {
            if (closedIdle && !retried && !signal.aborted)
                return request(path, body, service, true);
            throw failure(error, options.signal, timeout);
        });
    }
    function advertised() {
        // A failed answer is not kept: the update's next try asks again.
        capabilities ??= request('info/refs?service=git-upload-pack').then((answer) => {
            const said = new Map();
            let version2 = false;
            let lines;
            try {
                lines = [...pktLines(answer)];
            }
            catch {
                throw new Unsupported('an advertisement that is not in packets');
            }
            for (const line of lines) {
                if (line === null || line.startsWith('# service='))
                    continue;
                if (line === 'version 2')
                    version2 = true;
                const equals = line.indexOf('=');
                said.set(equals < 0 ? line : line.slice(0, equals), equals < 0 ? '' : line.slice(equals + 1));
            }
            if (!version2)
                throw new Unsupported('a server without protocol v2');
            if ((said.get('object-format') ?? 'sha1') !== 'sha1')
                throw new Unsupported('a repository not hashed with SHA-1');
            return said;
        });
        capabilities.catch(() => {
            capabilities = null;
        });
        return capabilities;
    }
    /** A command, sent beside the request for the capabilities rather than after it (one round
     * trip less): its answer counts only once they say protocol v2. */
    async function command(name, args) {
        // The capabilities' failure first: a server without v2 answers the command with an error of its own.
        const [said, answer] = await Promise.allSettled([
            advertised(),
            request('git-upload-pack', Buffer.concat([pkt(`command=${name}`), pkt(`agent=${AGENT}`), DELIM, ...args.map((arg) => pkt(arg)), FLUSH])),
        ]);
        if (said.status === 'rejected')
            throw said.reason;
        if (answer.status === 'rejected')
            throw answer.reason;
        return answer.value;
    }
    let pushFeatures = null;
    /** What the server's push takes (the first advertised ref's capabilities), asked for once. */
    function pushAdvertised() {
        pushFeatures ??= request('info/refs?service=git-receive-pack', undefined, 'receive-pack').then((answer) => {
            for (const line of pktLines(answer)) {
                if (line === null || line.startsWith('# service='))
                    continue;
                const nul = line.indexOf('\0');
                return nul < 0 ? [] : line.slice(nul + 1).split(' ');
            }
            return [];
        });
        pushFeatures.catch(() => {
            pushFeatures = null;
        });
        return pushFeatures;
    }
    /** Whatever fails, its message is scrubbed: it may hold the server's words. */
    async function scrubbed(work) {
        try {
            return await work();
        }
        catch (error) {
            if (error instanceof Error)
                error.message = options.scrub(error.message);
            throw error;
        }
    }
    return {
        close: () => agent.destroy(),
        readyToPush: () => {
            // Its failure is the push's to report, should there be one.
            pushAdvertised().catch(() => { });
        },
        push: (ref, old, next, pack) => scrubbed(async () => {
            // The refs advertised are not compared with `old`: they may be older than the tip read.
            // The server's own check is the one that counts (the update names `old`).
            const features = await pushAdvertised();
            const asked = ['report-status', 'side-band-64k', 'quiet'].filter((feature) => features.includes(feature));
            if (!asked.includes('report-status'))
                throw new Unsupported('a server that does not report on a push');
            const command = pkt(`${old ?? NO_COMMIT} ${next} ${ref}\0${[...asked, `agent=${AGENT}`].join(' ')}`, false);
            let answer;
            try {
                answer = await request('git-receive-pack', Buffer.concat([command, FLUSH, pack]), 'receive-pack');
            }
            catch (error) {
                // The pack went: the push may have landed, so git must not send it again.
                if (error instanceof Unsupported)
                    throw new HttpFailure(200, `the server's answer to the push was not git's (${error.message})`);
                throw error;
            }
            const report = pushReport(answer, ref, asked.includes('side-band-64k'));
            return report.pushed ? report : { ...report, reason: options.scrub(report.reason), said: options.scrub(report.said) };
        }),
        lsRef: (ref) => scrubbed(async () => {
            const answer = await command('ls-refs', [`ref-prefix ${ref}`]);
            for (const line of pktLines(answer)) {
                const match = line === null ? null : /^([0-9a-f]{40}) (\S+)/.exec(line);
                if (match && match[2] === ref)
                    return match[1];
            }
            return null;
        }),
        fetch: (wants, { deepen, noBlobs } = {}) => scrubbed(async () => {
            const features = (await advertised()).get('fetch')?.split(' ') ?? [];
            if ((noBlobs && !features.includes('filter')) || (deepen && !features.includes('shallow')))
                throw new Unsupported('a server that cannot leave blobs out');
            const answer = await command('fetch', [
                'no-progress',
                'ofs-delta',
                ...wants.map((oid) => `want ${oid}`),
                ...(deepen ? [`deepen ${deepen}`] : []),
                ...(noBlobs ? ['filter blob:none'] : []),
                'done',
            ]);
            return fetchAnswer(answer);
        }),
    };
}
/** What a failed request means for the store: cancelled, unsupported (left to git), or a failure to classify. */
function failure(error, signal, timeout) {
    if (signal?.aborted)
        return cancelled();
    if (error instanceof Unsupported || error instanceof HttpFailure || error instanceof StoreError)
        return error;
    if (timeout.aborted)
        return new HttpFailure(null, 'the git server stopped answering', true);
    const code = error.code ?? '';
    // git trusts the system's certificate authorities, Node its own: git reads, and judges.
    if (/CERT|SELF_SIGNED|UNABLE_TO_|TLS/.test(code))
        return new Unsupported(`a certificate Node does not trust (${code})`);
    if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code))
        return new HttpFailure(null, `Failed to connect to the git server (${code})`);
    return new HttpFailure(null, `the connection to the git server failed (${code || String(error)})`);
}

// EXTERNAL MODULE: ./src/text/one-line.ts
var one_line = __webpack_require__(73854);
;// CONCATENATED MODULE: ./src/store/classify.ts
/**
 * Turns what git said when it failed into a StoreError a user can act on. git's messages are
 * matched in English (the store runs git with LC_ALL=C); GitHub's own words (GH006, "Permission
 * to … denied") come through as `remote:` lines.
 */




function classify(error, step, branch) {
    if (error instanceof StoreError)
        return error;
    const where = step === 'push' ? `could not push to ${branch}` : `could not ${step} ${branch}`;
    if (error instanceof HttpFailure) {
        // Vigil's own reading over HTTP (smart-http.ts): the status says what git's words say below.
        const why = gitReason(error.message);
        // From the server, "non-fast-forward" is a rule that forbids replacing the branch (git's own
        // client says it when another run moved the branch, see MOVED in git-write.ts).
        if (PROTECTED.test(error.message) || /non-fast-forward/i.test(error.message))
            return protectedBranch(where);
        if (error.timedOut)
            return new StoreError('network', `${where}: the git server stopped answering`);
        if (error.status === 401 || error.status === 403 || error.status === 404)
            return refusal(error.status, where);
        if (error.status === null || error.status >= 500)
            return new StoreError('network', `${where}: ${why}`);
        return new StoreError('other', `${where}: ${why}`);
    }
    if (!(error instanceof GitFailure)) {
        const message = error instanceof Error ? error.message : String(error);
        // What the server sent could not be used (a damaged pack, see pack-read.ts): said of the branch read.
        return new StoreError('other', step === 'read' ? `${where}: ${message}` : `could not ${step} the data branch: ${message}`);
    }
    const said = `${error.stderr}\n${error.stdout}`;
    const why = gitReason(lastLine(error.stderr) || lastLine(error.stdout));
    if (error.timedOut)
        return new StoreError('network', `${where}: the git server stopped answering`);
    if (PROTECTED.test(said))
        return protectedBranch(where);
    // git's own words for a 401 ("could not read Username … terminal prompts disabled") help no one.
    if (/returned error: 401|could not read (Username|Password)|Authentication failed|Invalid username or password/i.test(said))
        return refusal(401, where);
    if (/returned error: 403|Permission to \S+ denied|permission denied|write access to repository not granted/i.test(said))
        return refusal(403, where);
    if (/returned error: 404|repository '?[^']*'? not found/i.test(said))
        return refusal(404, where);
    if (/Could not resolve|Failed to connect|Connection (refused|reset|timed out)|Operation timed out|SSL|certificate|Empty reply|transfer closed|RPC failed|early EOF|returned error: 5\d\d/i.test(said)) {
        return new StoreError('network', `${where}: ${why}`);
    }
    return new StoreError('other', `${where}: ${why}`);
}
/** GH006: branch protection; GH013: a ruleset (which may also forbid the squash's force push). */
const PROTECTED = /GH006|GH013|protected branch|Repository rule violations|Cannot force-push to this branch/i;
function protectedBranch(where) {
    return new StoreError('protected', `${where}: the branch is protected (a branch protection rule or ruleset); let the workflow push and force-push to it, or choose another history-branch`);
}
/** The server would not let the token read or write: what the user can do about it. */
function refusal(status, where) {
    if (status === 401)
        return new StoreError('auth', `${where}: the token was not accepted (HTTP 401); give \`github-token\` the workflow's token (the default, \`\${{ github.token }}\`) or a token that may write to this repository`);
    if (status === 403)
        return new StoreError('permission', `${where}: the token may not write to the repository (HTTP 403); the workflow needs "permissions: contents: write"`);
    return new StoreError('permission', `${where}: the repository was not found, or the token may not read it (HTTP 404)`);
}
function gitReason(text) {
    return (0,one_line/* clip */.$Q)((0,one_line/* squash */.iw)(text), 300) || 'git gave no reason';
}

;// CONCATENATED MODULE: ./src/store/git-read.ts
/**
 * Reading the data branch: the temporary repository (a partial clone of the branch), the tip
 * fetched at depth 1 (with `read`, without blobs, then the blobs of the files chosen), and every
 * file read in one `cat-file --batch`, as it streams, with why each file Vigil cannot read is not
 * read. The update loop that calls these is in git.ts.
 */






function emptyBranch() {
    return {
        files: new Map(),
        entries: new Map(),
        listing: new Map(),
        unreadable: new Map(),
    };
}
const COMMIT_FORMAT = '%H%x00%T%x00%ct%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x00%x01';
function parseLog(text) {
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
function isOurs(identity, body) {
    const [authorName, authorEmail, committerName, committerEmail] = identity;
    const byVigil = authorName === VIGIL_AUTHOR.name &&
        committerName === VIGIL_AUTHOR.name &&
        authorEmail === VIGIL_AUTHOR.email &&
        committerEmail === VIGIL_AUTHOR.email;
    return byVigil || /^Vigil-Commits: \d+\s*$/m.test(body);
}
/**
 * Why a run reads only some files, and how (docs/history.md, "Aggregates"). The branch keeps every
 * raw day for `history-days`, but a run's judgement needs today's raw rows, yesterday's points, the
 * aggregates of the week, and a few small files. Measured with `npm run bench` (docs/BENCHMARKS.md,
 * "Memory that scales"; a branch built by git with 200 endpoints, 30 raw days of 3.6 MiB each and
 * 60 older days in daily.csv): fetching the whole tip at depth 1, as earlier versions did, took
 * 13.9 MiB a run; a partial fetch — the tip's commit and trees without blobs
 * (`--filter=blob:none`), then the blobs of the files read in one more request — takes 526 KiB
 * (on 20 endpoints: 1,211 KiB against 73 KiB), with the raw days' format unchanged; 671 KiB since
 * Vigil pushes itself (see "And pushes it" in BENCHMARKS.md: the cost of a faster push). It
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
async function makeRepository(gitDir, remote) {
    for (const folder of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags'])
        await (0,promises_.mkdir)(external_node_path_default().join(gitDir, folder), { recursive: true });
    await (0,promises_.writeFile)(external_node_path_default().join(gitDir, 'HEAD'), 'ref: refs/heads/vigil\n');
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
async function writeConfig(gitDir, remote) {
    let text = `[core]\n\trepositoryformatversion = ${remote ? 1 : 0}\n\tbare = true\n`;
    if (remote) {
        const quoted = `"${remote.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
        text +=
            `[extensions]\n\tpartialClone = ${PROMISOR}\n` +
                `[remote "${PROMISOR}"]\n\turl = ${quoted}\n\tpromisor = true\n\tpartialclonefilter = blob:none\n`;
    }
    await (0,promises_.writeFile)(external_node_path_default().join(gitDir, 'config'), text);
}
/** The branch's tip, fetched with its files (and nothing older); null when there is no branch.
 * With `partial`, its commit and trees only: the files read are fetched by `fetchBlobs`.
 * `whileFetching` is called as soon as git is fetching (see `UpdateOptions`). */
async function fetchTip(git, remote, branch, partial = false, whileFetching) {
    try {
        const filter = partial ? ['--filter=blob:none'] : [];
        const fetching = git(['fetch', '--depth=1', ...filter, '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/tip`], {
            timeoutMs: NETWORK_TIMEOUT_MS,
        });
        whileFetching?.();
        await fetching;
    }
    catch (error) {
        if (error instanceof GitFailure && /couldn't find remote ref/i.test(error.stderr))
            return null;
        throw classify(error, 'read', branch);
    }
    try {
        const [{ stdout }, listing] = await Promise.all([
            git(['log', '-1', `--format=${COMMIT_FORMAT}`, 'refs/vigil/tip']),
            git(listTree('refs/vigil/tip', partial)),
        ]);
        const [tip] = parseLog(stdout.toString('utf8'));
        return tipOf(tip, listing.stdout);
    }
    catch (error) {
        throw classify(error, 'read', branch);
    }
}
/** The tip as a run uses it, from its commit as read. */
function tipOf(commit, listed) {
    const counted = /^Vigil-Commits: (\d+)\s*$/m.exec(commit.body);
    return {
        commit: commit.commit,
        tree: commit.tree,
        time: commit.seconds * 1000,
        commits: counted ? Number(counted[1]) : 1,
        ours: commit.ours,
        listed,
    };
}
/** The arguments of `ls-tree` for `readFiles`. Sizes (`-l`) are listed only when every blob is
 * here (not `partial`): for a blob left on the server, git would fetch it to tell its size. The
 * sizes of the blobs read come once they are fetched. Folders (`-t`) are listed too, with their
 * ids: the same walk of the trees, no process more. */
function listTree(treeish, partial) {
    return ['ls-tree', '-r', '-t', '-z', ...(partial ? [] : ['-l']), '--full-tree', treeish];
}
/** Every text file of the tree by path, every entry of the tree (to keep what is not shown), and
 * why each file that is not plain UTF-8 text is not. Files over the size limit are never read.
 * `listing` is every entry of the tree again, folders included, by the bytes of its path (see
 * `buildTrees` in objects.ts): the new tree is made from it, and a folder no change touches keeps
 * its id unread. `listedTree`: the tree's `ls-tree` output when it was listed already (`fetchTip`).
 * `inMemory`: fetches the blobs read without git (http-read.ts); when it cannot, git fetches them. */
async function readFiles(git, tree, maxBytes, select, branch, listedTree, inMemory) {
    const files = new Map();
    const entries = new Map();
    const listing = new Map();
    const unreadable = new Map();
    const output = listedTree ?? (await git(listTree(tree, select !== undefined))).stdout;
    const blobs = [];
    const listed = [];
    for (let at = 0; at < output.length;) {
        let end = output.indexOf(0, at);
        if (end === -1)
            end = output.length;
        const record = output.subarray(at, end);
        at = end + 1;
        const tab = record.indexOf(9);
        const match = tab === -1 ? null : /^(\d+) (\w+) ([0-9a-f]+)(?: +(\S+))?$/.exec(record.subarray(0, tab).toString('latin1'));
        if (!match || tab === record.length - 1)
            continue;
        const [, mode, type, oid, size = ''] = match;
        listing.set(record.subarray(tab + 1).toString('latin1'), { mode, oid });
        if (type === 'tree')
            continue;
        const file = record.subarray(tab + 1).toString('utf8');
        entries.set(file, { mode, oid });
        listed.push({ mode, type, oid, size, file });
    }
    const wanted = select ? await select([...entries.keys()]) : undefined;
    for (const { mode, type, oid, size, file } of listed) {
        if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !shown(file))
            continue;
        if (wanted && !wanted.has(file))
            continue;
        if (Number(size) > maxBytes)
            unreadable.set(file, tooLarge(Number(size), maxBytes));
        else
            blobs.push({ oid, file });
    }
    if (blobs.length === 0)
        return { files, entries, listing, unreadable };
    const take = (index, bytes, size) => {
        // Listed in the tree yet not in the fetched pack: judging without it would rewrite it from nothing.
        if (bytes === null && size === undefined)
            throw new StoreError('other', `the data branch's ${blobs[index].file} could not be read (its object is missing)`);
        if (bytes === null) {
            unreadable.set(blobs[index].file, tooLarge(size ?? 0, maxBytes));
            return;
        }
        const decoded = decodeFile(bytes, blobs[index].file, maxBytes);
        if (decoded.text !== null)
            files.set(blobs[index].file, decoded.text);
        if (decoded.why !== null)
            unreadable.set(blobs[index].file, decoded.why);
    };
    if (wanted && inMemory) {
        const byId = new Map();
        blobs.forEach((blob, index) => byId.set(blob.oid, [...(byId.get(blob.oid) ?? []), index]));
        const taken = new Set();
        const fetched = await inMemory([...byId.keys()], (oid, bytes) => {
            for (const index of byId.get(oid) ?? []) {
                take(index, bytes);
                taken.add(index);
            }
        });
        if (fetched) {
            for (let index = 0; index < blobs.length; index++)
                if (!taken.has(index))
                    take(index, null);
            return { files, entries, listing, unreadable };
        }
    }
    if (wanted)
        await fetchBlobs(git, blobs.map((blob) => blob.oid), branch);
    // The sizes of fetched blobs come with them: one that is too large is passed over unread (no
    // `--batch-check` first, one process less a run).
    const answers = batchReader(take, maxBytes);
    await git(['cat-file', '--batch'], { input: blobs.map((blob) => blob.oid).join('\n') + '\n', onStdout: answers });
    return { files, entries, listing, unreadable };
}
/** Fetches the blobs read, in one request. A server that ignored the filter sent them all with
 * the tip: git finds every one here and asks the server for nothing, so there is no need to look
 * first (one process less a run). */
async function fetchBlobs(git, oids, branch) {
    try {
        await git(['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--no-tags', '--no-write-fetch-head', '--quiet', '--stdin', PROMISOR], { timeoutMs: NETWORK_TIMEOUT_MS, input: [...new Set(oids)].join('\n') + '\n' });
    }
    catch (error) {
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
function batchReader(onBlob, maxBytes = Infinity) {
    let index = 0;
    let header = [];
    let scratch = Buffer.alloc(0);
    let body = null;
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
                if (skipping === 0)
                    onBlob(index++, null, skippedSize);
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
                if (scratch.length < length)
                    scratch = Buffer.allocUnsafe(length);
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

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/store/objects.ts
/**
 * The objects of a new commit of the data branch — its blobs, its trees and the commit itself —
 * written by Vigil into the temporary repository as git's loose objects, with no git process.
 *
 * Why by hand: writing them with git took five processes a run (`read-tree`, `hash-object -w
 * --stdin-paths`, `update-index --index-info`, `write-tree --missing-ok`, `commit-tree`), each
 * costing 5–10 ms just to start on a runner: 60–110 ms a run on the test git server (40 ms of it
 * `hash-object` on 200 endpoints). Timed side by side on a 200-endpoint branch (today's 3.6 MiB day
 * file, the state, the status, the page and 30 badges changed; 15 runs): the five processes 80–90
 * ms, this module 13–22 ms, much of it hashing and deflating the day file, as git did too; the
 * same tree and commit ids every run. A loose object is only `"<type> <size>\0" + body`, deflated
 * with zlib and named by the SHA-1 of those bytes; Node has both, so this takes about 60 lines. A
 * library (isomorphic-git) was weighed and rejected for the whole store (see the comment at the
 * top of git.ts: bundle size, and no push from a shallow copy); `git push` reads loose objects
 * as it reads any other. The ids are the ones git would make for the same content: the unit
 * tests build the same trees and commits with git and compare them.
 */




/** Files written at once: saving opens a bounded number of files, whatever their count (1,000
 * endpoints' badges are 3,000 files). */
const OPEN_FILES = 16;
/** git's own compression for loose objects (`core.looseCompression`, by default the fastest). */
const LOOSE_COMPRESSION = 1;
/** A folder's mode as `ls-tree` shows it, and as a tree object holds it. */
const FOLDER_LISTED = '040000';
const FOLDER = '40000';
/** The buffer objects up to SCRATCH_MAX bytes are made in, one after the other. */
let scratch = Buffer.allocUnsafe(0);
const SCRATCH_MAX = 8 * 1024 * 1024;
/**
 * The object's bytes as git hashes and stores them, made in one buffer (a day file of 1,000
 * endpoints is about 110 MiB: it is not copied once more to put the header before it). The bytes
 * are good until the next call: they are hashed and deflated at once. A buffer of its own for
 * each object kept every copy (today's day file, daily.csv, the page, every badge) outside the
 * heap until the next collection: 8 MiB of a run's peak memory on 200 endpoints
 * (`node scripts/bench-memory.mjs`).
 */
function objectBytes(type, body) {
    const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
    const header = `${type} ${size}\0`;
    const length = header.length + size;
    if (length > SCRATCH_MAX)
        return fill(Buffer.allocUnsafe(length), header, body);
    if (scratch.length < length)
        scratch = Buffer.allocUnsafe(Math.max(length, 64 * 1024));
    return fill(scratch.subarray(0, length), header, body);
}
function fill(bytes, header, body) {
    bytes.write(header, 0, 'latin1');
    if (typeof body === 'string')
        bytes.write(body, header.length, 'utf8');
    else
        body.copy(bytes, header.length);
    return bytes;
}
/** The id git gives an object (`git hash-object -t <type>`). */
function hashObject(type, body) {
    return (0,external_node_crypto_.createHash)('sha1').update(objectBytes(type, body)).digest('hex');
}
/**
 * Writes the objects into `gitDir` as loose objects, OPEN_FILES at a time, and returns their
 * ids in order. An object already here as a loose object is left as it is (its name is its
 * content). Any failure to write one (a full disk, a read-only folder) rejects: the store then
 * fails with a classified error rather than push a commit whose objects are not all there.
 */
async function writeObjects(gitDir, objects) {
    const oids = [];
    const folders = new Set();
    for (let from = 0; from < objects.length; from += OPEN_FILES) {
        const batch = objects.slice(from, from + OPEN_FILES).map(({ type, body }) => {
            const bytes = objectBytes(type, body);
            const oid = (0,external_node_crypto_.createHash)('sha1').update(bytes).digest('hex');
            oids.push(oid);
            return { oid, bytes: (0,external_node_zlib_.deflateSync)(bytes, { level: LOOSE_COMPRESSION }) };
        });
        const unique = new Map(batch.map((object) => [object.oid, object.bytes]));
        await Promise.all([...unique].map(async ([oid, bytes]) => {
            const folder = external_node_path_default().join(gitDir, 'objects', oid.slice(0, 2));
            if (!folders.has(folder)) {
                await (0,promises_.mkdir)(folder, { recursive: true });
                folders.add(folder);
            }
            await writeLoose(external_node_path_default().join(folder, oid.slice(2)), bytes);
        }));
    }
    return oids;
}
async function writeLoose(file, deflated) {
    try {
        // Read-only, as git leaves its objects.
        await (0,promises_.writeFile)(file, deflated, { flag: 'wx', mode: 0o444 });
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return;
        // A half-written object must not pass for a whole one.
        await (0,promises_.rm)(file, { force: true }).catch(() => { });
        throw error;
    }
}
/**
 * A tree object's body: `"<mode> <name>\0" + 20 raw bytes` an entry, in git's order (names as
 * bytes, a folder's name compared as if it ended in "/": git's `base_name_compare`). Names are
 * the bytes of each name, one character a byte (latin1), as in `buildTrees`.
 */
function treeBody(entries) {
    const key = (name, mode) => (mode === FOLDER ? `${name}/` : name);
    // Each character is one byte (0–255), so comparing strings compares the bytes.
    const sorted = [...entries].sort(([a, x], [b, y]) => (key(a, x.mode) < key(b, y.mode) ? -1 : 1));
    return Buffer.concat(sorted.flatMap(([name, { mode, oid }]) => [Buffer.from(`${mode} ${name}\0`, 'latin1'), Buffer.from(oid, 'hex')]));
}
/**
 * The trees of the tip's tree with `changes` made: only the folders on a changed path get a new
 * tree; every other folder keeps its id, unread. A folder left with nothing in it is no entry at
 * all (git has no empty folders); the root may be empty (git's empty tree).
 *
 * `listing` is every entry of the tip's tree by path, folders included (`ls-tree -r -t`), and
 * `changes` the entries to set (or, null, to remove) by path. Paths are their bytes, one
 * character a byte (latin1), so a name that is not UTF-8 is kept exactly as it is.
 */
function buildTrees(root, listing, changes) {
    if (root !== null && changes.size === 0)
        return { oid: root, trees: [] };
    const parentOf = (file) => file.slice(0, Math.max(0, file.lastIndexOf('/')));
    const nameOf = (file) => file.slice(file.lastIndexOf('/') + 1);
    // The folders on a changed path, each with the folders below it that are on one too.
    const below = new Map([['', new Set()]]);
    const mark = (folder) => {
        if (below.has(folder))
            return;
        below.set(folder, new Set());
        mark(parentOf(folder));
        below.get(parentOf(folder))?.add(folder);
    };
    for (const file of changes.keys())
        mark(parentOf(file));
    // What each of those folders holds in the tip.
    const held = new Map([...below.keys()].map((folder) => [folder, new Map()]));
    for (const [file, entry] of listing) {
        const parent = parentOf(file);
        held.get(parent)?.set(nameOf(file), { mode: entry.mode === FOLDER_LISTED ? FOLDER : entry.mode, oid: entry.oid });
    }
    for (const [file, entry] of changes) {
        const folder = held.get(parentOf(file));
        if (entry === null)
            folder?.delete(nameOf(file));
        else
            folder?.set(nameOf(file), entry);
    }
    const trees = [];
    const build = (folder) => {
        const entries = held.get(folder) ?? new Map();
        for (const sub of below.get(folder) ?? []) {
            const oid = build(sub);
            // A folder emptied is no entry, unless a file now has its name (a folder replaced by a file).
            if (oid === null) {
                if (entries.get(nameOf(sub))?.mode === FOLDER)
                    entries.delete(nameOf(sub));
            }
            else
                entries.set(nameOf(sub), { mode: FOLDER, oid });
        }
        if (entries.size === 0 && folder !== '')
            return null;
        const body = treeBody(entries);
        const oid = hashObject('tree', body);
        if (oid !== (folder === '' ? root : listing.get(folder)?.oid))
            trees.push(body);
        return oid;
    };
    return { oid: build('') ?? '', trees };
}
/** A commit's body exactly as `git commit-tree` makes it, with the same author and committer
 * and the date in UTC. */
function commitBody(tree, parent, author, at, message) {
    // git refuses such a message, and so does Vigil.
    if (message.includes('\0'))
        throw new Error('a NUL byte in commit log message not allowed');
    const ident = `${author.name} <${author.email}> ${Math.floor(at.getTime() / 1000)} +0000`;
    return `tree ${tree}\n${parent ? `parent ${parent}\n` : ''}author ${ident}\ncommitter ${ident}\n\n${message}`;
}

;// CONCATENATED MODULE: ./src/store/pack.ts
/**
 * A file the run rewrites after reading it (today's raw day, the status) is written into the
 * temporary repository as a delta against the version read, in a pack of its own (and its
 * index), for `git push` to send as it is.
 *
 * Why: `git push` sends a thin pack, and its `pack-objects` spent most of its time on today's raw
 * day (about 2 MiB at noon on 200 endpoints): looking for a delta against the version read and
 * deflating the objects it was given loose. A delta found in a pack, against an object the server
 * has, is sent as it is: neither searched for nor deflated. A run only adds rows at the end of a
 * day file, or changes one stretch of a file, so the delta needs no search here either: what both
 * versions share at the start and at the end is copied, the rest inserted (12.5 KiB for the raw
 * day, as git's search finds). Traced with `GIT_TRACE2_PERF` on the push (`node
 * scripts/bench-memory.mjs --only large`, three pushes of each build taking turns): write-pack-file
 * 47–49 → 24–25 ms, prepare-pack 57–72 → 43–51 ms (git still indexes the old raw day, a base for
 * the other files it searches).
 *
 * A pack on disk must hold the base of each of its deltas (git reads no delta across packs), so
 * the version read goes in too, stored without compression; it is never sent (the server has it).
 *
 * Only these deltas go in a pack. `pack-objects` never looks for a delta between two objects
 * stored whole in the same pack (it takes it that whoever wrote the pack did), and the objects
 * written whole — the page, the badges, the trees — are kept by the server as the push sends
 * them: put in this pack too, they lost git's deltas between one another, and every later fetch
 * grew by a quarter (526 → 650 KiB a run on 200 endpoints). They stay loose (objects.ts).
 *
 * The formats are git's (Documentation/gitformat-pack.txt): the pack, version 2, and its index,
 * version 2 (fan-out table, sorted ids, CRC-32s, offsets). The unit tests have git read, verify
 * and send what this writes.
 */





/** A delta is kept when it is at most this part of the file: otherwise the file is stored whole. */
const DELTA_MAX_PART = 0.5;
/** Smaller files are left loose: a delta would save next to nothing. */
const DELTA_MIN_BYTES = 4096;
const TYPE_CODE = { commit: 1, tree: 2, blob: 3, 'ref-delta': 7 };
/**
 * Writes, as one pack and its index in `gitDir`, each rewritten file that is worth a delta
 * against its version read, and that version; returns the ids of the files written (the others
 * are for the caller to write loose). Each entry is made, written and let go in turn. The pack gets
 * its name (its checksum) once whole, and the index comes last: git sees the pack only then. Any
 * failure (a full disk, a read-only folder) rejects and leaves no pack behind.
 */
async function writeDeltas(gitDir, files) {
    const planned = new Map();
    for (const { oid, base, delta } of worthDeltas(files)) {
        if (planned.has(oid))
            continue;
        // Whole and uncompressed: the base is only there for git to read the delta (the server has it).
        if (!planned.has(base.oid))
            planned.set(base.oid, { oid: base.oid, body: base.body });
        planned.set(oid, { oid, base: base.oid, delta });
    }
    const written = new Set([...planned.values()].filter((entry) => 'delta' in entry).map((entry) => entry.oid));
    if (written.size === 0)
        return written;
    // The index's 4-byte offsets reach 2 GiB; a pack that could pass it (never a run's files:
    // each is 192 MiB at most) is not written, and the files go loose.
    let bound = 0;
    for (const entry of planned.values())
        bound += 'delta' in entry ? entry.delta.length + 64 : Buffer.byteLength(entry.body, 'utf8') * 1.01 + 64;
    if (bound >= 2 ** 31)
        return new Set();
    const folder = external_node_path_default().join(gitDir, 'objects', 'pack');
    const temporary = external_node_path_default().join(folder, `tmp_pack_${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`);
    /** The pack under its own name, once moved there: the index at its name is never ours to
     * remove (its rename is the last step). */
    let packFile = null;
    let name = '';
    try {
        await (0,promises_.mkdir)(folder, { recursive: true });
        const handle = await (0,promises_.open)(temporary, 'wx', 0o444);
        const placed = [];
        const packHash = (0,external_node_crypto_.createHash)('sha1');
        try {
            const header = Buffer.alloc(12);
            header.write('PACK', 0, 'latin1');
            header.writeUInt32BE(2, 4);
            header.writeUInt32BE(planned.size, 8);
            packHash.update(header);
            await handle.write(header);
            let offset = header.length;
            for (const entry of planned.values()) {
                const chunks = entryBytes(entry);
                let crc = 0;
                for (const chunk of chunks) {
                    crc = (0,external_node_zlib_.crc32)(chunk, crc);
                    packHash.update(chunk);
                }
                placed.push({ oid: entry.oid, offset, crc });
                await handle.writev(chunks);
                for (const chunk of chunks)
                    offset += chunk.length;
            }
            const checksum = packHash.digest();
            await handle.write(checksum);
            name = `pack-${checksum.toString('hex')}`;
            await (0,promises_.writeFile)(`${temporary}.idx`, packIndex(placed, checksum), { mode: 0o444 });
        }
        finally {
            await handle.close();
        }
        await (0,promises_.rename)(temporary, external_node_path_default().join(folder, `${name}.pack`));
        packFile = external_node_path_default().join(folder, `${name}.pack`);
        await (0,promises_.rename)(`${temporary}.idx`, external_node_path_default().join(folder, `${name}.idx`));
    }
    catch (error) {
        const left = [temporary, `${temporary}.idx`, packFile].filter((file) => file !== null);
        await Promise.allSettled(left.map((file) => (0,promises_.rm)(file, { force: true })));
        throw error;
    }
    return written;
}
/** A pack of these entries, in memory, for a push: deflated as git's push deflates (zlib's default
 * level), its checksum at the end. */
function packOf(entries) {
    const header = Buffer.alloc(12);
    header.write('PACK', 0, 'latin1');
    header.writeUInt32BE(2, 4);
    header.writeUInt32BE(entries.length, 8);
    const parts = [header];
    for (const entry of entries) {
        if ('delta' in entry)
            parts.push(...entryBytes({ oid: '', base: entry.base, delta: entry.delta }));
        else {
            const body = typeof entry.body === 'string' ? Buffer.from(entry.body, 'utf8') : entry.body;
            parts.push(entryHeader(TYPE_CODE[entry.type], body.length), (0,external_node_zlib_.deflateSync)(body));
        }
    }
    const body = Buffer.concat(parts);
    return Buffer.concat([body, (0,external_node_crypto_.createHash)('sha1').update(body).digest()]);
}
/** Each rewritten file worth a delta against its version read (see `deltaOf`), once, with it. */
function worthDeltas(files) {
    const worth = new Map();
    for (const file of files) {
        if (worth.has(file.oid) || file.base.oid === file.oid)
            continue;
        const delta = deltaOf(file.base, file.body);
        if (delta)
            worth.set(file.oid, { ...file, delta });
    }
    return [...worth.values()];
}
/** An entry's bytes: its header (type and size; a delta's base id after it), then its data deflated. */
function entryBytes(entry) {
    if ('delta' in entry)
        return [entryHeader(TYPE_CODE['ref-delta'], entry.delta.length), Buffer.from(entry.base, 'hex'), (0,external_node_zlib_.deflateSync)(entry.delta)];
    const body = Buffer.from(entry.body, 'utf8');
    return [entryHeader(TYPE_CODE.blob, body.length), (0,external_node_zlib_.deflateSync)(body, { level: external_node_zlib_.constants.Z_NO_COMPRESSION })];
}
/** An entry's header: its type and size, the size's lowest 4 bits first, then 7 bits a byte. */
function entryHeader(type, size) {
    const bytes = [(type << 4) | (size & 0x0f)];
    let rest = Math.floor(size / 16);
    while (rest > 0) {
        bytes[bytes.length - 1] |= 0x80;
        bytes.push(rest & 0x7f);
        rest = Math.floor(rest / 128);
    }
    return Buffer.from(bytes);
}
/**
 * The delta from the version read to `target` (git's delta format), or null when it would not
 * be worth it: what both share at the start and at the end is copied from the base, the middle
 * inserted. Null also when the base's text is not the blob it names (a file read through another
 * encoding: its text is not its bytes). Compared as text, so neither version is copied into bytes
 * whole; the ends never split a character's UTF-16 pair, so each part's UTF-8 bytes are those of
 * the whole.
 */
function deltaOf(base, target) {
    if (target.length < DELTA_MIN_BYTES)
        return null;
    const source = base.body;
    if (hashObject('blob', source) !== base.oid)
        return null;
    const limit = Math.min(source.length, target.length);
    let start = 0;
    while (start < limit && source.charCodeAt(start) === target.charCodeAt(start))
        start++;
    if (start > 0 && isHighSurrogate(source.charCodeAt(start - 1)))
        start--;
    let end = 0;
    while (end < limit - start && source.charCodeAt(source.length - 1 - end) === target.charCodeAt(target.length - 1 - end))
        end++;
    if (end > 0 && isLowSurrogate(source.charCodeAt(source.length - end)))
        end--;
    const middle = Buffer.from(target.slice(start, target.length - end), 'utf8');
    const targetBytes = Buffer.byteLength(target, 'utf8');
    if (middle.length + middle.length / 127 > targetBytes * DELTA_MAX_PART)
        return null;
    const sourceBytes = Buffer.byteLength(source, 'utf8');
    const head = Buffer.byteLength(source.slice(0, start), 'utf8');
    const tail = Buffer.byteLength(source.slice(source.length - end), 'utf8');
    const out = [...sizeBytes(sourceBytes), ...sizeBytes(targetBytes)];
    copy(out, 0, head);
    const parts = [Buffer.from(out)];
    for (let at = 0; at < middle.length; at += 127) {
        const piece = middle.subarray(at, Math.min(at + 127, middle.length));
        parts.push(Buffer.from([piece.length]), piece);
    }
    const ending = [];
    copy(ending, sourceBytes - tail, tail);
    parts.push(Buffer.from(ending));
    return Buffer.concat(parts);
}
const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;
/** A size in a delta's header: 7 bits a byte, lowest first. */
function sizeBytes(size) {
    const bytes = [];
    do {
        let byte = size & 0x7f;
        size = Math.floor(size / 128);
        if (size > 0)
            byte |= 0x80;
        bytes.push(byte);
    } while (size > 0);
    return bytes;
}
/** Copy instructions for `length` bytes of the base from `offset`, 64 KiB each as git writes them. */
function copy(out, offset, length) {
    for (let done = 0; done < length;) {
        const size = Math.min(0x10000, length - done);
        const at = offset + done;
        let command = 0x80;
        const operands = [];
        for (let byte = 0; byte < 4; byte++) {
            const value = Math.floor(at / 2 ** (8 * byte)) & 0xff;
            if (value !== 0) {
                command |= 1 << byte;
                operands.push(value);
            }
        }
        // A size of 0x10000 is written as no size bytes at all.
        if (size !== 0x10000)
            for (let byte = 0; byte < 3; byte++) {
                const value = (size >> (8 * byte)) & 0xff;
                if (value !== 0) {
                    command |= 0x10 << byte;
                    operands.push(value);
                }
            }
        out.push(command, ...operands);
        done += size;
    }
}
/** The pack's index, version 2: fan-out table, sorted ids, CRC-32s, 4-byte offsets, checksums. */
function packIndex(placed, packChecksum) {
    const sorted = [...placed].sort((a, b) => (a.oid < b.oid ? -1 : 1));
    const count = sorted.length;
    const index = Buffer.alloc(8 + 256 * 4 + count * (20 + 4 + 4) + 20 + 20);
    index.writeUInt32BE(0xff744f63, 0);
    index.writeUInt32BE(2, 4);
    const fanout = new Array(256).fill(0);
    for (const { oid } of sorted)
        fanout[parseInt(oid.slice(0, 2), 16)]++;
    let total = 0;
    for (let byte = 0; byte < 256; byte++) {
        total += fanout[byte];
        index.writeUInt32BE(total, 8 + byte * 4);
    }
    let at = 8 + 256 * 4;
    for (const { oid } of sorted)
        at += index.write(oid, at, 'hex');
    for (const { crc } of sorted)
        at = index.writeUInt32BE(crc, at);
    // A pack over 2 GiB would need the 8-byte offsets table; a run's pack is a few MiB at most.
    for (const { offset } of sorted)
        at = index.writeUInt32BE(offset, at);
    at += packChecksum.copy(index, at);
    (0,external_node_crypto_.createHash)('sha1').update(index.subarray(0, at)).digest().copy(index, at);
    return index;
}

;// CONCATENATED MODULE: ./src/store/git-write.ts





function onDisk(gitDir) {
    return { deltas: (files) => writeDeltas(gitDir, files), whole: (objects) => writeObjects(gitDir, objects) };
}
/** The objects kept for one push: `pack()` makes the pack (deltas against what the server has,
 * the rest whole); `all` gives every object whole, should git have to push them. */
function inMemory() {
    const kept = new Map();
    return {
        get all() {
            return [...kept.values()].map(({ type, body }) => ({ type, body }));
        },
        async deltas(files) {
            const stored = new Set();
            for (const { oid, body, base, delta } of worthDeltas(files)) {
                kept.set(oid, { type: 'blob', body, delta: { base: base.oid, delta } });
                stored.add(oid);
            }
            return stored;
        },
        async whole(objects) {
            return objects.map(({ type, body }) => {
                const oid = hashObject(type, body);
                if (!kept.has(oid))
                    kept.set(oid, { type, body });
                return oid;
            });
        },
        pack: () => packOf([...kept.values()].map(({ type, body, delta }) => delta ?? { type, body })),
    };
}
/** The tip's tree with the changes made, written into `gitDir`; only changed files are hashed.
 * The old bytes of a file Vigil could not read are kept under `unreadable/` (the same blob, under
 * its new path) before anything is written over them. `listed` holds the tip's files by path,
 * `listing` every entry of its tree by the bytes of its path (see `readFiles` in git-read.ts). */
async function writeTree(store, tip, files, changes, listed, listing, kept) {
    const moved = new Set(kept.map((file) => file.file));
    const written = [...changes].filter((entry) => entry[1] !== null &&
        (moved.has(entry[0]) || (files.has(entry[0]) ? files.get(entry[0]) !== entry[1] : !same(listed.get(entry[0]), entry[1]))));
    const deleted = [...changes.keys()].filter((file) => changes.get(file) === null && listed.has(file));
    const bytes = (file) => Buffer.from(file, 'utf8').toString('latin1');
    const entries = new Map();
    for (const { file, keptAs } of kept) {
        const old = listed.get(file);
        if (old)
            entries.set(bytes(keptAs), old);
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
    const looseOids = await store.whole(loose.map(([, body]) => ({ type: 'blob', body })));
    loose.forEach(([file], n) => oids.set(file, looseOids[n]));
    for (const [file] of written)
        entries.set(bytes(file), { mode: '100644', oid: oids.get(file) });
    for (const file of deleted)
        entries.set(bytes(file), null);
    // Files not read were not fetched either: their blobs are on the server, not here, and a tree
    // names them by their ids all the same.
    const { oid, trees } = buildTrees(tip?.tree ?? null, listing, entries);
    await store.whole(trees.map((body) => ({ type: 'tree', body })));
    return oid;
}
/**
 * Whether a file that was not read (not fetched: the page, the badges) already holds `text`: git
 * names a blob by the SHA-1 of its bytes, so the id the tree lists tells, without the bytes.
 * Unchanged files are then neither fetched, nor written, nor pushed.
 */
function same(entry, text) {
    return entry !== undefined && entry.mode === '100644' && hashObject('blob', text) === entry.oid;
}
/** The commit, as `git commit-tree` would make it: Vigil as author and committer, at `at`. */
async function commitTree(store, tree, parent, message, at) {
    const [commit] = await store.whole([{ type: 'commit', body: commitBody(tree, parent, VIGIL_AUTHOR, at, message) }]);
    return commit;
}
/** Why a push is refused when another run got there first: git's own check of the branch it was
 * told about, and the server's check when both pushes were told the same branch. */
const MOVED = /\[rejected\]|fetch first|non-fast-forward|stale info|cannot lock ref|failed to (update|lock)|incorrect old value|reference already exists/i;
/** True when pushed; false when another run moved the branch first. */
async function push(git, remote, branch, commit, lease) {
    try {
        await git(['push', '--porcelain', '--quiet', ...(lease ? [lease] : []), remote, `${commit}:refs/heads/${branch}`], {
            timeoutMs: NETWORK_TIMEOUT_MS,
        });
        return true;
    }
    catch (error) {
        const refused = classify(error, 'push', branch);
        if (error instanceof GitFailure && refused.reason === 'other' && MOVED.test(`${error.stdout}\n${error.stderr}`))
            return false;
        throw refused;
    }
}
/** How receive-pack refuses an update whose old value is no longer the branch's (git 2.39 says
 * "failed to update ref", later ones "cannot lock ref … expected", "reference does not exist" when
 * the branch was deleted meanwhile). Not "non-fast-forward": from the server it means a rule
 * forbids replacing the branch (classify.ts), never that another run moved it. */
const OLD_VALUE_CHANGED = /failed to (update|lock)|cannot lock ref|incorrect old value|reference (already exists|does not exist)/i;
/** True when Vigil's own push (smart-http.ts) moved the branch from `old` (null: a new branch) to
 * `commit`; false when another run moved it first. A refusal for another reason (a protected
 * branch, a hook) fails as git's would. */
async function pushOverHttp(client, branch, old, commit, pack) {
    try {
        const report = await client.push(`refs/heads/${branch}`, old, commit, pack);
        if (report.pushed)
            return true;
        if (OLD_VALUE_CHANGED.test(report.reason))
            return false;
        throw new HttpFailure(200, `${report.said}${report.reason}`);
    }
    catch (error) {
        if (error instanceof Unsupported)
            throw error;
        throw classify(error, 'push', branch);
    }
}

;// CONCATENATED MODULE: ./src/store/pack-read.ts
/**
 * Reading a pack the server sent (Documentation/gitformat-pack.txt): every entry inflated, each
 * delta applied to its base, every object named by its SHA-1, and where each entry lies (its
 * offset and CRC-32, what the pack's index lists). Every byte is the server's: the pack's
 * checksum, each entry's size and each delta's bounds are checked, and an object larger than
 * the caller allows is never inflated (`PackTooLarge`: the caller reads it another way).
 */


/** An object in the pack is larger than the caller reads in memory. */
class PackTooLarge extends Error {
}
const TYPES = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
function damaged(why) {
    return new Error(`the server sent a damaged pack (${why})`);
}
function objectId(type, data) {
    return (0,external_node_crypto_.createHash)('sha1').update(`${type} ${data.length}\0`).update(data).digest('hex');
}
/** The object deflated at `at` (its size told by its header), and how many bytes it took. */
function inflateAt(pack, at, end, size) {
    try {
        const inflated = (0,external_node_zlib_.inflateSync)(pack.subarray(at, end), { info: true, maxOutputLength: Math.max(1, size) });
        if (inflated.buffer.length === size)
            return { data: inflated.buffer, consumed: inflated.engine.bytesWritten };
    }
    catch {
        // told below
    }
    throw damaged('an entry does not inflate to its size');
}
/**
 * Reads every object of `pack`, handing each to `onObject` as it is made (its bytes are the
 * caller's to keep). Whole objects come as they are read; then each delta, from a work list of
 * the objects made (as git's index-pack does): the deltas waiting on an object are made from it
 * while it is held, so a base is inflated again once, not kept, and a chain of deltas costs its
 * length, in whatever order the pack lists it. No more than `budget` bytes are inflated and made
 * in all (`PackTooLarge` past it): a few hundred bytes of deltas that copy from one another can
 * otherwise make gigabytes.
 */
function readPack(pack, maxObjectBytes, onObject, budget = Infinity) {
    if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK')
        throw damaged('no pack header');
    const version = pack.readUInt32BE(4);
    if (version !== 2 && version !== 3)
        throw damaged(`version ${version}`);
    const count = pack.readUInt32BE(8);
    const end = pack.length - 20;
    const checksum = pack.subarray(end);
    if (!(0,external_node_crypto_.createHash)('sha1').update(pack.subarray(0, end)).digest().equals(checksum))
        throw damaged('its checksum does not match');
    let spent = 0;
    const spend = (bytes) => {
        spent += bytes;
        if (spent > budget)
            throw new PackTooLarge();
    };
    const placed = [];
    const wholes = [];
    /** Deltas by what they wait on: `@offset` or the base's id. */
    const waiting = new Map();
    let deltas = 0;
    let at = 12;
    for (let n = 0; n < count; n++) {
        const offset = at;
        if (at >= end)
            throw damaged('it ends early');
        let byte = pack[at++];
        const code = (byte >> 4) & 7;
        let size = byte & 0x0f;
        for (let shift = 4; byte & 0x80; shift += 7) {
            if (at >= end || shift > 49)
                throw damaged('an entry size runs on');
            byte = pack[at++];
            size += (byte & 0x7f) * 2 ** shift;
        }
        let base = null;
        if (code === OFS_DELTA) {
            byte = pack[at++];
            let distance = byte & 0x7f;
            while (byte & 0x80) {
                if (at >= end || distance > 2 ** 40)
                    throw damaged('a delta offset runs on');
                byte = pack[at++];
                distance = (distance + 1) * 128 + (byte & 0x7f);
            }
            if (distance <= 0 || distance > offset)
                throw damaged('a delta points outside the pack');
            base = `@${offset - distance}`;
        }
        else if (code === REF_DELTA) {
            if (at + 20 > end)
                throw damaged('it ends early');
            base = pack.toString('hex', at, at + 20);
            at += 20;
        }
        else if (!TYPES[code])
            throw damaged(`an entry of unknown type ${code}`);
        if (size > maxObjectBytes)
            throw new PackTooLarge();
        spend(size);
        const dataAt = at;
        const { data, consumed } = inflateAt(pack, at, end, size);
        at += consumed;
        const crc = (0,external_node_zlib_.crc32)(pack.subarray(offset, at));
        if (base !== null) {
            waiting.set(base, [...(waiting.get(base) ?? []), { offset, crc, delta: data }]);
            deltas++;
            continue;
        }
        const type = TYPES[code];
        const oid = objectId(type, data);
        wholes.push({ offset, type, dataAt, size, oid });
        placed.push({ oid, offset, crc });
        onObject(oid, { type, data });
    }
    if (at !== end)
        throw damaged('bytes after the last entry');
    // Each object made, or read whole, makes the deltas waiting on it. An object made is kept only
    // while deltas wait on it; a whole one is inflated again for them.
    const awaited = (offset, oid) => waiting.has(`@${offset}`) || waiting.has(oid);
    const work = wholes
        .filter((whole) => awaited(whole.offset, whole.oid))
        .map((whole) => ({ offset: whole.offset, oid: whole.oid, object: whole }));
    let made = 0;
    while (work.length > 0) {
        const item = work.pop();
        const children = [...(waiting.get(`@${item.offset}`) ?? []), ...(waiting.get(item.oid) ?? [])];
        waiting.delete(`@${item.offset}`);
        waiting.delete(item.oid);
        if (children.length === 0)
            continue;
        let base;
        if ('dataAt' in item.object) {
            spend(item.object.size);
            base = { type: item.object.type, data: inflateAt(pack, item.object.dataAt, end, item.object.size).data };
        }
        else
            base = item.object;
        for (const child of children) {
            const object = { type: base.type, data: applyDelta(base.data, child.delta, maxObjectBytes) };
            spend(object.data.length);
            const oid = objectId(object.type, object.data);
            placed.push({ oid, offset: child.offset, crc: child.crc });
            onObject(oid, object);
            made++;
            if (awaited(child.offset, oid))
                work.push({ offset: child.offset, oid, object });
        }
    }
    if (made !== deltas)
        throw damaged('a delta whose base is not in the pack');
    return { placed, checksum };
}
/** A size in a delta's header: 7 bits a byte, lowest first. */
function readSize(delta, at) {
    let size = 0;
    for (let shift = 0;; shift += 7) {
        if (at >= delta.length || shift > 49)
            throw damaged('a delta header runs on');
        const byte = delta[at++];
        size += (byte & 0x7f) * 2 ** shift;
        if (!(byte & 0x80))
            return [size, at];
    }
}
/** The object a delta makes of its base: copies from the base and inserted bytes, each checked. */
function applyDelta(base, delta, maxObjectBytes) {
    const [sourceSize, afterSource] = readSize(delta, 0);
    if (sourceSize !== base.length)
        throw damaged('a delta made for another base');
    const [targetSize, afterTarget] = readSize(delta, afterSource);
    let at = afterTarget;
    if (targetSize > maxObjectBytes)
        throw new PackTooLarge();
    const out = Buffer.allocUnsafe(targetSize);
    let filled = 0;
    while (at < delta.length) {
        const command = delta[at++];
        if (command & 0x80) {
            let offset = 0;
            let size = 0;
            for (let byte = 0; byte < 4; byte++)
                if (command & (1 << byte))
                    offset += (delta[at++] ?? 0) * 2 ** (8 * byte);
            for (let byte = 0; byte < 3; byte++)
                if (command & (0x10 << byte))
                    size += (delta[at++] ?? 0) * 2 ** (8 * byte);
            if (size === 0)
                size = 0x10000;
            if (at > delta.length || offset + size > base.length || filled + size > targetSize)
                throw damaged('a delta copies out of bounds');
            filled += base.copy(out, filled, offset, offset + size);
        }
        else if (command > 0) {
            if (at + command > delta.length || filled + command > targetSize)
                throw damaged('a delta inserts out of bounds');
            filled += delta.copy(out, filled, at, at + command);
            at += command;
        }
        else
            throw damaged('a delta with a reserved instruction');
    }
    if (filled !== targetSize)
        throw damaged('a delta that falls short of its size');
    return out;
}

;// CONCATENATED MODULE: ./src/store/http-read.ts
/**
 * The tip and the files a run reads, fetched by Vigil's own client (smart-http.ts) rather than
 * by `git fetch`: the tip's commit and trees in one request (depth 1, no blobs), the blobs read in
 * one more. The commit and trees go into the temporary repository as the pack the server sent
 * (with its index, written here), and the tip is marked shallow, as `git fetch` would leave them:
 * should git have to push (see `pushOverHttp` in git-write.ts), it needs them to tell what the
 * server has. The blobs are read in memory and never written.
 */







/** The tip's commit and trees are read whole in memory; none is near this. */
const MAX_TREE_BYTES = 64 * 1024 * 1024;
/** All the blobs a run reads, inflated, at most (about 10 MiB on 200 endpoints): past it, git reads them. */
const MAX_BLOBS_BYTES = 256 * 1024 * 1024;
function http_read_damaged(why) {
    return new Error(`the server sent an incomplete tip (${why})`);
}
/** The branch's tip with its tree listed (as `ls-tree -r -t -z` lists it, see `readFiles`), or
 * null when there is no branch. `whileFetching` is called once the request is on its way. */
async function fetchTipOverHttp(client, gitDir, branch, whileFetching, readOnly = false) {
    const asking = client.lsRef(`refs/heads/${branch}`);
    if (!readOnly)
        client.readyToPush();
    whileFetching?.();
    const oid = await asking;
    if (oid === null)
        return null;
    const { pack, shallow } = await client.fetch([oid], { deepen: 1, noBlobs: true });
    const objects = new Map();
    let read;
    try {
        // The commit and trees only: a blob sent all the same is not kept.
        read = readPack(pack, MAX_TREE_BYTES, (id, object) => {
            if (object.type !== 'blob')
                objects.set(id, object);
        }, MAX_TREE_BYTES);
    }
    catch (error) {
        if (error instanceof PackTooLarge)
            throw new Unsupported('a tip too large to read in memory');
        throw error;
    }
    const commit = objects.get(oid);
    if (commit?.type !== 'commit')
        throw http_read_damaged('no commit');
    const parsed = parseCommit(commit.data);
    const listed = http_read_listTree(objects, parsed.tree);
    const name = `pack-${read.checksum.toString('hex')}`;
    const folder = external_node_path_default().join(gitDir, 'objects', 'pack');
    // The index last: git sees a pack only once its index is there. `.promisor`: its trees name
    // blobs left on the server, as the packs of a partial clone do.
    // A pack of that name is already here when a later try of the update reads the same tip.
    const written = (error) => {
        if (error.code !== 'EEXIST')
            throw error;
    };
    await (0,promises_.writeFile)(external_node_path_default().join(folder, `${name}.pack`), pack, { mode: 0o444, flag: 'wx' }).catch(written);
    await (0,promises_.writeFile)(external_node_path_default().join(folder, `${name}.promisor`), '');
    await (0,promises_.writeFile)(external_node_path_default().join(folder, `${name}.idx`), packIndex(read.placed, read.checksum), { mode: 0o444, flag: 'wx' }).catch(written);
    await (0,promises_.appendFile)(external_node_path_default().join(gitDir, 'shallow'), shallow.map((line) => `${line}\n`).join(''));
    return tipOf({ commit: oid, ...parsed }, listed);
}
/** The blobs read, fetched in one request and each handed on as it is inflated (see `readFiles`).
 * A blob over `maxBytes`, or an answer too large to hold, is left to git (false): git streams them. */
function blobsOverHttp(client, maxBytes, branch) {
    return async (oids, onBlob) => {
        try {
            const { pack } = await client.fetch([...new Set(oids)]);
            readPack(pack, maxBytes, (oid, object) => {
                if (object.type === 'blob')
                    onBlob(oid, object.data);
            }, MAX_BLOBS_BYTES);
            return true;
        }
        catch (error) {
            // A connection the server closed while the run judged, too: git fetches afresh.
            if (error instanceof PackTooLarge ||
                error instanceof Unsupported ||
                (error instanceof HttpFailure && error.status === null))
                return false;
            throw classify(error, 'read', branch);
        }
    };
}
/** A commit's tree, committer time, whether Vigil made it, and its message (as `%B` shows it). */
function parseCommit(data) {
    const text = data.toString('utf8');
    const split = text.indexOf('\n\n');
    const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
    const body = split < 0 ? '' : text.slice(split + 2);
    const tree = /^tree ([0-9a-f]{40})$/.exec(headers[0] ?? '')?.[1];
    const person = (role) => {
        const line = headers.find((header) => header.startsWith(`${role} `)) ?? '';
        const match = /^\S+ (.*?) ?<([^>]*)> (\d+) [+-]\d{4}$/.exec(line);
        return match ? { name: match[1], email: match[2], seconds: Number(match[3]) } : null;
    };
    const author = person('author');
    const committer = person('committer');
    // A commit git takes that this reading does not (an unusual identity): git reads the branch.
    if (!tree || !author || !committer)
        throw new Unsupported('a commit this reading does not take');
    return {
        tree,
        seconds: committer.seconds,
        ours: isOurs([author.name, author.email, committer.name, committer.email], body),
        body,
    };
}
/** Every entry below `root`, trees before what they hold, in `ls-tree -r -t -z --full-tree`'s format. */
function http_read_listTree(objects, root) {
    const out = [];
    const walk = (oid, prefix) => {
        const tree = objects.get(oid);
        if (tree?.type !== 'tree')
            throw http_read_damaged(`tree ${oid} is missing`);
        const data = tree.data;
        for (let at = 0; at < data.length;) {
            const space = data.indexOf(0x20, at);
            const nul = space < 0 ? -1 : data.indexOf(0, space);
            if (nul < 0 || nul + 21 > data.length)
                throw http_read_damaged(`tree ${oid} is damaged`);
            const mode = data.toString('latin1', at, space).padStart(6, '0');
            const name = data.subarray(space + 1, nul);
            const entry = data.toString('hex', nul + 1, nul + 21);
            at = nul + 21;
            const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
            const file = prefix ? Buffer.concat([prefix, SLASH, name]) : name;
            out.push(Buffer.from(`${mode} ${type} ${entry}\t`, 'latin1'), file, NUL);
            if (type === 'tree')
                walk(entry, file);
        }
    };
    walk(root, null);
    return Buffer.concat(out);
}
const SLASH = Buffer.from('/');
const NUL = Buffer.from([0]);

;// CONCATENATED MODULE: ./src/store/git.ts
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











/** More commits than this on the branch, and the next run replaces them by one. */
const MAX_COMMITS = 288;

/** Without a signal, how long refused pushes are tried again. */
const DEFAULT_RETRY_MS = 120_000;
const FETCH_TRIES = 5;
/** Commits looked at, below a tip that is not Vigil's, for one that is (see `isOurs` in git-read.ts). */
const OWNERSHIP_DEPTH = 50;
function gitStore(options) {
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
function backoffMs(attempt, random) {
    return random() * Math.min(2000, 250 * 2 ** (attempt - 1));
}
async function update(options, change, updateOptions) {
    const now = options.now ?? (() => new Date());
    const random = options.random ?? Math.random;
    const maxAttempts = options.maxAttempts ?? Infinity;
    const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
    const { signal } = updateOptions;
    const remote = `${options.serverUrl.replace(/\/+$/, '')}/${options.repository}.git`;
    const { branch } = options;
    // Real time (not `now`, which tests and the simulation move): how long refused pushes are retried.
    const giveUpAt = signal ? Infinity : Date.now() + DEFAULT_RETRY_MS;
    const sleep = (ms) => abortable(options.sleep ?? wait, ms, signal);
    if (signal?.aborted)
        throw cancelled();
    // A temporary folder that cannot be made (a full or read-only disk) is a store error like a
    // failed write: the run goes on without saving its history, as it does when the push fails.
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(options.workdir ?? external_node_os_default().tmpdir(), 'vigil-data-')).catch((error) => {
        throw classify(error, 'write', branch);
    });
    /** The git of this update, once there is one: asked why, should the update fail. */
    let gitOfUpdate = null;
    let overHttp = null;
    try {
        const hooksDir = external_node_path_default().join(dir, 'no-hooks');
        const homeDir = external_node_path_default().join(dir, 'home');
        await Promise.all([(0,promises_.mkdir)(hooksDir), (0,promises_.mkdir)(homeDir)]).catch((error) => {
            throw classify(error, 'write', branch);
        });
        const { git, scrub } = gitRunner({
            gitDir: external_node_path_default().join(dir, 'repo.git'),
            token: options.token,
            env: options.env,
            hooksDir,
            homeDir,
            signal,
        });
        gitOfUpdate = git;
        const gitDir = external_node_path_default().join(dir, 'repo.git');
        const partial = updateOptions.read !== undefined;
        // A run that reads some files reads them with Vigil's own client where it can (smart-http.ts).
        overHttp =
            partial && usable(remote, options.env)
                ? smartHttp({ remote, token: options.token, timeoutMs: NETWORK_TIMEOUT_MS, signal, scrub })
                : null;
        await makeRepository(gitDir, partial ? remote : null).catch((error) => {
            throw classify(error, 'write', branch);
        });
        const summary = (updateOptions.summary ?? 'update').replace(/\s+/g, ' ').trim().slice(0, 200);
        let fetchFailures = 0;
        for (let attempt = 1;; attempt++) {
            let tip;
            try {
                const whileFetching = attempt === 1 ? updateOptions.whileFetching : undefined;
                tip = overHttp
                    ? await fetchTipOverHttp(overHttp, gitDir, branch, whileFetching, updateOptions.readOnly).catch((error) => {
                        if (!(error instanceof Unsupported))
                            throw classify(error, 'read', branch);
                        overHttp?.close();
                        overHttp = null; // the server, or its answer, is for git to read: git reads from here on
                        return fetchTip(git, PROMISOR, branch, partial);
                    })
                    : await fetchTip(git, partial ? PROMISOR : remote, branch, partial, whileFetching);
            }
            catch (error) {
                // Nothing is written yet, so reading again is safe. A push that fails on the way is not
                // tried again: it may have landed, and pushing the change again would record it twice.
                fetchFailures++;
                if (error instanceof StoreError &&
                    error.reason === 'network' &&
                    attempt < maxAttempts &&
                    fetchFailures < FETCH_TRIES &&
                    Date.now() < giveUpAt) {
                    await sleep(Math.min(8000, 500 * 2 ** (fetchFailures - 1)) * (0.5 + random()));
                    continue;
                }
                throw error;
            }
            if (tip)
                await checkOwnership(git, remote, branch, tip);
            const { files, entries, listing, unreadable } = tip
                ? await readFiles(git, tip.tree, maxBytes, updateOptions.read, branch, tip.listed, overHttp ? blobsOverHttp(overHttp, maxBytes, branch) : undefined)
                : emptyBranch();
            const changes = await change(new Map(files), new Set(entries.keys()));
            if (updateOptions.readOnly)
                return { commit: null, files, attempts: attempt, squashed: false, warnings: [] };
            const after = applyChanges(files, changes);
            const kept = filesToKeep(unreadable, files, changes, (file) => entries.has(file));
            const at = now();
            const squashed = tip !== null && (tip.commits > MAX_COMMITS || utcDay(tip.time) < utcDay(at.getTime()));
            // Where Node read the branch it pushes too, from memory; git pushes from the temporary repository.
            const held = overHttp ? inMemory() : null;
            const objects = held ?? onDisk(gitDir);
            const tree = await writeTree(objects, tip, files, changes, entries, listing, kept).catch((error) => {
                throw classify(error, 'write', branch);
            });
            const warnings = [...kept.map((file) => file.warning), ...unreadWarnings(unreadable, files, changes)];
            if (tip && tree === tip.tree && !squashed)
                return { commit: null, files: after, attempts: attempt, squashed: false, warnings };
            const commits = tip && !squashed ? tip.commits + 1 : 1;
            const message = `Vigil: ${summary} (${at.toISOString().slice(0, 16)}Z)\n\nVigil-Commits: ${commits}\n`;
            const parent = tip && !squashed ? tip.commit : null;
            const commit = await commitTree(objects, tree, parent, message, at).catch((error) => {
                throw classify(error, 'write', branch);
            });
            const gitPush = async () => {
                // A fast-forward needs no lease: git refuses it anyway when the branch moved. A new
                // branch and a squash replace what is there, so they go only if it is still what was read.
                const lease = tip === null
                    ? `--force-with-lease=refs/heads/${branch}:`
                    : squashed
                        ? `--force-with-lease=refs/heads/${branch}:${tip.commit}`
                        : null;
                // Pushed as a plain repository: as a partial clone, git would fetch the old page, one more
                // request, to send the new one as a delta against it (see `writeConfig` in git-read.ts).
                if (partial)
                    await writeConfig(gitDir, null);
                const landed = await push(git, remote, branch, commit, lease);
                if (partial)
                    await writeConfig(gitDir, remote);
                return landed;
            };
            const pushed = overHttp && held
                ? await pushOverHttp(overHttp, branch, tip?.commit ?? null, commit, held.pack()).catch(async (error) => {
                    // Refused before the pack went (the server's push is not one Node speaks): git pushes.
                    if (!(error instanceof Unsupported))
                        throw error;
                    await onDisk(gitDir)
                        .whole(held.all)
                        .catch((failed) => {
                        throw classify(failed, 'write', branch);
                    });
                    return gitPush();
                })
                : await gitPush();
            if (pushed)
                return { commit, files: after, attempts: attempt, squashed, warnings };
            const delay = backoffMs(attempt, random);
            if (attempt >= maxAttempts || Date.now() + delay >= giveUpAt) {
                throw new StoreError('conflict', `could not push to ${branch}: other runs moved it ${attempt} times in a row; this run's checks were not saved`);
            }
            // The change function runs again on what is read next: it is pure over the files it is
            // given (the judge, and the outbox merge in state.json), so a retry judges afresh.
            await sleep(delay);
        }
    }
    catch (error) {
        throw gitOfUpdate ? await explained(gitOfUpdate, error) : error;
    }
    finally {
        overHttp?.close();
        // A temporary folder left behind must not hide whether the history was saved.
        await (0,promises_.rm)(dir, { recursive: true, force: true }).catch(() => { });
    }
}
function wait(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** A wait that ends with a `cancelled` error as soon as the signal aborts. */
function abortable(sleep, ms, signal) {
    if (!signal)
        return sleep(ms);
    if (signal.aborted)
        return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
        const stop = () => reject(cancelled());
        signal.addEventListener('abort', stop, { once: true });
        sleep(ms).then(() => {
            signal.removeEventListener('abort', stop);
            if (signal.aborted)
                reject(cancelled());
            else
                resolve();
        }, (error) => {
            signal.removeEventListener('abort', stop);
            reject(error);
        });
    });
}
/**
 * Why an update failed, when the reason is git's age. The settings reach git as GIT_CONFIG_KEY_n
 * variables, which git reads since 2.31 (March 2021); an older git would fetch and push without the
 * token and be refused for a reason that would mislead the user. An older git cannot succeed (its
 * push carries no token), so its version is asked for only once something failed: one git process
 * less in every run that works.
 */
async function explained(git, error) {
    if (error instanceof StoreError && (error.reason === 'cancelled' || error.reason === 'no-git'))
        return error;
    const said = await git(['version']).then((result) => result.stdout.toString('utf8'), () => null);
    if (said === null)
        return error;
    const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(said) ?? []).slice(1).map(Number);
    if (major > 2 || (major === 2 && minor >= 31))
        return error;
    return new StoreError('no-git', `git 2.31 or later is needed for the data branch; this machine has ${said.trim() || 'an unknown git'}`);
}
function utcDay(ms) {
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
async function checkOwnership(git, remote, branch, tip) {
    const foreign = () => new StoreError('foreign', `${branch} was not made by Vigil (it holds other history), so Vigil leaves it untouched; choose another history-branch (the default is vigil-data), or delete ${branch} if it is an old data branch`);
    // The tip was read as it was fetched: one git process less for every run on Vigil's own branch.
    if (tip.ours)
        return;
    try {
        // By name, not by commit (not every server gives a commit asked for by id); should the branch
        // have moved meanwhile, its new tip is judged, and this run's push is refused and redone.
        await git(['fetch', `--depth=${OWNERSHIP_DEPTH}`, '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/below`], {
            timeoutMs: NETWORK_TIMEOUT_MS,
        });
        const below = await git(['log', '--first-parent', `-${OWNERSHIP_DEPTH}`, `--format=${COMMIT_FORMAT}`, 'refs/vigil/below']);
        if (parseLog(below.stdout.toString('utf8')).some((commit) => commit.ours))
            return;
    }
    catch (error) {
        throw classify(error, 'read', branch);
    }
    throw foreign();
}

;// CONCATENATED MODULE: ./src/store/index.ts





/***/ })

};
