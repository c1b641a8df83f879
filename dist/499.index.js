export const id = 499;
export const ids = [499];
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
