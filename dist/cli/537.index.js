export const id = 537;
export const ids = [537];
export const modules = {

/***/ 2537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   digShort: () => (/* binding */ digShort),
/* harmony export */   probeDns: () => (/* binding */ probeDns)
/* harmony export */ });
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1553);
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_dns_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(835);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8929);
/* harmony import */ var _dns_query_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7884);
/**
 * `dns://[resolver[:port]]/name?type=T` (RFC 4501): one query, up when the answer is NOERROR
 * with at least one record. The body is the answers, one a line, as `dig +short` prints them.
 *
 * The query goes through Node's own resolver (c-ares, `dns.promises.Resolver`) rather than a
 * packet library: it sends the query over UDP and asks again over TCP when the answer comes back
 * truncated, takes a chosen `resolver:port` (`setServers`), or the system's resolvers when the
 * URL names none, and can be cancelled — all without a dependency. Its one query a try is what a
 * monitor wants (`tries: 1`): a retry is Vigil's to make, with its own delay, not a hidden resend.
 */





/** A name as dig prints it: fully qualified, with its final dot. */
const fqdn = (name) => (name.endsWith('.') ? name : `${name}.`);
/** A TXT or CAA string in dig's quotes, with quotes and backslashes escaped. */
const quoted = (text) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
/** The answers, one a line, as `dig +short` prints them. */
function digShort(type, answers) {
    const records = answers;
    switch (type) {
        case 'A':
        case 'AAAA':
            return records.map(String);
        case 'CNAME':
        case 'NS':
            return records.map((name) => fqdn(String(name)));
        case 'MX':
            return records.map((mx) => `${mx.priority} ${fqdn(mx.exchange)}`);
        case 'TXT':
            return records.map((chunks) => chunks.map(quoted).join(' '));
        case 'SOA': {
            const soa = answers;
            return [
                `${fqdn(soa.nsname)} ${fqdn(soa.hostmaster)} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minttl}`,
            ];
        }
        case 'CAA':
            return records.map((caa) => {
                const tag = Object.keys(caa).find((key) => key !== 'critical') ?? 'issue';
                return `${caa.critical ?? 0} ${tag} ${quoted(String(caa[tag]))}`;
            });
    }
}
/** c-ares' error codes, in the words of DNS people. */
function dnsError(code, name, type, resolver) {
    switch (code) {
        case 'ENOTFOUND':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`NXDOMAIN: ${name} does not exist (asked ${resolver})`, 'NXDOMAIN');
        case 'ENODATA':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`no ${type} record for ${name} (NOERROR, no answers; asked ${resolver})`, 'NODATA');
        case 'ESERVFAIL':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`SERVFAIL from ${resolver} for ${name}`, 'SERVFAIL');
        case 'EREFUSED':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`REFUSED: ${resolver} refused to answer for ${name}`, 'REFUSED');
        case 'ENOTIMP':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`NOTIMP: ${resolver} does not answer ${type} queries`, 'NOTIMP');
        case 'EFORMERR':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`FORMERR: ${resolver} could not read the query`, 'FORMERR');
        case 'EBADRESP':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`${resolver} sent a malformed answer`, 'EBADRESP');
        case 'ECONNREFUSED':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`connection refused by ${resolver}`, 'ECONNREFUSED');
        case 'ETIMEOUT':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`no answer from ${resolver}`, 'TIMEOUT');
        default:
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ProbeError */ .B2(`the query failed (${code})`, code);
    }
}
function probeDns(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .runAttempt */ .Tm)(request, options, async (attempt) => {
        const { url, result, signal } = attempt;
        const name = (0,_dns_query_js__WEBPACK_IMPORTED_MODULE_4__/* .dnsQueryName */ .X)(url);
        const type = (0,_dns_query_js__WEBPACK_IMPORTED_MODULE_4__/* .dnsQueryType */ .aG)(url);
        // c-ares retries a try after `timeout`; one try within the whole deadline, which also stops it.
        const resolver = new node_dns_promises__WEBPACK_IMPORTED_MODULE_0__.Resolver({ timeout: request.timeout, tries: 1 });
        signal.addEventListener('abort', () => resolver.cancel(), { once: true });
        let shown = 'the system resolver';
        if (url.hostname !== '') {
            const host = (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .hostOf */ .w4)(url);
            // A resolver given by name is found with the system's lookup first (part of the dns
            // phase); each of its addresses is a server to ask, in turn, should one not answer.
            const addresses = node_net__WEBPACK_IMPORTED_MODULE_1___default().isIP(host) !== 0 ? [host] : (await attempt.lookup(host)).map((found) => found.address);
            const port = url.port ? Number(url.port) : 53;
            resolver.setServers(addresses.map((address) => (node_net__WEBPACK_IMPORTED_MODULE_1___default().isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`)));
            shown = url.port ? `${host}:${port}` : host;
        }
        let answers;
        try {
            answers = await resolver.resolve(name, type);
        }
        catch (error) {
            if (signal.aborted)
                throw signal.reason;
            throw dnsError(String(error.code ?? ''), name, type, shown);
        }
        const lines = digShort(type, answers);
        if (lines.length === 0)
            throw dnsError('ENODATA', name, type, shown);
        result.body = Buffer.from(lines.join('\n'), 'utf8');
    }, { dns: 'waiting for the DNS answer' }, 
    // The whole attempt is the query: nothing is connected first.
    'dns');
}


/***/ })

};
