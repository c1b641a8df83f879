export const id = 804;
export const ids = [804];
export const modules = {

/***/ 7804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeSmtp: () => (/* binding */ probeSmtp)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _text_one_line_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3854);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(835);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8929);
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
                return this.fail(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`not an SMTP reply: ${(0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)((0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(line), 120)}`, 'EPROTO'));
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
const shown = (reply) => (0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)((0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(`${reply.code} ${reply.lines[0] ?? ''}`.trim()), 200);
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
