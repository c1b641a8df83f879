/**
 * One attempt at one endpoint: a fresh connection per hop, phase timings taken from socket
 * events on a monotonic clock, redirects followed by hand, one total deadline, and at most
 * `bodyLimit` bytes of the decoded body kept while the rest is drained.
 *
 * This is our own code rather than `@actions/http-client` or `fetch` because neither reports
 * the phases of a request (DNS, connect, TLS, time to first byte), and both pool connections,
 * which would hide exactly the cold-start cost a monitor exists to see.
 */
import http from 'node:http';
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { checkBypass } from '@actions/http-client/lib/proxy';
import { basicCredentials, connect, systemLookup, type Cancellable, type Lookup } from './connection.js';
import { ProbeError, describeError, timeoutError } from './errors.js';
import { PhaseClock, type Timings } from './phases.js';
import type { HeartbeatReport } from '../heartbeat/reports.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const USER_AGENT = 'Vigil/1 (uptime monitor)';

export interface ProbeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  /** Total deadline of the attempt, in ms. */
  timeout: number;
  followRedirects: number;
  insecure: boolean;
  /** Bytes of the decoded body kept for content checks. */
  bodyLimit?: number;
  /** Keys that only some check kinds read (see kinds/index.ts); absent for HTTP. */
  kind?: KindOptions;
}

/** The endpoint keys that belong to one kind of check, as its prober reads them. */
export interface KindOptions {
  /** ws/wss: the message sent after the handshake. */
  send?: string;
  /** smtp: STARTTLS is required, not only used when offered. */
  starttls?: boolean;
  /** A content check reads the body, so the kind waits for one (ws: the first message). */
  readBody?: boolean;
  /** telegram-bot: the bot's token (a secret). */
  token?: string;
  /** telegram-bot: a self-hosted Bot API server. */
  apiUrl?: string;
  /** telegram-bot: updates waiting that are still fine. */
  maxPending?: number;
  /** workflow: `OWNER/REPO/.github/workflows/FILE` (resolved from `FILE` with GITHUB_REPOSITORY). */
  workflow?: string;
  /** workflow: the oldest a successful run may have started, in ms. */
  maxAge?: number;
  /** workflow: only runs on this branch count. */
  branch?: string;
  /** workflow: the token for GitHub's API (`github-token`, a secret). */
  githubToken?: string;
  /** workflow: GitHub's API (GITHUB_API_URL). */
  githubApiUrl?: string;
  /** heartbeat: the id that reports name (`client_payload.id`). */
  heartbeat?: string;
  /** heartbeat: its last reports, newest first, read from the data branch before the checks
   * (src/heartbeat/reports.ts); absent or null when they were not read. */
  heartbeatReports?: readonly HeartbeatReport[] | null;
  /** heartbeat: why the reports were not read, in words. */
  heartbeatUnread?: string;
}

export interface ProbeResult {
  /** Status of the final response; null when none came. */
  httpStatus: number | null;
  statusText: string | null;
  /** Response headers of the final response, names in lower case. */
  headers: Record<string, string>;
  /** The first `bodyLimit` bytes of the decoded body. */
  body: Buffer;
  /** True when the body was longer than what was kept. */
  bodyTruncated: boolean;
  /** Why the body could not be decoded, if it could not. */
  bodyError: string | null;
  timings: Timings;
  error: string | null;
  errorCode: string | null;
  redirects: number;
  finalUrl: string;
  /** The earliest certificate expiry seen on any https hop. */
  certValidTo: Date | null;
  startedAt: Date;
}

