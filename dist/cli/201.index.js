export const id = 201;
export const ids = [201];
export const modules = {

/***/ 7054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UD: () => (/* binding */ openTcp),
/* harmony export */   qw: () => (/* binding */ probeDatabase),
/* harmony export */   w1: () => (/* binding */ startTls)
/* harmony export */ });
/* unused harmony export parseTarget */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3326);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4275);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(835);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8929);






function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function parseTarget(href, defaultPort, needsUser) {
    if (!URL.canParse(href))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ProbeError */ .B2('the URL is not valid', 'BAD_URL');
    const url = new URL(href);
    if (!url.hostname)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ProbeError */ .B2('the URL names no host', 'BAD_URL');
    if (needsUser && !url.username)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ProbeError */ .B2(`the URL names no user (${url.protocol}//USER:PASSWORD@host/…)`, 'BAD_URL');
    return {
        url,
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port ? Number(url.port) : defaultPort,
        user: safeDecode(url.username),
        password: safeDecode(url.password),
        database: safeDecode(url.pathname.replace(/^\//, '')),
    };
}
const RETRY_NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);
function tcpConnect(address, port, cancel) {
    return new Promise((resolve, reject) => {
        const socket = node_net__WEBPACK_IMPORTED_MODULE_0___default().connect({ host: address.address, port, family: address.family, noDelay: true });
        cancel.track(socket);
        socket.once('connect', () => {
            socket.removeListener('error', reject);
            resolve(socket);
        });
        socket.once('error', reject);
    });
}
/**
 * DNS (timed as the dns phase; none for an IP address) and TCP (the connect phase), trying each
 * address in turn when one refuses, as an HTTP check does. The socket is a plain one (not the
 * HTTP check's shared read buffer): MySQL speaks first, and its greeting must wait in the
 * socket until the library reads it.
 */
async function openTcp(session) {
    const { target, clock, cancel, lookup } = session;
    let addresses;
    const family = node_net__WEBPACK_IMPORTED_MODULE_0___default().isIP(target.host);
    if (family !== 0) {
        addresses = [{ address: target.host, family }];
    }
    else {
        clock.enter('dns');
        addresses = await lookup(target.host);
        clock.enter('connect');
    }
    let lastError = new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ProbeError */ .B2(`host not found: ${target.host}`, 'ENOTFOUND');
    for (const address of addresses) {
        try {
            const socket = await tcpConnect(address, target.port, cancel);
            clock.enter('wait');
            return socket;
        }
        catch (error) {
            lastError = error;
            if (!RETRY_NEXT_ADDRESS.has(error.code ?? ''))
                break;
        }
    }
    throw lastError;
}
/**
 * A TLS handshake over a connected socket (timed as the tls phase), verified as an https check
 * is: the chain and the host name, unless `insecure`. The certificate's expiry is recorded even
 * when verification fails, so a check on an expired certificate says when it expired.
 */
async function startTls(session, socket, insecure) {
    const { target, clock, cancel, result } = session;
    clock.enter('tls');
    const secure = await new Promise((resolve, reject) => {
        const upgraded = node_tls__WEBPACK_IMPORTED_MODULE_1___default().connect({
            socket,
            rejectUnauthorized: false,
            servername: node_net__WEBPACK_IMPORTED_MODULE_0___default().isIP(target.host) ? undefined : target.host,
            checkServerIdentity: (_host, certificate) => node_tls__WEBPACK_IMPORTED_MODULE_1___default().checkServerIdentity(target.host, certificate),
        });
        cancel.track(upgraded);
        upgraded.once('secureConnect', () => {
            upgraded.removeListener('error', reject);
            resolve(upgraded);
        });
        upgraded.once('error', reject);
    });
    clock.enter('wait');
    const certValidTo = (0,_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .earliestExpiry */ .tJ)(secure);
    result.certValidTo = certValidTo;
    if (!secure.authorized && !insecure) {
        const expired = certValidTo !== null && certValidTo.getTime() <= Date.now();
        const code = expired ? 'CERT_HAS_EXPIRED' : String(secure.authorizationError ?? 'UNKNOWN');
        secure.destroy();
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ProbeError */ .B2((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .tlsVerificationMessage */ ._O)(code), code);
    }
    return secure;
}
/** The longest error kept from a server's own words. */
const MAX_ERROR = 500;
/**
 * Runs one attempt of a database check: the result has no HTTP parts (no status, headers or
 * body), its finalUrl is the URL with its user info masked, and its phases add up to the total.
 */
async function probeDatabase(kind, request, options) {
    let library = null;
    let unloadable = null;
    try {
        library = await kind.load();
    }
    catch (error) {
        unloadable = error;
    }
    let password = '';
    const result = await (0,_common_js__WEBPACK_IMPORTED_MODULE_5__/* .runAttempt */ .Tm)(request, options, async ({ clock, cancel, result, lookup, onClose }) => {
        const target = parseTarget(request.url, kind.defaultPort, kind.needsUser);
        password = target.password;
        if (library === null) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ProbeError */ .B2(`the client library could not be loaded (${unloadable?.message ?? unloadable})`, 'NO_LIBRARY');
        }
        await kind.run({ target, clock, cancel, result, lookup, onClose }, library);
    }, { wait: `while logging in and running ${kind.ping}`, download: 'while logging in and running' }, 'connect', {
        describe: (error) => kind.describe(error),
        // A server or library may quote what it was sent; the password never leaves this function.
        // Masked first, then cut: a server's message can be as long as it likes.
        redact(message) {
            const masked = password ? (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactText */ .Rd)(message, [password]) : message;
            return masked.length > MAX_ERROR ? `${masked.slice(0, MAX_ERROR)}…` : masked;
        },
    });
    result.finalUrl = (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(request.url, password ? [password] : []);
    return result;
}


/***/ }),

