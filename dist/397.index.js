export const id = 397;
export const ids = [397];
export const modules = {

/***/ 98929:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* reexport safe */ _probe_js__WEBPACK_IMPORTED_MODULE_3__.$),
/* harmony export */   HM: () => (/* binding */ portOf),
/* harmony export */   JY: () => (/* binding */ openConnection),
/* harmony export */   Tm: () => (/* binding */ runAttempt),
/* harmony export */   fs: () => (/* binding */ upgradeToTls),
/* harmony export */   w4: () => (/* binding */ hostOf)
/* harmony export */ });
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74412);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(80835);
/* harmony import */ var _phases_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(92308);
/* harmony import */ var _probe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65396);





/** The result of an attempt before anything happened: no HTTP parts (status, headers, body). */

const WHILE = {
    dns: 'during the DNS lookup',
    connect: 'while connecting',
    tls: 'during the TLS handshake',
    wait: 'waiting for an answer',
    download: 'while reading the answer',
};
/**
 * Runs one attempt of a kind: `work` speaks the protocol; the deadline (the request's `timeout`,
 * a total one) destroys every socket it opened and ends the attempt with words naming the phase
 * it was in. Whatever `work` throws becomes `error` in words; the phases always add up to total.
 */
async function runAttempt(request, options, work, waiting = {}, initial = 'connect', hooks = {}) {
    const clock = new _phases_js__WEBPACK_IMPORTED_MODULE_4__/* .PhaseClock */ .w(options.now ?? (() => node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now()), initial);
    const result = (0,_probe_js__WEBPACK_IMPORTED_MODULE_3__/* .emptyResult */ .$)(request.url, new Date());
    const url = URL.canParse(request.url) ? new URL(request.url) : null;
    const sockets = new Set();
    const closers = [];
    const controller = new AbortController();
    let expired = null;
    const cancel = {
        track(socket) {
            sockets.add(socket);
            // Whoever uses the socket reports its errors; a second error from a socket being torn
            // down must not become an uncaught exception.
            socket.on('error', () => undefined);
            if (expired)
                socket.destroy(expired);
        },
    };
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => {
            const phase = clock.phase;
            expired = new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`timed out after ${request.timeout} ms ${waiting[phase] ?? WHILE[phase]}`, 'TIMEOUT');
            controller.abort(expired);
            for (const socket of sockets)
                socket.destroy(expired);
            reject(expired);
        }, request.timeout);
    });
    deadline.catch(() => undefined);
    try {
        if (url === null)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2('the URL is not valid', 'BAD_URL');
        const attempt = {
            request,
            url,
            clock,
            cancel,
            lookup: options.lookup ?? _connection_js__WEBPACK_IMPORTED_MODULE_1__/* .systemLookup */ .Of,
            result,
            signal: controller.signal,
            onClose: (close) => closers.push(close),
        };
        await Promise.race([work(attempt), deadline]);
    }
    catch (error) {
        const described = expired ??
            hooks.describe?.(error) ??
            (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error, { phase: clock.phase, host: url ? hostOf(url) : '', gotHeaders: false });
        result.error = hooks.redact ? hooks.redact(described.message) : described.message;
        result.errorCode = described.code ?? null;
        const certValidTo = error?.certValidTo;
        if (certValidTo && result.certValidTo === null)
            result.certValidTo = certValidTo;
    }
    finally {
        clearTimeout(timer);
        for (const close of closers) {
            try {
                close();
            }
            catch {
                // Closing is best effort: the sockets are destroyed below in any case.
            }
        }
        // The outermost layer first: destroying the TCP socket under a live TLS socket first
        // crashed Node 20 (a segmentation fault) once a handshake had completed.
        for (const socket of [...sockets].reverse())
            socket.destroy();
    }
    result.timings = clock.finish();
    return result;
}
/** The host of a URL without the brackets of an IPv6 address. */
const hostOf = (url) => url.hostname.replace(/^\[|\]$/g, '');
/**
 * DNS and TCP to the URL's host and port, then TLS when `tls` (SNI = the host; verified unless
 * `insecure`; the chain's expiry recorded). Leaves the clock in `wait`.
 */
async function openConnection(attempt, port, tls, alpn) {
    const { url, clock, cancel, lookup } = attempt;
    const socket = await (0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .openTcp */ .UD)(url.hostname, port, clock, cancel, lookup, { keep: true });
    if (!tls) {
        clock.enter('wait');
        return socket;
    }
    return upgradeToTls(attempt, socket, alpn);
}
/** A TLS handshake on an open connection (implicit TLS, or after STARTTLS). Leaves the clock in `wait`. */
async function upgradeToTls(attempt, socket, alpn) {
    attempt.clock.enter('tls');
    const secured = await (0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .secureSocket */ .Jm)(socket, attempt.url.hostname, attempt.request.insecure, attempt.cancel, alpn);
    attempt.result.certValidTo = secured.certValidTo;
    attempt.clock.enter('wait');
    return secured.socket;
}
/** The port of a URL, or the kind's default when it names none. */
const portOf = (url, fallback) => (url.port ? Number(url.port) : fallback);


/***/ }),

/***/ 93397:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeTcp: () => (/* binding */ probeTcp)
/* harmony export */ });
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98929);

function probeTcp(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .runAttempt */ .Tm)(request, options, async (attempt) => {
        const socket = await (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .openConnection */ .JY)(attempt, (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .portOf */ .HM)(attempt.url, 0), false);
        // Nothing is said on the connection: a polite close, so the service logs no error.
        socket.end();
    });
}


/***/ })

};