export interface ProbeOptions {
  /** A monotonic clock in ms (injected by tests). */
  now?: () => number;
  /** The wall clock in ms since the epoch, for ages of things dated by others (default Date.now). */
  wallClock?: () => number;
  /** The proxy for a URL, or null for a direct connection. Defaults to the environment's
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY rules. */
  proxyFor?: (url: URL) => URL | null;
  /** Resolves host names; defaults to the system resolver. */
  lookup?: Lookup;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie']);

/**
 * The proxy for a URL under the runner's HTTPS_PROXY / HTTP_PROXY / NO_PROXY rules (those of
 * `@actions/http-client`). Its user and password stay percent-encoded, as `URL` keeps them, to
 * be decoded exactly once: the client's own proxy URL decodes them already, and throws (so goes
 * without the proxy) on a password with a lone `%`.
 */
export function proxyFromEnvironment(url: URL): URL | null {
  if (checkBypass(url)) return null;
  const env = process.env;
  const configured = url.protocol === 'https:' ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
  if (!configured) return null;
  // `proxy.corp:3128` without a scheme means http://proxy.corp:3128.
  const written = /^https?:\/\//i.test(configured) ? configured : `http://${configured}`;
  return URL.canParse(written) ? new URL(written) : null;
}

interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** What the hops of one attempt share. */
interface Attempt {
  request: ProbeRequest;
  clock: PhaseClock;
  cancel: Cancellable;
  proxyFor: (url: URL) => URL | null;
  lookup: Lookup;
  bodyLimit: number;
  result: ProbeResult;
  /** The last informational (1xx) response of the current hop, e.g. `100 Continue`. */
  informational: string | null;
}

type HopOutcome = { kind: 'final' } | { kind: 'redirect'; location: string; status: number };

/** A result before anything happened: no status, headers or body yet, all phases zero. */
export function emptyResult(url: string, startedAt: Date): ProbeResult {
  return {
    httpStatus: null,
    statusText: null,
    headers: {},
    body: Buffer.alloc(0),
    bodyTruncated: false,
    bodyError: null,
    timings: { dns: 0, connect: 0, tls: 0, wait: 0, download: 0, total: 0 },
    error: null,
    errorCode: null,
    redirects: 0,
    finalUrl: url,
    certValidTo: null,
    startedAt,
  };
}

export async function probe(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  const now = options.now ?? (() => performance.now());
  const startedAt = new Date();
  const clock = new PhaseClock(now);

  const result = emptyResult(request.url, startedAt);

  const sockets = new Set<net.Socket>();
  let expired: ProbeError | null = null;
  const cancel: Cancellable = {
    track(socket) {
      sockets.add(socket);
      // Whoever uses the socket reports its errors; this keeps a second error from a socket
      // being torn down (by the deadline, say) from becoming an uncaught exception.
      socket.on('error', () => undefined);
      if (expired) socket.destroy(expired);
    },
  };
  const attempt: Attempt = {
    request,
    clock,
    cancel,
    proxyFor: options.proxyFor ?? proxyFromEnvironment,
    lookup: options.lookup ?? systemLookup,
    bodyLimit: request.bodyLimit ?? DEFAULT_BODY_LIMIT,
    result,
    informational: null,
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = timeoutError(request.timeout, {
        phase: clock.phase,
        gotHeaders: result.httpStatus !== null,
        informational: attempt.informational,
      });
      for (const socket of sockets) socket.destroy(expired);
      reject(expired);
    }, request.timeout);
  });
  deadline.catch(() => undefined);

  let hop: HopRequest = {
    url: new URL(request.url),
    method: request.method,
    headers: { ...request.headers },
    body: request.body,
  };
  try {
    for (;;) {
      result.finalUrl = hop.url.href;
      // Only the newest response counts: a redirect's status and headers are not the answer.
      result.httpStatus = null;
      result.statusText = null;
      result.headers = {};
      attempt.informational = null;
      const outcome = await Promise.race([runHop(hop, attempt), deadline]);
      if (outcome.kind === 'final') break;
      if (result.redirects >= request.followRedirects) {
        throw new ProbeError(`too many redirects (${result.redirects + 1})`, 'TOO_MANY_REDIRECTS');
      }
      result.redirects += 1;
      hop = nextHop(hop, outcome.location, outcome.status);
      clock.enter('connect');
    }
  } catch (error) {
    const described = describeError(expired ?? error, {
      phase: clock.phase,
      host: hop.url.hostname,
      gotHeaders: result.httpStatus !== null,
    });
    result.error = described.message;
    result.errorCode = described.code ?? null;
    const certValidTo = (error as { certValidTo?: Date | null }).certValidTo;
    if (certValidTo) result.certValidTo = earliest(result.certValidTo, certValidTo);
  } finally {
    clearTimeout(timer);
    for (const socket of sockets) socket.destroy();
  }
  result.timings = clock.finish();
  return result;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** The request for the next hop of a redirect, as browsers and curl make it. */