/***/ 9201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeRedis: () => (/* binding */ probeRedis)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(835);
/* harmony import */ var _db_common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7054);


const load = () => __webpack_require__.e(/* import() */ 796).then(__webpack_require__.t.bind(__webpack_require__, 7796, 23));
const redisKind = (insecure) => ({
    load,
    needsUser: false,
    defaultPort: 6379,
    ping: 'PING',
    async run(session, library) {
        // `default` is ioredis's module.exports both in Node and in the bundle (which offers no
        // named exports for it); the class is on it as `Redis`.
        const { Redis } = library.default;
        const { target } = session;
        let socket = await (0,_db_common_js__WEBPACK_IMPORTED_MODULE_1__/* .openTcp */ .UD)(session);
        if (target.url.protocol === 'rediss:')
            socket = await (0,_db_common_js__WEBPACK_IMPORTED_MODULE_1__/* .startTls */ .w1)(session, socket, insecure);
        const db = target.database === '' ? 0 : Number(target.database);
        if (!Number.isInteger(db) || db < 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2(`the database in the URL is not a number: ${target.database}`, 'BAD_URL');
        const given = socket;
        // ioredis asks its connector for a stream; this one hands over the socket opened above, once.
        class GivenSocket {
            connecting = false;
            stream;
            firstError;
            check() {
                return true;
            }
            connect() {
                this.connecting = true;
                this.stream = given;
                return Promise.resolve(given);
            }
            disconnect() {
                this.connecting = false;
                given.destroy();
            }
        }
        const client = new Redis({
            Connector: GivenSocket,
            lazyConnect: true,
            // One try, no queue, no reconnection: a check reports what one fresh connection sees.
            retryStrategy: () => null,
            reconnectOnError: () => false,
            maxRetriesPerRequest: 0,
            enableOfflineQueue: false,
            enableReadyCheck: false,
            autoResubscribe: false,
            disableClientInfo: true,
            // RESP2: AUTH then PING, understood by every Redis (and its forks), and a server without
            // a password answers PING with `NOAUTH Authentication required`, which says what is wrong.
            protocol: 2,
            username: target.user || undefined,
            password: target.password || undefined,
            db,
        });
        // The error that made the connection fail (a refused AUTH, say) is emitted, while
        // `connect()` only learns that the connection closed.
        let emitted = null;
        client.on('error', (error) => void (emitted ??= error));
        session.onClose(() => client.disconnect());
        try {
            await client.connect();
            const answer = await client.ping();
            if (answer !== 'PONG')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2(`PING was answered with ${JSON.stringify(String(answer).slice(0, 100))}`, 'BAD_PONG');
        }
        catch (error) {
            throw emitted ?? error;
        }
    },
    describe(error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2)
            return error;
        const { name, message } = error;
        // Redis's own replies (`WRONGPASS …`, `NOAUTH …`, `LOADING …`) say best what is wrong.
        if (name === 'ReplyError') {
            const prefix = String(message).split(' ')[0];
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2(String(message), /^[A-Z]{2,20}$/.test(prefix) ? prefix : 'REDIS_ERROR');
        }
        // ioredis's words for bytes that are not RESP (an HTTP server on the port, say).
        if (/^(Unknown RESP type|Protocol error)/.test(String(message))) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('the server did not answer in the Redis protocol', 'PROTOCOL');
        }
        if (message === 'Connection is closed.')
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('connection closed before PING was answered', 'ECONNRESET');
        return null;
    },
});
async function probeRedis(request, options = {}) {
    return (0,_db_common_js__WEBPACK_IMPORTED_MODULE_1__/* .probeDatabase */ .qw)(redisKind(request.insecure), request, options);
}


/***/ })

};
