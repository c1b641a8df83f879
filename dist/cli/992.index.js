export const id = 992;
export const ids = [992];
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

/***/ 992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeMysql: () => (/* binding */ probeMysql)
/* harmony export */ });
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(835);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4275);
/* harmony import */ var _db_common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7054);




function wantsTls(url) {
    const mode = url.searchParams.get('ssl-mode') ?? url.searchParams.get('sslmode');
    const ssl = url.searchParams.get('ssl');
    if (mode === null)
        return ssl === 'true' || ssl === '1';
    switch (mode.toUpperCase().replace(/-/g, '_')) {
        case 'DISABLED':
            return false;
        case 'REQUIRED':
        case 'VERIFY_CA':
        case 'VERIFY_IDENTITY':
            return true;
        default:
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`unknown ssl-mode "${mode.slice(0, 40)}" (expected DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)`, 'BAD_URL');
    }
}
const load = () => __webpack_require__.e(/* import() */ 909).then(__webpack_require__.t.bind(__webpack_require__, 909, 19));
const mysqlKind = (insecure) => ({
    load,
    needsUser: true,
    defaultPort: 3306,
    ping: 'SELECT 1',
    async run(session, library) {
        const { default: mysql } = library;
        const { target, clock, result } = session;
        const useTls = wantsTls(target.url);
        const socket = await (0,_db_common_js__WEBPACK_IMPORTED_MODULE_3__/* .openTcp */ .UD)(session);
        let connection = null;
        // Why the TLS handshake was refused here; mysql2 reports it only as a closed connection.
        let tlsProblem = null;
        if (useTls) {
            // With TLS, the client's first packet is its TLS request, right before the handshake
            // (mysql2 makes the TLS socket in the same tick): the tls phase starts there.
            const write = socket.write;
            socket.write = function (...args) {
                socket.write = write;
                const written = write.apply(this, args);
                clock.enter('tls');
                process.nextTick(() => watchHandshake(connection?.stream));
                return written;
            };
        }
        const watchHandshake = (secure) => {
            if (!(secure instanceof (node_tls__WEBPACK_IMPORTED_MODULE_0___default().TLSSocket)))
                return;
            session.cancel.track(secure);
            // Runs before mysql2's own handler, which sends the credentials.
            secure.prependOnceListener('secureConnect', () => {
                clock.enter('wait');
                result.certValidTo = (0,_connection_js__WEBPACK_IMPORTED_MODULE_2__/* .earliestExpiry */ .tJ)(secure);
                let problem = null;
                if (!secure.authorized)
                    problem = String(secure.authorizationError ?? 'UNKNOWN');
                else if (node_tls__WEBPACK_IMPORTED_MODULE_0___default().checkServerIdentity(target.host, secure.getPeerCertificate()))
                    problem = 'ERR_TLS_CERT_ALTNAME_INVALID';
                if (problem && !insecure) {
                    const expired = result.certValidTo !== null && result.certValidTo.getTime() <= Date.now();
                    const code = expired ? 'CERT_HAS_EXPIRED' : problem;
                    tlsProblem = new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .tlsVerificationMessage */ ._O)(code), code);
                    secure.destroy();
                }
            });
        };
        connection = mysql.createConnection({
            stream: socket,
            host: target.host,
            port: target.port,
            user: target.user,
            password: target.password,
            database: target.database || undefined,
            // The deadline of the attempt is the one timeout.
            connectTimeout: 0,
            // Verified by hand above, before any credential is sent, so that the certificate's
            // expiry is known even when verification fails (or is skipped by `insecure`).
            ssl: useTls ? { rejectUnauthorized: false } : undefined,
        });
        const open = connection;
        session.onClose(() => open.destroy());
        // Later errors (the connection torn down by the deadline) are answered by the close above.
        open.on('error', () => undefined);
        try {
            await new Promise((resolve, reject) => {
                open.once('connect', () => resolve());
                open.once('error', reject);
            });
            await new Promise((resolve, reject) => open.query('SELECT 1', (error) => (error ? reject(error) : resolve())));
        }
        catch (error) {
            throw tlsProblem ?? error;
        }
    },
    describe(error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2)
            return error;
        const { message, code, sqlMessage } = error;
        // The server's own words ("Access denied for user 'app'@'localhost' (using password: YES)",
        // "Unknown database 'x'"), with its error name as the code.
        if (sqlMessage)
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(sqlMessage, code ?? 'MYSQL_ERROR');
        if (code === 'HANDSHAKE_NO_SSL_SUPPORT')
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the server does not accept TLS connections', 'NO_TLS');
        if (code === 'PROTOCOL_CONNECTION_LOST') {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the server closed the connection before SELECT 1 was answered', 'ECONNRESET');
        }
        if (message && !code)
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(message, 'MYSQL_ERROR');
        return null;
    },
});
async function probeMysql(request, options = {}) {
    return (0,_db_common_js__WEBPACK_IMPORTED_MODULE_3__/* .probeDatabase */ .qw)(mysqlKind(request.insecure), request, options);
}


/***/ })

};