function nextHop(previous: HopRequest, location: string, status: number): HopRequest {
  let url: URL;
  try {
    url = new URL(location, previous.url);
  } catch {
    throw new ProbeError('redirected to an invalid URL', 'BAD_REDIRECT');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProbeError(`redirected to an unsupported scheme (${url.protocol.replace(/:$/, '')})`, 'BAD_REDIRECT');
  }
  const headers = { ...previous.headers };
  if (url.origin !== previous.url.origin) {
    // Credentials are meant for the origin they were configured for, never for another one.
    for (const name of Object.keys(headers)) if (CREDENTIAL_HEADERS.has(name.toLowerCase())) delete headers[name];
    url.username = '';
    url.password = '';
  } else if (!url.username && previous.url.username) {
    url.username = previous.url.username;
    url.password = previous.url.password;
  }
  let { method, body } = previous;
  const becomesGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
  if (becomesGet) {
    method = 'GET';
    body = null;
    for (const name of Object.keys(headers)) {
      if (/^content-(type|length|encoding)$/i.test(name)) delete headers[name];
    }
  }
  return { url, method, headers, body };
}

function requestHeaders(hop: HopRequest, proxy: URL | null, viaHttpProxy: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Host: hop.url.host,
    'User-Agent': USER_AGENT,
    Accept: '*/*',
    'Accept-Encoding': 'gzip, deflate, br',
    Connection: 'close',
  };
  const has = (name: string) => Object.keys(hop.headers).some((key) => key.toLowerCase() === name);
  for (const name of Object.keys(headers)) if (has(name.toLowerCase())) delete headers[name];
  const authorization = basicCredentials(hop.url);
  if (authorization && !has('authorization')) headers.Authorization = authorization;
  const proxyAuthorization = viaHttpProxy && proxy ? basicCredentials(proxy) : null;
  if (proxyAuthorization) headers['Proxy-Authorization'] = proxyAuthorization;
  if (hop.body !== null && !has('content-length')) headers['Content-Length'] = String(Buffer.byteLength(hop.body));
  return { ...headers, ...hop.headers };
}

