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
import http2 from 'node:http2';
import { clip, oneLine } from '../../text/one-line.js';
import { ProbeError } from '../errors.js';
import { USER_AGENT, type ProbeOptions, type ProbeRequest, type ProbeResult } from '../types.js';
import { openConnection, portOf, runAttempt, type Attempt } from './common.js';

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
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A protobuf varint. */
function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

/** HealthCheckRequest { string service = 1; } in one gRPC frame (not compressed). */
export function healthRequestFrame(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  const message = name.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]);
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** The `status` (field 1, a varint) of a HealthCheckResponse; 0 (UNKNOWN) when absent. */
export function servingStatus(message: Buffer): number {
  let offset = 0;
  const readVarint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (offset >= message.length) throw new ProbeError('the health answer is cut short', 'EPROTO');
      const byte = message[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
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
      if (field === 1) status = value;
    } else if (wire === 2) offset += readVarint();
    else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else throw new ProbeError('the health answer is not a HealthCheckResponse', 'EPROTO');
  }
  return status;
}

export function probeGrpc(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  return runAttempt(request, options, call, { wait: 'waiting for the health answer' });
}

async function call(attempt: Attempt): Promise<void> {
  const { url } = attempt;
  const secure = url.protocol === 'grpcs:';
  const socket = await openConnection(attempt, portOf(url, 443), secure, ['h2']);
  const service = decoded(url.pathname.replace(/^\//, ''));
  const authority = url.host;
  const session = http2.connect(`${secure ? 'https' : 'http'}://${authority}`, { createConnection: () => socket });
  session.on('error', () => undefined);
  try {
    const { headers, trailers, body } = await new Promise<{
      headers: http2.IncomingHttpHeaders;
      trailers: http2.IncomingHttpHeaders;
      body: Buffer;
    }>((resolve, reject) => {
      session.once('error', reject);
      const stream = session.request({
        ':method': 'POST',
        ':path': '/grpc.health.v1.Health/Check',
        ':authority': authority,
        'content-type': 'application/grpc',
        te: 'trailers',
        'user-agent': USER_AGENT,
      });
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      stream.on('response', (received) => (headers = received));
      stream.on('trailers', (received) => (trailers = received));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve({ headers, trailers, body: Buffer.concat(chunks) }));
      stream.end(healthRequestFrame(service));
    });
    const httpStatus = Number(headers[':status']);
    if (httpStatus !== 200) throw new ProbeError(`the server answered HTTP ${httpStatus}, not a gRPC response`, 'NOT_GRPC');
    // A call that fails at once sends its status in the headers ("trailers-only").
    const written = trailers['grpc-status'] ?? headers['grpc-status'];
    if (written === undefined) throw new ProbeError('the server did not answer as gRPC (no grpc-status)', 'NOT_GRPC');
    const grpcStatus = Number(written);
    if (grpcStatus !== 0) {
      const message = String(trailers['grpc-message'] ?? headers['grpc-message'] ?? '');
      const name = GRPC_CODES[grpcStatus] ?? `status ${grpcStatus}`;
      const what =
        grpcStatus === 5
          ? `the health service does not know the service "${service}" (NOT_FOUND)`
          : grpcStatus === 12
            ? 'the server has no health service (UNIMPLEMENTED)'
            : `the health check failed with ${name}`;
      throw new ProbeError(`${what}${message ? `: ${clip(oneLine(decoded(message)), 200)}` : ''}`, `GRPC_${name}`);
    }
    if (body.length < 5) throw new ProbeError('the health answer is empty', 'EPROTO');
    if (body[0] !== 0) throw new ProbeError('the health answer is compressed, which this check did not ask for', 'EPROTO');
    const status = servingStatus(body.subarray(5, 5 + body.readUInt32BE(1)));
    const word = SERVING_STATUS[status] ?? `status ${status}`;
    if (status !== 1) {
      throw new ProbeError(`${service === '' ? 'the server' : `service "${service}"`} is ${word}`, word);
    }
  } finally {
    session.destroy();
  }
}
