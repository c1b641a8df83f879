export const id = 697;
export const ids = [697];
export const modules = {

/***/ 34697:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   coreRunner: () => (/* binding */ coreRunner)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90143);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74813);
/**
 * The runner through `@actions/core`: what `run()` uses when it is given no runner, as under
 * `@github/local-action`, which replaces `@actions/core` with its own to run the action's
 * source on a workstation. Loaded only then (see runner.ts for why the action on GitHub speaks
 * the same protocol without it).
 */


/** Only the properties given: `@actions/core` writes a space before the properties for any key,
 * even one left undefined (`::warning ::text`). */
function annotation(title, place) {
    return {
        ...(title ? { title } : {}),
        ...(place ? { file: place.file, startLine: place.line, startColumn: place.column } : {}),
    };
}
function coreRunner(env = process.env) {
    return {
        getInput: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name),
        setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value),
        setSecret: (secret) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(secret),
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .inertLog */ .H_)(message)),
        error: (message, title, place) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3((0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .inertLog */ .H_)(message), annotation(title, place)),
        warning: (message, title, place) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .inertLog */ .H_)(message), annotation(title, place)),
        setFailed: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .inertLog */ .H_)(message)),
        appendSummary: async (markdown) => {
            const file = env.GITHUB_STEP_SUMMARY;
            if (!file)
                return;
            (0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .checkSummarySize */ .kX)(file, markdown);
            try {
                await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown).write();
            }
            finally {
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.emptyBuffer();
            }
        },
    };
}


/***/ })

};
