export const id = 944;
export const ids = [944];
export const modules = {

/***/ 89944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checksOf: () => (/* binding */ checksOf),
/* harmony export */   recordRun: () => (/* binding */ recordRun),
/* harmony export */   recordSettingsOf: () => (/* binding */ recordSettingsOf)
/* harmony export */ });
/* harmony import */ var _history_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58829);
/* harmony import */ var _page_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65821);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(53326);



const json = (value) => JSON.stringify(value, null, 2) + '\n';
/** Reads the branch, judges this run, writes rows, figures, state, page and badges: one push.
 *
 * When the branch was read but the push was refused for good (no `contents: write`, a protected
 * branch), the run is judged again from what was read with thresholds of 1 (README "When it
 * cannot be saved") and returned with `unsaved` set: the events it finds are still sent. Any
 * other failure of the store (nothing could be read) is thrown. */
async function recordRun(input) {
    // Typed by `as` so the assignment inside the change function is not narrowed away.
    let last = null;
    let lastFiles = null;
    let lastPaths;
    const judgeWith = (files, endpoints, paths) => (0,_history_index_js__WEBPACK_IMPORTED_MODULE_0__/* .judge */ .S4)({
        files,
        paths,
        checks: input.checks,
        endpoints,
        workflow: input.workflow,
        configuredIds: input.configuredIds,
        historyDays: input.historyDays,
        now: input.now,
    });
    const attempt = (judgement, files, paths) => {
        const changes = new Map(judgement.changes);
        // This run takes what waits in the outbox: recorded by the same push, so no overlapping run
        // retries the same notice. Whatever fails again goes back in the follow-up push.
        const claimed = judgement.state.outbox;
        if (claimed.length > 0)
            changes.set(_history_index_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE_FILE */ .bv, json({ ...judgement.state, outbox: [] }));
        let pageInput = null;
        if (input.page) {
            const daily = changes.has(_history_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DAILY_FILE */ .zf) ? (changes.get(_history_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DAILY_FILE */ .zf) ?? undefined) : files.get(_history_index_js__WEBPACK_IMPORTED_MODULE_0__/* .DAILY_FILE */ .zf);
            pageInput = (0,_page_files_js__WEBPACK_IMPORTED_MODULE_1__/* .pageInputOf */ .$Q)(judgement, daily, input.page, input.now);
            for (const [path, text] of (0,_page_files_js__WEBPACK_IMPORTED_MODULE_1__/* .pageFiles */ .$H)(pageInput, input.page.maxResponseTime))
                changes.set(path, text);
            (0,_page_files_js__WEBPACK_IMPORTED_MODULE_1__/* .removeStalePageFiles */ .s5)(paths ?? files.keys(), judgement.status, changes);
        }
        return { changes, recorded: { judgement, claimed, pageInput } };
    };
    let result;
    try {
        result = await input.store.update((files, paths) => {
            lastFiles = new Map(files);
            lastPaths = paths;
            const { changes, recorded } = attempt(judgeWith(files, input.endpoints, paths), files, paths);
            last = recorded;
            return changes;
        }, {
            summary: `${input.checks.length} ${input.checks.length === 1 ? 'check' : 'checks'}`,
            signal: input.signal,
            // Only what the judgement needs is fetched (docs/history.md, "Aggregates: a run's cost does not grow with the days kept"); never the page
            // and badges, which the run writes anew (see `pageOutput`).
            read: (paths) => (0,_page_files_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutPage */ .i4)((0,_history_index_js__WEBPACK_IMPORTED_MODULE_0__/* .filesToRead */ .lG)(paths, input.now, input.historyDays, input.checks)),
        });
    }
    catch (error) {
        const reason = error.reason;
        if (lastFiles === null || !(reason === 'permission' || reason === 'protected' || reason === 'auth'))
            throw error;
        const once = input.endpoints.map((settings) => ({ ...settings, failureThreshold: 1, successThreshold: 1 }));
        const { recorded } = attempt(judgeWith(lastFiles, once, lastPaths), lastFiles, lastPaths);
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
            url: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(endpoint.url, endpoint.secrets),
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


/***/ })

};
