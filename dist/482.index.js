export const id = 482;
export const ids = [482];
export const modules = {

/***/ 33482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   judgeHeartbeat: () => (/* binding */ judgeHeartbeat),
/* harmony export */   probeHeartbeat: () => (/* binding */ probeHeartbeat)
/* harmony export */ });
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97840);
/* harmony import */ var _text_duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49495);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82367);



async function probeHeartbeat(request, options = {}) {
    const wall = options.wallClock ?? Date.now;
    const kind = request.kind ?? {};
    const result = (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .emptyResult */ .$)(request.url, new Date(wall()));
    const reports = kind.heartbeatReports;
    if (reports === undefined || reports === null) {
        // Not read: this run keeps no history (the CLI, `history: false`), or the branch could not be read.
        result.error = kind.heartbeatUnread ?? 'not judged: the reports are kept on the data branch, and this run keeps no history';
        result.errorCode = 'NOT_READ';
        return result;
    }
    const verdict = judgeHeartbeat(reports, kind.maxAge ?? 0, wall());
    result.statusText = verdict.text;
    result.error = verdict.error;
    result.errorCode = verdict.code;
    return result;
}
/** `2026-12-06 04:00 UTC`. */
const when = (at) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
/**
 * Judges one heartbeat from its last reports (newest first): up when the last is `ok` and no
 * older than `maxAge`; down when it is older, says `fail`, or none came.
 */
function judgeHeartbeat(reports, maxAge, now) {
    const last = reports[0];
    if (!last)
        return { up: false, error: 'no heartbeat received yet', code: 'NO_REPORT', text: null };
    const age = now - Date.parse(last.at);
    const ago = `${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .roughAge */ .LL)(age)} ago`;
    const text = `last heartbeat ${ago} (${last.status})`;
    if (last.status === 'fail') {
        const lastOk = reports.find((report) => report.status === 'ok');
        const before = lastOk ? `; last ok ${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .roughAge */ .LL)(now - Date.parse(lastOk.at))} ago` : '';
        return { up: false, error: `reported fail ${ago} (${when(last.at)})${before}`, code: 'REPORTED_FAIL', text };
    }
    if (age > maxAge) {
        return { up: false, error: `no heartbeat for ${(0,_text_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .roughAge */ .LL)(age)} (max-age ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(maxAge)})`, code: 'TOO_OLD', text };
    }
    return { up: true, error: null, code: null, text };
}


/***/ })

};
