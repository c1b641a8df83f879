export const id = 488;
export const ids = [488];
export const modules = {

/***/ 29653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C5: () => (/* binding */ STATUS_FILE),
/* harmony export */   CB: () => (/* binding */ WINDOWS),
/* harmony export */   He: () => (/* binding */ CHECK_COLUMNS),
/* harmony export */   W3: () => (/* binding */ DAILY_COLUMNS),
/* harmony export */   bv: () => (/* binding */ STATE_FILE),
/* harmony export */   zf: () => (/* binding */ DAILY_FILE)
/* harmony export */ });
/**
 * The data branch's public formats (docs/history.md) and what the judge hands to the
 * sinks. These types are the contract between the pure judge (src/history), the store
 * (src/store), notifications (src/notify) and the status page (src/page): each reads them,
 * none of them reaches back into another.
 */
const DAILY_FILE = 'daily.csv';
const STATUS_FILE = 'status.json';
const STATE_FILE = 'state.json';
const CHECK_COLUMNS = [
    'time',
    'id',
    'status',
    'http',
    'total',
    'dns',
    'connect',
    'tls',
    'wait',
    'download',
    'attempts',
    'error',
];
const DAILY_COLUMNS = ['date', 'id', 'checks', 'up', 'degraded', 'down', 'maintenance', 'p50', 'p95', 'p99'];
const WINDOWS = ['24h', '7d', '30d', '90d'];


/***/ }),

/***/ 14372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   followUpChanges: () => (/* binding */ followUpChanges),
/* harmony export */   followUpReads: () => (/* binding */ followUpReads)
/* harmony export */ });
/* harmony import */ var _history_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50897);
/* harmony import */ var _history_read_json_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12845);
/* harmony import */ var _page_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65821);
/**
 * What the follow-up push writes (follow-up.ts runs it): pure over the files read, like the
 * judge, so the store can redo it when another run moved the branch first. Loaded only when
 * there is something to follow up.
 */



const json = (value) => JSON.stringify(value, null, 2) + '\n';
/** What the follow-up reads: state and status; never the raw days, aggregates or heartbeat
 * reports (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"), nor the page and badges it may write again (see
 * `pageOutput`). */
function followUpReads(paths) {
    return new Set(paths.filter((path) => !/^(history|aggregates|heartbeats)\//.test(path) && !(0,_page_files_js__WEBPACK_IMPORTED_MODULE_2__.pageOutput)(path)));
}
/**
 * The changes of the follow-up: incident links into `status.json`, failed notices back into the
 * outbox (once per event and target), the keep-alive date; and the page again when a link changed.
 * Pure over the files read, like the judge, so the store can redo it.
 */
function followUpChanges(files, followUp, page) {
    const changes = new Map();
    // Read as tolerantly as the judge reads them: a hand-edited entry must not stop the follow-up.
    const state = files.has(_history_index_js__WEBPACK_IMPORTED_MODULE_0__.STATE_FILE) ? (0,_history_read_json_js__WEBPACK_IMPORTED_MODULE_1__/* .readStateFile */ .qy)(files.get(_history_index_js__WEBPACK_IMPORTED_MODULE_0__.STATE_FILE)).value : null;
    if (state) {
        const key = (notice) => `${notice.event.key}\n${notice.target}`;
        const waiting = new Map(state.outbox.map((notice) => [key(notice), notice]));
        for (const notice of followUp.outbox)
            if (!waiting.has(key(notice)))
                waiting.set(key(notice), notice);
        const keepAlive = { ...state.keepAlive, ...Object.fromEntries(followUp.keepAlive) };
        changes.set(_history_index_js__WEBPACK_IMPORTED_MODULE_0__.STATE_FILE, json({ ...state, outbox: [...waiting.values()], keepAlive }));
    }
    const raw = files.get(_history_index_js__WEBPACK_IMPORTED_MODULE_0__.STATUS_FILE);
    const status = raw === undefined ? null : (0,_history_read_json_js__WEBPACK_IMPORTED_MODULE_1__/* .readStatusFile */ .zF)(raw).value;
    if (status && followUp.incidents.size > 0) {
        const previous = parseStatus(raw);
        const updated = {
            version: 1,
            updatedAt: typeof previous?.updatedAt === 'string' ? previous.updatedAt : new Date(0).toISOString(),
            status: worstOf(status.endpoints),
            endpoints: status.endpoints.map((endpoint) => followUp.incidents.has(endpoint.id) ? { ...endpoint, incident: followUp.incidents.get(endpoint.id) ?? null } : endpoint),
        };
        changes.set(_history_index_js__WEBPACK_IMPORTED_MODULE_0__.STATUS_FILE, json(updated));
        if (page) {
            for (const [path, text] of (0,_page_files_js__WEBPACK_IMPORTED_MODULE_2__.pageFiles)({ ...page.input, status: updated }, page.settings.maxResponseTime))
                changes.set(path, text);
        }
    }
    return changes;
}
function parseStatus(text) {
    try {
        const value = JSON.parse(text ?? '');
        return typeof value === 'object' && value !== null ? value : null;
    }
    catch {
        return null;
    }
}
const RANK = { up: 0, maintenance: 1, degraded: 2, down: 3 };
function worstOf(endpoints) {
    return endpoints.reduce((worst, e) => (RANK[e.status] > RANK[worst] ? e.status : worst), 'up');
}


/***/ })

};
