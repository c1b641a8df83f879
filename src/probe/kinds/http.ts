/**
 * The HTTP prober: one attempt at one URL, a fresh connection per hop, phase timings taken from
 * socket events on a monotonic clock, redirects followed by hand, one total deadline (the shared
 * `runAttempt`, as every kind has), and at most `bodyLimit` bytes of the decoded body kept while
 * the rest is drained (http-body.ts).
 *
 * This is our own code rather than `@actions/http-client` or `fetch` because neither reports
 * the phases of a request (DNS, connect, TLS, time to first byte), and both pool connections,
 * which would hide exactly the cold-start cost a monitor exists to see.
 */
import http from 'node:http';
import type net from 'node:net';
import { checkBypass } from '@actions/http-client/lib/proxy';
import { basicCredentials, connect } from '../connection.js';
import { ProbeError, describeError, timeoutError } from '../errors.js';
import { DEFAULT_BODY_LIMIT, USER_AGENT, type ProbeOptions, type ProbeRequest, type ProbeResult } from '../types.js';
import { earlier, runAttempt, type Attempt } from './common.js';
import { readBody } from './http-body.js';

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

/** What the hops of one attempt share, besides what every kind's attempt has. */
interface HttpAttempt extends Attempt {
  proxyFor: (url: URL) => URL | null;
  bodyLimit: number;
  /** The last informational (1xx) response of the current hop, e.g. `100 Continue`. */
  informational: string | null;
}

type HopOutcome = { kind: 'final' } | { kind: 'redirect'; location: string; status: number };

export async function probeHttp(request: ProbeRequest, options: ProbeOptions = {}): Promise<ProbeResult> {
  let current: { attempt: HttpAttempt; hop: HopRequest } | null = null;
  const gotHeaders = () => current !== null && current.attempt.result.httpStatus !== null;
  return runAttempt(
    request,
    options,
    async (base) => {
      const attempt: HttpAttempt = {
        ...base,
        proxyFor: options.proxyFor ?? proxyFromEnvironment,
        bodyLimit: request.bodyLimit ?? DEFAULT_BODY_LIMIT,
        informational: null,
      };
      const { clock, result } = attempt;
      current = { attempt, hop: { url: base.url, method: request.method, headers: { ...request.headers }, body: request.body } };
      for (;;) {
        const { hop } = current;
        result.finalUrl = hop.url.href;
        // Only the newest response counts: a redirect's status and headers are not the answer.
        result.httpStatus = null;
        result.statusText = null;
        result.headers = {};
        attempt.informational = null;
        const outcome = await runHop(hop, attempt);
        if (outcome.kind === 'final') break;
        if (result.redirects >= request.followRedirects) {
          throw new ProbeError(`too many redirects (${result.redirects + 1})`, 'TOO_MANY_REDIRECTS');
        }
        result.redirects += 1;
        current.hop = nextHop(hop, outcome.location, outcome.status);
        clock.enter('connect');
      }
    },
    {},
    'connect',
    {
      timeout: (phase) =>
        timeoutError(request.timeout, { phase, gotHeaders: gotHeaders(), informational: current?.attempt.informational ?? null }),
      describe: (error) =>
        current === null
          ? null
          : describeError(error, {
              phase: current.attempt.clock.phase,
              host: current.hop.url.hostname,
              gotHeaders: gotHeaders(),
            }),
    },
  );
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

async function runHop(hop: HopRequest, attempt: HttpAttempt): Promise<HopOutcome> {
  const { request, clock, result } = attempt;
  const proxy = attempt.proxyFor(hop.url);
  const connection = await connect({ url: hop.url, insecure: request.insecure, proxy }, clock, attempt.cancel, attempt.lookup);
  if (connection.certValidTo) result.certValidTo = earlier(result.certValidTo, connection.certValidTo);
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
