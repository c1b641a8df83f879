export const id = 151;
export const ids = [151];
export const modules = {

/***/ 8532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HEARTBEAT_USAGE: () => (/* binding */ HEARTBEAT_USAGE),
/* harmony export */   heartbeatCommand: () => (/* binding */ heartbeatCommand)
/* harmony export */ });
/* harmony import */ var _probe_kinds_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5831);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3326);
/* harmony import */ var _config_heartbeat_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6554);
/**
 * `vigil heartbeat ID --repo OWNER/REPO [--status ok|fail]`: a job anywhere reports in to the
 * monitor's repository with one `repository_dispatch` (`event_type: vigil-heartbeat`), which the
 * monitor workflow records. It is the same request as the curl line in docs/cli.md; the token
 * comes from GITHUB_TOKEN and is never printed.
 */



const HEARTBEAT_USAGE = `Usage: vigil heartbeat ID --repo OWNER/REPO [--status ok|fail]
  Reports to the monitor of OWNER/REPO that the job ID ran (ok) or failed (fail), as a
  repository_dispatch event "vigil-heartbeat". The token is read from GITHUB_TOKEN; it needs
  Contents: write on OWNER/REPO (fine-grained) or the repo scope (classic). GITHUB_API_URL is
  respected (GitHub Enterprise Server).
`;
class Usage extends Error {
}
function parse(argv) {
    let id = null;
    let repo = null;
    let status = 'ok';
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '-h' || arg === '--help')
            return 'help';
        const flag = /^--(repo|status)(?:=(.*))?$/s.exec(arg);
        if (flag) {
            const value = flag[2] ?? argv[++i];
            if (value === undefined)
                throw new Usage(`--${flag[1]} needs a value`);
            if (flag[1] === 'repo')
                repo = value.trim();
            else
                status = value.trim();
        }
        else if (arg.startsWith('-')) {
            throw new Usage(`unknown option ${arg.split('=')[0]} (heartbeat takes --repo and --status)`);
        }
        else if (id === null) {
            id = arg.trim();
        }
        else {
            throw new Usage(`one heartbeat id at a time (got "${id}" and "${arg}")`);
        }
    }
    if (id === null || id === '')
        throw new Usage('a heartbeat id is needed: vigil heartbeat ID --repo OWNER/REPO');
    // The id a monitor's `heartbeat:` can name: another would be sent, and warned about there.
    if (!_config_heartbeat_js__WEBPACK_IMPORTED_MODULE_2__/* .HEARTBEAT_ID */ .t.test(id))
        throw new Usage(`${JSON.stringify(id.slice(0, 100))} is not a heartbeat id (${_config_heartbeat_js__WEBPACK_IMPORTED_MODULE_2__/* .HEARTBEAT_ID_TEXT */ .L} characters)`);
    if (repo === null)
        throw new Usage('--repo OWNER/REPO is needed: the repository whose monitor listens');
    if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
        throw new Usage(`--repo "${repo}" is not OWNER/REPO`);
    if (status !== 'ok' && status !== 'fail')
        throw new Usage(`--status "${status}" is not ok or fail`);
    return { id, repo, status };
}
/** Runs the command; returns the exit code (0 sent, 1 refused or unreachable, 2 usage). */
async function heartbeatCommand(argv, io, options = {}) {
    let args;
    try {
        args = parse(argv);
    }
    catch (error) {
        if (!(error instanceof Usage))
            throw error;
        io.stderr(`vigil heartbeat: ${error.message}\n\n${HEARTBEAT_USAGE}`);
        return 2;
    }
    if (args === 'help') {
        io.stdout(HEARTBEAT_USAGE);
        return 0;
    }
    const token = (io.env.GITHUB_TOKEN ?? '').trim();
    if (token === '') {
        io.stderr('vigil heartbeat: GITHUB_TOKEN is not set; give it a token that may send repository_dispatch to ' +
            `${args.repo} (Contents: write, or the repo scope of a classic token)\n`);
        return 2;
    }
    const api = (io.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    const result = await (0,_probe_kinds_http_js__WEBPACK_IMPORTED_MODULE_0__/* .probeHttp */ .x)({
        url: `${api}/repos/${args.repo}/dispatches`,
        method: 'POST',
        headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
        },
        body: JSON.stringify({ event_type: 'vigil-heartbeat', client_payload: { id: args.id, status: args.status } }),
        timeout: 30_000,
        followRedirects: 0,
        insecure: false,
        bodyLimit: 64 * 1024,
    }, options);
    const mask = (text) => (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(text, [token]);
    const status = result.httpStatus;
    if (result.error === null && status !== null && status >= 200 && status <= 299) {
        io.stdout(`Heartbeat "${args.id}" (${args.status}) sent to ${args.repo}.\n`);
        return 0;
    }
    const said = (() => {
        try {
            const message = JSON.parse(result.body.toString('utf8')).message;
            return typeof message === 'string' ? `: GitHub says ${JSON.stringify(message.replace(/\s+/g, ' ').slice(0, 200))}` : '';
        }
        catch {
            return '';
        }
    })();
    const why = result.error !== null
        ? `could not reach ${api}: ${result.error}`
        : status === 401
            ? `GitHub did not accept GITHUB_TOKEN (HTTP 401${said})`
            : status === 403
                ? `GitHub refused the dispatch (HTTP 403${said}); the token needs Contents: write on ${args.repo} (fine-grained) or the repo scope (classic)`
                : status === 404
                    ? `GitHub answered 404 for ${args.repo}: the repository does not exist, or the token cannot see it (it needs Contents: write there)`
                    : `GitHub answered HTTP ${status}${said}`;
    io.stderr(`vigil heartbeat: ${mask(why)}\n`);
    return 1;
}


/***/ })

};
