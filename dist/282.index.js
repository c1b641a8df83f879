export const id = 282;
export const ids = [282];
export const modules = {

/***/ 13282:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeWs: () => (/* binding */ probeWs)
/* harmony export */ });
/* harmony import */ var ws__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52977);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80835);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(82367);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98929);




/** A message longer than this ends the check (down): far beyond any body check's 1 MiB. */
const MAX_MESSAGE = 16 * 1024 * 1024;
function probeWs(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .runAttempt */ .Tm)(request, options, converse, {
        wait: 'waiting for the 101 Switching Protocols response',
        download: 'waiting for the first message',
    });
}
async function converse(attempt) {
    const { url, clock, result, request } = attempt;
    const secure = url.protocol === 'wss:';
    const socket = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .openConnection */ .JY)(attempt, (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .portOf */ .HM)(url, secure ? 443 : 80), secure);
    const send = request.kind?.send;
    const awaitMessage = send !== undefined || request.kind?.readBody === true;
    const headers = { 'User-Agent': _types_js__WEBPACK_IMPORTED_MODULE_3__/* .USER_AGENT */ ._O, ...request.headers };
    const ws = new ws__WEBPACK_IMPORTED_MODULE_0__/* ["default"] */ .Ay(url.href, {
        createConnection: () => socket,
        headers,
        perMessageDeflate: false,
        followRedirects: false,
        maxPayload: MAX_MESSAGE,
    });
    // Errors after the attempt has ended (the deadline tearing the socket down) are nobody's.
    ws.on('error', () => undefined);
    try {
        await new Promise((resolve, reject) => {
            // The 101 ends the wait; from it to the first message is the download (0 without one).
            ws.once('upgrade', () => {
                if (awaitMessage)
                    clock.enter('download');
            });
            ws.once('unexpected-response', (_req, res) => {
                const status = `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
                res.resume();
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`the server answered ${status}, not 101 Switching Protocols`, 'NOT_UPGRADED'));
            });
            ws.once('error', reject);
            ws.once('close', (code, reason) => {
                const why = reason.length > 0 ? `: ${reason.toString('utf8')}` : '';
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`the connection closed (code ${code}${why}) before the first message`, 'ECONNRESET'));
            });
            ws.once('open', () => {
                if (!awaitMessage)
                    return resolve();
                if (send !== undefined)
                    ws.send(send);
            });
            ws.once('message', (data) => {
                const message = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
                const limit = request.bodyLimit ?? _types_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_BODY_LIMIT */ .$u;
                result.bodyTruncated = message.length > limit;
                result.body = message.subarray(0, limit);
                resolve();
            });
        });
    }
    finally {
        // Only the error listener stays: the close that terminate() causes is no news.
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
    }
}


/***/ })

};
