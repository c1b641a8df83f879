export const id = 496;
export const ids = [496];
export const modules = {

/***/ 3496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   healthRequestFrame: () => (/* binding */ healthRequestFrame),
/* harmony export */   probeGrpc: () => (/* binding */ probeGrpc),
/* harmony export */   servingStatus: () => (/* binding */ servingStatus)
/* harmony export */ });
/* harmony import */ var node_http2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2467);
/* harmony import */ var node_http2__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http2__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _text_one_line_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3854);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(835);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2367);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8929);
/**
 * `grpc://host:port[/SERVICE]` and `grpcs://`: one `grpc.health.v1.Health/Check` call for SERVICE
 * (default "", the whole server), up when the answer is `SERVING`.
 *
 * Why not @grpc/grpc-js, the well-kept gRPC library: every kind reports the same phases (dns,
 * connect, tls, wait), timed on a fresh connection per attempt (docs/check-kinds.md). grpc-js
 * resolves names itself (its own `dns` resolver), opens its sockets inside its transport
 * (`net.connect`, then `http2.connect` over them), and keeps them in a subchannel pool that
 * reconnects on its own; what it tells a caller is the channel's connectivity state (IDLE,
 * CONNECTING, READY), with no event at the end of the lookup, the TCP connect or the TLS
 * handshake, and no way to hand it a socket already opened. With it, a check could time only the
 * whole call, and a retry might reuse the connection that just failed. Loading it would also cost
 * each gRPC run time and memory: `node -e "await import('@grpc/grpc-js')"` takes 0.10 s and 53 MB
 * of memory, against 0.07 s and 45 MB for `node:http2` alone (2 cores, Node 20).
 *
 * So the call is made with Node's own HTTP/2 client on the connection this attempt opened
 * (openConnection, the same code that times the other kinds), and the two tiny messages of the
 * health protocol are encoded by hand below: a unary call is a POST with a 5-byte frame header,
 * and its status comes in the trailers. What would change this: a grpc-js release that accepts a
 * connected socket (or reports the lookup, connect and handshake times) and can be told to use a
 * connection once; or a need for more of gRPC than this one call (streams, other methods,
 * compression, auth plugins), which a hand-written codec should not grow into.
 */





/** grpc.health.v1.HealthCheckResponse.ServingStatus */
const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
/** gRPC status codes, by number, as the spec names them. */
const GRPC_CODES = [
    'OK',
    'CANCELLED',
    'UNKNOWN',
    'INVALID_ARGUMENT',
    'DEADLINE_EXCEEDED',
    'NOT_FOUND',
    'ALREADY_EXISTS',
    'PERMISSION_DENIED',
    'RESOURCE_EXHAUSTED',
    'FAILED_PRECONDITION',
    'ABORTED',
    'OUT_OF_RANGE',
    'UNIMPLEMENTED',
    'INTERNAL',
    'UNAVAILABLE',
    'DATA_LOSS',
    'UNAUTHENTICATED',
];
/** Percent-decoded text (gRPC's grpc-message, a URL path), or the text as it is when malformed. */
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** A protobuf varint. */
function varint(value) {
    const bytes = [];
    while (value > 0x7f) {
        bytes.push((value & 0x7f) | 0x80);
        value = Math.floor(value / 128);
    }
    bytes.push(value);
    return Buffer.from(bytes);
}
/** HealthCheckRequest { string service = 1; } in one gRPC frame (not compressed). */
function healthRequestFrame(service) {
    const name = Buffer.from(service, 'utf8');
    const message = name.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(message.length, 1);
    return Buffer.concat([header, message]);
}
/** The `status` (field 1, a varint) of a HealthCheckResponse; 0 (UNKNOWN) when absent. */
function servingStatus(message) {
    let offset = 0;
    const readVarint = () => {
        let value = 0;
        let shift = 0;
        for (;;) {
            if (offset >= message.length)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the health answer is cut short', 'EPROTO');
            const byte = message[offset++];
            value += (byte & 0x7f) * 2 ** shift;
            if ((byte & 0x80) === 0)
                return value;
            shift += 7;
        }
    };
    let status = 0;
    while (offset < message.length) {
        const tag = readVarint();
        const field = Math.floor(tag / 8);
        const wire = tag & 7;
        if (wire === 0) {
            const value = readVarint();
            if (field === 1)
                status = value;
        }
        else if (wire === 2)
            offset += readVarint();
        else if (wire === 1)
            offset += 8;
        else if (wire === 5)
            offset += 4;
        else
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the health answer is not a HealthCheckResponse', 'EPROTO');
    }
    return status;
}
function probeGrpc(request, options = {}) {
    return (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .runAttempt */ .Tm)(request, options, call, { wait: 'waiting for the health answer' });
}
async function call(attempt) {
    const { url } = attempt;
    const secure = url.protocol === 'grpcs:';
    const socket = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .openConnection */ .JY)(attempt, (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .portOf */ .HM)(url, 443), secure, ['h2']);
    const service = decoded(url.pathname.replace(/^\//, ''));
    const authority = url.host;
    const session = node_http2__WEBPACK_IMPORTED_MODULE_0___default().connect(`${secure ? 'https' : 'http'}://${authority}`, { createConnection: () => socket });
    session.on('error', () => undefined);
    try {
        const { headers, trailers, body } = await new Promise((resolve, reject) => {
            session.once('error', reject);
            const stream = session.request({
                ':method': 'POST',
                ':path': '/grpc.health.v1.Health/Check',
                ':authority': authority,
                'content-type': 'application/grpc',
                te: 'trailers',
                'user-agent': _types_js__WEBPACK_IMPORTED_MODULE_3__/* .USER_AGENT */ ._O,
            });
            let headers = {};
            let trailers = {};
            const chunks = [];
            stream.on('response', (received) => (headers = received));
            stream.on('trailers', (received) => (trailers = received));
            stream.on('data', (chunk) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => resolve({ headers, trailers, body: Buffer.concat(chunks) }));
            stream.end(healthRequestFrame(service));
        });
        const httpStatus = Number(headers[':status']);
        if (httpStatus !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`the server answered HTTP ${httpStatus}, not a gRPC response`, 'NOT_GRPC');
        // A call that fails at once sends its status in the headers ("trailers-only").
        const written = trailers['grpc-status'] ?? headers['grpc-status'];
        if (written === undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the server did not answer as gRPC (no grpc-status)', 'NOT_GRPC');
        const grpcStatus = Number(written);
        if (grpcStatus !== 0) {
            const message = String(trailers['grpc-message'] ?? headers['grpc-message'] ?? '');
            const name = GRPC_CODES[grpcStatus] ?? `status ${grpcStatus}`;
            const what = grpcStatus === 5
                ? `the health service does not know the service "${service}" (NOT_FOUND)`
                : grpcStatus === 12
                    ? 'the server has no health service (UNIMPLEMENTED)'
                    : `the health check failed with ${name}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`${what}${message ? `: ${(0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_4__/* .clip */ .$Q)((0,_text_one_line_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(decoded(message)), 200)}` : ''}`, `GRPC_${name}`);
        }
        if (body.length < 5)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the health answer is empty', 'EPROTO');
        if (body[0] !== 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2('the health answer is compressed, which this check did not ask for', 'EPROTO');
        const status = servingStatus(body.subarray(5, 5 + body.readUInt32BE(1)));
        const word = SERVING_STATUS[status] ?? `status ${status}`;
        if (status !== 1) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ProbeError */ .B2(`${service === '' ? 'the server' : `service "${service}"`} is ${word}`, word);
        }
    }
    finally {
        session.destroy();
    }
}


/***/ })

};
