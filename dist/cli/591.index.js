export const id = 591;
export const ids = [591];
export const modules = {

/***/ 4591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeTls: () => (/* binding */ probeTls)
/* harmony export */ });
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8929);

function probeTls(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .runAttempt */ .Tm)(request, options, async (attempt) => {
        // Nothing is said on the connection; the attempt closes it as it ends.
        await (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .openConnection */ .JY)(attempt, (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .portOf */ .HM)(attempt.url, 0), true);
    });
}


/***/ })

};
