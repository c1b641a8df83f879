export const id = 675;
export const ids = [675];
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

/***/ 5675:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probePostgres: () => (/* binding */ probePostgres)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(835);
/* harmony import */ var _db_common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7054);


function tlsMode(url) {
    const mode = url.searchParams.get('sslmode');
    const ssl = url.searchParams.get('ssl');
    if (mode === null)
        return ssl === 'true' || ssl === '1' ? 'require' : 'off';
    switch (mode) {
        case 'disable':
        case 'allow':
            return 'off';
        case 'prefer':
            return 'prefer';
        case 'require':
        case 'verify-ca':
        case 'verify-full':
            return 'require';
        default:
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2(`unknown sslmode "${mode.slice(0, 40)}" (expected disable, allow, prefer, require, verify-ca or verify-full)`, 'BAD_URL');
    }
}
/** PostgreSQL's SSLRequest: the length (8) and the code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
/** Asks the server for TLS; true when it answers `S` (go ahead), false for `N`. */
function requestTls(socket) {
    return new Promise((resolve, reject) => {
        const onData = (chunk) => {
            finish();
            // Anything after the one-byte answer would be bytes a man in the middle slipped in
            // before the handshake (CVE-2021-23222); such a server is not trusted.
            if (chunk.length !== 1)
                return reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('invalid answer to the TLS request', 'PROTOCOL'));
            if (chunk[0] === 0x53)
                resolve(true);
            else if (chunk[0] === 0x4e)
                resolve(false);
            else
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('invalid answer to the TLS request', 'PROTOCOL'));
        };
        const onClose = () => {
            finish();
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('connection closed before the server answered the TLS request', 'ECONNRESET'));
        };
        const finish = () => {
            socket.removeListener('data', onData);
            socket.removeListener('close', onClose);
            socket.removeListener('error', reject);
        };
        socket.on('data', onData);
        socket.once('close', onClose);
        socket.once('error', reject);
        socket.write(SSL_REQUEST);
    });
}
const load = () => __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849));
const postgresKind = (insecure) => ({
    load,
    needsUser: true,
    defaultPort: 5432,
    ping: 'SELECT 1',
    async run(session, library) {
        const { default: pg } = library;
        const { target } = session;
        const tls = tlsMode(target.url);
        let socket = await (0,_db_common_js__WEBPACK_IMPORTED_MODULE_1__/* .openTcp */ .UD)(session);
        if (tls !== 'off') {
            // The request for TLS and its answer are part of setting TLS up.
            session.clock.enter('tls');
            const offered = await requestTls(socket);
            if (offered)
                socket = await (0,_db_common_js__WEBPACK_IMPORTED_MODULE_1__/* .startTls */ .w1)(session, socket, insecure);
            else if (tls === 'require')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('the server does not accept TLS connections', 'NO_TLS');
            else
                session.clock.enter('wait');
        }
        // pg calls `connect()` on the stream it is given and waits for its `connect` event; this
        // socket is connected already, so it only announces that.
        const given = socket;
        given.connect = (() => {
            process.nextTick(() => given.emit('connect'));
            return given;
        });
        const client = new pg.Client({
            stream: () => given,
            host: target.host,
            port: target.port,
            user: target.user,
            // A function, so that an empty password stays empty: pg would take PGPASSWORD from the
            // environment in its place.
            password: () => target.password,
            // As libpq: no database named is the user's own (never PGDATABASE from the environment).
            database: target.database || target.user,
            application_name: 'Vigil',
            // The TLS of this connection was set up above, before pg saw it.
            ssl: false,
        });
        // A failed login also ends the connection; its errors are reported by `connect()`.
        client.on('error', () => undefined);
        session.onClose(() => void client.end().catch(() => undefined));
        await client.connect();
        await client.query('SELECT 1');
    },
    describe(error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2)
            return error;
        const { message, code, severity } = error;
        // The server's own words ("password authentication failed for user "app"", "database "x"
        // does not exist"), with its SQLSTATE as the code.
        if (severity && code)
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2(message, code);
        if (message === 'Connection terminated unexpectedly') {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ProbeError */ .B2('the server closed the connection before SELECT 1 was answered', 'ECONNRESET');
        }
        return null;
    },
});
async function probePostgres(request, options = {}) {
    return (0,_db_common_js__WEBPACK_IMPORTED_MODULE_1__/* .probeDatabase */ .qw)(postgresKind(request.insecure), request, options);
}


/***/ })

};
