export const id = 397;
export const ids = [397];
export const modules = {

/***/ 3397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeTcp: () => (/* binding */ probeTcp)
/* harmony export */ });
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8929);

function probeTcp(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .runAttempt */ .Tm)(request, options, async (attempt) => {
        const socket = await (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .openConnection */ .JY)(attempt, (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .portOf */ .HM)(attempt.url, 0), false);
        // Nothing is said on the connection: a polite close, so the service logs no error.
        socket.end();
    });
}


/***/ })

};
