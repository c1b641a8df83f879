export const id = 944;
export const ids = [944];
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

/***/ 89944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checksOf: () => (/* binding */ checksOf),
/* harmony export */   recordRun: () => (/* binding */ recordRun),
/* harmony export */   recordSettingsOf: () => (/* binding */ recordSettingsOf)
/* harmony export */ });
/* harmony import */ var _history_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29653);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53326);
/* harmony import */ var _heap_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12567);



const json = (value) => JSON.stringify(value, null, 2) + '\n';
/**
 * Loads the judge and the page. Loading them takes a run about 13 ms (20 endpoints), in which the
 * main thread has nothing else to do once git is fetching the branch's tip: loaded then (the
 * store's `whileFetching`), rather than before the update begins, a run with history costs that
 * much less. Measured side by side with the build that loaded them first (`node
 * scripts/bench-memory.mjs --before <commit> --only small`, five runs each): 310 → 293 ms and
 * 325 → 296 ms added by history.
 */
async function loadJudge() {
    // One after the other: the page imports the judge's module, and Jest's ES module loader fails
    // ("request for … is not in cache") when two imports link the same module at once.
    const page = await Promise.all(/* import() */[__webpack_require__.e(897), __webpack_require__.e(821)]).then(__webpack_require__.bind(__webpack_require__, 65821));
    return { history: await __webpack_require__.e(/* import() */ 897).then(__webpack_require__.bind(__webpack_require__, 50897)), page };
}
/** Reads the branch, judges this run, writes rows, figures, state, page and badges: one push.
 *
 * When the branch was read but the push was refused for good (no `contents: write`, a protected
 * branch), the run is judged again from what was read with thresholds of 1 (README "When it
 * cannot be saved") and returned with `unsaved` set: the events it finds are still sent. Any
 * other failure of the store (nothing could be read) is thrown. */
async function recordRun(input) {
    let judging;
    const loaded = () => (judging ??= loadJudge());
    // Typed by `as` so the assignment inside the change function is not narrowed away.
    let last = null;
    let lastFiles = null;
    let lastPaths;
    const attempt = ({ history, page }, files, endpoints, paths) => {
        const judgement = history.judge({
            files,
            paths,
            checks: input.checks,
            endpoints,
            workflow: input.workflow,
            configuredIds: input.configuredIds,
            historyDays: input.historyDays,
            now: input.now,
        });
        const changes = new Map(judgement.changes);
        // This run takes what waits in the outbox: recorded by the same push, so no overlapping run
        // retries the same notice. Whatever fails again goes back in the follow-up push.
        const claimed = judgement.state.outbox;
        if (claimed.length > 0)
            changes.set(_history_types_js__WEBPACK_IMPORTED_MODULE_2__/* .STATE_FILE */ .bv, json({ ...judgement.state, outbox: [] }));
        let pageInput = null;
        if (input.page) {
            const daily = changes.has(_history_types_js__WEBPACK_IMPORTED_MODULE_2__/* .DAILY_FILE */ .zf) ? (changes.get(_history_types_js__WEBPACK_IMPORTED_MODULE_2__/* .DAILY_FILE */ .zf) ?? undefined) : files.get(_history_types_js__WEBPACK_IMPORTED_MODULE_2__/* .DAILY_FILE */ .zf);
            pageInput = page.pageInputOf(judgement, daily, input.page, input.now);
            for (const [path, text] of page.pageFiles(pageInput, input.page.maxResponseTime))
                changes.set(path, text);
            page.removeStalePageFiles(paths ?? files.keys(), judgement.status, changes);
        }
        return { changes, recorded: { judgement, claimed, pageInput } };
    };
    let result;
    try {
        result = await input.store.update(async (files, paths) => {
            lastFiles = new Map(files);
            lastPaths = paths;
            const judging = await loaded();
            const collect = textLength(files) >= _heap_js__WEBPACK_IMPORTED_MODULE_1__/* .COLLECT_FROM_TEXT */ .Ad ? input.collect : undefined;
            collect?.('shrink');
            const { changes, recorded } = attempt(judging, files, input.endpoints, paths);
            last = recorded;
            collect?.('full');
            return changes;
        }, {
            summary: `${input.checks.length} ${input.checks.length === 1 ? 'check' : 'checks'}`,
            signal: input.signal,
            // The judge and the page load while git fetches the tip. A failure to load is the update's
            // failure when `read` awaits the same load; until then it must not count as unhandled.
            whileFetching: () => {
                void loaded().catch(() => { });
                input.collect?.('shrink'); // see heap.ts: the main thread waits for git now
            },
            // Only what the judgement needs is fetched (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"); never the page
            // and badges, which the run writes anew (see `pageOutput`).
            read: async (paths) => {
                const { history, page } = await loaded();
                return page.withoutPage(history.filesToRead(paths, input.now, input.historyDays, input.checks));
            },
        });
    }
    catch (error) {
        const reason = error.reason;
        if (lastFiles === null || !(reason === 'permission' || reason === 'protected' || reason === 'auth'))
            throw error;
        const once = input.endpoints.map((settings) => ({ ...settings, failureThreshold: 1, successThreshold: 1 }));
        const { recorded } = attempt(await loaded(), lastFiles, once, lastPaths);
        return {
            ...recorded,
            commit: null,
            warnings: [],
            unsaved: { reason: reason, message: error.message },
        };
    }
    // The change function ran at least once; `last` is the attempt whose push went through.
    if (last === null)
        throw new Error('the store returned without reading the branch');
    return { ...last, commit: result.commit, warnings: result.warnings };
}
/** What the judge and the page take from the configuration: every configured endpoint (a shard
 * checks only some, but judges and shows them all), retention, and the page's settings. */
function recordSettingsOf(config, links) {
    return {
        endpoints: config.endpoints.map((endpoint) => ({
            id: endpoint.id,
            name: endpoint.name,
            url: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrl */ .BO)(endpoint.url, endpoint.secrets),
            target: endpoint.uptimeTarget,
            failureThreshold: endpoint.failureThreshold,
            successThreshold: endpoint.successThreshold,
        })),
        configuredIds: config.endpoints.map((endpoint) => endpoint.id),
        historyDays: config.run.historyDays,
        page: config.run.pages
            ? {
                title: config.run.pageTitle,
                showUrls: config.run.pageShowUrls,
                links,
                maxResponseTime: new Map(config.endpoints.map((endpoint) => [endpoint.id, endpoint.maxResponseTime])),
            }
            : null,
    };
}
/** This run's results as the judge takes them, each marked when it was checked in a window. */
function checksOf(report, windows) {
    return report.endpoints.map((endpoint) => {
        const window = windows.get(endpoint.id);
        return {
            ...endpoint,
            inMaintenance: window !== undefined,
            maintenanceUntil: window ? window.until.toISOString() : null,
            maintenanceTimezone: window ? window.timezone : null,
        };
    });
}
/** The characters of the files read: what the judge's data grows with. */
function textLength(files) {
    let length = 0;
    for (const text of files.values())
        length += text.length;
    return length;
}


/***/ })

};