async function runHop(hop: HopRequest, attempt: Attempt): Promise<HopOutcome> {
  const { request, clock, result } = attempt;
  const proxy = attempt.proxyFor(hop.url);
  const connection = await connect({ url: hop.url, insecure: request.insecure, proxy }, clock, attempt.cancel, attempt.lookup);
  if (connection.certValidTo) result.certValidTo = earliest(result.certValidTo, connection.certValidTo);
  const followsRedirects = request.followRedirects > 0;

  return new Promise<HopOutcome>((resolve, reject) => {
    // Through a proxy the request line names the absolute URL, without its user and password:
    // those travel in the Authorization header, as they do without a proxy.
    const target = (connection.viaHttpProxy ? `${hop.url.protocol}//${hop.url.host}` : '') + hop.url.pathname + hop.url.search;
    const req = http.request({
      method: hop.method,
      path: target,
      headers: requestHeaders(hop, proxy, connection.viaHttpProxy),
      setHost: false,
      createConnection: () => connection.socket,
    });
    req.once('socket', (socket) => {
      // The first byte of the response ends the wait, whatever the parser makes of it.
      socket.prependOnceListener('data', () => clock.enter('download'));
    });
    req.on('error', reject);
    req.on('information', (info: http.InformationEvent) => {
      attempt.informational = `${info.statusCode} ${info.statusMessage}`.trim();
    });
    // Nothing here asks to switch protocols, so a 101 can never lead to a final response.
    req.once('upgrade', (res: http.IncomingMessage, socket: net.Socket) => {
      socket.destroy();
      const status = `${res.statusCode} ${res.statusMessage ?? ''}`.trim();
      reject(
        new ProbeError(
          `the server switched protocols (${status}) without being asked to; no final response`,
          'UNREQUESTED_UPGRADE',
        ),
      );
    });
    req.once('response', (res) => {
      if (clock.phase === 'wait') clock.enter('download');
      result.httpStatus = res.statusCode ?? null;
      result.statusText = res.statusMessage ?? null;
      result.headers = Object.fromEntries(
        Object.entries(res.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
      );
      const location = res.headers.location;
      if (followsRedirects && REDIRECTS.has(res.statusCode ?? 0) && location) {
        // The redirect's own body tells us nothing; the connection is not reused either.
        res.destroy();
        resolve({ kind: 'redirect', location, status: res.statusCode ?? 0 });
        return;
      }
      readBody(res, attempt.bodyLimit, result, connection.discardReads).then(() => resolve({ kind: 'final' }), reject);
    });
    req.end(hop.body ?? undefined);
  });
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Reads the whole body within the deadline, keeping at most `limit` decoded bytes. Once the
 * limit is reached the decoder is dropped and the rest is read and thrown away, so memory stays
 * flat whatever the size of the body. */
function readBody(res: http.IncomingMessage, limit: number, result: ProbeResult, discardReads: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let size = 0;
    let decoder = decoderFor(res.headers['content-encoding']);
    let rawEnded = false;

    const keep = (chunk: Buffer) => {
      if (size >= limit) {
        result.bodyTruncated = true;
        stopDecoding();
        return;
      }
      const room = limit - size;
      if (chunk.length > room) {
        kept.push(chunk.subarray(0, room));
        size = limit;
        result.bodyTruncated = true;
        stopDecoding();
      } else {
        kept.push(chunk);
        size += chunk.length;
      }
    };
    const finish = () => {
      result.body = Buffer.concat(kept, size);
      resolve();
    };
    // The rest of the body is only read to its end: nothing more is decoded, copied or kept.
    const stopDecoding = () => {
      drainRest();
      if (!decoder) return;
      const old = decoder;
      decoder = null;
      res.unpipe(old);
      old.destroy();
      if (rawEnded) finish();
      else res.resume();
    };

    // Body bytes the HTTP parser has handed on so far (to the decoder, or to `keep`).
    let parsedBytes = 0;
    res.on('data', (chunk: Buffer) => void (parsedBytes += chunk.length));
    const length = Number(res.headers['content-length'] ?? NaN);
    let draining = false;
    /**
     * Reads the rest of a body of known length straight from the socket, past the HTTP parser:
     * the parser copies every piece of a body into a new buffer, and Node 24 lets those pile up
     * (a 200 MiB body peaked at 130+ MiB of RSS). Read this way, the bytes are counted in the
     * socket's one read buffer and never copied. (A chunked body is still drained by the parser.)
     */
    const drainRest = () => {
      discardReads();
      const socket = res.socket;
      if (draining || res.complete || !Number.isSafeInteger(length) || res.headers['transfer-encoding'] || !socket) return;
      draining = true;
      let rawBytes = 0;
      const done = () => parsedBytes + res.readableLength + rawBytes >= length;
      // The parser has read every byte up to here (each read is parsed whole); from here on the
      // bytes are only counted.
      socket.removeAllListeners('data');
      socket.on('data', (chunk: Buffer) => {
        rawBytes += chunk.length;
        if (done()) {
          rawEnded = true;
          if (!decoder) finish();
        }
      });
      // The parser may have paused the socket while the response had no room; nothing waits now.
      socket.resume();
    };

    res.on('error', reject);
    res.once('close', () => {
      if (!res.complete && !(draining && rawEnded)) {
        reject(new ProbeError('connection closed before the end of the body', 'ECONNABORTED'));
      }
    });
    res.once('end', () => {
      rawEnded = true;
      if (!decoder) finish();
    });

    if (decoder) {
      const active = decoder;
      active.on('data', keep);
      active.once('end', () => {
        if (decoder === active) {
          decoder = null;
          finish();
        }
      });
      active.on('error', (error) => {
        if (decoder !== active) return;
        result.bodyError = `could not decode the ${res.headers['content-encoding']} body (${error.message})`;
        stopDecoding();
      });
      res.pipe(active);
    } else {
      res.on('data', keep);
    }
  });
}
