export const id = 384;
export const ids = [384,499];
export const modules = {

/***/ 39267:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YK: () => (/* binding */ recordReport),
/* harmony export */   jl: () => (/* binding */ heartbeatFile),
/* harmony export */   tu: () => (/* binding */ reportsOf)
/* harmony export */ });
/* unused harmony exports HEARTBEATS_DIR, REPORTS_KEPT, readReports, withReport, isRunLink */
const HEARTBEATS_DIR = 'heartbeats';
/** Reports kept per id: the last one decides, the others say what came before it. */
const REPORTS_KEPT = 10;
const heartbeatFile = (id) => `${HEARTBEATS_DIR}/${id}.json`;
/** The reports of a file, newest first; a file that is not ours (hand-edited, cut) gives what
 * can be read of it, never an error. */
function readReports(text) {
    if (text === undefined)
        return [];
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return [];
    }
    const list = parsed?.reports;
    if (!Array.isArray(list))
        return [];
    const reports = [];
    for (const item of list) {
        const { status, at, run } = (item ?? {});
        if ((status !== 'ok' && status !== 'fail') || typeof at !== 'string' || Number.isNaN(Date.parse(at)))
            continue;
        reports.push({
            status,
            at: new Date(Date.parse(at)).toISOString(),
            run: typeof run === 'string' && isRunLink(run) ? run : null,
        });
    }
    return newestFirst(reports);
}
/** The file with one more report, the newest REPORTS_KEPT kept. */
function withReport(text, id, report) {
    const reports = newestFirst([report, ...readReports(text)]).slice(0, REPORTS_KEPT);
    return JSON.stringify({ version: 1, id, reports }, null, 2) + '\n';
}
/** The change a dispatch run makes: its report added to what the branch holds for the id. Pure
 * over the files read, so the store can make it again after another run moved the branch. */
function recordReport(files, id, report) {
    const text = files.get(heartbeatFile(id));
    // The same run recorded it already: each job of a matrix runs the same event.
    if (report.run !== null && readReports(text).some((known) => known.run === report.run))
        return new Map();
    return new Map([[heartbeatFile(id), withReport(text, id, report)]]);
}
/** The last reports of every id asked for (ids without a file have none). */
function reportsOf(files, ids) {
    return new Map([...ids].map((id) => [id, readReports(files.get(heartbeatFile(id)))]));
}
function newestFirst(reports) {
    return reports.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
/** A run's page, only when it is a plain https URL (it reaches Markdown). */
function isRunLink(link) {
    return link.length <= 300 && /^https?:\/\/[\w.:-]+\/[\w./%-]*$/.test(link);
}


/***/ }),

/***/ 78384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   heartbeatDispatch: () => (/* binding */ heartbeatDispatch)
/* harmony export */ });
/* unused harmony exports DISPATCH_TYPE, heartbeatEvent, checkReport */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_heartbeat_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6554);
/* harmony import */ var _heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(39267);
/* harmony import */ var _text_markdown_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(86590);
/* harmony import */ var _text_one_line_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(73854);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53326);
/* harmony import */ var _heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34499);
/* harmony import */ var _prepare_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93827);
/**
 * The run started by a job's heartbeat report (README "Push heartbeats"): the monitor workflow
 * listens `on: repository_dispatch: types: [vigil-heartbeat]`, and a run started by that event
 * records the report on the data branch and does nothing else — no check, no history row, no
 * issue, no notification, no keep-alive, no `heartbeat-url` ping. Scheduled runs judge it.
 *
 * The payload is GitHub's `repository_dispatch` event: `action` is the `event_type` sent, and
 * `client_payload` is whatever the sender put there, so it is hostile text: it is checked, and
 * anything of it shown is masked, cut and put in code before it reaches the log or the summary.
 * A report that is not `{ id, status: ok|fail }` of a heartbeat some endpoint watches is recorded
 * nowhere (so that whoever may send dispatches cannot fill the branch with ids no one reads); it
 * is warned about in the summary, and the run still succeeds.
 */








/** The `event_type` a heartbeat report is sent with. */
const DISPATCH_TYPE = 'vigil-heartbeat';
/** GitHub's event files are a few KiB to a few hundred; a larger one is not read. */
const EVENT_FILE_LIMIT = 8 * 1024 * 1024;
/** The most of a hostile value shown. */
const SHOWN = 60;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** The report's payload when this run was started by a heartbeat report, else null (another
 * event, or a `repository_dispatch` of another type: those runs check as any run does). */
