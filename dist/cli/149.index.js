export const id = 149;
export const ids = [149];
export const modules = {

/***/ 1149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_MAX_AGE: () => (/* binding */ DEFAULT_MAX_AGE),
/* harmony export */   probeWorkflow: () => (/* binding */ probeWorkflow)
/* harmony export */ });
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3326);
/* harmony import */ var _text_duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9495);
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7840);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5831);
/**
 * A workflow heartbeat (`workflow: backup.yml`, `max-age`, optional `branch`): what should run on
 * a schedule and did not is down. One request to GitHub's API lists the latest completed runs
 * of the workflow; cancelled and skipped runs say nothing about the job and are passed over
 * (as are runs still queued or in progress), and the latest remaining one is judged: up when it
 * concluded `success` and started within `max-age`.
 *
 * The request is an HTTP check of its own (`probe`), so its phases are measured as for any
 * HTTP check. The token is in the Authorization header only, and masked out of every text.
 */




const DEFAULT_MAX_AGE = 25 * 3600_000;
const DEFAULT_API = 'https://api.github.com';
/** Runs asked for at once: enough to see past a burst of cancelled or skipped runs. */
const PER_PAGE = 30;
/** A page of 30 runs is far below this; more is not GitHub's answer. */
const BODY_LIMIT = 2 * 1024 * 1024;
/** Conclusions that say nothing about whether the job works. */
const PASSED_OVER = new Set(['cancelled', 'skipped']);
class WorkflowError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
/** A word from GitHub, as text: only what a conclusion can be made of. */
const word = (value) => String(value)
    .replace(/[^\w-]/g, '')
    .slice(0, 40) || 'unknown';
/** A run's link, only when it is a plain https URL (it reaches Markdown). */
function runLink(run) {
    const link = typeof run.html_url === 'string' ? run.html_url : '';
    return /^https?:\/\/[\w.:-]+\/[\w./%-]*$/.test(link) ? link : null;
}
async function probeWorkflow(request, options = {}) {
    const wall = options.wallClock ?? Date.now;
    const kind = request.kind ?? {};
    const token = kind.githubToken ?? '';
    const path = kind.workflow ?? '';
    const maxAge = kind.maxAge ?? DEFAULT_MAX_AGE;
    const [owner, repo, , , file] = path.split('/');
    const apiUrl = (kind.githubApiUrl || DEFAULT_API).replace(/\/+$/, '');
    const query = `status=completed&per_page=${PER_PAGE}${kind.branch ? `&branch=${encodeURIComponent(kind.branch)}` : ''}`;
    const mask = (text) => (token ? (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(text, [token]) : text);
    const answer = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .probeHttp */ .x)({
        url: `${apiUrl}/repos/${owner}/${repo}/actions/workflows/${encodeURIComponent(file ?? '')}/runs?${query}`,
        method: 'GET',
        headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: null,
        timeout: request.timeout,
        followRedirects: 0,
        insecure: request.insecure,
        bodyLimit: BODY_LIMIT,
    }, options);
    const result = {
        ...answer,
        // GitHub's answer is not the body of the check (a workflow check has none).
        body: Buffer.alloc(0),
        headers: {},
        bodyTruncated: false,
        finalUrl: request.url,
        statusText: null,
    };
    try {
        if (answer.error !== null)
            throw new WorkflowError(answer.error, answer.errorCode ?? 'ERROR');
        const status = answer.httpStatus ?? 0;
        if (status === 401) {
            throw new WorkflowError('GitHub did not accept the token (HTTP 401); check the github-token input', 'AUTH');
        }
        if (status === 403) {
            throw new WorkflowError(`GitHub refused to list the runs of ${owner}/${repo} (HTTP 403); github-token needs \`actions: read\` on that repository`, 'FORBIDDEN');
        }
        if (status === 404) {
            throw new WorkflowError(`no workflow ${file} in ${owner}/${repo} (HTTP 404): check the file name under .github/workflows, and that github-token may read that repository`, 'NOT_FOUND');
        }
        if (status !== 200)
            throw new WorkflowError(`GitHub answered HTTP ${status} to the list of runs`, 'HTTP_STATUS');
        let runs = null;
        try {
            const parsed = JSON.parse(answer.body.toString('utf8'));
            if (Array.isArray(parsed.workflow_runs))
                runs = parsed.workflow_runs;
        }
        catch {
            // Said below.
        }
        if (runs === null)
            throw new WorkflowError('GitHub did not answer with a list of runs', 'NOT_GITHUB');
        const judged = runs.find((run) => run && run.status === 'completed' && !PASSED_OVER.has(String(run.conclusion)) && run.conclusion !== null);
        const onBranch = kind.branch ? ` on ${kind.branch}` : '';
        if (!judged)
            throw new WorkflowError(`no completed run of ${file}${onBranch} yet`, 'NO_RUN');
        const link = runLink(judged);
        const linked = link ? ` (${link})` : '';
        const conclusion = word(judged.conclusion);
        if (conclusion !== 'success') {
            throw new WorkflowError(`last run concluded ${conclusion}${linked}`, 'RUN_FAILED');
        }
        const when = Date.parse(String(judged.run_started_at ?? judged.created_at ?? ''));
        if (Number.isNaN(when))
            throw new WorkflowError(`the last run${linked} has no start time`, 'NOT_GITHUB');
        const age = wall() - when;
        if (age > maxAge) {
            throw new WorkflowError(`last run started ${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .roughAge */ .LL)(age)} ago (max-age ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(maxAge)})${linked}`, 'TOO_OLD');
        }
        result.statusText = `last run ${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .roughAge */ .LL)(age)} ago`;
    }
    catch (error) {
        const { message, code } = error instanceof WorkflowError ? error : { message: String(error), code: 'ERROR' };
        result.error = mask(message);
        result.errorCode = code;
    }
    return result;
}


/***/ })

};
