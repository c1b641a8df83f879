export const id = 804;
export const ids = [804];
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

/***/ 87804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeSmtp: () => (/* binding */ probeSmtp)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(54285);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80835);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98929);
/**
 * `smtp://host:port` and `smtps://`: the greeting, `EHLO`, `STARTTLS` when the server offers it
 * (required with `starttls: true`), `EHLO` again over TLS, then `QUIT`. Up on a 220 greeting and
 * a 250 EHLO, with a verified chain wherever TLS was used. No mail is sent and no login is made.
 * The body is the greeting and the lines of the last EHLO.
 *
 * A small client of our own rather than nodemailer's connection: the conversation is five lines,
 * and owning the socket is what lets the phases (tls after STARTTLS, too) be measured on the
 * attempt's clock and the connection be fresh every time.
 */




/** A longer reply is not an SMTP server speaking. */
const MAX_REPLY = 64 * 1024;
/** Reads SMTP replies (`250-…` continued, `250 …` last) from a socket, one at a time. */
class Replies {
    socket;
    buffer = '';
    lines = [];
    waiting = null;
    ready = [];
    failure = null;
    onData = (chunk) => this.read(chunk.toString('latin1'));
    onEnd = () => this.fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the server closed the connection', 'ECONNRESET'));
    onError = (error) => this.fail(error);
    constructor(socket) {
        this.socket = socket;
        socket.on('data', this.onData);
        socket.once('end', this.onEnd);
        socket.once('error', this.onError);
    }
    /** Lets go of the socket (before TLS takes it over). */
    detach() {
        this.socket.removeListener('data', this.onData);
        this.socket.removeListener('end', this.onEnd);
        this.socket.removeListener('error', this.onError);
    }
    next() {
        const reply = this.ready.shift();
        if (reply)
            return Promise.resolve(reply);
        if (this.failure)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
    }
    read(text) {
        this.buffer += text;
        if (this.buffer.length > MAX_REPLY)
            return this.fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the server sent an overlong reply', 'EPROTO'));
        let end;
        while ((end = this.buffer.indexOf('\n')) >= 0) {
            const line = this.buffer.slice(0, end).replace(/\r$/, '');
            this.buffer = this.buffer.slice(end + 1);
            const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
            if (!match)
                return this.fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`not an SMTP reply: ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)((0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(line), 120)}`, 'EPROTO'));
            this.lines.push(match[3]);
            if (match[2] !== '-') {
                const reply = { code: Number(match[1]), lines: this.lines };
                this.lines = [];
                if (this.waiting) {
                    const { resolve } = this.waiting;
                    this.waiting = null;
                    resolve(reply);
                }
                else
                    this.ready.push(reply);
            }
        }
    }
    fail(error) {
        this.failure ??= error;
        if (this.waiting) {
            const { reject } = this.waiting;
            this.waiting = null;
            reject(this.failure);
        }
    }
}
/** A reply as an error shows it: its code and first line, cut short (the text is the server's). */
const shown = (reply) => (0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)((0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(`${reply.code} ${reply.lines[0] ?? ''}`.trim()), 200);
function probeSmtp(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .runAttempt */ .Tm)(request, options, converse, { wait: 'waiting for the SMTP server' });
}
async function converse(attempt) {
    const { url, request, result } = attempt;
    const implicit = url.protocol === 'smtps:';
    let socket = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .openConnection */ .JY)(attempt, (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .portOf */ .HM)(url, implicit ? 465 : 25), implicit);
    let replies = new Replies(socket);
    const say = async (line) => {
        socket.write(`${line}\r\n`);
        return replies.next();
    };
    const greeting = await replies.next();
    if (greeting.code !== 220)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`the greeting was ${shown(greeting)}, not 220`, `SMTP_${greeting.code}`);
    // A name that says who is asking; any name will do for EHLO, no mail is sent.
    const me = node_os__WEBPACK_IMPORTED_MODULE_0___default().hostname() || 'vigil.invalid';
    let ehlo = await say(`EHLO ${me}`);
    if (ehlo.code !== 250)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`EHLO was answered ${shown(ehlo)}`, `SMTP_${ehlo.code}`);
    if (!implicit) {
        const offered = ehlo.lines.some((line) => /^STARTTLS\b/i.test(line.trim()));
        if (!offered && request.kind?.starttls) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the server does not offer STARTTLS (required by starttls: true)', 'NO_STARTTLS');
        }
        if (offered) {
            const ready = await say('STARTTLS');
            if (ready.code !== 220)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`STARTTLS was answered ${shown(ready)}`, `SMTP_${ready.code}`);
            replies.detach();
            socket = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .upgradeToTls */ .fs)(attempt, socket);
            replies = new Replies(socket);
            // What the server said before TLS is forgotten: it is asked again over TLS (RFC 3207).
            ehlo = await say(`EHLO ${me}`);
            if (ehlo.code !== 250)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`EHLO over TLS was answered ${shown(ehlo)}`, `SMTP_${ehlo.code}`);
        }
    }
    result.body = Buffer.from([...greeting.lines, ...ehlo.lines].join('\n'), 'latin1');
    // A polite end, so the server logs no dropped connection; its answer changes nothing.
    socket.write('QUIT\r\n');
    await Promise.race([replies.next().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
}


/***/ })

};