function heartbeatEvent(event) {
    if (event.name !== 'repository_dispatch' || !event.path)
        return null;
    try {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(event.path).size > EVENT_FILE_LIMIT)
            return null;
        const sent = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(event.path, 'utf8'));
        if (sent === null || typeof sent !== 'object' || sent.action !== DISPATCH_TYPE)
            return null;
        return { payload: sent.client_payload };
    }
    catch {
        return null;
    }
}
/** The report, or what is wrong with it (said with `show` for the sender's values). */
function checkReport(payload, watched) {
    const example = '{"id": "backup", "status": "ok"}';
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        return { problem: () => `the report has no client_payload object (send ${example})` };
    }
    const { id, status } = payload;
    if (id === undefined || id === null || id === '')
        return { problem: () => `the report has no "id" (send ${example})` };
    if (typeof id !== 'string' || !_config_heartbeat_js__WEBPACK_IMPORTED_MODULE_4__/* .HEARTBEAT_ID */ .t.test(id)) {
        return { problem: (show) => `the report's id ${show(id)} is not a heartbeat id (${_config_heartbeat_js__WEBPACK_IMPORTED_MODULE_4__/* .HEARTBEAT_ID_TEXT */ .L} characters)` };
    }
    if (status !== 'ok' && status !== 'fail') {
        return {
            problem: (show) => `${status === undefined ? 'the report has no "status"' : `the report's status ${show(status)}`}; it must be "ok" or "fail"`,
        };
    }
    if (!watched.has(id)) {
        return {
            problem: (show) => `no endpoint watches heartbeat ${show(id)} (an endpoint needs \`heartbeat: ${id}\` and \`max-age\`)`,
        };
    }
    return { id, status };
}
/**
 * Handles the run when it was started by a heartbeat report; returns false (having done nothing)
 * when it was not. A report that cannot be recorded fails the step; a bug of ours is thrown to
 * the caller, which fails the step with it.
 */
async function heartbeatDispatch(ctx, signal) {
    const event = heartbeatEvent(ctx.event);
    if (event === null)
        return false;
    const { runner } = ctx;
    const startedAt = ctx.clock.now();
    const configured = (0,_prepare_js__WEBPACK_IMPORTED_MODULE_3__/* .configure */ .j)(ctx, 'The heartbeat report was not recorded.');
    if (!configured)
        return true;
    const { config, secrets } = configured;
    /** A value of the sender's, as it may be shown: masked, one line, cut, then quoted. */
    const cleaned = (value) => {
        const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
        // Lone surrogates (a sender's broken text) become U+FFFD, as they would on the way out.
        return (0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)((0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)((0,_text_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(text.replace(LONE_SURROGATE, '\uFFFD'), secrets)), SHOWN);
    };
    const forLog = (value) => JSON.stringify(cleaned(value));
    const forSummary = (value) => (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_6__/* .codeSpan */ .SS)(cleaned(value));
    const summary = async (markdown) => {
        if (config.run.summary)
            await runner.appendSummary(`### Heartbeat report\n\n${markdown}\n`);
    };
    const checked = checkReport(event.payload, (0,_heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_2__/* .watchedIds */ .H)(config.endpoints));
    if ('problem' in checked) {
        runner.warning(`The heartbeat report was not recorded: ${checked.problem(forLog)}.`, 'Vigil: heartbeat report');
        await summary(`> ⚠️ The heartbeat report was not recorded: ${checked.problem(forSummary)}.\n\nNothing else is done in a run started by a heartbeat report; the run succeeds.`);
        return true;
    }
    const { id, status } = checked;
    const store = await (0,_heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_2__.branchStore)(config, ctx);
    if (typeof store === 'string') {
        runner.warning(`The heartbeat report of ${id} was not recorded: ${store}.`, 'Vigil: heartbeat report');
        await summary(`> ⚠️ The heartbeat report of \`${id}\` (${status}) was not recorded: ${store}.`);
        return true;
    }
    const report = { status, at: startedAt.toISOString(), run: ctx.runUrl };
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(config.run.deadline)]);
    try {
        const result = await store.update((files) => (0,_heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_7__/* .recordReport */ .YK)(files, id, report), {
            summary: `heartbeat ${id} ${status}`,
            signal: deadline,
            // Only the file of this id is fetched and written.
            read: () => new Set([(0,_heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_7__/* .heartbeatFile */ .jl)(id)]),
        });
        for (const warning of result.warnings)
            runner.warning((0,_text_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(warning, secrets), 'Vigil: data branch');
    }
    catch (error) {
        const reason = (0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)((0,_text_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(error.message, secrets));
        runner.setFailed(`The heartbeat report of ${id} (${status}) was not recorded on branch ${config.run.historyBranch}: ${reason}`);
        await summary(`> ❌ The heartbeat report of \`${id}\` (${status}) was not recorded on branch \`${config.run.historyBranch}\`: ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_6__/* .codeSpan */ .SS)(reason)}`).catch(() => undefined);
        return true;
    }
    const at = `${report.at.slice(0, 10)} ${report.at.slice(11, 16)} UTC`;
    runner.info(`Recorded heartbeat ${id}: ${status} (${at}) on branch ${config.run.historyBranch}. Scheduled runs judge it; this run checks nothing else.`);
    await summary(`Recorded \`${id}\`: **${status}** at ${at} on branch \`${config.run.historyBranch}\`. ` +
        'Scheduled runs judge it; a run started by a heartbeat report checks nothing else.');
    return true;
}


/***/ }),

