export const id = 968;
export const ids = [968];
export const modules = {

/***/ 968:
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
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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

/** A path on the branch: relative, `/`-separated, no empty, `.` or `..` part, nothing under `.git`. */
function checkPath(file) {
    const parts = file.split('/');
    const bad = file.length === 0 ||
        file.includes('\\') ||
        file.includes('\0') ||
        parts.some((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git');
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
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The file's text, or null when it is not UTF-8 (a picture someone added): such a file is
 * left as it is and not shown to the change function. */
function textOf(bytes) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/store/folder.ts
/**
 * The same files in a local folder, for the CLI (`vigil check --history-dir DIR`). Each file is
 * written whole to a temporary name beside it and renamed over the old one, so a reader (or a
 * run that is stopped half way) sees the old text or the new, never a mix.
 */





const TEMP_PREFIX = '.vigil-tmp-';
function folderStore(dir) {
    return {
        async update(change) {
            try {
                const files = await readFolder(dir);
                const changes = await change(new Map(files));
                const after = applyChanges(files, changes);
                for (const [file, text] of changes) {
                    const target = external_node_path_default().join(dir, ...file.split('/'));
                    if (text === null) {
                        await (0,promises_.rm)(target, { force: true });
                    }
                    else if (files.get(file) !== text) {
                        await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
                        const temp = external_node_path_default().join(external_node_path_default().dirname(target), `${TEMP_PREFIX}${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
                        await (0,promises_.writeFile)(temp, text, 'utf8');
                        await (0,promises_.rename)(temp, target);
                    }
                }
                return { commit: null, files: after, attempts: 1, squashed: false };
            }
            catch (error) {
                throw asStoreError(error, dir);
            }
        },
    };
}
/** Every text file under `dir` by `/`-separated relative path; a missing folder is empty. */
async function readFolder(dir) {
    const files = new Map();
    let entries;
    try {
        entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return files;
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
        const text = textOf(await (0,promises_.readFile)(external_node_path_default().join(parent, entry.name)));
        if (text !== null)
            files.set(relative.join('/'), text);
    }
    return files;
}
function asStoreError(error, dir) {
    if (error instanceof StoreError)
        return error;
    const code = error.code;
    const reason = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission' : 'other';
    return new StoreError(reason, `could not save the history in ${dir}: ${error.message.split('\n')[0]}`);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/store/git-command.ts
/**
 * Running the `git` binary for the store: in its own temporary repository, with the token only
 * in the environment (as an `Authorization` header, never in argv or a file), no prompt, no
 * credential helper, messages in English (they are classified), and the token scrubbed from
 * everything git says.
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
            env: { ...env, ...(runOptions.indexFile ? { GIT_INDEX_FILE: runOptions.indexFile } : {}), ...runOptions.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            timeout: runOptions.timeoutMs,
            killSignal: 'SIGKILL',
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
            if (error.code === 'ENOENT')
                reject(new StoreError('no-git', 'git is not installed (or not on PATH); the data branch needs it'));
            else
                reject(new StoreError('other', `could not run git: ${scrub(error.message)}`));
        });
        child.on('close', (code, signal) => {
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
/** The last line of git's message that says something (git ends with the reason). */
function lastLine(text) {
    const lines = text
        .split(/\r?\n|\r/)
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && !/^(hint:|To |remote: *$)/.test(line));
    return lines.at(-1) ?? '';
}

;// CONCATENATED MODULE: ./src/store/classify.ts
/**
 * Turns what git said when it failed into a StoreError a user can act on. git's messages are
 * matched in English (the store runs git with LC_ALL=C); GitHub's own words (GH006, "Permission
 * to … denied") come through as `remote:` lines.
 */


function classify(error, step, branch) {
    if (error instanceof StoreError)
        return error;
    if (!(error instanceof GitFailure))
        return new StoreError('other', `could not ${step} the data branch: ${String(error)}`);
    const said = `${error.stderr}\n${error.stdout}`;
    const why = oneLine(lastLine(error.stderr) || lastLine(error.stdout));
    const where = step === 'push' ? `could not push to ${branch}` : `could not ${step} ${branch}`;
    if (error.timedOut)
        return new StoreError('network', `${where}: the git server stopped answering`);
    // GH006: branch protection; GH013: a ruleset (which may also forbid the squash's force push).
    if (/GH006|GH013|protected branch|Repository rule violations|Cannot force-push to this branch/i.test(said)) {
        return new StoreError('protected', `${where}: the branch is protected (a branch protection rule or ruleset); let the workflow push and force-push to it, or choose another history-branch`);
    }
    if (/returned error: 401|could not read (Username|Password)|Authentication failed|Invalid username or password/i.test(said)) {
        // git's own words here ("could not read Username … terminal prompts disabled") help no one.
        return new StoreError('auth', `${where}: the token was not accepted (HTTP 401); give \`github-token\` the workflow's token (the default, \`\${{ github.token }}\`) or a token that may write to this repository`);
    }
    if (/returned error: 403|Permission to \S+ denied|permission denied|write access to repository not granted/i.test(said)) {
        return new StoreError('permission', `${where}: the token may not write to the repository (HTTP 403); the workflow needs "permissions: contents: write"`);
    }
    if (/returned error: 404|repository '?[^']*'? not found/i.test(said)) {
        return new StoreError('permission', `${where}: the repository was not found, or the token may not read it (HTTP 404)`);
    }
    if (/Could not resolve|Failed to connect|Connection (refused|reset|timed out)|Operation timed out|SSL|certificate|Empty reply|transfer closed|RPC failed|early EOF|returned error: 5\d\d/i.test(said)) {
        return new StoreError('network', `${where}: ${why}`);
    }
    return new StoreError('other', `${where}: ${why}`);
}
function oneLine(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat || 'git gave no reason';
}

;// CONCATENATED MODULE: ./src/store/git.ts
/**
 * The data branch over git's smart HTTP (SPEC "State and history": "Where it is written",
 * "Nothing is lost when runs overlap", "The branch stays small").
 *
 * Why the `git` binary and not isomorphic-git (a dependency we would have to add, so not
 * measured here): every GitHub runner has git, so it costs no bundle size; it fetches a single
 * commit (`--depth 1`) and pushes from that shallow copy, which isomorphic-git's push does not
 * support (its open issues #682, #1187); and git's thin packs send a grown day file as a delta
 * against the one fetched, where isomorphic-git packs whole objects.
 * Measured with `npm run bench:store`: on a branch with 30 days × 20 endpoints of raw checks
 * (11 MiB of CSV), one run fetches 1.2 MiB, pushes under 4 KiB, and spends about 0.1 s more
 * CPU than on a branch with no history.
 *
 * One update: fetch the branch's tip (depth 1) into a temporary bare repository, read every file
 * (`ls-tree` + one `cat-file --batch`), call the change function, write the changed files as
 * blobs (one `hash-object --stdin-paths`) into a temporary index made from the tip's tree,
 * `write-tree`, `commit-tree`, push. No work tree is ever checked out. A push refused because
 * another run moved the branch starts the cycle again from a fresh read.
 *
 * The commit count for the squash rule travels in each commit's message (`Vigil-Commits: N`),
 * so a depth-1 fetch knows it without fetching history. A tip without that line (a commit made
 * by hand) counts as 1: the daily squash still bounds the branch.
 */







/** More commits than this on the branch, and the next run replaces them by one. */
const MAX_COMMITS = 288;
const VIGIL_AUTHOR = { name: 'Vigil', email: 'vigil@users.noreply.github.com' };
const NETWORK_TIMEOUT_MS = 120_000;
function gitStore(options) {
    return { update: (change, updateOptions) => update(options, change, updateOptions ?? {}) };
}
async function update(options, change, updateOptions) {
    const now = options.now ?? (() => new Date());
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const random = options.random ?? Math.random;
    const maxAttempts = options.maxAttempts ?? 5;
    const remote = `${options.serverUrl.replace(/\/+$/, '')}/${options.repository}.git`;
    const { branch } = options;
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(options.workdir ?? external_node_os_default().tmpdir(), 'vigil-data-'));
    try {
        const hooksDir = external_node_path_default().join(dir, 'no-hooks');
        await (0,promises_.mkdir)(hooksDir);
        const { git } = gitRunner({ gitDir: external_node_path_default().join(dir, 'repo.git'), token: options.token, env: options.env, hooksDir });
        await checkVersion(git);
        await git(['init', '--bare', '--quiet']).catch((error) => {
            throw classify(error, 'write', branch);
        });
        const backoff = (attempt) => sleep(Math.min(8000, 500 * 2 ** (attempt - 1)) * (0.5 + random()));
        const summary = (updateOptions.summary ?? 'update').replace(/\s+/g, ' ').trim().slice(0, 200);
        for (let attempt = 1;; attempt++) {
            let tip;
            try {
                tip = await fetchTip(git, remote, branch);
            }
            catch (error) {
                // Nothing is written yet, so reading again is safe. A push that fails on the way is not
                // tried again: it may have landed, and pushing the change again would record it twice.
                if (error instanceof StoreError && error.reason === 'network' && attempt < maxAttempts) {
                    await backoff(attempt);
                    continue;
                }
                throw error;
            }
            const files = tip ? await readFiles(git, tip.tree) : new Map();
            const changes = await change(new Map(files));
            const after = applyChanges(files, changes);
            const at = now();
            const squashed = tip !== null && (tip.commits > MAX_COMMITS || utcDay(tip.time) < utcDay(at.getTime()));
            const tree = await writeTree(git, dir, tip, files, changes).catch((error) => {
                throw classify(error, 'write', branch);
            });
            if (tip && tree === tip.tree && !squashed)
                return { commit: null, files: after, attempts: attempt, squashed: false };
            const commits = tip && !squashed ? tip.commits + 1 : 1;
            const message = `Vigil: ${summary} (${at.toISOString().slice(0, 16)}Z)\n\nVigil-Commits: ${commits}\n`;
            const parent = tip && !squashed ? tip.commit : null;
            const commit = await commitTree(git, tree, parent, message, at).catch((error) => {
                throw classify(error, 'write', branch);
            });
            // A fast-forward needs no lease: git refuses it anyway when the branch moved. A new
            // branch and a squash replace what is there, so they go only if it is still what was read.
            const lease = tip === null
                ? `--force-with-lease=refs/heads/${branch}:`
                : squashed
                    ? `--force-with-lease=refs/heads/${branch}:${tip.commit}`
                    : null;
            if (await push(git, remote, branch, commit, lease))
                return { commit, files: after, attempts: attempt, squashed };
            if (attempt >= maxAttempts) {
                throw new StoreError('conflict', `could not push to ${branch}: other runs moved it ${attempt} times in a row; this run's checks were not saved`);
            }
            await backoff(attempt);
        }
    }
    finally {
        // A temporary folder left behind must not hide whether the history was saved.
        await (0,promises_.rm)(dir, { recursive: true, force: true }).catch(() => { });
    }
}
/** The settings above reach git as GIT_CONFIG_KEY_n variables, which git reads since 2.31
 * (March 2021); an older git would push without the token and be refused for a reason that
 * would mislead the user. */
async function checkVersion(git) {
    const said = (await git(['version'])).stdout.toString('utf8');
    const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(said) ?? []).slice(1).map(Number);
    if (major < 2 || (major === 2 && minor < 31)) {
        throw new StoreError('no-git', `git 2.31 or later is needed for the data branch; this machine has ${said.trim() || 'an unknown git'}`);
    }
}
function utcDay(ms) {
    return Math.floor(ms / 86_400_000);
}
/** The branch's tip, fetched with its files (and nothing older); null when there is no branch. */
async function fetchTip(git, remote, branch) {
    try {
        await git(['fetch', '--depth=1', '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/vigil/tip`], {
            timeoutMs: NETWORK_TIMEOUT_MS,
        });
    }
    catch (error) {
        if (error instanceof GitFailure && /couldn't find remote ref/i.test(error.stderr))
            return null;
        throw classify(error, 'read', branch);
    }
    try {
        const { stdout } = await git(['log', '-1', '--format=%H%x00%T%x00%ct%x00%B', 'refs/vigil/tip']);
        const [commit, tree, seconds, body] = stdout.toString('utf8').split('\0');
        const counted = /^Vigil-Commits: (\d+)\s*$/m.exec(body ?? '');
        return { commit, tree, time: Number(seconds) * 1000, commits: counted ? Number(counted[1]) : 1 };
    }
    catch (error) {
        throw classify(error, 'read', branch);
    }
}
/** Every text file of the tree, by path. */
async function readFiles(git, tree) {
    const files = new Map();
    const listing = (await git(['ls-tree', '-r', '-z', '--full-tree', tree])).stdout.toString('utf8');
    const blobs = [];
    for (const entry of listing.split('\0')) {
        const match = /^(100644|100755) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
        if (match)
            blobs.push({ oid: match[2], file: match[3] });
    }
    if (blobs.length === 0)
        return files;
    const answers = batchReader((index, bytes) => {
        // Listed in the tree yet not in the fetched pack: judging without it would rewrite it from nothing.
        if (bytes === null)
            throw new StoreError('other', `the data branch's ${blobs[index].file} could not be read (its object is missing)`);
        const text = textOf(bytes);
        if (text !== null)
            files.set(blobs[index].file, text);
    });
    await git(['cat-file', '--batch'], { input: blobs.map((blob) => blob.oid).join('\n') + '\n', onStdout: answers });
    return files;
}
/**
 * Reads the answers of `git cat-file --batch` as they arrive: `<oid> blob <size>\n`, the bytes, a
 * line end (or `<oid> missing\n`). Each blob is handed on as soon as it is complete, in one buffer
 * reused for every blob (its bytes are good only during the call), so the branch is never held
 * as git's output beside its text: collecting the output first added twice the branch's size to
 * a run's peak memory (22 MiB for 30 raw days of 20 endpoints).
 */
function batchReader(onBlob) {
    let index = 0;
    let header = [];
    let scratch = Buffer.alloc(0);
    let body = null;
    let filled = 0;
    return (chunk) => {
        let at = 0;
        while (at < chunk.length) {
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
/** The tip's tree with the changes made; only changed files are hashed. */
async function writeTree(git, dir, tip, files, changes) {
    const indexFile = external_node_path_default().join(dir, 'index');
    await (0,promises_.rm)(indexFile, { force: true });
    await git(tip ? ['read-tree', tip.tree] : ['read-tree', '--empty'], { indexFile });
    const written = [...changes].filter((entry) => entry[1] !== null && files.get(entry[0]) !== entry[1]);
    const deleted = [...changes.keys()].filter((file) => changes.get(file) === null && files.has(file));
    const entries = [];
    if (written.length > 0) {
        const blobDir = external_node_path_default().join(dir, 'blobs');
        await (0,promises_.mkdir)(blobDir, { recursive: true });
        const paths = await Promise.all(written.map(async ([, text], n) => {
            const file = external_node_path_default().join(blobDir, String(n));
            await (0,promises_.writeFile)(file, text, 'utf8');
            return file;
        }));
        const oids = (await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: paths.join('\n') + '\n' })).stdout
            .toString('utf8')
            .trim()
            .split('\n');
        await (0,promises_.rm)(blobDir, { recursive: true, force: true });
        written.forEach(([file], n) => entries.push(`100644 ${oids[n]}\t${file}`));
    }
    for (const file of deleted)
        entries.push(`0 ${'0'.repeat(40)}\t${file}`);
    if (entries.length > 0)
        await git(['update-index', '-z', '--index-info'], { indexFile, input: entries.join('\0') + '\0' });
    return (await git(['write-tree'], { indexFile })).stdout.toString('utf8').trim();
}
async function commitTree(git, tree, parent, message, at) {
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

;// CONCATENATED MODULE: ./src/store/index.ts





/***/ })

};