/***/ 34499:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ watchedIds),
/* harmony export */   branchStore: () => (/* binding */ branchStore),
/* harmony export */   withHeartbeatReports: () => (/* binding */ withHeartbeatReports)
/* harmony export */ });
/* harmony import */ var _probe_kinds_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31462);
/* harmony import */ var _heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39267);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53326);



/** The data branch of the run, or why there is none. */
async function branchStore(config, ctx) {
    if (!config.run.history)
        return 'this run keeps no history (history: false), and heartbeat reports are kept on the data branch';
    if (!ctx.repository)
        return 'GITHUB_REPOSITORY is not set, so the data branch cannot be read';
    if (!config.run.githubToken)
        return 'there is no token (github-token) to read the data branch with';
    const { gitStore } = await __webpack_require__.e(/* import() */ 399).then(__webpack_require__.bind(__webpack_require__, 43399));
    return gitStore({
        serverUrl: ctx.serverUrl,
        repository: ctx.repository,
        token: config.run.githubToken,
        branch: config.run.historyBranch,
        env: ctx.env,
        workdir: ctx.tempDir,
        now: () => ctx.clock.now(),
    });
}
const heartbeatIdOf = (endpoint) => ((0,_probe_kinds_index_js__WEBPACK_IMPORTED_MODULE_0__/* .isHeartbeat */ .N1)(endpoint) ? (endpoint.kind?.heartbeat ?? null) : null);
/** The heartbeat ids the configuration watches. */
function watchedIds(endpoints) {
    return new Set(endpoints.map(heartbeatIdOf).filter((id) => id !== null));
}
/**
 * The endpoints, each heartbeat given its last reports from the store (or, when they could not
 * be read, why not: its check then says so and is down). Others are returned as they are. One
 * read-only read of the files of the ids checked, nothing else: for the data branch, one fetch.
 * `storeOf` gives the store (the data branch, or the CLI's `--history-dir`), or why there is none;
 * it is called only when a heartbeat is checked. `secrets` are masked in the reason it gives.
 */
async function withHeartbeatReports(endpoints, from) {
    const { storeOf, place, secrets, signal } = from;
    const ids = watchedIds(endpoints);
    if (ids.size === 0)
        return [...endpoints];
    let reports = null;
    let unread = null;
    const store = await storeOf();
    if (typeof store === 'string')
        unread = store;
    else {
        try {
            await store.update((files) => {
                reports = (0,_heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_2__/* .reportsOf */ .tu)(files, ids);
                return new Map();
            }, { readOnly: true, signal, read: () => new Set([...ids].map(_heartbeat_reports_js__WEBPACK_IMPORTED_MODULE_2__/* .heartbeatFile */ .jl)) });
        }
        catch (error) {
            const message = (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(error.message, secrets.filter((secret) => secret !== ''));
            unread = `${place} could not be read: ${message}`;
            reports = null;
        }
    }
    const read = reports;
    return endpoints.map((endpoint) => {
        const id = heartbeatIdOf(endpoint);
        if (id === null)
            return endpoint;
        const kind = read ? { ...endpoint.kind, heartbeatReports: read.get(id) ?? [] } : { ...endpoint.kind, heartbeatReports: null };
        return { ...endpoint, kind: unread ? { ...kind, heartbeatUnread: `not judged: ${unread}` } : kind };
    });
}


/***/ })

};
